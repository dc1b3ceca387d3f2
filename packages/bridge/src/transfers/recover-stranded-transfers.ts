// On worker start: a job for every transfer a dead process left in_progress, or whose job went missing.
import { sql } from 'kysely';
import { enqueueTransferRun } from './accept-transfer';
import type { TransferDeps } from './transfer-deps';

/**
 * Transfers untouched for `staleMs` while in_progress (their process died mid-step), queued (their job was lost, e.g.
 * deleted by hand) or retrying past their time get a job now. A duplicate job is harmless: only one run can claim the
 * transfer (run-transfer.ts claimTransfer), the other finds nothing to do.
 */
export async function recoverStrandedTransfers(deps: TransferDeps, staleMs: number): Promise<string[]> {
  return deps.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: string }>`
      select id from transfers
      where (state in ('in_progress', 'queued') and updated_at < now() - (${staleMs}::int * interval '1 millisecond'))
         or (state = 'retrying' and next_attempt_at < now() - (${staleMs}::int * interval '1 millisecond'))
      order by id limit 1000`.execute(trx);
    for (const { id } of rows) await enqueueTransferRun(trx, deps.jobs, id);
    return rows.map(({ id }) => id);
  });
}
