// The sync schedule books one waiting tick per connection, and a run a stopped process left running is failed.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RegisterTestKit, startRegisterTestKit } from '../../test/helpers/register-test-kit';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import { QUEUE_NAMES } from '../jobs/queue-names';
import { failAbandonedRuns } from './start-register-sync-workers';
import { findSyncRun, insertSyncRun } from './sync-runs';

describeOnBothDatabases('register sync schedule and recovery', (database) => {
  let kit: RegisterTestKit;
  let base: string;

  async function waitingTicks(): Promise<number> {
    const { rows } = await sql<{ count: string }>`
      select count(*)::text as count from pgboss.job
       where name = ${QUEUE_NAMES.masterDataSync} and singleton_key = ${`register-schedule:${kit.connectionId}`}
         and state = 'created'`.execute(database.db);
    return Number(rows[0]?.count ?? 0);
  }

  beforeAll(async () => {
    kit = await startRegisterTestKit(database.db, 'Ajastus Oy');
    base = `/v1/connections/${kit.connectionId}/registers`;
  });
  afterAll(async () => {
    await kit?.stop();
  });

  it('sets a schedule once however often it is set, shows it, and removes it', async () => {
    expect((await kit.call('PUT', `${base}/schedule`, { everyMinutes: 30 })).status).toBe(200);
    expect((await kit.call('PUT', `${base}/schedule`, { everyMinutes: 15 })).status).toBe(200);
    expect(await waitingTicks()).toBe(1);
    expect((await kit.call('GET', base)).json.scheduleEveryMinutes).toBe(15);
    const tooOften = await kit.call('PUT', `${base}/schedule`, { everyMinutes: 1 });
    expect(tooOften.status).toBe(400);
    expect((await kit.call('PUT', `${base}/schedule`, { everyMinutes: null })).json).toEqual({ everyMinutes: null });
    expect((await kit.call('GET', base)).json.scheduleEveryMinutes).toBeNull();
  });

  it('fails a run left running by a stopped process, so a new sync can start', async () => {
    const runId = await insertSyncRun(database.db, {
      connectionId: kit.connectionId,
      mode: 'incremental',
      trigger: 'on_demand',
      registers: ['currencies'],
    });
    await database.db
      .updateTable('register_sync_runs')
      .set({ state: 'running', started_at: sql<Date>`now() - interval '2 hours'` })
      .where('id', '=', runId)
      .execute();
    expect(await failAbandonedRuns(database.db)).toBe(1);
    const run = await findSyncRun(database.db, runId);
    expect(run?.state).toBe('failed');
    expect(run?.errors[0]?.message).toContain('stopped before it ended');
    const next = await kit.syncAndWait({ registers: ['currencies'] });
    expect(next.id).not.toBe(runId);
    expect(next.state).toBe('succeeded');
  });
});
