// The masterDataSync queue: runs requested syncs, and per connection with a schedule a tick that makes the next one.
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { ConnectionService } from '../connections/connection-record';
import type { JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { Database } from '../storage/schema';
import { REGISTERS } from './register-kinds';
import { runRegisterSync } from './run-register-sync';
import { requestSyncRun, type SyncJobData } from './sync-runs';

export interface RegisterSyncWorkerDeps {
  db: Database;
  jobs: JobQueue;
  connections: Pick<ConnectionService, 'find' | 'procountorClient'>;
  logger: Logger;
}

const scheduleKey = (connectionId: string) => `register-schedule:${connectionId}`;

/**
 * Books the connection's next scheduled tick `everyMinutes` from now, unless one is already waiting (looked up in
 * pg-boss's own table: its `singletonKey` alone does not deduplicate on a standard queue).
 */
export async function bookScheduleTick(
  db: Database,
  jobs: Pick<JobQueue, 'send'>,
  connectionId: string,
  everyMinutes: number,
): Promise<void> {
  const waiting = await sql<{ id: string }>`
    select id::text as id from pgboss.job
     where name = ${QUEUE_NAMES.masterDataSync} and singleton_key = ${scheduleKey(connectionId)}
       and state in ('created', 'retry')
     limit 1`.execute(db);
  if (waiting.rows.length > 0) return;
  await jobs.send<SyncJobData>(
    QUEUE_NAMES.masterDataSync,
    { scheduledConnectionId: connectionId },
    { singletonKey: scheduleKey(connectionId), startAfter: everyMinutes * 60 },
  );
}

/** Sets the connection's schedule to every `everyMinutes` minutes, or removes it (null). */
export async function saveSyncSchedule(db: Database, connectionId: string, everyMinutes: number | null): Promise<void> {
  if (everyMinutes === null) {
    await db.deleteFrom('register_sync_schedules').where('connection_id', '=', connectionId).execute();
    return;
  }
  await db
    .insertInto('register_sync_schedules')
    .values({ connection_id: connectionId, every_minutes: everyMinutes })
    .onConflict((conflict) =>
      conflict.column('connection_id').doUpdateSet({ every_minutes: everyMinutes, updated_at: new Date() }),
    )
    .execute();
}

/** How long a run may stay `running` before a starting worker takes it for one a stopped process left behind. */
const ABANDONED_AFTER_MINUTES = 60;

/**
 * A run left `running` by a process that stopped (crash, deploy) would make every later request join it: a worker
 * starting up marks such runs failed (its queue has retryLimit 0, so pg-boss will not run the job again).
 */
export async function failAbandonedRuns(db: Database): Promise<number> {
  const result = await db
    .updateTable('register_sync_runs')
    .set({
      state: 'failed',
      finished_at: sql<Date>`now()`,
      errors: sql`errors || ${JSON.stringify([
        { register: '*', message: 'The process running this sync stopped before it ended; start a new sync.' },
      ])}::jsonb`,
    })
    .where('state', '=', 'running')
    .where('started_at', '<', sql<Date>`now() - make_interval(mins => ${ABANDONED_AFTER_MINUTES})`)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

async function handleScheduleTick(deps: RegisterSyncWorkerDeps, connectionId: string): Promise<unknown> {
  const schedule = await deps.db
    .selectFrom('register_sync_schedules')
    .select('every_minutes')
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  // The schedule was removed (or the connection deleted) since this tick was booked: nothing more to do.
  if (!schedule) return { skipped: 'no schedule' };
  const connection = await deps.connections.find(connectionId);
  let result: unknown = { skipped: 'connection not active' };
  if (connection?.status === 'active') {
    const { run, joined } = await requestSyncRun(deps.db, deps.jobs, {
      connectionId,
      mode: 'incremental',
      trigger: 'schedule',
      registers: REGISTERS,
    });
    result = { runId: run.id, joined };
  }
  await bookScheduleTick(deps.db, deps.jobs, connectionId, schedule.every_minutes);
  return result;
}

export async function startRegisterSyncWorkers(deps: RegisterSyncWorkerDeps): Promise<void> {
  await deps.jobs.createQueue(QUEUE_NAMES.masterDataSync, { retryLimit: 0 });
  const log = deps.logger.child({ queue: QUEUE_NAMES.masterDataSync });
  await deps.jobs.work<SyncJobData>(QUEUE_NAMES.masterDataSync, { concurrency: 1 }, async (job) => {
    if ('runId' in job.data) {
      const run = await runRegisterSync({ ...deps, logger: log.child({ jobId: job.id }) }, job.data.runId);
      return run ? { runId: run.id, state: run.state, totals: run.totals } : { missing: job.data.runId };
    }
    return handleScheduleTick(deps, job.data.scheduledConnectionId);
  });
  await failAbandonedRuns(deps.db);
  // A restart keeps every schedule going (a tick already waiting is left as it is).
  const schedules = await deps.db.selectFrom('register_sync_schedules').selectAll().execute();
  for (const schedule of schedules) {
    await bookScheduleTick(deps.db, deps.jobs, schedule.connection_id, schedule.every_minutes);
  }
}
