// Payments back to the source (issue #6), measured: how fast a bank payment reaches the source through Procountor's
// webhook, and what a reconciliation poll of many open invoices costs in Procountor calls and time.
// Run from the repository root: npx tsx --conditions=@procountor-bridge/source packages/bridge/bench/payments-back.ts [--invoices 400] [--latency-samples 30]
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { closeDatabase, createDatabase } from '../src/storage/create-database';
import { buildSalesInvoice } from '../test/helpers/sales-invoice-builder';
import { startTestBridge, startTestProcountor, TEST_ADMIN_TOKEN } from '../test/helpers/start-test-bridge';
import { percentile } from './support/load-stats';

const { values } = parseArgs({
  options: {
    invoices: { type: 'string', default: '400' },
    'latency-samples': { type: 'string', default: '30' },
  },
});
const invoiceCount = Number(values.invoices);
const latencySamples = Number(values['latency-samples']);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(what: string, check: () => Promise<boolean>, timeoutMs = 600_000, everyMs = 20) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${what}`);
}

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

async function bankPayment(invoiceId: number, amount: number) {
  const response = await fetch(`${emulatorUrl}/_emulator/invoices/${invoiceId}/bank-payments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ amount }),
  });
  if (response.status !== 200) throw new Error(`bank payment: ${response.status} ${await response.text()}`);
}

async function requestCount(pathPattern: string): Promise<number> {
  const response = await fetch(`${emulatorUrl}/_emulator/requests?path=${encodeURIComponent(pathPattern)}&limit=5000`);
  return ((await response.json()) as { count: number }).count;
}

const countPayments = async () =>
  Number(
    (
      await db
        .selectFrom('invoice_payments')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

try {
  const connection = await call('POST', '/v1/connections', {
    name: 'Bench',
    environment: 'custom',
    baseUrl: procountor.emulator.baseUrl,
    clientId: procountor.company.clientId,
    clientSecret: procountor.company.clientSecret,
    apiKey: procountor.company.apiKey,
    settings: { statusAfterTransfer: 'APPROVED', rateLimitPerSecond: 100, maxConcurrentTransfers: 8 },
  });
  const base = `/v1/connections/${connection.id}`;
  await call('POST', `${base}/activate`);

  // Set-up (not measured): the invoices, transferred through the bridge.
  const total = invoiceCount + latencySamples;
  const documents = Array.from({ length: total }, () => buildSalesInvoice());
  for (let index = 0; index < documents.length; index += 100) {
    await call('POST', `${base}/sales-invoices/batch`, { documents: documents.slice(index, index + 100) });
  }
  const succeeded = async () =>
    Number(
      (
        await db
          .selectFrom('transfers')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('connection_id', '=', connection.id)
          .where('state', '=', 'succeeded')
          .executeTakeFirstOrThrow()
      ).n,
    );
  await waitUntil('every transfer', async () => (await succeeded()) === total, 900_000, 500);
  const invoiceIds = (
    await db
      .selectFrom('transfers')
      .select('procountor_invoice_id')
      .where('connection_id', '=', connection.id)
      .orderBy('id')
      .execute()
  ).map((row) => row.procountor_invoice_id as number);
  const total251 = 251;

  // (a) Webhook latency: bank payment → the source event committed in the bridge's outbox (and the feed).
  await call('PUT', `${base}/procountor-webhook`, { url: `${bridge.url}/hooks/procountor/${connection.id}` });
  const latencies: number[] = [];
  for (const invoiceId of invoiceIds.slice(0, latencySamples)) {
    const before = await countPayments();
    const started = performance.now();
    await bankPayment(invoiceId, total251);
    await waitUntil('the webhook payment', async () => (await countPayments()) > before, 30_000, 2);
    latencies.push(performance.now() - started);
    await sleep(50);
  }

  // (b) Reconciliation of the rest, paid with no webhook: calls to Procountor and wall time.
  await call('DELETE', `${base}/procountor-webhook`);
  for (const invoiceId of invoiceIds.slice(latencySamples)) await bankPayment(invoiceId, total251);
  const callsBefore = await requestCount('/api/payments/paymentevents*');
  const typeReadsBefore = await requestCount('/api/invoices/*/paymentevents*');
  const paymentsBefore = await countPayments();
  const reconcileStarted = performance.now();
  await call('POST', `${base}/payments/reconcile`);
  await waitUntil('the reconciliation', async () => (await countPayments()) === paymentsBefore + invoiceCount);
  const reconcileMs = performance.now() - reconcileStarted;
  const reconcileCalls = (await requestCount('/api/payments/paymentevents*')) - callsBefore;
  // One GET /invoices/{id}/paymentevents per invoice with a payment not counted yet: its payment type.
  const typeReads = (await requestCount('/api/invoices/*/paymentevents*')) - typeReadsBefore;
  const events = Number(
    (
      await db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('type', 'in', ['invoice.paid', 'invoice.partially_paid'])
        .executeTakeFirstOrThrow()
    ).n,
  );

  const results = {
    measuredAt: new Date().toISOString(),
    database: 'pglite (in memory)',
    webhookLatencyMs: {
      samples: latencies.length,
      p50: Math.round(percentile(latencies, 50)),
      p95: Math.round(percentile(latencies, 95)),
      max: Math.round(Math.max(...latencies)),
    },
    reconciliation: {
      openPaidInvoices: invoiceCount,
      procountorCalls: reconcileCalls + typeReads,
      listingCalls: reconcileCalls,
      typeReads,
      wallMs: Math.round(reconcileMs),
      invoicesPerSecond: Math.round(invoiceCount / (reconcileMs / 1000)),
    },
    paymentEvents: events,
    expectedPaymentEvents: invoiceCount + latencySamples,
  };
  const outDir = path.resolve('bench-results');
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'payments.json'), `${JSON.stringify(results, null, 2)}\n`);
  console.log(JSON.stringify(results, null, 2));
} finally {
  await bridge.stop();
  await procountor.emulator.stop();
  await closeDatabase(db);
}
