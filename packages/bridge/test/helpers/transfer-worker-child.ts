// A bridge process whose transfer workers can stop dead after one step of one transfer, for the real-crash test
// (test/transfer-process-kill.integration.test.ts). Configured by the environment like `npm start`, plus:
//   CRASH_TRANSFER_ID, CRASH_AFTER_STEP: after that step of that transfer finished (its completion perhaps still held
//     until the run's next write, transfers/held-completions.ts), print
//     "PAUSED <step> <transferId>" and hang (the test then kills the process with SIGKILL).
//   HANG_AFTER_FETCH=1: each transfer-run job this process fetches prints "FETCHED <transferId>" and hangs before its
//     run starts: the job is pg-boss `active`, the transfer still `queued` (never claimed).
// Starts its bridge on the first line on stdin, so the test can have a process load its modules (seconds under tsx)
// while the previous one's transfer goes stale. Prints "READY" once its workers run. Short leases, so a killed
// process's transfer is taken over within seconds.
import pino from 'pino';
import { createBridge } from '../../src/composition/create-bridge';
import { loadConfig } from '../../src/config/load-config';
import type { Job, JobQueue, WorkOptions } from '../../src/jobs/create-job-queue';
import { QUEUE_NAMES, type QueueName } from '../../src/jobs/queue-names';
import { startTransferWorkers } from '../../src/transfers/start-transfer-workers';

const crashTransferId = process.env.CRASH_TRANSFER_ID;
const crashAfterStep = process.env.CRASH_AFTER_STEP;
const hangAfterFetch = process.env.HANG_AFTER_FETCH === '1';

/** The job queue, with every transfer-run handler stopping dead before the run (HANG_AFTER_FETCH). */
function hangingAfterFetch(jobs: JobQueue): JobQueue {
  return {
    ...jobs,
    work: <T extends object>(queue: QueueName, options: WorkOptions, handler: (job: Job<T>) => Promise<unknown>) =>
      jobs.work<T>(queue, options, async (job) => {
        if (queue === QUEUE_NAMES.transferRun) {
          process.stdout.write(`FETCHED ${(job.data as { transferId: string }).transferId}\n`);
          await new Promise(() => {});
        }
        return handler(job);
      }),
  };
}

const logger = pino({ level: process.env.CHILD_LOG_LEVEL ?? 'silent' });
await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
const bridge = await createBridge(loadConfig(), {
  logger,
  bootstrapConnection: false,
  print: () => {},
  clientDefaults: { maxRetries: 0, timeoutMs: 5_000 },
});
const { db, jobQueue, connections } = bridge.services;
await startTransferWorkers(
  hangAfterFetch ? hangingAfterFetch(jobQueue) : jobQueue,
  { db, jobs: jobQueue, connections, logger },
  {
    concurrency: 2,
    pollingIntervalSeconds: 0.5,
    // A dead process's slot and in_progress transfer are free for the next process after a second or two, and each
    // process looks for them twice a second.
    leaseTtlMs: 3_000,
    staleInProgressMs: 2_000,
    sweepIntervalMs: 500,
    sweep: false,
    afterStep: async (step, transferId) => {
      if (transferId !== crashTransferId || step !== crashAfterStep) return;
      process.stdout.write(`PAUSED ${step} ${transferId}\n`);
      await new Promise(() => {});
    },
  },
);
process.stdout.write('READY\n');
