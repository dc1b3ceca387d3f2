// Sync run records: created with their job in one transaction, read by the API and the CLI, updated as a run goes.
import { randomBytes } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { Database, DB } from '../storage/schema';
import type { RegisterCounts, RegisterSyncError, RegisterSyncRunsTable } from '../storage/tables/register-tables';
import type { RegisterName } from './register-kinds';

export type SyncMode = RegisterSyncRunsTable['mode'];
export type SyncTrigger = RegisterSyncRunsTable['trigger'];

/** What the API and CLI show of a run. */
export interface SyncRun {
  id: string;
  connectionId: string;
  mode: SyncMode;
  trigger: SyncTrigger;
  state: RegisterSyncRunsTable['state'];
  registers: string[];
  currentRegister: string | null;
  counts: Record<string, RegisterCounts>;
  totals: Omit<RegisterCounts, 'done'>;
  errors: RegisterSyncError[];
  procountorCalls: number;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** Job data of the masterDataSync queue: a run to do, or a schedule tick that makes one. */
export type SyncJobData = { runId: string } | { scheduledConnectionId: string };

export function emptyCounts(): RegisterCounts {
  return { created: 0, updated: 0, unchanged: 0, failed: 0, fetched: 0, calls: 0, inactivated: 0, done: false };
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

type RunRow = {
  id: string;
  connection_id: string;
  mode: SyncMode;
  trigger: SyncTrigger;
  state: SyncRun['state'];
  registers: string[];
  counts: Record<string, RegisterCounts>;
  errors: RegisterSyncError[];
  current_register: string | null;
  procountor_calls: number;
  created_at: Date;
  started_at: Date | string | null;
  finished_at: Date | string | null;
};

export function toSyncRun(row: RunRow): SyncRun {
  const totals = { created: 0, updated: 0, unchanged: 0, failed: 0, fetched: 0, calls: 0, inactivated: 0 };
  for (const counts of Object.values(row.counts)) {
    for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += counts[key] ?? 0;
  }
  return {
    id: row.id,
    connectionId: row.connection_id,
    mode: row.mode,
    trigger: row.trigger,
    state: row.state,
    registers: row.registers,
    currentRegister: row.current_register,
    counts: row.counts,
    totals,
    errors: row.errors,
    procountorCalls: row.procountor_calls,
    createdAt: iso(row.created_at) as string,
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
  };
}

export async function findSyncRun(db: Database, runId: string): Promise<SyncRun | undefined> {
  const row = await db.selectFrom('register_sync_runs').selectAll().where('id', '=', runId).executeTakeFirst();
  return row ? toSyncRun(row) : undefined;
}

export async function listSyncRuns(db: Database, connectionId: string, limit: number): Promise<SyncRun[]> {
  const rows = await db
    .selectFrom('register_sync_runs')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toSyncRun);
}

/** The connection's queued or running run, if any: a second request joins it instead of starting another. */
export async function findUnfinishedRun(db: Database, connectionId: string): Promise<SyncRun | undefined> {
  const row = await db
    .selectFrom('register_sync_runs')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('state', 'in', ['queued', 'running'])
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row ? toSyncRun(row) : undefined;
}

export interface NewSyncRun {
  connectionId: string;
  mode: SyncMode;
  trigger: SyncTrigger;
  registers: readonly RegisterName[];
}

/** Inserts a queued run record (without a job: the CLI runs it in its own process). */
export async function insertSyncRun(db: Database | Transaction<DB>, run: NewSyncRun): Promise<string> {
  const id = `syn_${randomBytes(8).toString('hex')}`;
  await db
    .insertInto('register_sync_runs')
    .values({
      id,
      connection_id: run.connectionId,
      mode: run.mode,
      trigger: run.trigger,
      state: 'queued',
      registers: JSON.stringify(run.registers),
      counts: JSON.stringify(Object.fromEntries(run.registers.map((register) => [register, emptyCounts()]))),
      errors: '[]',
    })
    .execute();
  return id;
}

/** Inserts a queued run and its job in one transaction (README "Jobs"); an unfinished run is returned instead. */
export async function requestSyncRun(
  db: Database,
  jobs: Pick<JobQueue, 'sendInTransaction'>,
  run: NewSyncRun,
): Promise<{ run: SyncRun; joined: boolean }> {
  const unfinished = await findUnfinishedRun(db, run.connectionId);
  if (unfinished) return { run: unfinished, joined: true };
  const id = await db.transaction().execute(async (trx) => {
    const runId = await insertSyncRun(trx, run);
    await jobs.sendInTransaction<SyncJobData>(trx, QUEUE_NAMES.masterDataSync, { runId });
    return runId;
  });
  return { run: (await findSyncRun(db, id)) as SyncRun, joined: false };
}

export async function updateSyncRun(
  db: Database,
  runId: string,
  changes: {
    state?: SyncRun['state'];
    counts?: Record<string, RegisterCounts>;
    errors?: RegisterSyncError[];
    currentRegister?: string | null;
    procountorCalls?: number;
    started?: boolean;
    finished?: boolean;
  },
): Promise<void> {
  await db
    .updateTable('register_sync_runs')
    .set({
      ...(changes.state ? { state: changes.state } : {}),
      ...(changes.counts ? { counts: JSON.stringify(changes.counts) } : {}),
      ...(changes.errors ? { errors: JSON.stringify(changes.errors) } : {}),
      ...(changes.currentRegister !== undefined ? { current_register: changes.currentRegister } : {}),
      ...(changes.procountorCalls !== undefined ? { procountor_calls: changes.procountorCalls } : {}),
      ...(changes.started ? { started_at: sql<Date>`now()` } : {}),
      ...(changes.finished ? { finished_at: sql<Date>`now()` } : {}),
    })
    .where('id', '=', runId)
    .execute();
}
