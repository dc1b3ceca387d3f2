// recordEvent on both databases: everything it writes commits or rolls back with the caller's transaction.
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestConnection, startTestJobQueue } from '../../test/helpers/create-test-connection';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import type { JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { Database } from '../storage/schema';
import { recordEvent } from './record-event';

async function insertEndpoint(db: Database, connectionId: string, eventTypes: string[] = [], active = true) {
  const id = `whe_${randomBytes(6).toString('hex')}`;
  await db
    .insertInto('webhook_endpoints')
    .values({
      id,
      connection_id: connectionId,
      url: 'http://127.0.0.1:1/hook',
      secret_encrypted: 'v1:x:x:x',
      event_types: JSON.stringify(eventTypes),
      active,
    })
    .execute();
  return id;
}

async function countJobs(db: Database, queue: string): Promise<number> {
  const { rows } = await sql<{
    count: string;
  }>`select count(*)::text as count from pgboss.job where name = ${queue}`.execute(db);
  return Number(rows[0]?.count);
}

const payload = { transferId: 'tr_1', externalId: 'INV-1', procountorInvoiceNumber: 1001, referenceCode: '10013' };

describeOnBothDatabases('recordEvent', (database) => {
  let jobs: JobQueue;

  beforeAll(async () => {
    jobs = await startTestJobQueue(database.db);
    await jobs.createQueue(QUEUE_NAMES.sourceWebhookDeliver);
    await jobs.createQueue(QUEUE_NAMES.sourcePullReport);
  });
  afterAll(() => jobs.stop({ timeoutMs: 1000 }));

  it('leaves no event, delivery or job when the caller rolls back', async () => {
    const { connectionId } = await createTestConnection(database.db);
    await insertEndpoint(database.db, connectionId);
    const jobsBefore = await countJobs(database.db, QUEUE_NAMES.sourceWebhookDeliver);
    await expect(
      database.db.transaction().execute(async (trx) => {
        await recordEvent(trx, jobs, { connectionId, type: 'transfer.succeeded', subjectId: 'tr_1', payload });
        throw new Error('the state change failed after the event');
      }),
    ).rejects.toThrow('the state change failed');
    expect(await database.db.selectFrom('events').where('connection_id', '=', connectionId).execute()).toEqual([]);
    expect(await database.db.selectFrom('webhook_deliveries').selectAll().execute()).toEqual([]);
    expect(await countJobs(database.db, QUEUE_NAMES.sourceWebhookDeliver)).toBe(jobsBefore);
  });

  it('writes the event and one delivery with its job per active endpoint subscribed to the type', async () => {
    const { connectionId } = await createTestConnection(database.db);
    const all = await insertEndpoint(database.db, connectionId);
    const subscribed = await insertEndpoint(database.db, connectionId, ['transfer.succeeded']);
    await insertEndpoint(database.db, connectionId, ['transfer.failed']);
    await insertEndpoint(database.db, connectionId, [], false);
    const jobsBefore = await countJobs(database.db, QUEUE_NAMES.sourceWebhookDeliver);

    const { eventId } = await database.db
      .transaction()
      .execute((trx) =>
        recordEvent(trx, jobs, { connectionId, type: 'transfer.succeeded', subjectId: 'tr_1', payload }),
      );

    expect(eventId).toMatch(/^evt_[0-9a-f]{24}$/);
    const event = await database.db.selectFrom('events').selectAll().where('event_id', '=', eventId).executeTakeFirst();
    expect(event).toMatchObject({
      connection_id: connectionId,
      type: 'transfer.succeeded',
      subject_id: 'tr_1',
      payload,
    });
    const deliveries = await database.db
      .selectFrom('webhook_deliveries')
      .selectAll()
      .where('event_id', '=', eventId)
      .execute();
    expect(deliveries.map((delivery) => delivery.endpoint_id).sort()).toEqual([all, subscribed].sort());
    expect(deliveries.every((delivery) => delivery.state === 'pending' && delivery.attempts === 0)).toBe(true);
    expect(await countJobs(database.db, QUEUE_NAMES.sourceWebhookDeliver)).toBe(jobsBefore + 2);
  });

  it('queues a status report only for connections with a scheduled pull', async () => {
    const pulled = await createTestConnection(database.db, {
      scheduledPull: { url: 'http://127.0.0.1:1/invoices', status: 'waiting_for_transfer' },
    });
    const plain = await createTestConnection(database.db);
    const before = await countJobs(database.db, QUEUE_NAMES.sourcePullReport);
    for (const { connectionId } of [pulled, plain]) {
      await database.db
        .transaction()
        .execute((trx) =>
          recordEvent(trx, jobs, { connectionId, type: 'transfer.failed', subjectId: 'tr_2', payload }),
        );
    }
    expect(await countJobs(database.db, QUEUE_NAMES.sourcePullReport)).toBe(before + 1);
  });

  it('refuses an unknown type and a payload that breaks its schema, naming the problem', async () => {
    const { connectionId } = await createTestConnection(database.db);
    await expect(
      database.db
        .transaction()
        .execute((trx) => recordEvent(trx, jobs, { connectionId, type: 'transfer.exploded', subjectId: 'x', payload })),
    ).rejects.toThrow(/unknown event type 'transfer.exploded'/);
    await expect(
      database.db.transaction().execute((trx) =>
        recordEvent(trx, jobs, {
          connectionId,
          type: 'transfer.succeeded',
          subjectId: 'x',
          payload: { transferId: 1 },
        }),
      ),
    ).rejects.toThrow(/payload does not match its schema/);
  });
});
