// The event feed on both databases: pages by cursor in recording order, filters by type, hides other connections.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  callAs,
  createTestConnection,
  startTestApp,
  startTestJobQueue,
} from '../../test/helpers/create-test-connection';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import type { JobQueue } from '../jobs/create-job-queue';
import type { BridgeApp } from '../server/bridge-app';
import { eventFeedRoutes } from './event-feed-routes';
import { recordEvent } from './record-event';

describeOnBothDatabases('event feed', (database) => {
  let app: BridgeApp;
  let baseUrl: string;
  let jobs: JobQueue;

  beforeAll(async () => {
    jobs = await startTestJobQueue(database.db);
    ({ app, url: baseUrl } = await startTestApp([eventFeedRoutes({ db: database.db })]));
  });
  afterAll(async () => {
    await app.close();
    await jobs.stop({ timeoutMs: 1000 });
  });

  const record = (connectionId: string, type: string, transferId: string) =>
    database.db.transaction().execute((trx) =>
      recordEvent(trx, jobs, {
        connectionId,
        type,
        subjectId: transferId,
        payload: { transferId, externalId: `INV-${transferId}` },
      }),
    );

  it('pages with its cursor in recording order and filters by type', async () => {
    const { connectionId } = await createTestConnection(database.db);
    const recorded = [
      await record(connectionId, 'transfer.succeeded', 'tr_1'),
      await record(connectionId, 'transfer.failed', 'tr_2'),
      await record(connectionId, 'transfer.succeeded', 'tr_3'),
    ];
    const api = callAs(baseUrl, `token-${connectionId}`);
    const feed = `/v1/connections/${connectionId}/events`;

    const first = await api('GET', `${feed}?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.events.map((event: { eventId: string }) => event.eventId)).toEqual(
      recorded.slice(0, 2).map((event) => event.eventId),
    );
    expect(first.body.events[0]).toMatchObject({
      type: 'transfer.succeeded',
      subjectId: 'tr_1',
      payload: { transferId: 'tr_1', externalId: 'INV-tr_1' },
      createdAt: expect.any(String),
    });
    const second = await api('GET', `${feed}?limit=2&after=${first.body.nextCursor}`);
    expect(second.body.events.map((event: { eventId: string }) => event.eventId)).toEqual([recorded[2]!.eventId]);
    const caughtUp = await api('GET', `${feed}?after=${second.body.nextCursor}`);
    expect(caughtUp.body).toEqual({ events: [], nextCursor: second.body.nextCursor });

    const failed = await api('GET', `${feed}?type=transfer.failed`);
    expect(failed.body.events.map((event: { subjectId: string }) => event.subjectId)).toEqual(['tr_2']);
  });

  it('refuses a bad limit or cursor with the field named', async () => {
    const { connectionId } = await createTestConnection(database.db);
    const api = callAs(baseUrl, 'admin');
    const tooMany = await api('GET', `/v1/connections/${connectionId}/events?limit=501`);
    expect(tooMany).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    expect(JSON.stringify(tooMany.body.details)).toContain('limit');
    expect((await api('GET', `/v1/connections/${connectionId}/events?after=abc`)).status).toBe(400);
  });

  it("answers 404 to a token of connection A asking for B's events", async () => {
    const a = await createTestConnection(database.db);
    const b = await createTestConnection(database.db);
    await record(b.connectionId, 'transfer.succeeded', 'tr_b');
    const response = await callAs(baseUrl, `token-${a.connectionId}`)(
      'GET',
      `/v1/connections/${b.connectionId}/events`,
    );
    expect(response).toMatchObject({ status: 404, body: { code: 'not_found' } });
  });
});
