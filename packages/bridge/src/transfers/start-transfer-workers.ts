// Starts this process's transfer workers on the transfer-run queue, and the sweep that finds stranded transfers.
import type { JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { TransferRunJob } from './accept-transfer';
import { recoverStrandedTransfers } from './recover-stranded-transfers';
import { createTransferRunner, type TransferRunnerOptions } from './run-transfer';
import type { TransferDeps } from './transfer-deps';

export interface TransferWorkerOptions extends TransferRunnerOptions {
  /** Transfers this process runs at once (across connections; each connection is limited by its own setting). */
  concurrency?: number;
  /** How often an idle transfer worker looks for jobs; default 0.5 s, pg-boss 10's minimum (its default is 2 s). */
  pollingIntervalSeconds?: number;
  /** Book the every-minute sweep with pg-boss cron (needs its maintenance running). Default true. */
  sweep?: boolean;
}

/** An accepted invoice waits at most this long for an idle worker (issue #4: idle submit-to-created p95 < 1 s). */
const TRANSFER_POLLING_SECONDS = 0.5;

/** Two lease times (run-transfer.ts default 60 s): longer than any live run goes without touching its transfer. */
const STRANDED_AFTER_MS = 120_000;

/** pg-boss cron: one sweep a minute across all processes (pg-boss sends one job per schedule tick). */
const SWEEP_CRON = '* * * * *';

/**
 * Queues again what a dead process left behind, then starts the workers and the sweep that does the same every
 * minute (a job lost while every process kept running is found too). Resolves to the function that stops them
 * (createBridge's WorkerStarter shape).
 */
export async function startTransferWorkers(
  jobs: JobQueue,
  deps: TransferDeps,
  options: TransferWorkerOptions = {},
): Promise<() => Promise<void>> {
  const runner = createTransferRunner(deps, options);
  const strandedAfterMs = options.staleInProgressMs ?? STRANDED_AFTER_MS;
  const sweep = async () => {
    const recovered = await recoverStrandedTransfers(deps, strandedAfterMs);
    if (recovered.length > 0) deps.logger.warn({ transferIds: recovered }, 'stranded transfers queued again');
    return { recovered: recovered.length };
  };
  await sweep();
  await jobs.work<TransferRunJob>(
    QUEUE_NAMES.transferRun,
    {
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? TRANSFER_POLLING_SECONDS,
    },
    runner.handle,
  );
  await jobs.createQueue(QUEUE_NAMES.transferRecoverSweep);
  await jobs.work(QUEUE_NAMES.transferRecoverSweep, { concurrency: 1 }, sweep);
  if (options.sweep ?? true) await jobs.boss.schedule(QUEUE_NAMES.transferRecoverSweep, SWEEP_CRON);
  return async () => {
    await jobs.offWork(QUEUE_NAMES.transferRun);
    await jobs.offWork(QUEUE_NAMES.transferRecoverSweep);
  };
}
