// Issue #6 part 2 through the whole composed bridge (createBridge, real workers): a supplier invoice received in
// Procountor is approved as a bill, imported once as a project expense, delivered by signed webhook and in the feed,
// survives a bridge restart without a repeat; a travel invoice goes the other way. On PostgreSQL and PGlite.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { ProcountorClient } from '@procountor-bridge/client';
import { createPersonalIdentityCode } from '@procountor-bridge/client/finnish';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Bridge } from '../src/composition/create-bridge';
import { IMPORT_BATCH_SIZE } from '../src/purchase-invoices/run-purchase-invoice-import';
import { verifyBridgeSignature } from '../src/source-webhooks/bridge-signature';
import {
  apiCaller,
  startTestBridge,
  startTestProcountor,
  TEST_ADMIN_TOKEN,
  type TestProcountor,
} from './helpers/start-test-bridge';
import { dimensionToProject, receiveSupplierInvoice } from './helpers/supplier-invoices';
import { describeOnBothDatabases } from './helpers/test-database';

interface Received {
  headers: IncomingMessage['headers'];
  body: string;
}

async function startReceiver(received: Received[]): Promise<{ server: Server; url: string }> {
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${address.port}/hooks` };
}

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const HETU = (() => {
  const made = createPersonalIdentityCode('240378', '-', '456');
  if (!made.valid) throw new Error(made.reason);
  return made.value;
})();

describeOnBothDatabases('purchase invoices, bills and travel invoices through createBridge', (database) => {
  let procountor: TestProcountor;
  let bridge: Bridge;
  let receiver: { server: Server; url: string };
  const received: Received[] = [];
  let client: ProcountorClient;
  let connectionId: string;
  let token: string;

  beforeAll(async () => {
    procountor = await startTestProcountor('Projektitalo Oy');
    receiver = await startReceiver(received);
    bridge = await startTestBridge(database.db, {}, { workerConcurrency: 2 });
    client = new ProcountorClient({
      baseUrl: procountor.emulator.baseUrl,
      clientId: procountor.company.clientId,
      clientSecret: procountor.company.clientSecret,
      apiKey: await procountor.addApiKey(),
    });
  });
  afterAll(async () => {
    await bridge?.stop();
    await procountor?.emulator.stop();
    receiver?.server.close();
  });

  it('approves a bill, imports it once as a project expense with a signed webhook, and repeats nothing after a restart', async () => {
    const call = apiCaller(bridge.url);
    const created = await call('POST', '/v1/connections', TEST_ADMIN_TOKEN, {
      name: 'Projektitalo',
      environment: 'custom',
      baseUrl: procountor.emulator.baseUrl,
      clientId: procountor.company.clientId,
      clientSecret: procountor.company.clientSecret,
      apiKey: procountor.company.apiKey,
    });
    connectionId = created.json.id as string;
    expect((await call('POST', `/v1/connections/${connectionId}/activate`, TEST_ADMIN_TOKEN)).status).toBe(200);
    token = (await call('POST', '/v1/api-tokens', TEST_ADMIN_TOKEN, { name: 'source', connectionId })).json.token;
    const endpoint = await call('POST', `/v1/connections/${connectionId}/webhook-endpoints`, token, {
      url: receiver.url,
      eventTypes: ['purchase_invoice.imported'],
    });
    expect(endpoint.status).toBe(201);

    const bill = await receiveSupplierInvoice(procountor.emulator, procountor.company.companyId, {
      originalInvoiceNumber: 'SUP-E2E',
      buyerReferenceIdentifier: 'PRJ-9',
    });
    await dimensionToProject(client, bill.id as number, 'PRJ-9');
    const bills = await call('GET', `/v1/connections/${connectionId}/bills`, token);
    expect(bills.json.bills).toEqual([
      expect.objectContaining({
        procountorInvoiceId: bill.id,
        routing: expect.objectContaining({ projectNumber: 'PRJ-9' }),
      }),
    ]);
    const approved = await call('POST', `/v1/connections/${connectionId}/bills/${bill.id}/approve`, token);
    expect(approved.json).toMatchObject({ procountorStatus: 'APPROVED', alreadyApproved: false });

    const enabled = await call('PUT', `/v1/connections/${connectionId}/purchase-invoice-import`, token, {
      enabled: true,
    });
    expect(enabled.status).toBe(200);
    const imported = await waitFor('the import', async () => {
      const list = await call('GET', `/v1/connections/${connectionId}/purchase-invoices?acknowledged=false`, token);
      return list.json.purchaseInvoices.length > 0 ? list.json.purchaseInvoices[0] : undefined;
    });
    expect(imported.expense).toMatchObject({ procountorStatus: 'APPROVED', projectCodes: ['PRJ-9'] });

    const delivery = await waitFor('the webhook', async () =>
      received.find((item) => item.body.includes('purchase_invoice.imported')),
    );
    expect(
      verifyBridgeSignature({
        secret: endpoint.json.secret as string,
        timestamp: Number(delivery.headers['x-bridge-timestamp']),
        body: delivery.body,
        signature: String(delivery.headers['x-bridge-signature']),
      }),
    ).toBe(true);
    expect(delivery.body).toContain(imported.eventId);
    const feed = await call('GET', `/v1/connections/${connectionId}/events`, token);
    const feedEvents = feed.json.events.filter((event: { type: string }) => event.type === 'purchase_invoice.imported');
    expect(feedEvents).toHaveLength(1);

    // A restart: a new bridge on the same database imports nothing again, however often it runs.
    const secretKey = bridge.services.secretKey;
    await bridge.stop();
    bridge = await startTestBridge(database.db, {}, { workerConcurrency: 2, secretKey });
    const again = await apiCaller(bridge.url)(
      'POST',
      `/v1/connections/${connectionId}/purchase-invoice-import/runs`,
      token,
    );
    expect(again.json).toMatchObject({ outcome: 'completed', imported: 0 });
    const after = await apiCaller(bridge.url)('GET', `/v1/connections/${connectionId}/events`, token);
    expect(
      after.json.events.filter((event: { type: string }) => event.type === 'purchase_invoice.imported'),
    ).toHaveLength(1);

    // The other way: a travel invoice from the source, matched to the person by personal identity code.
    const person = await client.persons.create({
      firstName: 'Ville',
      lastName: 'Matkaaja',
      paymentInfo: {
        paymentMethod: 'BANK_TRANSFER',
        paymentTermDays: '14',
        penalInterestRate: 8,
        accountNumber: 'FI2112345600000785',
      },
      invoicingInfo: { identifier: HETU, identifierType: 'HETU', language: 'FINNISH', gender: 'MALE' },
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
    const call2 = apiCaller(bridge.url);
    const travel = {
      externalId: 'TRAVEL-E2E-1',
      invoiceDate: new Date().toISOString().slice(0, 10),
      person: { name: 'Ville Matkaaja', personalIdentityCode: HETU },
      rows: [{ expenseCode: 'PVR', description: 'Päiväraha', quantity: 1, unit: 'DAY', unitPrice: 53, vatPercent: 0 }],
    };
    const dry = await call2('POST', `/v1/connections/${connectionId}/travel-invoices/validate`, token, travel);
    expect(dry.json).toMatchObject({ valid: true, personId: person.id });
    const submitted = await call2('POST', `/v1/connections/${connectionId}/travel-invoices`, token, travel);
    expect(submitted.status).toBe(202);
    expect(submitted.json.links.document).toBe(`/v1/connections/${connectionId}/travel-invoices/TRAVEL-E2E-1`);
    const done = await waitFor('the travel invoice transfer', async () => {
      const transfer = await call2('GET', `/v1/connections/${connectionId}/travel-invoices/TRAVEL-E2E-1`, token);
      if (transfer.json.state === 'failed') throw new Error(`transfer failed: ${JSON.stringify(transfer.json)}`);
      return transfer.json.state === 'succeeded' ? transfer.json : undefined;
    });
    expect(done).toMatchObject({ kind: 'travel_invoice', procountor: { status: 'UNFINISHED' } });
    const repeat = await call2('POST', `/v1/connections/${connectionId}/travel-invoices`, token, travel);
    expect(repeat).toMatchObject({ status: 200, json: { transferId: submitted.json.transferId } });

    const openapi = await call2('GET', '/openapi.json', undefined);
    const paths = Object.keys(openapi.json.paths);
    for (const path of [
      '/v1/connections/{connectionId}/purchase-invoices',
      '/v1/connections/{connectionId}/bills',
      '/v1/connections/{connectionId}/travel-invoices',
      '/v1/connections/{connectionId}/expense-claims',
      '/v1/connections/{connectionId}/source-purchase-invoices',
    ]) {
      expect(paths).toContain(path);
    }
  });
  it('loses and repeats nothing when an import stops in the middle and the bridge restarts', async () => {
    // The schedule off while this test sets up, and no run of it still going: only the runs below import.
    await apiCaller(bridge.url)('PUT', `/v1/connections/${connectionId}/purchase-invoice-import`, token, {
      enabled: false,
    });
    await waitFor('no import run in progress', async () => {
      const { rows } = await sql<{ n: string }>`
        select count(*) as n from pgboss.job where name = 'purchase-invoice-import'
           and (state = 'active' or (state in ('created', 'retry') and start_after <= now()))`.execute(database.db);
      return Number(rows[0]?.n) === 0 ? true : undefined;
    });
    // One batch and one more invoice (purchase-invoices/run-purchase-invoice-import.ts reads IMPORT_BATCH_SIZE a call).
    const ids: number[] = [];
    for (let index = 0; index <= IMPORT_BATCH_SIZE; index += 1) {
      const invoice = await receiveSupplierInvoice(procountor.emulator, procountor.company.companyId, {
        originalInvoiceNumber: `SUP-M${index}`,
      });
      await dimensionToProject(client, invoice.id as number, 'PRJ-9');
      await client.invoices.approve(invoice.id as number, {});
      ids.push(invoice.id as number);
    }
    const importedIds = async () => {
      const feed = await apiCaller(bridge.url)('GET', `/v1/connections/${connectionId}/events?limit=200`, token);
      return feed.json.events
        .filter((event: { type: string }) => event.type === 'purchase_invoice.imported')
        .map((event: { payload: { procountorInvoiceId: number } }) => event.payload.procountorInvoiceId);
    };
    const before = await importedIds();

    // Procountor fails on the second batch: the run stops after the first batch was imported.
    const fault = await fetch(`${procountor.emulator.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pathPattern: `^/api/invoices/${ids[IMPORT_BATCH_SIZE]}$`, method: 'GET', kind: '500' }),
    });
    expect(fault.status).toBe(201);
    const stopped = await apiCaller(bridge.url)(
      'POST',
      `/v1/connections/${connectionId}/purchase-invoice-import/runs`,
      token,
    );
    expect(stopped.status).toBe(502);
    expect(stopped.json.code).toBe('procountor_request_failed');
    expect(await importedIds()).toEqual([...before, ...ids.slice(0, IMPORT_BATCH_SIZE)]);

    // A new bridge process: its run imports the rest, each invoice once.
    const secretKey = bridge.services.secretKey;
    await bridge.stop();
    bridge = await startTestBridge(database.db, {}, { workerConcurrency: 2, secretKey });
    const resumed = await apiCaller(bridge.url)(
      'POST',
      `/v1/connections/${connectionId}/purchase-invoice-import/runs`,
      token,
    );
    expect(resumed.json).toMatchObject({ outcome: 'completed', imported: 1 });
    expect(await importedIds()).toEqual([...before, ...ids]);
  });
});
