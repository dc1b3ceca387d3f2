// Starts this process's transfer workers on the transfer-run queue (main.ts calls it after jobs.start()).
import type { JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { TransferRunJob } from './accept-transfer';
import { recoverStrandedTransfers } from './recover-stranded-transfers';
import { createTransferRunner, type TransferRunnerOptions } from './run-transfer';
import type { TransferDeps } from './transfer-deps';

export interface TransferWorkerOptions extends TransferRunnerOptions {
  /** Transfers this process runs at once (across connections; each connection is limited by its own setting). */
  concurrency?: number;
  pollingIntervalSeconds?: number;
}

/** Two lease times (run-transfer.ts default 60 s): longer than any live run goes without touching its transfer. */
const STRANDED_AFTER_MS = 120_000;

/**
 * Queues again what a dead process left behind, then starts the workers. Resolves to the function that stops them
 * (createBridge's WorkerStarter shape).
 */
export async function startTransferWorkers(
  jobs: JobQueue,
  deps: TransferDeps,
  options: TransferWorkerOptions = {},
): Promise<() => Promise<void>> {
  const runner = createTransferRunner(deps, options);
  const recovered = await recoverStrandedTransfers(deps, options.staleInProgressMs ?? STRANDED_AFTER_MS);
  if (recovered.length > 0) deps.logger.warn({ transferIds: recovered }, 'stranded transfers queued again');
  await jobs.work<TransferRunJob>(
    QUEUE_NAMES.transferRun,
    {
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {}),
    },
    runner.handle,
  );
  return () => jobs.offWork(QUEUE_NAMES.transferRun);
}
