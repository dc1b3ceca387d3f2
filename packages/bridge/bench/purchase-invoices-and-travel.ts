// Issue #6 part 2, measured: what importing purchase invoices costs (Procountor calls per invoice, time per run,
// an idle run), and what a travel invoice transfer costs (calls per invoice, time until all succeeded).
// Run from the repository root: npx tsx --conditions=@procountor-bridge/source packages/bridge/bench/purchase-invoices-and-travel.ts [--invoices 200] [--travel 50]
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ProcountorClient } from '@procountor-bridge/client';
import { createPersonalIdentityCode } from '@procountor-bridge/client/finnish';
import { closeDatabase, createDatabase } from '../src/storage/create-database';
import { startTestBridge, startTestProcountor, TEST_ADMIN_TOKEN } from '../test/helpers/start-test-bridge';
import { dimensionToProject, receiveSupplierInvoice } from '../test/helpers/supplier-invoices';

const { values } = parseArgs({
  options: { invoices: { type: 'string', default: '200' }, travel: { type: 'string', default: '50' } },
});
const invoiceCount = Number(values.invoices);
const travelCount = Number(values.travel);

const db = await createDatabase({ kind: 'pglite', dataDir: 'memory://' });
const procountor = await startTestProcountor('Mittari Oy');
const bridge = await startTestBridge(db, {}, { workerConcurrency: 4 });
const emulatorUrl = procountor.emulator.url;

async function call(method: string, urlPath: string, body?: unknown) {
  const response = await fetch(`${bridge.url}${urlPath}`, {
    method,
    headers: {
      authorization: `Bearer ${TEST_ADMIN_TOKEN}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (response.status >= 400) throw new Error(`${method} ${urlPath}: ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** Requests the bridge made to the emulator since `afterSequence`, by "METHOD path-with-ids-as-{id}". */
async function callsSince(afterSequence: number) {
  const response = await fetch(`${emulatorUrl}/_emulator/requests?after=${afterSequence}&limit=5000`);
  const { entries } = (await response.json()) as {
    entries: Array<{ sequence: number; method: string; path: string; clientId: string }>;
  };
  const byPath: Record<string, number> = {};
  for (const entry of entries) {
    const key = `${entry.method} ${entry.path.replace(/\/\d+(?:,\d+)*(?=\/|$)/g, '/{id}')}`;
    byPath[key] = (byPath[key] ?? 0) + 1;
  }
  return { total: entries.length, byPath, last: entries.at(-1)?.sequence ?? afterSequence };
}
async function lastSequence() {
  const response = await fetch(`${emulatorUrl}/_emulator/requests?limit=1`);
  const { entries } = (await response.json()) as { entries: Array<{ sequence: number }> };
  return entries.at(-1)?.sequence ?? 0;
}

try {
  const connection = await call('POST', '/v1/connections', {
    name: 'Bench',
    environment: 'custom',
    baseUrl: procountor.emulator.baseUrl,
    clientId: procountor.company.clientId,
    clientSecret: procountor.company.clientSecret,
    apiKey: procountor.company.apiKey,
    settings: { rateLimitPerSecond: 100, maxConcurrentTransfers: 4, projectDimension: 'Projektit' },
  });
  const base = `/v1/connections/${connection.id}`;
  await call('POST', `${base}/activate`);

  // Set-up (not measured): supplier invoices dimensioned to a project and approved, a person, a travel expense code.
  const client = new ProcountorClient({
    baseUrl: procountor.emulator.baseUrl,
    clientId: procountor.company.clientId,
    clientSecret: procountor.company.clientSecret,
    apiKey: await procountor.addApiKey(),
  });
  for (let index = 0; index < invoiceCount; index += 1) {
    const invoice = await receiveSupplierInvoice(procountor.emulator, procountor.company.companyId, {
      originalInvoiceNumber: `BENCH-${index}`,
    });
    await dimensionToProject(client, invoice.id as number, `P-${index % 10}`);
    await client.invoices.approve(invoice.id as number, {});
  }

  let sequence = await lastSequence();
  let started = performance.now();
  const firstRun = await call('POST', `${base}/purchase-invoice-import/runs`);
  const firstRunMs = performance.now() - started;
  const firstCalls = await callsSince(sequence);
  sequence = firstCalls.last;
  started = performance.now();
  const idleRun = await call('POST', `${base}/purchase-invoice-import/runs`);
  const idleRunMs = performance.now() - started;
  const idleCalls = await callsSince(sequence);

  const hetu = createPersonalIdentityCode('150585', '-', '123');
  if (!hetu.valid) throw new Error(hetu.reason);
  await client.persons.create({
    firstName: 'Maija',
    lastName: 'Mittaaja',
    paymentInfo: {
      paymentMethod: 'BANK_TRANSFER',
      paymentTermDays: '14',
      penalInterestRate: 8,
      accountNumber: 'FI2112345600000785',
    },
    invoicingInfo: { identifier: hetu.value, identifierType: 'HETU', language: 'FINNISH', gender: 'FEMALE' },
    registryInfo: { active: true },
  });
  await client.products.create({
    type: 'TRAVEL',
    name: 'Päiväraha',
    code: 'PVR',
    price: 0,
    discount: 0,
    active: true,
    currency: 'EUR',
  } as never);
  sequence = await lastSequence();
  started = performance.now();
  const today = new Date().toISOString().slice(0, 10);
  for (let index = 0; index < travelCount; index += 1) {
    await call('POST', `${base}/travel-invoices`, {
      externalId: `BENCH-TRAVEL-${index}`,
      invoiceDate: today,
      person: { name: 'Maija Mittaaja', personalIdentityCode: hetu.value },
      rows: [
        {
          expenseCode: 'PVR',
          description: 'Päiväraha',
          quantity: 2,
          unit: 'DAY',
          unitPrice: 53,
          vatPercent: 0,
          dimensions: { project: 'P-1' },
        },
      ],
    });
  }
  const acceptedMs = performance.now() - started;
  for (;;) {
    const { n } = await db
      .selectFrom('transfers')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('kind', '=', 'travel_invoice')
      .where('state', 'in', ['succeeded', 'failed'])
      .executeTakeFirstOrThrow();
    if (Number(n) >= travelCount) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const travelMs = performance.now() - started;
  const travelCalls = await callsSince(sequence);
  const failed = await db.selectFrom('transfers').select('id').where('state', '=', 'failed').execute();

  const results = {
    measuredAt: new Date().toISOString(),
    database: 'pglite (memory)',
    note: 'Emulator on localhost; bridge rateLimitPerSecond 100, maxConcurrentTransfers 4, workerConcurrency 4.',
    purchaseInvoiceImport: {
      invoices: invoiceCount,
      firstRun: {
        ...firstRun,
        durationMs: Math.round(firstRunMs),
        procountorCalls: firstCalls.total,
        callsPerInvoice: +(firstCalls.total / invoiceCount).toFixed(2),
        byPath: firstCalls.byPath,
      },
      idleRun: {
        ...idleRun,
        durationMs: Math.round(idleRunMs),
        procountorCalls: idleCalls.total,
        byPath: idleCalls.byPath,
      },
    },
    travelInvoices: {
      invoices: travelCount,
      failed: failed.length,
      acceptedInMs: Math.round(acceptedMs),
      allSettledInMs: Math.round(travelMs),
      perSecond: +(travelCount / (travelMs / 1000)).toFixed(1),
      procountorCalls: travelCalls.total,
      callsPerInvoice: +(travelCalls.total / travelCount).toFixed(2),
      byPath: travelCalls.byPath,
    },
  };
  const outDir = path.resolve('bench-results');
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'purchase-invoices-and-travel.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
} finally {
  await bridge.stop();
  await procountor.emulator.stop();
  await closeDatabase(db);
}
