// The bill watch (bill.received) through the composed bridge and the emulator, on both databases: a new bill is
// announced once by signed webhook and feed with its routing hints, bills from before the watch and the bridge's own
// purchase invoices are not, a crash in the middle repeats nothing, and the schedule looks once turned on.
import { randomBytes } from 'node:crypto';
import { ProcountorClient } from '@procountor-bridge/client';
import { createPersonalIdentityCode } from '@procountor-bridge/client/finnish';
import { createCompany } from '@procountor-bridge/emulator';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  apiCaller,
  startTestBridge,
  startTestProcountor,
  TEST_ADMIN_TOKEN,
  type TestProcountor,
} from '../../test/helpers/start-test-bridge';
import { startTestReceiver, type TestReceiver } from '../../test/helpers/start-test-receiver';
import { moveInvoiceStatus, projectItem, receiveSupplierInvoice } from '../../test/helpers/supplier-invoices';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import type { Bridge } from '../composition/create-bridge';
import { verifyBridgeSignature } from '../source-webhooks/bridge-signature';
import { watchReceivedBills } from './watch-received-bills';

const HETU = (() => {
  const made = createPersonalIdentityCode('010190', '-', '123');
  if (!made.valid) throw new Error(made.reason);
  return made.value;
})();

interface FeedEvent {
  eventId: string;
  type: string;
  subjectId: string;
  payload: Record<string, unknown> & { procountorInvoiceId: number; routing: Record<string, unknown> };
}

describeOnBothDatabases('bill watch (bill.received)', (database) => {
  let procountor: TestProcountor;
  let receiver: TestReceiver;
  let bridge: Bridge;
  const call = (...args: Parameters<ReturnType<typeof apiCaller>>) => apiCaller(bridge.url)(...args);

  beforeAll(async () => {
    procountor = await startTestProcountor('Laskuttaja Oy');
    receiver = await startTestReceiver();
    bridge = await startTestBridge(database.db, {}, { workerConcurrency: 2, secretKey: randomBytes(32) });
  });
  afterAll(async () => {
    await bridge?.stop();
    await procountor?.emulator.stop();
    await receiver?.close();
  });

  /** A company of its own in Procountor, an active connection to it, a source token and a webhook endpoint. */
  const newConnection = async () => {
    const company = createCompany(
      procountor.emulator.context.state,
      { name: 'Vastaanottaja Oy' },
      new Date().toISOString(),
    );
    const created = await call('POST', '/v1/connections', TEST_ADMIN_TOKEN, {
      name: `Bills ${company.companyId}`,
      environment: 'custom',
      baseUrl: procountor.emulator.baseUrl,
      clientId: company.clientId,
      clientSecret: company.clientSecret,
      apiKey: company.apiKey,
    });
    expect(created.status).toBe(201);
    const connectionId = created.json.id as string;
    expect((await call('POST', `/v1/connections/${connectionId}/activate`, TEST_ADMIN_TOKEN)).status).toBe(200);
    const token = (await call('POST', '/v1/api-tokens', TEST_ADMIN_TOKEN, { name: 'source', connectionId })).json
      .token as string;
    const path = `/source-${connectionId}`;
    const endpoint = await call('POST', `/v1/connections/${connectionId}/webhook-endpoints`, token, {
      url: `${receiver.url}${path}`,
      eventTypes: ['bill.received'],
    });
    expect(endpoint.status).toBe(201);
    const client = new ProcountorClient({
      baseUrl: procountor.emulator.baseUrl,
      clientId: company.clientId,
      clientSecret: company.clientSecret,
      apiKey: company.apiKey,
    });
    const api = (method: string, urlPath: string, body?: unknown) =>
      call(method, `/v1/connections/${connectionId}${urlPath}`, token, body);
    const look = async () => {
      const answer = await api('POST', '/bills/watch/runs');
      expect(answer.status, answer.text).toBe(200);
      return answer.json;
    };
    const billEvents = async (): Promise<FeedEvent[]> =>
      (await api('GET', '/events?type=bill.received&limit=500')).json.events;
    return {
      connectionId,
      companyId: company.companyId,
      client,
      api,
      look,
      billEvents,
      path,
      secret: endpoint.json.secret as string,
    };
  };

  it('announces a bill received after the watch started, once, by signed webhook and feed, the HETU masked', async () => {
    const { companyId, client, api, look, billEvents, path, secret } = await newConnection();
    const before = await receiveSupplierInvoice(procountor.emulator, companyId, { originalInvoiceNumber: 'OLD-1' });
    const first = await look();
    expect(first).toMatchObject({ outcome: 'baseline_set', announced: 0, baselineInvoiceId: before.id });

    await projectItem(client, 'PRJ-7');
    const bill = await receiveSupplierInvoice(procountor.emulator, companyId, {
      originalInvoiceNumber: 'SUP-7',
      buyerReferenceIdentifier: 'PRJ-7',
      additionalInformation: `Kulut: ${HETU}`,
    });
    expect(await look()).toMatchObject({ outcome: 'completed', announced: 1, seen: 1 });
    const events = await billEvents();
    expect(events).toHaveLength(1);
    const masked = `******${HETU.slice(-4)}`;
    expect(events[0]).toMatchObject({
      type: 'bill.received',
      subjectId: `bill_${bill.id}`,
      payload: {
        procountorInvoiceId: bill.id,
        invoiceNumber: bill.invoiceNumber,
        originalInvoiceNumber: 'SUP-7',
        procountorStatus: 'RECEIVED',
        supplierName: 'Toimittaja Oy',
        currency: 'EUR',
        routing: {
          projectNumber: 'PRJ-7',
          projectNumberFoundIn: 'buyerReferenceIdentifier',
          personalIdentityCode: masked,
          personalIdentityCodeFoundIn: 'additionalInformation',
        },
      },
    });
    expect(JSON.stringify(events[0])).not.toContain(HETU);

    // The signed webhook carries the same event; the signature verifies.
    await expect
      .poll(() => receiver.requests.filter((request) => request.path === path).length, { timeout: 20_000 })
      .toBe(1);
    const delivered = receiver.requests.find((request) => request.path === path)!;
    expect(delivered.headers).toMatchObject({
      'x-bridge-event-type': 'bill.received',
      'x-bridge-event-id': events[0]!.eventId,
    });
    expect(
      verifyBridgeSignature({
        secret,
        timestamp: delivered.headers['x-bridge-timestamp'] as string,
        body: delivered.body,
        signature: delivered.headers['x-bridge-signature'] as string,
      }),
    ).toBe(true);
    expect(delivered.body).not.toContain(HETU);

    // The whole code is for the source's token only, through the bills route.
    const one = await api('GET', `/bills/${bill.id}`);
    expect(one.status).toBe(200);
    expect(one.json.routing.personalIdentityCode).toBe(HETU);

    // Looking again, and after the bill moved on (a new version), announces nothing more.
    expect(await look()).toMatchObject({ announced: 0 });
    await client.invoices.approve(bill.id as number, {});
    expect(await look()).toMatchObject({ announced: 0, alreadyAnnounced: 1 });
    expect(await billEvents()).toHaveLength(1);
    const watch = await api('GET', '/bills/watch');
    expect(watch.json).toMatchObject({
      enabled: false,
      baselineInvoiceId: before.id,
      versionCursor: expect.any(String),
      lastResult: { announced: 0, alreadyAnnounced: 1 },
    });
  });

  it('loses and repeats nothing when the look stops between two bills, and skips purchase invoices the bridge sent', async () => {
    const { connectionId, companyId, client, api, look, billEvents } = await newConnection();
    expect((await look()).outcome).toBe('baseline_set');
    const bills = [
      await receiveSupplierInvoice(procountor.emulator, companyId, { originalInvoiceNumber: 'CR-1' }),
      await receiveSupplierInvoice(procountor.emulator, companyId, { originalInvoiceNumber: 'CR-2' }),
      await receiveSupplierInvoice(procountor.emulator, companyId, { originalInvoiceNumber: 'CR-3' }),
    ];
    // The source's own purchase invoice, sent on in Procountor from draft to received.
    await client.businessPartners.create({
      type: 'SUPPLIER',
      name: 'Freelancer Toiminimi',
      invoicingInfo: { identifier: '2980005-2', identifierType: 'FI' },
      paymentInfo: { paymentMethod: 'BANK_TRANSFER' },
    } as never);
    const own = await api('POST', '/source-purchase-invoices', {
      externalId: `OWN-${connectionId}`,
      invoiceNumber: 'F-1',
      invoiceDate: new Date().toISOString().slice(0, 10),
      supplier: { name: 'Freelancer Toiminimi', businessId: '2980005-2', iban: 'FI2112345600000785' },
      rows: [{ description: 'Käännöstyö', quantity: 1, unit: 'h', unitPrice: 55, vatPercent: 25.5 }],
    });
    expect(own.status, own.text).toBe(202);
    await expect
      .poll(async () => (await api('GET', `/source-purchase-invoices/OWN-${connectionId}`)).json.state, {
        timeout: 30_000,
      })
      .toBe('succeeded');
    const ownInvoiceId = (await api('GET', `/source-purchase-invoices/OWN-${connectionId}`)).json.procountor
      .invoiceId as number;
    await moveInvoiceStatus(procountor.emulator, ownInvoiceId, 'RECEIVED');

    let handled = 0;
    const deps = {
      db: database.db,
      jobs: bridge.services.jobQueue,
      connections: bridge.services.connections,
      logger: pino({ level: 'silent' }),
      afterBill: () => {
        handled += 1;
        if (handled === 2) throw new Error('process killed');
      },
    };
    await expect(watchReceivedBills(deps, connectionId)).rejects.toThrow('process killed');
    expect(await billEvents()).toHaveLength(2);

    const resumed = await look();
    expect(resumed).toMatchObject({ announced: 1, alreadyAnnounced: 2, sentByBridge: 1 });
    const events = await billEvents();
    expect(events.map((event) => event.payload.procountorInvoiceId)).toEqual(bills.map((bill) => bill.id));
    expect(new Set(events.map((event) => event.eventId)).size).toBe(3);
  });

  it('looks on the purchase invoice schedule once billReceivedEvents is on', async () => {
    const { companyId, api, look, billEvents } = await newConnection();
    expect((await look()).outcome).toBe('baseline_set');
    const bill = await receiveSupplierInvoice(procountor.emulator, companyId, { originalInvoiceNumber: 'SCHED-1' });
    const saved = await api('PUT', '/purchase-invoice-import', { billReceivedEvents: true });
    expect(saved.status).toBe(200);
    expect(saved.json).toMatchObject({ enabled: false, billReceivedEvents: true });
    // Turning it on books a run at once; the import itself stays off.
    await expect.poll(async () => (await billEvents()).length, { timeout: 20_000 }).toBe(1);
    expect((await billEvents())[0]!.payload.procountorInvoiceId).toBe(bill.id);
    expect((await api('GET', '/bills/watch')).json).toMatchObject({ enabled: true, intervalMinutes: 5 });
    expect((await api('GET', '/purchase-invoice-import')).json.lastRunAt).toBeNull();
  });

  it("refuses another connection's token, and answers 404 for a bill Procountor does not have", async () => {
    const { connectionId, api } = await newConnection();
    const other = await newConnection();
    expect((await other.api('GET', '/bills/watch')).status).toBe(200);
    for (const [method, path] of [
      ['GET', '/bills/watch'],
      ['POST', '/bills/watch/runs'],
      ['GET', '/bills/1'],
    ] as const) {
      const foreign = await call(method, `/v1/connections/${connectionId}${path}`, undefined);
      expect(foreign.status, path).toBe(401);
    }
    const token = (
      await call('POST', '/v1/api-tokens', TEST_ADMIN_TOKEN, { name: 'other', connectionId: other.connectionId })
    ).json.token as string;
    expect((await call('GET', `/v1/connections/${connectionId}/bills/watch`, token)).status).toBe(404);
    expect((await call('POST', `/v1/connections/${connectionId}/bills/watch/runs`, token)).status).toBe(404);
    expect((await api('GET', '/bills/999999')).status).toBe(404);
    const document = await (await fetch(`${bridge.url}/openapi.json`)).json();
    for (const path of [
      '/v1/connections/{connectionId}/bills/watch',
      '/v1/connections/{connectionId}/bills/watch/runs',
      '/v1/connections/{connectionId}/bills/{procountorInvoiceId}',
    ]) {
      expect(Object.keys(document.paths), path).toContain(path);
    }
  });
});
