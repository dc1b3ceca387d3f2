// Queues the failure e-mail of a transfer in the transaction that marks it failed, so it goes out exactly when the
// failure commits, is retried while the mail server is down, and never holds up the transfer itself.
import type { Transaction } from 'kysely';
import type { JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { DB } from '../storage/schema';

export interface FailureEmailJob {
  transferId: string;
}

/** A mail server down for a while: 1, 2, 4 … minutes between tries, 8 tries (about 4 hours). */
export const FAILURE_EMAIL_RETRY = { retryLimit: 8, retryDelay: 60, retryBackoff: true } as const;

export async function enqueueFailureEmail(
  trx: Transaction<DB>,
  jobs: Pick<JobQueue, 'sendInTransaction'>,
  transferId: string,
): Promise<void> {
  await jobs.sendInTransaction<FailureEmailJob>(
    trx,
    QUEUE_NAMES.transferFailureEmail,
    { transferId },
    FAILURE_EMAIL_RETRY,
  );
}
