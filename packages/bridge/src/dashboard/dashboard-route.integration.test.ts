// GET /v1/dashboard over real HTTP on both databases: counts by day and month in Finnish time, failures with their
// fix, queue depth, the 30-day series, and a connection token seeing only its connection.
import { expect, it } from 'vitest';
import { createTestConnection } from '../../test/helpers/create-test-connection';
import { apiCaller, startTestBridge, TEST_ADMIN_TOKEN } from '../../test/helpers/start-test-bridge';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import { createApiTokenService } from '../api-tokens/api-token-service';
import type { Bridge } from '../composition/create-bridge';
import type { Database } from '../storage/schema';
import { newTransferId } from '../transfers/transfer-repository';
import { readDashboard } from './read-dashboard';

async function insertTransfer(db: Database, connectionId: string, state: string, createdAt: Date, error?: object) {
  const id = newTransferId(createdAt.getTime());
  await db
    .insertInto('transfers')
    .values({
      id,
      connection_id: connectionId,
      kind: 'sales_invoice',
      external_id: `EXT-${id}`,
      payload: JSON.stringify({}),
      payload_hash: id,
      state,
      customer_name: 'Asiakas Oy',
      last_error: error ? JSON.stringify(error) : null,
      created_at: createdAt,
      updated_at: createdAt,
    })
    .execute();
  return id;
}

describeOnBothDatabases('GET /v1/dashboard', (database) => {
  it('counts by Finnish day and month, lists failures with their fix, and measures the queue', async () => {
    const { connectionId } = await createTestConnection(database.db);
    const { connectionId: otherId } = await createTestConnection(database.db);
    // 2026-03-15 10:00 UTC is 12:00 in Helsinki; 2026-03-14 22:30 UTC is already the 15th there.
    const now = new Date('2026-03-15T10:00:00Z');
    await insertTransfer(database.db, connectionId, 'succeeded', new Date('2026-03-14T22:30:00Z'));
    await insertTransfer(database.db, connectionId, 'succeeded', new Date('2026-03-14T21:30:00Z'));
    await insertTransfer(database.db, connectionId, 'queued', new Date('2026-03-15T09:00:00Z'));
    await insertTransfer(database.db, connectionId, 'retrying', new Date('2026-03-02T09:00:00Z'));
    const failed = await insertTransfer(database.db, connectionId, 'failed', new Date('2026-02-20T09:00:00Z'), {
      code: 'product_not_found',
      message: 'Product code P-1 is not in Procountor.',
      fix: 'Add product P-1 in Procountor, then resend.',
    });
    await insertTransfer(database.db, otherId, 'succeeded', new Date('2026-03-15T08:00:00Z'));

    const dashboard = await readDashboard(database.db, { connectionIds: [connectionId], now });
    expect(dashboard.today).toEqual({
      date: '2026-03-15',
      byState: expect.objectContaining({ succeeded: 1, queued: 1, failed: 0, retrying: 0 }),
    });
    expect(dashboard.thisMonth.byState).toMatchObject({ succeeded: 2, queued: 1, retrying: 1, failed: 0 });
    expect(dashboard.failures.total).toBe(1);
    expect(dashboard.failures.latest).toEqual([
      expect.objectContaining({
        transferId: failed,
        errorCode: 'product_not_found',
        fix: 'Add product P-1 in Procountor, then resend.',
      }),
    ]);
    expect(dashboard.queue).toEqual({
      depth: 2,
      byState: { waiting_for_send: 0, queued: 1, in_progress: 0, retrying: 1 },
    });
    expect(dashboard.transfersPerDay).toHaveLength(30);
    expect(dashboard.transfersPerDay.at(-1)).toEqual({ date: '2026-03-15', succeeded: 1, failed: 0, other: 1 });
    expect(dashboard.transfersPerDay.at(-2)).toEqual({ date: '2026-03-14', succeeded: 1, failed: 0, other: 0 });

    const all = await readDashboard(database.db, { now });
    expect(all.today.byState.succeeded).toBe(2);
  });

  it('answers over HTTP to an admin, and a connection token sees only its own connection', async () => {
    let bridge: Bridge | undefined;
    try {
      bridge = await startTestBridge(database.db);
      const call = apiCaller(bridge.url);
      const admin = await call('GET', '/v1/dashboard', TEST_ADMIN_TOKEN);
      expect(admin.status).toBe(200);
      expect(admin.json.timeZone).toBe('Europe/Helsinki');

      const { connectionId } = await createTestConnection(database.db);
      const { connectionId: otherId } = await createTestConnection(database.db);
      await insertTransfer(database.db, otherId, 'failed', new Date(), { code: 'x', message: 'x', fix: 'x' });
      const tokens = createApiTokenService({ db: database.db, logger: bridge.services.logger });
      const { token } = await tokens.create({ name: 'source', connectionId });
      const own = await call('GET', '/v1/dashboard', token);
      expect(own.status).toBe(200);
      expect(own.json.failures.total).toBe(0);
      expect((await call('GET', `/v1/dashboard?connectionId=${otherId}`, token)).status).toBe(404);
      expect((await call('GET', `/v1/dashboard?connectionId=${otherId}`, TEST_ADMIN_TOKEN)).json.failures.total).toBe(
        1,
      );
    } finally {
      await bridge?.stop();
    }
  });
});
