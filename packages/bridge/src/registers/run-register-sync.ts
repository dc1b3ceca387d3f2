// Runs one sync run: each register read from Procountor (whole, or changes since its watermark) into the local copy.
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { ConnectionService } from '../connections/connection-record';
import type { Database } from '../storage/schema';
import type { RegisterCounts, RegisterSyncError } from '../storage/tables/register-tables';
import { fetchRegister } from './fetch-register';
import { INCREMENTAL_REGISTERS, isRegisterName, type RegisterName } from './register-kinds';
import { removeRecordsNotSyncedSince, upsertRegisterPage } from './register-records';
import { emptyCounts, findSyncRun, type SyncRun, updateSyncRun } from './sync-runs';

export interface RegisterSyncDeps {
  db: Database;
  connections: Pick<ConnectionService, 'find' | 'procountorClient'>;
  logger: Logger;
  /** Called after every page and register with the run's counts so far (the CLI's progress line). */
  onProgress?: (counts: Record<string, RegisterCounts>, register: string) => void;
  /** Filled in when given: time spent waiting for Procountor's pages and storing them (the benchmark's breakdown). */
  timings?: SyncTimings;
}

export interface SyncTimings {
  waitingForProcountorMs: number;
  storingMs: number;
}

/** The later of two Procountor version stamps (date-times; compared as instants, text when unparseable). */
function laterVersion(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  const [msA, msB] = [Date.parse(a), Date.parse(b)];
  if (!Number.isNaN(msA) && !Number.isNaN(msB)) return msB > msA ? b : a;
  return b > a ? b : a;
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Walks the run's registers in order. A register that fails is recorded (its error, its records so far) and the
 * others still run; the run ends `failed` when any register failed, else `succeeded`.
 */
export async function runRegisterSync(deps: RegisterSyncDeps, runId: string): Promise<SyncRun | undefined> {
  const run = await findSyncRun(deps.db, runId);
  if (!run || run.state === 'succeeded' || run.state === 'failed') return run;
  const log = deps.logger.child({ runId, connectionId: run.connectionId });
  const counts: Record<string, RegisterCounts> = { ...run.counts };
  const errors: RegisterSyncError[] = [];
  let calls = 0;
  await updateSyncRun(deps.db, runId, { state: 'running', started: true, errors });
  log.info({ mode: run.mode, registers: run.registers }, 'register sync started');

  const connection = await deps.connections.find(run.connectionId);
  if (connection?.status !== 'active') {
    errors.push({
      register: '*',
      message: `Connection ${run.connectionId} is not active; activate it and sync again.`,
    });
    await updateSyncRun(deps.db, runId, { state: 'failed', errors, finished: true });
    return findSyncRun(deps.db, runId);
  }
  const client = await deps.connections.procountorClient(connection);

  for (const register of run.registers.filter(isRegisterName)) {
    const registerCounts: RegisterCounts = { ...emptyCounts() };
    counts[register] = registerCounts;
    await updateSyncRun(deps.db, runId, { currentRegister: register, counts });
    try {
      await syncOneRegister(
        deps.db,
        run,
        register,
        registerCounts,
        client,
        () => {
          calls += 1;
          registerCounts.calls += 1;
        },
        async () => {
          deps.onProgress?.(counts, register);
          await updateSyncRun(deps.db, runId, { counts, procountorCalls: calls });
        },
        deps.timings,
      );
    } catch (error) {
      log.warn({ register, err: error }, 'register sync failed');
      errors.push({ register, message: `Reading ${register} from Procountor failed: ${describeError(error)}` });
    }
    registerCounts.done = true;
    deps.onProgress?.(counts, register);
    await updateSyncRun(deps.db, runId, { counts, errors, procountorCalls: calls });
  }
  await updateSyncRun(deps.db, runId, {
    state: errors.length > 0 ? 'failed' : 'succeeded',
    currentRegister: null,
    counts,
    errors,
    procountorCalls: calls,
    finished: true,
  });
  log.info({ calls, errors: errors.length }, 'register sync finished');
  return findSyncRun(deps.db, runId);
}

/**
 * Asks for the next page while the current one is being stored: Procountor's answer time and the database's write
 * time overlap instead of adding up. Still one request at a time towards Procountor.
 */
async function* prefetched<T>(pages: AsyncGenerator<T, void, undefined>): AsyncGenerator<T, void, undefined> {
  let next = pages.next();
  try {
    for (;;) {
      const { value, done } = await next;
      if (done) return;
      next = pages.next();
      // A failing prefetch is rethrown when awaited above; this keeps it from being reported as unhandled meanwhile.
      next.catch(() => {});
      yield value;
    }
  } finally {
    await pages.return(undefined);
  }
}

async function syncOneRegister(
  db: Database,
  run: SyncRun,
  register: RegisterName,
  counts: RegisterCounts,
  client: Awaited<ReturnType<RegisterSyncDeps['connections']['procountorClient']>>,
  countCall: () => void,
  reportProgress: () => Promise<void>,
  timings?: SyncTimings,
): Promise<void> {
  const state = await db
    .selectFrom('register_sync_state')
    .select(['watermark', 'last_full_sync_at'])
    .where('connection_id', '=', run.connectionId)
    .where('register', '=', register)
    .executeTakeFirst();
  // Incremental only where the contract offers versionStartDate and a full read has set a watermark.
  const incremental = run.mode === 'incremental' && INCREMENTAL_REGISTERS.has(register) && Boolean(state?.watermark);
  const { startedAt } = (await sql<{ startedAt: Date }>`select now() as "startedAt"`.execute(db)).rows[0] as {
    startedAt: Date;
  };
  let watermark = state?.watermark ?? null;
  let waitingSince = performance.now();
  for await (const page of prefetched(
    fetchRegister(client, register, {
      versionStartDate: incremental ? (state?.watermark ?? undefined) : undefined,
      countCall,
    }),
  )) {
    const storingSince = performance.now();
    if (timings) timings.waitingForProcountorMs += storingSince - waitingSince;
    counts.fetched += page.length;
    try {
      const pageCounts = await upsertRegisterPage(db, run.connectionId, register, page);
      if (timings) timings.storingMs += performance.now() - storingSince;
      counts.created += pageCounts.created;
      counts.updated += pageCounts.updated;
      counts.unchanged += pageCounts.unchanged;
      for (const record of page) watermark = laterVersion(watermark, record.version);
      counts.inactivated += pageCounts.inactivated;
    } catch (error) {
      counts.failed += page.length;
      throw error;
    }
    await reportProgress();
    waitingSince = performance.now();
  }
  // A full read lists everything Procountor has: what it no longer lists is gone there (counted as inactivated).
  if (!incremental) counts.inactivated += await removeRecordsNotSyncedSince(db, run.connectionId, register, startedAt);
  await db
    .insertInto('register_sync_state')
    .values({
      connection_id: run.connectionId,
      register,
      watermark,
      last_synced_at: sql<Date>`now()`,
      last_full_sync_at: incremental ? (state?.last_full_sync_at ?? null) : sql<Date>`now()`,
    })
    .onConflict((conflict) =>
      conflict.columns(['connection_id', 'register']).doUpdateSet((eb) => ({
        watermark: eb.ref('excluded.watermark'),
        last_synced_at: eb.ref('excluded.last_synced_at'),
        last_full_sync_at: eb.ref('excluded.last_full_sync_at'),
      })),
    )
    .execute();
}
