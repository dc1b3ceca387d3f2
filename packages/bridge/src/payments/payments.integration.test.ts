// Payments flowing back to the source (issue #6) through the composed bridge and the emulator, on both databases:
// bank payment → Procountor webhook → invoice.paid / partially_paid to the source's webhook and the feed; bad
// signatures, duplicate deliveries, missed webhooks (reconciliation), a restart mid-reconciliation, mark-paid, and
// payments removed (PAYMENT_DELETED, the poll) told once whichever comes first, and an outgoing payment's removal
// (PAYMENT_DELETED of a purchase invoice the bridge did not send) ignored.
import { randomBytes } from 'node:crypto';
import { ProcountorClient } from '@procountor-bridge/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSalesInvoice } from '../../test/helpers/sales-invoice-builder';
import {
  apiCaller,
  startTestBridge,
  startTestProcountor,
  TEST_ADMIN_TOKEN,
  type TestProcountor,
} from '../../test/helpers/start-test-bridge';
import { startTestReceiver, type TestReceiver } from '../../test/helpers/start-test-receiver';
import { moveInvoiceStatus, receiveSupplierInvoice } from '../../test/helpers/supplier-invoices';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import type { Bridge } from '../composition/create-bridge';
import { QUEUE_NAMES } from '../jobs/queue-names';
import { signProcountorBody } from './procountor-signature';
import { subscriptionSecret } from './procountor-webhook-subscription';
import { runPaymentReconcile } from './reconcile-payments';

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`timed out waiting for ${what}`);
}

interface FeedEvent {
  id: string;
  eventId: string;
  type: string;
  subjectId: string;
  payload: Record<string, unknown>;
}

describeOnBothDatabases('payments back to the source', (database) => {
  const secretKey = randomBytes(32);
  let procountor: TestProcountor;
  let receiver: TestReceiver;
  let bridge: Bridge;
  let call: ReturnType<typeof apiCaller>;
  let connectionId: string;
  let token: string;

  const startBridge = async () => {
    bridge = await startTestBridge(database.db, {}, { workerConcurrency: 2, secretKey });
    // Only the polls a test asks for: the quarter-hourly one could otherwise land in the middle of a test.
    await bridge.services.jobQueue.boss.unschedule(QUEUE_NAMES.paymentReconcile);
    call = apiCaller(bridge.url);
  };
  const company = () => procountor.emulator.context.state.companies.get(procountor.company.companyId)!;
  const api = (method: string, path: string, body?: unknown) =>
    call(method, `/v1/connections/${connectionId}${path}`, token, body);
  const subscribe = async () => {
    const answer = await api('PUT', '/procountor-webhook', { url: `${bridge.url}/hooks/procountor/${connectionId}` });
    expect(answer.status).toBe(200);
    return answer.json;
  };
  const feed = async (): Promise<FeedEvent[]> => (await api('GET', '/events?limit=500')).json.events;
  const paymentEventsOf = async (transferId: string) =>
    (await feed()).filter((event) => event.subjectId === transferId && event.type.startsWith('invoice.'));

  /** Submits an invoice (total 251.00 EUR) and waits until it is in Procountor. */
  const transferInvoice = async () => {
    const invoice = buildSalesInvoice();
    expect((await api('POST', '/sales-invoices', invoice)).status).toBe(202);
    const transfer = await waitFor('the transfer', async () => {
      const answer = await api('GET', `/sales-invoices/${invoice.externalId}`);
      if (answer.json.state === 'failed') throw new Error(`transfer failed: ${answer.text}`);
      return answer.json.state === 'succeeded' ? answer.json : undefined;
    });
    return {
      externalId: invoice.externalId,
      transferId: transfer.transferId as string,
      invoiceId: transfer.procountor.invoiceId as number,
    };
  };
  const bankPayment = async (invoiceId: number, amount: number) => {
    const response = await fetch(`${procountor.emulator.url}/_emulator/invoices/${invoiceId}/bank-payments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ amount }),
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { paymentEvent: { id: number } }).paymentEvent;
  };
  /** The emulator's request log: the newest entry's sequence, and GET requests to a path (glob) after one. */
  const lastLogged = async () => {
    const log = await (await fetch(`${procountor.emulator.url}/_emulator/requests?limit=1`)).json();
    return (log.entries.at(-1)?.sequence as number | undefined) ?? 0;
  };
  const requestsSince = async (after: number, path: string) => {
    const query = new URLSearchParams({ path, method: 'GET', after: String(after) });
    return (await (await fetch(`${procountor.emulator.url}/_emulator/requests?${query}`)).json()).count as number;
  };
  const reconcile = async () => expect((await api('POST', '/payments/reconcile')).status).toBe(202);
  /** Procountor as a user there acts: the emulator's API with the company's key. */
  const procountorApi = () =>
    new ProcountorClient({
      baseUrl: procountor.emulator.baseUrl,
      clientId: procountor.company.clientId,
      clientSecret: procountor.company.clientSecret,
      apiKey: procountor.company.apiKey,
    });
  /** A user removes the payment in Procountor's UI (the emulator's admin surface): PAYMENT_DELETED is delivered. */
  const removeInProcountor = async (invoiceId: number, paymentEventId: number) => {
    const response = await fetch(
      `${procountor.emulator.url}/_emulator/invoices/${invoiceId}/payment-events/${paymentEventId}`,
      { method: 'DELETE' },
    );
    expect(response.status).toBe(200);
    return response.json();
  };
  const envelope = (eventType: string, payload: unknown) =>
    JSON.stringify({
      eventType,
      webhookUuid: 'by-hand',
      payload,
      meta: { version: '1', timestamp: new Date().toISOString() },
    });
  /** Posts a delivery to the receiver as Procountor would, signed with the connection's secret. */
  const deliverByHand = async (body: string) => {
    const secret = await subscriptionSecret(database.db, secretKey, connectionId);
    const response = await fetch(`${bridge.url}/hooks/procountor/${connectionId}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-procountor-signature': signProcountorBody(secret!, body) },
      body,
    });
    expect(response.status).toBe(200);
    return response.json();
  };
  /**
   * Runs `action` while Procountor holds no webhook (removed through its API; the bridge keeps its secret), so the
   * test delivers the webhooks itself, in the order it wants; subscribes again afterwards.
   */
  const withoutProcountorDeliveries = async <T>(action: () => Promise<T>): Promise<T> => {
    const client = procountorApi();
    for (const hook of (await client.webhooks.list({})).results ?? []) await client.webhooks.delete(hook.uuid!);
    try {
      return await action();
    } finally {
      await subscribe();
    }
  };

  beforeAll(async () => {
    procountor = await startTestProcountor('Maksaja Oy');
    receiver = await startTestReceiver();
    await startBridge();
    const created = await call('POST', '/v1/connections', TEST_ADMIN_TOKEN, {
      name: 'Payments',
      environment: 'custom',
      baseUrl: procountor.emulator.baseUrl,
      clientId: procountor.company.clientId,
      clientSecret: procountor.company.clientSecret,
      apiKey: procountor.company.apiKey,
      // APPROVED: the invoice is NOT_SENT in Procountor, where the bank can pay it.
      settings: { statusAfterTransfer: 'APPROVED', markPaidInProcountor: true },
    });
    expect(created.status).toBe(201);
    connectionId = created.json.id;
    expect((await call('POST', `/v1/connections/${connectionId}/activate`, TEST_ADMIN_TOKEN)).status).toBe(200);
    token = (await call('POST', '/v1/api-tokens', TEST_ADMIN_TOKEN, { name: 'source', connectionId })).json.token;
    expect((await api('POST', '/webhook-endpoints', { url: `${receiver.url}/source` })).status).toBe(201);
    await subscribe();
  });
  afterAll(async () => {
    await bridge?.stop();
    await procountor?.emulator.stop();
    await receiver?.close();
  });

  it('subscribes once at Procountor with an HMAC secret, and again without a second webhook', async () => {
    const first = await subscribe();
    const again = await subscribe();
    expect(again.webhookUuid).toBe(first.webhookUuid);
    const hooks = [...company().webhooks.values()];
    expect(hooks).toHaveLength(1);
    expect(hooks[0]).toMatchObject({
      url: `${bridge.url}/hooks/procountor/${connectionId}`,
      authenticationType: 'HMAC',
      subscriptions: expect.arrayContaining(['INVOICE_PAYMENT_CREATED', 'PAYMENT_DELETED']),
    });
  });

  it('tells the source of a partial and then a full bank payment, in order, by webhook and feed', async () => {
    const invoice = await transferInvoice();
    const first = await bankPayment(invoice.invoiceId, 100);
    const partial = await waitFor('invoice.partially_paid', async () => (await paymentEventsOf(invoice.transferId))[0]);
    expect(partial).toMatchObject({
      type: 'invoice.partially_paid',
      payload: {
        transferId: invoice.transferId,
        externalId: invoice.externalId,
        procountorInvoiceId: invoice.invoiceId,
        procountorPaymentEventId: first.id,
        amount: 100,
        amountPaid: 100,
        amountOpen: 151,
        currency: 'EUR',
        origin: 'webhook',
      },
    });
    await bankPayment(invoice.invoiceId, 151);
    const events = await waitFor('invoice.paid', async () => {
      const found = await paymentEventsOf(invoice.transferId);
      return found.length === 2 ? found : undefined;
    });
    expect(events[1]).toMatchObject({ type: 'invoice.paid', payload: { amount: 151, amountPaid: 251, amountOpen: 0 } });

    const delivered = await waitFor('both deliveries', async () => {
      const ids = receiver.requests
        .filter((request) => request.path === '/source')
        .map((request) => request.headers['x-bridge-event-id'])
        .filter((id) => events.some((event) => event.eventId === id));
      return ids.length >= 2 ? ids : undefined;
    });
    expect(delivered).toEqual(events.map((event) => event.eventId));

    const state = await api('GET', `/sales-invoices/${invoice.externalId}/payments`);
    expect(state.json).toMatchObject({
      totalAmount: 251,
      amountPaid: 251,
      amountOpen: 0,
      fullyPaid: true,
      payments: [
        { amount: 100, origin: 'webhook', procountorStatus: 'PAID' },
        { amount: 151, origin: 'webhook' },
      ],
    });
  });

  it('settles a credit invoice with a negative bank payment', async () => {
    const original = await transferInvoice();
    const credit = { externalId: `CR-${original.externalId}`, creditsExternalId: original.externalId, whole: true };
    expect((await api('POST', '/credit-invoices', credit)).status).toBe(202);
    const transfer = await waitFor('the credit transfer', async () => {
      const answer = await api('GET', `/credit-invoices/${credit.externalId}`);
      if (answer.json.state === 'failed') throw new Error(`credit failed: ${answer.text}`);
      return answer.json.state === 'succeeded' ? answer.json : undefined;
    });
    await bankPayment(transfer.procountor.invoiceId, -251);
    const [event] = await waitFor('invoice.paid for the credit', async () => {
      const found = await paymentEventsOf(transfer.transferId);
      return found.length > 0 ? found : undefined;
    });
    expect(event).toMatchObject({
      type: 'invoice.paid',
      payload: { kind: 'credit_invoice', amount: -251, amountPaid: -251, amountOpen: 0 },
    });
    const state = await api('GET', `/credit-invoices/${credit.externalId}/payments`);
    expect(state.json).toMatchObject({ totalAmount: -251, fullyPaid: true });
  });

  it('documents the payment routes in /openapi.json, the receiver without a bearer token', async () => {
    const spec = (await call('GET', '/openapi.json', undefined)).json;
    expect(spec.paths['/hooks/procountor/{connectionId}'].post.security).toEqual([]);
    for (const path of [
      '/v1/connections/{connectionId}/procountor-webhook',
      '/v1/connections/{connectionId}/payments/reconcile',
      '/v1/connections/{connectionId}/sales-invoices/{externalId}/payments',
      '/v1/connections/{connectionId}/sales-invoices/{externalId}/mark-paid',
    ]) {
      expect(spec.paths[path], path).toBeDefined();
    }
  });

  it('refuses a delivery with a bad signature with 401 and stores nothing', async () => {
    const invoice = await transferInvoice();
    const body = JSON.stringify({
      eventType: 'INVOICE_PAYMENT_CREATED',
      webhookUuid: 'forged',
      payload: { id: 987654, invoiceId: invoice.invoiceId, status: 'PAID', paidAmount: 251, paymentDate: '2026-01-01' },
      meta: { version: '1', timestamp: new Date().toISOString() },
    });
    const post = (path: string, signature: string) =>
      fetch(`${bridge.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-procountor-signature': signature },
        body,
      });
    const forged = await post(`/hooks/procountor/${connectionId}`, signProcountorBody('not-the-secret', body));
    expect(forged.status).toBe(401);
    expect(await forged.json()).toMatchObject({ code: 'invalid_signature' });
    expect((await post(`/hooks/procountor/${connectionId}`, '')).status).toBe(401);
    expect((await post('/hooks/procountor/con_unknown', signProcountorBody('x', body))).status).toBe(401);

    const stored = await database.db
      .selectFrom('invoice_payments')
      .select('procountor_payment_event_id')
      .where('transfer_id', '=', invoice.transferId)
      .execute();
    expect(stored).toEqual([]);
    expect(await paymentEventsOf(invoice.transferId)).toEqual([]);
  });

  it('counts a payment once when Procountor delivers it twice', async () => {
    const invoice = await transferInvoice();
    const payment = await bankPayment(invoice.invoiceId, 251);
    const [event] = await waitFor('invoice.paid', async () => {
      const found = await paymentEventsOf(invoice.transferId);
      return found.length > 0 ? found : undefined;
    });
    const delivery = company().webhookDeliveries.findLast((item) => item.body.includes(`"id":${payment.id},`));
    expect(delivery?.status).toBe(200);
    const again = await fetch(delivery!.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-procountor-signature': delivery!.signature! },
      body: delivery!.body,
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ status: 'processed', recorded: 0 });
    expect(await paymentEventsOf(invoice.transferId)).toEqual([event]);
  });

  it('finds a payment the webhooks missed by reconciliation, once', async () => {
    expect((await api('DELETE', '/procountor-webhook')).status).toBe(204);
    expect(company().webhooks.size).toBe(0);
    try {
      const invoice = await transferInvoice();
      const payment = await bankPayment(invoice.invoiceId, 51);
      expect(company().webhookDeliveries.some((item) => item.body.includes(`"id":${payment.id},`))).toBe(false);

      const firstPoll = await lastLogged();
      await reconcile();
      const [event] = await waitFor('the reconciled payment', async () => {
        const found = await paymentEventsOf(invoice.transferId);
        return found.length > 0 ? found : undefined;
      });
      // The payment's type as the webhook would have carried it, read from the one invoice with a new payment.
      expect(event).toMatchObject({
        type: 'invoice.partially_paid',
        payload: {
          procountorPaymentEventId: payment.id,
          amount: 51,
          amountOpen: 200,
          paymentType: 'REFERENCEPAYMENT',
          origin: 'reconciliation',
        },
      });
      const recorded = await api('GET', `/sales-invoices/${invoice.externalId}/payments`);
      expect(recorded.json.payments).toEqual([
        expect.objectContaining({ procountorPaymentEventId: payment.id, paymentType: 'REFERENCEPAYMENT' }),
      ]);
      // Calls: the listing of every open invoice (200 a call) and one type read, for the invoice with the new payment.
      expect(await requestsSince(firstPoll, '/api/payments/paymentevents')).toBeGreaterThan(0);
      expect(await requestsSince(firstPoll, '/api/invoices/*/paymentevents')).toBe(1);
      expect(await requestsSince(firstPoll, `/api/invoices/${invoice.invoiceId}/paymentevents`)).toBe(1);

      // A second poll checks the invoice again (still open), counts nothing new and reads no types.
      const secondPoll = await lastLogged();
      const before = recorded.json.lastReconciledAt;
      await reconcile();
      await waitFor('the second poll', async () => {
        const state = await api('GET', `/sales-invoices/${invoice.externalId}/payments`);
        return state.json.lastReconciledAt !== before ? state.json : undefined;
      });
      expect(await paymentEventsOf(invoice.transferId)).toEqual([event]);
      expect(await requestsSince(secondPoll, '/api/payments/paymentevents')).toBeGreaterThan(0);
      expect(await requestsSince(secondPoll, '/api/invoices/*/paymentevents')).toBe(0);
    } finally {
      await subscribe();
    }
  });

  it('leaves a missed payment whose type cannot be read to the next poll, which counts it with its type', async () => {
    expect((await api('DELETE', '/procountor-webhook')).status).toBe(204);
    const faults = `${procountor.emulator.url}/_emulator/faults`;
    try {
      const invoice = await transferInvoice();
      const payment = await bankPayment(invoice.invoiceId, 251);
      // Every read of this invoice's payment events fails, retries included; the listing answers.
      const fault = await fetch(faults, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          pathPattern: `/api/invoices/${invoice.invoiceId}/paymentevents*`,
          method: 'GET',
          kind: '500',
          count: 100,
        }),
      });
      expect(fault.status).toBe(201);
      const deps = {
        db: database.db,
        jobs: bridge.services.jobQueue,
        connections: bridge.services.connections,
        logger: bridge.services.logger,
      };
      await expect(runPaymentReconcile(deps, { connectionId })).rejects.toThrow(
        /1 of \d+ invoices could not be checked/,
      );
      expect(await paymentEventsOf(invoice.transferId)).toEqual([]);

      await fetch(faults, { method: 'DELETE' });
      expect(await runPaymentReconcile(deps, { connectionId })).toMatchObject({ recorded: 1, failed: 0 });
      expect(await paymentEventsOf(invoice.transferId)).toEqual([
        expect.objectContaining({
          type: 'invoice.paid',
          payload: expect.objectContaining({
            procountorPaymentEventId: payment.id,
            paymentType: 'REFERENCEPAYMENT',
            origin: 'reconciliation',
          }),
        }),
      ]);
    } finally {
      await fetch(faults, { method: 'DELETE' });
      await subscribe();
    }
  });

  it('loses and repeats nothing when the bridge restarts in the middle of a reconciliation', async () => {
    expect((await api('DELETE', '/procountor-webhook')).status).toBe(204);
    const faults = `${procountor.emulator.url}/_emulator/faults`;
    try {
      // An earlier poll counted the first payment of A.
      const [a, b, c] = [await transferInvoice(), await transferInvoice(), await transferInvoice()];
      await bankPayment(a!.invoiceId, 100);
      await reconcile();
      await waitFor('the first payment of A', async () =>
        (await paymentEventsOf(a!.transferId)).length === 1 ? true : undefined,
      );
      await bankPayment(a!.invoiceId, 151);
      await bankPayment(b!.invoiceId, 251);
      await bankPayment(c!.invoiceId, 251);

      // The next poll's call to Procountor hangs; the bridge is stopped while it is in flight.
      const fault = await fetch(faults, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          pathPattern: '/api/payments/paymentevents*',
          method: 'GET',
          kind: 'timeout',
          holdMs: 1500,
        }),
      });
      expect(fault.status).toBe(201);
      await reconcile();
      await waitFor('the poll to be in flight', async () => {
        const left = (await (await fetch(faults)).json()) as { faults: unknown[] };
        return left.faults.length === 0 ? true : undefined;
      });
      await bridge.stop();
      const countedBefore = await database.db
        .selectFrom('invoice_payments')
        .select('transfer_id')
        .where('transfer_id', 'in', [a!.transferId, b!.transferId, c!.transferId])
        .execute();
      expect(countedBefore.map((row) => row.transfer_id)).toEqual([a!.transferId]);

      await startBridge();
      await reconcile();
      const settled = async (transferId: string, count: number) =>
        waitFor(`${count} payment events of ${transferId}`, async () => {
          const events = await paymentEventsOf(transferId);
          return events.length >= count ? events : undefined;
        });
      const eventsOfA = await settled(a!.transferId, 2);
      expect(eventsOfA.map((event) => [event.type, event.payload.amount])).toEqual([
        ['invoice.partially_paid', 100],
        ['invoice.paid', 151],
      ]);
      for (const other of [b!, c!]) {
        const events = await settled(other.transferId, 1);
        expect(events).toHaveLength(1);
        expect(events[0]).toMatchObject({ type: 'invoice.paid', payload: { amountPaid: 251, amountOpen: 0 } });
      }
      // The interrupted job's retry finds these invoices paid and polls them no more; the payment rows' key would
      // refuse a second count anyway.
    } finally {
      await fetch(faults, { method: 'DELETE' });
      await subscribe();
    }
  }, 120_000);

  it('forwards a mark-paid from the source once per paymentId, and pays what is open without an amount', async () => {
    const invoice = await transferInvoice();
    const body = { paymentId: 'pay-1', amount: 51, paymentDate: new Date().toISOString().slice(0, 10) };
    // An amount Procountor cannot hold is refused by name before anything reaches Procountor (never rounded).
    const tooPrecise = await api('POST', `/sales-invoices/${invoice.externalId}/mark-paid`, {
      ...body,
      amount: 51.001,
    });
    expect(tooPrecise.status).toBe(400);
    expect(tooPrecise.json).toMatchObject({
      code: 'validation_failed',
      details: [{ path: 'amount', rule: 'amount_limits' }],
    });
    expect(company().paymentEvents.get(invoice.invoiceId) ?? []).toHaveLength(0);
    const first = await api('POST', `/sales-invoices/${invoice.externalId}/mark-paid`, body);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({
      paymentId: 'pay-1',
      forwarded: true,
      state: { amountPaid: 51, amountOpen: 200, fullyPaid: false },
    });
    const repeat = await api('POST', `/sales-invoices/${invoice.externalId}/mark-paid`, body);
    expect(repeat.json).toMatchObject({
      forwarded: false,
      procountorPaymentEventId: first.json.procountorPaymentEventId,
    });
    expect(company().paymentEvents.get(invoice.invoiceId)).toHaveLength(1);
    expect(company().invoices.get(invoice.invoiceId)?.status).toBe('PARTLY_PAID');

    const conflicting = await api('POST', `/sales-invoices/${invoice.externalId}/mark-paid`, { ...body, amount: 52 });
    expect(conflicting.status).toBe(409);
    expect(conflicting.json).toMatchObject({ code: 'mark_paid_conflict', details: [{ path: 'paymentId' }] });

    const rest = await api('POST', `/sales-invoices/${invoice.externalId}/mark-paid`, { paymentId: 'pay-2' });
    expect(rest.json).toMatchObject({ forwarded: true, state: { amountPaid: 251, amountOpen: 0, fullyPaid: true } });
    expect(company().invoices.get(invoice.invoiceId)?.status).toBe('MARKED_PAID');
    const events = await waitFor('two payment events', async () => {
      const found = await paymentEventsOf(invoice.transferId);
      return found.length === 2 ? found : undefined;
    });
    expect(events.map((event) => event.type)).toEqual(['invoice.partially_paid', 'invoice.paid']);

    const paid = await api('POST', `/sales-invoices/${invoice.externalId}/mark-paid`, { paymentId: 'pay-3' });
    expect(paid.status).toBe(409);
    expect(paid.json.code).toBe('already_paid');
  });

  it('takes back a payment removed through the API once, though both INVOICE_PAYMENTEVENTS_DELETED and PAYMENT_DELETED arrive', async () => {
    const invoice = await transferInvoice();
    const marked = await api('POST', `/sales-invoices/${invoice.externalId}/mark-paid`, { paymentId: 'to-remove' });
    expect(marked.json.state).toMatchObject({ fullyPaid: true, amountPaid: 251 });
    const paymentEventId = marked.json.procountorPaymentEventId as number;
    // INVOICE_PAYMENTEVENTS_DELETED makes the bridge poll the invoice; PAYMENT_DELETED names the payment itself.
    await procountorApi().invoices.deletePaymentEvent(invoice.invoiceId, paymentEventId);
    const events = await waitFor('invoice.payment_removed', async () => {
      const found = await paymentEventsOf(invoice.transferId);
      return found.length === 2 ? found : undefined;
    });
    expect(events[1]).toMatchObject({
      type: 'invoice.payment_removed',
      payload: { procountorPaymentEventId: paymentEventId, amount: 251, amountPaid: 0, amountOpen: 251 },
    });
    // Both deliveries answered and the poll done: still one removal.
    await waitFor('both deliveries and the poll', async () => {
      const answered = company().webhookDeliveries.filter(
        (delivery) => delivery.body.includes(`${paymentEventId}`) && delivery.status === 200,
      );
      const types = new Set(answered.map((delivery) => delivery.eventType));
      const state = (await api('GET', `/sales-invoices/${invoice.externalId}/payments`)).json;
      return types.has('PAYMENT_DELETED') && types.has('INVOICE_PAYMENTEVENTS_DELETED') && state.lastReconciledAt
        ? true
        : undefined;
    });
    expect((await paymentEventsOf(invoice.transferId)).map((event) => event.type)).toEqual([
      'invoice.paid',
      'invoice.payment_removed',
    ]);
    const state = await api('GET', `/sales-invoices/${invoice.externalId}/payments`);
    expect(state.json).toMatchObject({ fullyPaid: false, amountPaid: 0, amountOpen: 251, payments: [] });
  });

  it('takes back a bank payment a user removed in Procountor on PAYMENT_DELETED, and a later poll adds nothing', async () => {
    const invoice = await transferInvoice();
    const payment = await bankPayment(invoice.invoiceId, 251);
    await waitFor('invoice.paid', async () =>
      (await paymentEventsOf(invoice.transferId)).length === 1 ? true : undefined,
    );
    const removed = await removeInProcountor(invoice.invoiceId, payment.id);
    expect(removed).toMatchObject({ invoiceStatus: 'NOT_SENT' });
    const [, taken] = await waitFor('invoice.payment_removed', async () => {
      const found = await paymentEventsOf(invoice.transferId);
      return found.length === 2 ? found : undefined;
    });
    expect(taken).toMatchObject({
      type: 'invoice.payment_removed',
      payload: { procountorPaymentEventId: payment.id, amount: 251, amountPaid: 0, amountOpen: 251, origin: 'webhook' },
    });
    const delivery = company().webhookDeliveries.findLast((item) => item.eventType === 'PAYMENT_DELETED');
    expect(delivery).toMatchObject({ status: 200 });

    // The same delivery again, and a poll: nothing more.
    const again = await deliverByHand(delivery!.body);
    expect(again).toEqual({ status: 'processed', recorded: 0 });
    const before = (await api('GET', `/sales-invoices/${invoice.externalId}/payments`)).json.lastReconciledAt;
    await reconcile();
    await waitFor('the poll', async () => {
      const state = await api('GET', `/sales-invoices/${invoice.externalId}/payments`);
      return state.json.lastReconciledAt !== before ? true : undefined;
    });
    expect((await paymentEventsOf(invoice.transferId)).map((event) => event.type)).toEqual([
      'invoice.paid',
      'invoice.payment_removed',
    ]);
  });

  it('tells the source once when the poll saw the removal before PAYMENT_DELETED arrived', async () => {
    const invoice = await transferInvoice();
    const payment = await bankPayment(invoice.invoiceId, 100);
    await waitFor('invoice.partially_paid', async () =>
      (await paymentEventsOf(invoice.transferId)).length === 1 ? true : undefined,
    );
    const deletedBody = await withoutProcountorDeliveries(async () => {
      await removeInProcountor(invoice.invoiceId, payment.id);
      await reconcile();
      await waitFor('the removal found by the poll', async () =>
        (await paymentEventsOf(invoice.transferId)).length === 2 ? true : undefined,
      );
      return envelope('PAYMENT_DELETED', { ...payment, invoiceId: invoice.invoiceId });
    });
    // PAYMENT_DELETED arrives late: processed, nothing new for the source.
    expect(await deliverByHand(deletedBody)).toEqual({ status: 'processed', recorded: 0 });
    const events = await paymentEventsOf(invoice.transferId);
    expect(events.map((event) => [event.type, event.payload.origin])).toEqual([
      ['invoice.partially_paid', 'webhook'],
      ['invoice.payment_removed', 'reconciliation'],
    ]);
  });

  it('never counts a payment whose PAYMENT_DELETED came before its INVOICE_PAYMENT_CREATED', async () => {
    const invoice = await transferInvoice();
    const [created, deleted] = await withoutProcountorDeliveries(async () => {
      const payment = await bankPayment(invoice.invoiceId, 51);
      await removeInProcountor(invoice.invoiceId, payment.id);
      return [
        envelope('INVOICE_PAYMENT_CREATED', payment),
        envelope('PAYMENT_DELETED', { ...payment, invoiceId: invoice.invoiceId }),
      ];
    });
    expect(await deliverByHand(deleted)).toEqual({ status: 'processed', recorded: 0 });
    expect(await deliverByHand(created)).toEqual({ status: 'processed', recorded: 0 });
    expect(await paymentEventsOf(invoice.transferId)).toEqual([]);
    const state = await api('GET', `/sales-invoices/${invoice.externalId}/payments`);
    expect(state.json).toMatchObject({ amountPaid: 0, payments: [] });
  });

  it("ignores the PAYMENT_DELETED of an outgoing payment removed from a supplier's invoice", async () => {
    const client = procountorApi();
    const bill = await receiveSupplierInvoice(procountor.emulator, procountor.company.companyId);
    await moveInvoiceStatus(procountor.emulator, bill.id!, 'APPROVED');
    const approved = await client.invoices.get(bill.id!);
    // The company pays the bill (POST /payments), cancels the payment and removes it (DELETE /payments/{id}).
    const queued = await client.request('post', '/payments', {
      body: {
        payments: [
          {
            invoiceId: bill.id!,
            invoiceVersion: approved.version!,
            amount: 100,
            paymentDate: new Date().toISOString().slice(0, 10),
            paymentMethod: 'FINNISH_BANK_TRANSFER',
            recipientBankAccount: 'FI2112345600000785',
            recipientNameAndAddress: { name: 'Toimittaja Oy' },
          },
        ],
      },
    });
    const confirmed = await client.request('get', '/mfatransactionresult/{transactionIdentifier}', {
      path: { transactionIdentifier: queued.transactionIdentifier! },
    });
    const paymentId = confirmed.invoicePayments!.transactions![0]!.paymentId!;
    await client.request('put', '/payments/{paymentId}/cancel', { path: { paymentId } });
    await client.request('delete', '/payments/{paymentId}', { path: { paymentId } });

    // Procountor delivers it (the removed payment, BasicPaymentTransactionData); the bridge answers 200 and ignores it.
    const delivery = await waitFor('the PAYMENT_DELETED delivery', async () =>
      company().webhookDeliveries.find(
        (item) =>
          item.eventType === 'PAYMENT_DELETED' && item.body.includes(`"id":${paymentId},`) && item.status !== undefined,
      ),
    );
    expect(delivery.status).toBe(200);
    expect(JSON.parse(delivery.body).payload).toMatchObject({
      id: paymentId,
      invoiceId: bill.id,
      status: 'INVALIDATED',
    });
    expect(await deliverByHand(delivery.body)).toEqual({ status: 'ignored', recorded: 0 });
    const remembered = await database.db
      .selectFrom('deleted_payment_events')
      .select('procountor_payment_event_id')
      .where('procountor_payment_event_id', '=', String(paymentId))
      .execute();
    expect(remembered).toEqual([]);
    const told = (await feed()).filter(
      (event) => event.payload.procountorPaymentEventId === paymentId || event.payload.procountorInvoiceId === bill.id,
    );
    expect(told.filter((event) => event.type.startsWith('invoice.'))).toEqual([]);
  });

  it('refuses a mark-paid with a clear error when the connection does not forward them', async () => {
    const invoice = await transferInvoice();
    const patched = await call('PATCH', `/v1/connections/${connectionId}`, TEST_ADMIN_TOKEN, {
      settings: { markPaidInProcountor: false },
    });
    expect(patched.status).toBe(200);
    try {
      const refused = await api('POST', `/sales-invoices/${invoice.externalId}/mark-paid`, { amount: 10 });
      expect(refused.status).toBe(409);
      expect(refused.json).toMatchObject({
        code: 'mark_paid_forwarding_off',
        details: [{ path: 'settings.markPaidInProcountor', rule: 'enabled' }],
      });
      expect(company().paymentEvents.get(invoice.invoiceId) ?? []).toEqual([]);
      expect((await api('POST', '/sales-invoices/nope/mark-paid', {})).status).toBe(409);
    } finally {
      await call('PATCH', `/v1/connections/${connectionId}`, TEST_ADMIN_TOKEN, {
        settings: { markPaidInProcountor: true },
      });
    }
  });
});
