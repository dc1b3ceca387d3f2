// Drives a transfer through the runner directly, without waiting for pg-boss or backoff, until it stops moving.

import type { Database } from '../../src/storage/schema';
import type { RunOutcome, TransferRunner } from '../../src/transfers/run-transfer';

export async function runUntilSettled(
  runner: TransferRunner,
  db: Database,
  transferId: string,
  maxRuns = 10,
): Promise<RunOutcome[]> {
  const outcomes: RunOutcome[] = [];
  for (let run = 0; run < maxRuns; run += 1) {
    const outcome = await runner.run(transferId);
    outcomes.push(outcome);
    const { state } = await db
      .selectFrom('transfers')
      .select('state')
      .where('id', '=', transferId)
      .executeTakeFirstOrThrow();
    if (!['queued', 'retrying', 'in_progress'].includes(state)) return outcomes;
  }
  return outcomes;
}
