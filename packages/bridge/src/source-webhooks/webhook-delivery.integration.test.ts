// Webhook delivery end to end on both databases: a real receiver on port 0, real workers, the API for the log.
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  callAs,
  createTestConnection,
  startTestApp,
  startTestJobQueue,
} from '../../test/helpers/create-test-connection';
import { startTestReceiver, type TestReceiver } from '../../test/helpers/start-test-receiver';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import { recordEvent } from '../events/record-event';
import type { JobQueue } from '../jobs/create-job-queue';
import type { BridgeApp } from '../server/bridge-app';
import { verifyBridgeSignature } from './bridge-signature';
import { startWebhookDeliveryWorkers } from './start-webhook-delivery-workers';
import { webhookDeliveryRoutes } from './webhook-delivery-routes';
import { webhookEndpointRoutes } from './webhook-endpoint-routes';

const secretKey = randomBytes(32);
const payloadOf = (transferId: string) => ({ transferId, externalId: `INV-${transferId}`, procountorInvoiceNumber: 7 });

describeOnBothDatabases('webhook delivery', (database) => {
  let jobs: JobQueue;
  let receiver: TestReceiver;
  let app: BridgeApp;
  let api: ReturnType<typeof callAs>;
  let baseUrl: string;
  let connectionId: string;

  beforeAll(async () => {
    jobs = await startTestJobQueue(database.db);
    receiver = await startTestReceiver();
    // Short waits so retries and held deliveries go on within the test (production: 30 s doubling, order wait 5 s).
    await startWebhookDeliveryWorkers(jobs, {
      db: database.db,
      logger: pino({ level: 'silent' }),
      secretKey,
      retryPolicy: { baseDelaySeconds: 1, maxDelaySeconds: 1, maxAttempts: 50 },
      orderWaitSeconds: 0.5,
      pollingIntervalSeconds: 0.5,
      concurrency: 2,
    });
    ({ app, url: baseUrl } = await startTestApp([
      webhookEndpointRoutes({ db: database.db, secretKey }),
      webhookDeliveryRoutes({ db: database.db, jobs }),
    ]));
    api = callAs(baseUrl, 'admin');
    ({ connectionId } = await createTestConnection(database.db));
  });
  afterAll(async () => {
    await jobs.stop({ timeoutMs: 2000 });
    await app.close();
    await receiver.close();
  });

  const addEndpoint = async (path: string) => {
    const created = await api('POST', `/v1/connections/${connectionId}/webhook-endpoints`, {
      url: `${receiver.url}${path}`,
    });
    expect(created.status).toBe(201);
    return created.body as { id: string; secret: string };
  };
  const record = (transferId: string, type = 'transfer.succeeded') =>
    database.db
      .transaction()
      .execute((trx) =>
        recordEvent(trx, jobs, { connectionId, type, subjectId: transferId, payload: payloadOf(transferId) }),
      );
  const deliveryOf = async (endpointId: string, eventId: string) => {
    const log = await api('GET', `/v1/connections/${connectionId}/webhook-deliveries?endpointId=${endpointId}`);
    return (log.body.deliveries as Array<Record<string, unknown>>).find((delivery) => delivery.eventId === eventId);
  };
  const received = (path: string, eventId: string) =>
    receiver.requests.filter((request) => request.path === path && request.headers['x-bridge-event-id'] === eventId);

  it('posts the event signed, and the signature verifies only for the untampered body', async () => {
    const endpoint = await addEndpoint('/signed');
    const { eventId } = await record('tr_signed');
    await expect
      .poll(async () => (await deliveryOf(endpoint.id, eventId))?.state, { timeout: 15_000 })
      .toBe('delivered');

    const [request] = received('/signed', eventId);
    expect(request?.headers).toMatchObject({
      'content-type': 'application/json',
      'x-bridge-event-type': 'transfer.succeeded',
      'x-bridge-timestamp': expect.stringMatching(/^\d+$/),
    });
    expect(JSON.parse(request!.body)).toEqual({
      id: eventId,
      type: 'transfer.succeeded',
      createdAt: expect.any(String),
      connectionId,
      data: payloadOf('tr_signed'),
    });
    const check = (body: string) =>
      verifyBridgeSignature({
        secret: endpoint.secret,
        timestamp: request!.headers['x-bridge-timestamp'] as string,
        body,
        signature: request!.headers['x-bridge-signature'] as string,
      });
    expect(check(request!.body)).toBe(true);
    expect(check(request!.body.replace('tr_signed', 'tr_forged'))).toBe(false);
    expect(await deliveryOf(endpoint.id, eventId)).toMatchObject({ attempts: 1, lastStatusCode: 200 });
  });

  it('retries after a 500 with the attempt recorded, and delivers once when the receiver recovers', async () => {
    receiver.answer('/flaky', 500, { error: 'database down' });
    const endpoint = await addEndpoint('/flaky');
    const { eventId } = await record('tr_flaky');
    await expect
      .poll(async () => (await deliveryOf(endpoint.id, eventId))?.attempts, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    expect(await deliveryOf(endpoint.id, eventId)).toMatchObject({
      state: 'pending',
      lastStatusCode: 500,
      lastError: expect.stringContaining('HTTP 500'),
      nextAttemptAt: expect.any(String),
    });

    receiver.answer('/flaky', 200);
    await expect
      .poll(async () => (await deliveryOf(endpoint.id, eventId))?.state, { timeout: 15_000 })
      .toBe('delivered');
    expect(received('/flaky', eventId).filter((request) => request.status === 200)).toHaveLength(1);
    expect(await deliveryOf(endpoint.id, eventId)).toMatchObject({ nextAttemptAt: null, lastError: null });
  });

  it("holds a document's later event until its earlier one is delivered", async () => {
    receiver.answer('/ordered', 503);
    const endpoint = await addEndpoint('/ordered');
    const first = await record('tr_ordered', 'transfer.failed');
    const second = await record('tr_ordered', 'transfer.succeeded');
    await expect
      .poll(async () => (await deliveryOf(endpoint.id, first.eventId))?.attempts, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(2);
    expect(received('/ordered', second.eventId)).toEqual([]);
    expect(await deliveryOf(endpoint.id, second.eventId)).toMatchObject({ state: 'pending', attempts: 0 });

    receiver.answer('/ordered', 204);
    await expect
      .poll(async () => (await deliveryOf(endpoint.id, second.eventId))?.state, { timeout: 20_000 })
      .toBe('delivered');
    const order = receiver.requests
      .filter((request) => request.path === '/ordered' && request.status === 204)
      .map((request) => request.headers['x-bridge-event-id']);
    expect(order).toEqual([first.eventId, second.eventId]);
  });

  it('replays a delivery and an event as new attempts', async () => {
    const endpoint = await addEndpoint('/replayed');
    const { eventId } = await record('tr_replayed');
    await expect
      .poll(async () => (await deliveryOf(endpoint.id, eventId))?.state, { timeout: 15_000 })
      .toBe('delivered');
    const delivery = await deliveryOf(endpoint.id, eventId);

    const replay = await api('POST', `/v1/connections/${connectionId}/webhook-deliveries/${delivery!.id}/replay`);
    expect(replay).toMatchObject({ status: 202, body: { state: 'pending' } });
    await expect.poll(() => received('/replayed', eventId).length, { timeout: 15_000 }).toBe(2);

    const replayEvent = await api('POST', `/v1/connections/${connectionId}/events/${eventId}/replay`);
    expect(replayEvent.status).toBe(202);
    expect(replayEvent.body.deliveryIds).toContain(delivery!.id);
    await expect.poll(() => received('/replayed', eventId).length, { timeout: 15_000 }).toBe(3);
    await expect
      .poll(async () => (await deliveryOf(endpoint.id, eventId))?.state, { timeout: 15_000 })
      .toBe('delivered');
  });

  it('lists the log by state and refuses a token of another connection with 404', async () => {
    const failing = await api('GET', `/v1/connections/${connectionId}/webhook-deliveries?state=failed`);
    expect(failing).toMatchObject({ status: 200, body: { deliveries: [] } });
    const paged = await api('GET', `/v1/connections/${connectionId}/webhook-deliveries?limit=1`);
    expect(paged.body.deliveries).toHaveLength(1);
    const older = await api(
      'GET',
      `/v1/connections/${connectionId}/webhook-deliveries?limit=1&before=${paged.body.nextCursor}`,
    );
    expect(Number(older.body.deliveries[0].id)).toBeLessThan(Number(paged.body.deliveries[0].id));

    const other = await createTestConnection(database.db);
    const asOther = callAs(baseUrl, `token-${other.connectionId}`);
    expect((await asOther('GET', `/v1/connections/${connectionId}/webhook-deliveries`)).status).toBe(404);
    expect((await asOther('GET', `/v1/connections/${connectionId}/webhook-endpoints`)).status).toBe(404);
    expect((await asOther('POST', `/v1/connections/${connectionId}/webhook-deliveries/1/replay`)).status).toBe(404);
  });
});
