// Automatic Procountor webhook subscription (issue #6) through the composed bridge and the emulator, on both
// databases: activation subscribes (and a bank payment then comes back with no manual step), the setting turned off
// subscribes nothing, a subscription lacking an event type is updated at start, and a refused subscription leaves the
// activation successful and is retried until it works.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSalesInvoice } from '../../test/helpers/sales-invoice-builder';
import {
  apiCaller,
  startTestBridge,
  startTestProcountor,
  TEST_ADMIN_TOKEN,
  type TestProcountor,
} from '../../test/helpers/start-test-bridge';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import type { Bridge } from '../composition/create-bridge';
import { QUEUE_NAMES } from '../jobs/queue-names';

async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A free local port, so the bridge's public URL (what Procountor calls) is known before it starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

describeOnBothDatabases('automatic Procountor webhook subscription', (database) => {
  let procountor: TestProcountor;
  let bridge: Bridge;
  let call: ReturnType<typeof apiCaller>;
  let publicUrl: string;
  // One key across the restart: the connection's stored credentials are encrypted with it.
  const secretKey = randomBytes(32);

  const hooksAtProcountor = () => [
    ...procountor.emulator.context.state.companies.get(procountor.company.companyId)!.webhooks.values(),
  ];
  const createConnection = async (name: string, settings: Record<string, unknown> = {}) => {
    const created = await call('POST', '/v1/connections', TEST_ADMIN_TOKEN, {
      name,
      environment: 'custom',
      baseUrl: procountor.emulator.baseUrl,
      clientId: procountor.company.clientId,
      clientSecret: procountor.company.clientSecret,
      apiKey: procountor.company.apiKey,
      settings: { statusAfterTransfer: 'APPROVED', ...settings },
    });
    expect(created.status).toBe(201);
    return created.json.id as string;
  };
  const activate = (connectionId: string) => call('POST', `/v1/connections/${connectionId}/activate`, TEST_ADMIN_TOKEN);
  const subscription = (connectionId: string) =>
    call('GET', `/v1/connections/${connectionId}/procountor-webhook`, TEST_ADMIN_TOKEN);
  const deleteConnection = async (connectionId: string) =>
    expect((await call('DELETE', `/v1/connections/${connectionId}`, TEST_ADMIN_TOKEN)).status).toBe(204);

  beforeAll(async () => {
    procountor = await startTestProcountor('Tilaaja Oy');
    const port = await freePort();
    publicUrl = `http://127.0.0.1:${port}`;
    bridge = await startTestBridge(database.db, {}, { workerConcurrency: 2, port, publicUrl, secretKey });
    // Only what a test does: the quarter-hourly reconciliation must not be what brings a payment back here.
    await bridge.services.jobQueue.boss.unschedule(QUEUE_NAMES.paymentReconcile);
    call = apiCaller(bridge.url);
  });
  afterAll(async () => {
    await bridge?.stop();
    await procountor?.emulator.stop();
  });

  it('subscribes on activation, and a bank payment then reaches the source with no manual step', async () => {
    const connectionId = await createConnection('Automatic');
    expect((await activate(connectionId)).status).toBe(200);
    const subscribed = await waitFor('the subscription', async () => {
      const answer = await subscription(connectionId);
      return answer.json?.state === 'subscribed' ? answer.json : undefined;
    });
    expect(subscribed).toMatchObject({
      url: `${bridge.url}/hooks/procountor/${connectionId}`,
      urlExplicit: false,
      lastError: null,
    });
    expect(hooksAtProcountor()).toEqual([
      expect.objectContaining({ uuid: subscribed.webhookUuid, url: subscribed.url, authenticationType: 'HMAC' }),
    ]);

    const token = (await call('POST', '/v1/api-tokens', TEST_ADMIN_TOKEN, { name: 'source', connectionId })).json.token;
    const invoice = buildSalesInvoice();
    const api = (method: string, path: string, body?: unknown) =>
      call(method, `/v1/connections/${connectionId}${path}`, token, body);
    expect((await api('POST', '/sales-invoices', invoice)).status).toBe(202);
    const transfer = await waitFor('the transfer', async () => {
      const answer = await api('GET', `/sales-invoices/${invoice.externalId}`);
      if (answer.json.state === 'failed') throw new Error(`transfer failed: ${answer.text}`);
      return answer.json.state === 'succeeded' ? answer.json : undefined;
    });
    const paid = await fetch(
      `${procountor.emulator.url}/_emulator/invoices/${transfer.procountor.invoiceId}/bank-payments`,
      { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ amount: 251 }) },
    );
    expect(paid.status).toBe(200);
    const state = await waitFor('the payment', async () => {
      const answer = await api('GET', `/sales-invoices/${invoice.externalId}/payments`);
      return answer.json?.fullyPaid ? answer.json : undefined;
    });
    expect(state.payments).toEqual([expect.objectContaining({ amount: 251, origin: 'webhook' })]);
    await deleteConnection(connectionId);
  });

  it('subscribes nothing when subscribeToProcountorWebhooks is off', async () => {
    const before = hooksAtProcountor().length;
    const connectionId = await createConnection('Manual webhooks', { subscribeToProcountorWebhooks: false });
    const activated = await activate(connectionId);
    expect(activated.status).toBe(200);
    expect(activated.json.settings.subscribeToProcountorWebhooks).toBe(false);
    // No job was ever queued for it (queued at activation otherwise), so nothing can subscribe it later.
    const jobs = await sql<{ count: string }>`
      select count(*)::text as count from pgboss.job
      where name = ${QUEUE_NAMES.procountorWebhookSubscribe} and data->>'connectionId' = ${connectionId}`.execute(
      database.db,
    );
    expect(jobs.rows[0]?.count).toBe('0');
    expect((await subscription(connectionId)).status).toBe(404);
    expect(hooksAtProcountor()).toHaveLength(before);
    await deleteConnection(connectionId);
  });

  it('subscribes at start an active connection that has no webhook yet (setting turned on later)', async () => {
    const connectionId = await createConnection('Turned on later', { subscribeToProcountorWebhooks: false });
    expect((await activate(connectionId)).status).toBe(200);
    const patched = await call('PATCH', `/v1/connections/${connectionId}`, TEST_ADMIN_TOKEN, {
      settings: { subscribeToProcountorWebhooks: true },
    });
    expect(patched.status).toBe(200);
    expect((await subscription(connectionId)).status).toBe(404);

    await bridge.stop();
    bridge = await startTestBridge(
      database.db,
      {},
      // The same port: Procountor's webhook points at the public URL.
      { workerConcurrency: 2, port: Number(new URL(publicUrl).port), publicUrl, secretKey },
    );
    await bridge.services.jobQueue.boss.unschedule(QUEUE_NAMES.paymentReconcile);
    const subscribed = await waitFor('the subscription made at start', async () => {
      const answer = await subscription(connectionId);
      return answer.json?.state === 'subscribed' ? answer.json : undefined;
    });
    expect(subscribed.url).toBe(`${publicUrl}/hooks/procountor/${connectionId}`);
    await deleteConnection(connectionId);
  });

  it('updates at start, in place, a subscription made before PAYMENT_DELETED was handled', async () => {
    const connectionId = await createConnection('Older subscription');
    expect((await activate(connectionId)).status).toBe(200);
    const subscribed = await waitFor('the subscription', async () => {
      const answer = await subscription(connectionId);
      return answer.json?.state === 'subscribed' ? answer.json : undefined;
    });
    // What an older bridge held, at Procountor and in its own record.
    const olderTypes = ['INVOICE_PAYMENT_CREATED', 'INVOICE_PAYMENTEVENTS_DELETED', 'PAYMENT_UPDATED'];
    const hook = hooksAtProcountor().find((candidate) => candidate.uuid === subscribed.webhookUuid)!;
    hook.subscriptions = [...olderTypes] as typeof hook.subscriptions;
    await database.db
      .updateTable('procountor_webhook_subscriptions')
      .set({ event_types: JSON.stringify(olderTypes) })
      .where('connection_id', '=', connectionId)
      .execute();

    await bridge.stop();
    bridge = await startTestBridge(
      database.db,
      {},
      { workerConcurrency: 2, port: Number(new URL(publicUrl).port), publicUrl, secretKey },
    );
    await bridge.services.jobQueue.boss.unschedule(QUEUE_NAMES.paymentReconcile);
    const updated = await waitFor('the updated subscription', async () => {
      const answer = await subscription(connectionId);
      return answer.json?.eventTypes?.includes('PAYMENT_DELETED') ? answer.json : undefined;
    });
    expect(updated.webhookUuid).toBe(subscribed.webhookUuid);
    // The bridge stores the new event types before it calls Procountor's update: wait for that call to land.
    const held = await waitFor('PAYMENT_DELETED at Procountor', async () => {
      const hooks = hooksAtProcountor().filter((candidate) => candidate.url === subscribed.url);
      return hooks.some((hook) => hook.subscriptions?.includes('PAYMENT_DELETED')) ? hooks : undefined;
    });
    expect(held).toEqual([expect.objectContaining({ uuid: subscribed.webhookUuid })]);
    expect(held[0]!.subscriptions).toContain('PAYMENT_DELETED');
    await deleteConnection(connectionId);
  });

  it('activates although Procountor refuses the subscription, records why, and a retry subscribes', async () => {
    const fault = await fetch(`${procountor.emulator.url}/_emulator/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pathPattern: '/api/webhooks*', method: 'POST', count: 1, kind: '500' }),
    });
    expect(fault.status).toBe(201);
    const connectionId = await createConnection('Refused at first');
    const activated = await activate(connectionId);
    expect(activated.status).toBe(200);
    expect(activated.json.status).toBe('active');

    const failed = await waitFor('the recorded refusal', async () => {
      const answer = await subscription(connectionId);
      return answer.json?.state === 'failed' ? answer.json : undefined;
    });
    expect(failed).toMatchObject({
      webhookUuid: null,
      lastError: expect.any(String),
      lastAttemptAt: expect.any(String),
    });

    const subscribed = await waitFor('the retried subscription', async () => {
      const answer = await subscription(connectionId);
      return answer.json?.state === 'subscribed' ? answer.json : undefined;
    });
    expect(subscribed.lastError).toBeNull();
    expect(hooksAtProcountor().filter((hook) => hook.url === subscribed.url)).toEqual([
      expect.objectContaining({ uuid: subscribed.webhookUuid }),
    ]);
    await deleteConnection(connectionId);
  });
});
