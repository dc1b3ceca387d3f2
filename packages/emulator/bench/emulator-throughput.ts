// Benchmark (npm run bench): GET and invoice-POST throughput of the emulator, and its memory after 100,000 invoices.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FROM_SOURCE_NODE_ARGS } from '../../../scripts/source-condition';
import { type Call, LoadClient, type LoadResult } from './support/load-client';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const RESULTS_PATH = resolve(REPO_ROOT, 'bench-results/emulator.json');
const CLI = [...FROM_SOURCE_NODE_ARGS, resolve(import.meta.dirname, '../src/cli.ts')];
/** Targets for this 2-core machine (project brief). */
const TARGETS = { getPerSecond: 2000, invoicePostPerSecond: 500 };

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '5' },
    concurrency: { type: 'string', default: '16' },
    invoices: { type: 'string', default: '100000' },
  },
});
const SECONDS = Number(values.seconds);
const CONCURRENCY = Number(values.concurrency);
const INVOICE_TOTAL = Number(values.invoices);

interface Emulator {
  child: ChildProcess;
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  apiKey: string;
}

/** The emulator runs in its own process, so the load generator does not share its event loop or its RSS. */
function startEmulatorProcess(): Promise<Emulator> {
  const child = spawn(process.execPath, [...CLI, '--port', '0', '--seed', 'demo'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  return new Promise((resolvePromise, reject) => {
    child.on('exit', (code) => reject(new Error(`the emulator exited (${code}) before it was ready:\n${output}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const field = (label: string) => new RegExp(`${label}\\s+(\\S+)`).exec(output)?.[1];
      const apiKey = field('API key:');
      if (!apiKey) return;
      child.removeAllListeners('exit');
      resolvePromise({
        child,
        baseUrl: field('API base URL:')!,
        clientId: field('client id:')!,
        clientSecret: field('client secret:')!,
        apiKey,
      });
    });
  });
}

function rssMegabytes(pid: number): number {
  const kilobytes = Number(
    execFileSync('ps', ['-o', 'rss=', '-p', String(pid)])
      .toString()
      .trim(),
  );
  return Math.round(kilobytes / 1024);
}

async function requestToken(emulator: Emulator): Promise<string> {
  const response = await fetch(`${emulator.baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: emulator.clientId,
      client_secret: emulator.clientSecret,
      api_key: emulator.apiKey,
    }).toString(),
  });
  if (!response.ok) throw new Error(`token request failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { access_token: string }).access_token;
}

function salesInvoice(partnerId: number, index: number): unknown {
  const today = new Date().toISOString().slice(0, 10);
  const dueDate = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
  return {
    type: 'SALES_INVOICE',
    partnerId,
    date: today,
    counterParty: {
      counterPartyAddress: { name: 'Asiakas Oy', street: 'Katu 1', zip: '00100', city: 'Helsinki', country: 'FINLAND' },
      email: 'laskut@asiakas.fi',
    },
    paymentInfo: {
      paymentMethod: 'BANK_TRANSFER',
      currency: 'EUR',
      dueDate,
      currencyRate: 1,
      bankAccount: { accountNumber: 'FI2112345600000785' },
      bankReferenceCode: '',
      bankReferenceCodeType: 'FI',
    },
    extraInfo: { accountingByRow: true, unitPricesIncludeVat: false },
    discountPercent: 0,
    invoiceChannel: 'EMAIL',
    language: 'FINNISH',
    vatStatus: 1,
    originalInvoiceNumber: `BENCH-${index}`,
    invoiceRows: [
      { product: 'Konsultointi', quantity: 2, unit: 'HOUR', unitPrice: 100, discountPercent: 0, vatPercent: 25.5 },
      { product: 'Matkat', quantity: 1, unit: 'PIECE', unitPrice: 50, discountPercent: 10, vatPercent: 0 },
    ],
  };
}

function row(name: string, result: LoadResult): string {
  return `${name.padEnd(34)} ${String(result.perSecond).padStart(7)}/s ${String(result.requests).padStart(8)} req ${String(result.errors).padStart(5)} err   p50 ${result.p50Ms} ms  p99 ${result.p99Ms} ms`;
}

const emulator = await startEmulatorProcess();
const client = new LoadClient(emulator.baseUrl, await requestToken(emulator), CONCURRENCY);
try {
  const customers = await client.call({ method: 'GET', path: '/businesspartners?type=CUSTOMER' });
  const partnerId = (JSON.parse(customers.body) as { results: Array<{ id: number }> }).results[0]!.id;
  const probe = await client.call({ method: 'POST', path: '/invoices', body: salesInvoice(partnerId, -1) });
  if (probe.status === 404)
    throw new Error(
      'POST /api/invoices is missing (404): the invoices domain is not in this build, so the invoice benchmarks cannot run.',
    );
  if (probe.status >= 300)
    throw new Error(`POST /api/invoices refused the benchmark invoice: ${probe.status} ${probe.body}`);
  const invoiceId = (JSON.parse(probe.body) as { id: number }).id;
  const rssStartMb = rssMegabytes(emulator.child.pid!);

  // Warm-up: let V8 optimise the hot paths before anything is measured.
  await client.run(CONCURRENCY, (): Call => ({ method: 'GET', path: '/company' }), { seconds: 2 });
  await client.run(
    CONCURRENCY,
    (index): Call => ({ method: 'POST', path: '/invoices', body: salesInvoice(partnerId, -10_000 - index) }),
    { count: 500 },
  );
  console.log(
    `Emulator benchmark: ${CONCURRENCY} keep-alive connections, ${SECONDS} s per run, emulator in its own process`,
  );
  const getCompany = await client.run(CONCURRENCY, (): Call => ({ method: 'GET', path: '/company' }), {
    seconds: SECONDS,
  });
  console.log(row('GET /api/company', getCompany));
  const getInvoice = await client.run(CONCURRENCY, (): Call => ({ method: 'GET', path: `/invoices/${invoiceId}` }), {
    seconds: SECONDS,
  });
  console.log(row('GET /api/invoices/{id}', getInvoice));
  const postInvoice = await client.run(
    CONCURRENCY,
    (index): Call => ({ method: 'POST', path: '/invoices', body: salesInvoice(partnerId, index) }),
    {
      seconds: SECONDS,
    },
  );
  console.log(row('POST /api/invoices', postInvoice));

  // Fill up to INVOICE_TOTAL invoices through the API itself (HTTP POST), then read the emulator's resident memory.
  const remaining = Math.max(0, INVOICE_TOTAL - postInvoice.requests - 501);
  const fill = await client.run(
    CONCURRENCY,
    (index): Call => ({ method: 'POST', path: '/invoices', body: salesInvoice(partnerId, 1_000_000 + index) }),
    { count: remaining },
  );
  console.log(row(`POST /api/invoices (fill ${remaining})`, fill));
  const rssAfterMb = rssMegabytes(emulator.child.pid!);
  const getInvoiceFull = await client.run(
    CONCURRENCY,
    (): Call => ({ method: 'GET', path: `/invoices/${invoiceId}` }),
    { seconds: SECONDS },
  );
  console.log(row(`GET /api/invoices/{id} (${INVOICE_TOTAL} stored)`, getInvoiceFull));
  console.log(
    `RSS of the emulator: ${rssStartMb} MB at start, ${rssAfterMb} MB with ${INVOICE_TOTAL} invoices (inserted via HTTP POST)`,
  );

  const results = {
    benchmark: 'emulator-throughput',
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    concurrency: CONCURRENCY,
    secondsPerRun: SECONDS,
    latencyMs: null,
    getCompany,
    getInvoice,
    postInvoice,
    fill: { ...fill, method: 'HTTP POST /api/invoices' },
    getInvoiceWithAllStored: getInvoiceFull,
    memory: { invoices: INVOICE_TOTAL, rssStartMb, rssAfterMb },
    targets: TARGETS,
    meetsTargets: {
      get: Math.min(getCompany.perSecond, getInvoice.perSecond) >= TARGETS.getPerSecond,
      invoicePost: postInvoice.perSecond >= TARGETS.invoicePostPerSecond,
    },
  };
  mkdirSync(resolve(RESULTS_PATH, '..'), { recursive: true });
  writeFileSync(RESULTS_PATH, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `targets: GET ≥ ${TARGETS.getPerSecond}/s ${results.meetsTargets.get ? 'met' : 'MISSED'}, invoice POST ≥ ${TARGETS.invoicePostPerSecond}/s ${results.meetsTargets.invoicePost ? 'met' : 'MISSED'}`,
  );
  console.log(`results written to ${RESULTS_PATH}`);
  if (getCompany.errors + getInvoice.errors + postInvoice.errors + fill.errors > 0) process.exitCode = 1;
} finally {
  client.close();
  // Stops only the emulator process this benchmark started.
  emulator.child.kill('SIGTERM');
}
