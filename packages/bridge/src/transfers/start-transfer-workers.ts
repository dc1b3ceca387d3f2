// Starts this process's transfer workers on the transfer-run queue, and the sweeps that find stranded transfers.
import type { JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { TransferRunJob } from './accept-transfer';
import { recoverStrandedTransfers } from './recover-stranded-transfers';
import { createTransferRunner, DEFAULT_LEASE_TTL_MS, type TransferRunnerOptions } from './run-transfer';
import type { TransferDeps } from './transfer-deps';

export interface TransferWorkerOptions extends TransferRunnerOptions {
  /** Transfers this process runs at once (across connections; each connection is limited by its own setting). */
  concurrency?: number;
  /** How often an idle transfer worker looks for jobs; default 0.5 s, pg-boss 10's minimum (its default is 2 s). */
  pollingIntervalSeconds?: number;
  /**
   * How often this process looks for stranded transfers (recover-stranded-transfers.ts); default 5 s, 0 for never.
   * With the default lease, what a dead process held runs again within about 16 s + this (issue 13: under 30 s).
   */
  sweepIntervalMs?: number;
  /** Also book the every-minute sweep with pg-boss cron (needs its maintenance running). Default true. */
  sweep?: boolean;
}

/** An accepted invoice waits at most this long for an idle worker (issue #4: idle submit-to-created p95 < 1 s). */
const TRANSFER_POLLING_SECONDS = 0.5;

/** Every process sweeps this often; one sweep at a time runs across processes, the others skip their turn. */
const SWEEP_INTERVAL_MS = 5_000;

/** pg-boss cron: one sweep a minute across all processes (pg-boss sends one job per schedule tick). */
const SWEEP_CRON = '* * * * *';

/**
 * Queues again what a dead process left behind, then starts the workers and the sweeps that do the same every few
 * seconds in this process and every minute by cron (a job lost while every process kept running is found too).
 * Resolves to the function that stops them (createBridge's WorkerStarter shape).
 */
export async function startTransferWorkers(
  jobs: JobQueue,
  deps: TransferDeps,
  options: TransferWorkerOptions = {},
): Promise<() => Promise<void>> {
  const runner = createTransferRunner(deps, options);
  // The runner's own stale time: a transfer is queued again exactly when another run may claim it.
  const strandedAfterMs = options.staleInProgressMs ?? (options.leaseTtlMs ?? DEFAULT_LEASE_TTL_MS) * 2;
  const sweep = async () => {
    const recovered = await recoverStrandedTransfers(deps, strandedAfterMs);
    if (recovered.length > 0) deps.logger.warn({ transferIds: recovered }, 'stranded transfers queued again');
    return { recovered: recovered.length };
  };
  // A transfer this process runs is never run twice here, even if a stalled heartbeat (a database busy for longer
  // than the stale time, as one PGlite connection can be) let the sweep queue it again.
  const runningHere = new Set<string>();
  const handle: typeof runner.handle = async (job) => {
    const { transferId } = job.data;
    if (runningHere.has(transferId)) return 'skipped';
    runningHere.add(transferId);
    try {
      return await runner.handle(job);
    } finally {
      runningHere.delete(transferId);
    }
  };
  await sweep();
  await jobs.work<TransferRunJob>(
    QUEUE_NAMES.transferRun,
    {
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      pollingIntervalSeconds: options.pollingIntervalSeconds ?? TRANSFER_POLLING_SECONDS,
    },
    handle,
  );
  await jobs.createQueue(QUEUE_NAMES.transferRecoverSweep);
  await jobs.work(QUEUE_NAMES.transferRecoverSweep, { concurrency: 1 }, sweep);
  if (options.sweep ?? true) await jobs.boss.schedule(QUEUE_NAMES.transferRecoverSweep, SWEEP_CRON);

  const sweepIntervalMs = options.sweepIntervalMs ?? SWEEP_INTERVAL_MS;
  let sweeping: Promise<unknown> | undefined;
  const timer =
    sweepIntervalMs > 0
      ? setInterval(() => {
          if (sweeping) return; // the previous one is still running (a slow database): skip this turn
          sweeping = sweep()
            .catch((error) => deps.logger.warn({ err: error }, 'stranded transfer sweep failed'))
            .finally(() => {
              sweeping = undefined;
            });
        }, sweepIntervalMs)
      : undefined;
  return async () => {
    clearInterval(timer);
    await sweeping;
    await jobs.offWork(QUEUE_NAMES.transferRun);
    await jobs.offWork(QUEUE_NAMES.transferRecoverSweep);
  };
}
