// On worker start and every minute: a job for every transfer a dead process left in_progress, or whose job went
// missing.
import { sql } from 'kysely';
import { QUEUE_NAMES } from '../jobs/queue-names';
import { enqueueTransferRun } from './accept-transfer';
import type { TransferDeps } from './transfer-deps';

/**
 * Transfers untouched for `staleMs` while in_progress (their process died mid-step), and queued or retrying ones
 * (past their time) without a waiting job (it was lost, e.g. deleted by hand or with a restore) get a job now. A
 * queued transfer that waits its turn behind a long queue keeps its job and gets no second one. A duplicate job is
 * harmless anyway: only one run can claim the transfer (run-transfer.ts claimTransfer), the other finds nothing to do.
 */
export async function recoverStrandedTransfers(deps: TransferDeps, staleMs: number): Promise<string[]> {
  return deps.db.transaction().execute(async (trx) => {
    // pg-boss 10 keeps jobs in pgboss.job (jobs/create-job-queue.ts); created/retry/active ones are still to run.
    const { rows } = await sql<{ id: string }>`
      select id from transfers t
      where (state = 'in_progress' and updated_at < now() - (${staleMs}::int * interval '1 millisecond'))
         or (((state = 'queued' and updated_at < now() - (${staleMs}::int * interval '1 millisecond'))
               or (state = 'retrying' and next_attempt_at < now() - (${staleMs}::int * interval '1 millisecond')))
             and not exists (select 1 from pgboss.job j
               where j.name = ${QUEUE_NAMES.transferRun} and j.data->>'transferId' = t.id
                 and j.state in ('created', 'retry', 'active')))
      order by id limit 1000`.execute(trx);
    for (const { id } of rows) await enqueueTransferRun(trx, deps.jobs, id);
    return rows.map(({ id }) => id);
  });
}
