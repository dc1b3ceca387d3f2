// Every few seconds in every worker process: a job for every transfer a dead process held (claimed, or only fetched
// as a job), or whose job went missing.
import { type RawBuilder, sql } from 'kysely';
import { QUEUE_NAMES } from '../jobs/queue-names';
import { enqueueTransferRun } from './accept-transfer';
import type { TransferDeps } from './transfer-deps';

/**
 * One sweep at a time across all processes (a transaction-scoped advisory lock): the others skip their turn, so two
 * processes never queue the same transfer twice. Any constant works; this one spells "trsw".
 */
const SWEEP_LOCK_KEY = 0x74727377;

/** Old unfinished transfers looked at per sweep: a backlog of queued ones (each with its waiting job) and then some. */
const MAX_SUSPECTS = 20_000;

/**
 * Gets a job now for each transfer untouched for `staleMs` while in_progress (its process died mid-step: a live run
 * touches its transfer every lease/3), and each queued or retrying one (past its time) that was never claimed since,
 * unless a job for it already waits or was fetched within `staleMs` (a live run is taking it over). That covers a job
 * lost (deleted by hand, or with a restore) and a job a process fetched and died with before claiming the transfer:
 * pg-boss keeps that one `active` until its 15-minute expiry, while a live process claims within milliseconds of a
 * fetch (or sends a new job with startAfter when no slot is free). A transfer that waits its turn behind a long queue
 * keeps its job and gets no second one. A duplicate job is harmless anyway: only one run can claim the transfer
 * (run-transfer.ts claimTransfer), the other finds nothing to do.
 *
 * Cheap when nothing is stranded: the partial index `transfers_unfinished` finds the suspects (unfinished and old
 * enough), pg-boss's own index of waiting jobs (job_i5) clears those whose job waits, and only what is left, normally
 * nothing or a transfer being fetched this very moment, is looked up among fetched jobs (a scan of the queue's jobs).
 */
export async function recoverStrandedTransfers(deps: TransferDeps, staleMs: number): Promise<string[]> {
  return deps.db.transaction().execute(async (trx) => {
    const { rows: lock } = await sql<{ locked: boolean }>`
      select pg_try_advisory_xact_lock(${SWEEP_LOCK_KEY}) as locked`.execute(trx);
    if (!lock[0]?.locked) return [];
    const stale = sql`now() - (${staleMs}::int * interval '1 millisecond')`;
    const { rows: suspects } = await sql<{ id: string }>`
      select id from transfers
      where state in ('queued', 'in_progress', 'retrying')
        and ((state in ('queued', 'in_progress') and updated_at < ${stale})
          or (state = 'retrying' and next_attempt_at < ${stale}))
      order by id limit ${MAX_SUSPECTS}`.execute(trx);
    // pg-boss 10 keeps jobs in pgboss.job (jobs/create-job-queue.ts): created/retry ones wait to run (state < active,
    // the predicate of its index job_i5), active ones were fetched by a worker at started_on (the database's clock).
    const withJob = async (ids: string[], jobState: RawBuilder<unknown>) => {
      if (ids.length === 0) return new Set<string>();
      const { rows } = await sql<{ id: string }>`
        select distinct data->>'transferId' as id from pgboss.job
        where name = ${QUEUE_NAMES.transferRun} and ${jobState} and data->>'transferId' = any(${ids}::text[])`.execute(
        trx,
      );
      return new Set(rows.map(({ id }) => id));
    };
    const suspectIds = suspects.map(({ id }) => id);
    const waiting = await withJob(suspectIds, sql`state < 'active'`);
    const unqueued = suspectIds.filter((id) => !waiting.has(id));
    const beingTaken = await withJob(unqueued, sql`state = 'active' and started_on > ${stale}`);
    const stranded = unqueued.filter((id) => !beingTaken.has(id));
    for (const id of stranded) await enqueueTransferRun(trx, deps.jobs, id);
    return stranded;
  });
}
