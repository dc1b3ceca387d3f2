// Starts this process's transfer workers on the transfer-run queue (main.ts calls it after jobs.start()).
import type { JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { TransferRunJob } from './accept-transfer';
import { createTransferRunner, type TransferRunnerOptions } from './run-transfer';
import type { TransferDeps } from './transfer-deps';

export interface TransferWorkerOptions extends TransferRunnerOptions {
  /** Transfers this process runs at once (across connections; each connection is limited by its own setting). */
  concurrency?: number;
  pollingIntervalSeconds?: number;
}

export async function startTransferWorkers(jobs: JobQueue, deps: TransferDeps, options: TransferWorkerOptions = {}) {
  const runner = createTransferRunner(deps, options);
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
