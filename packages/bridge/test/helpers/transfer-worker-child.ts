// A bridge process whose transfer workers can stop dead after one step of one transfer, for the real-crash test
// (test/transfer-process-kill.integration.test.ts). Configured by the environment like `npm start`, plus:
//   CRASH_TRANSFER_ID, CRASH_AFTER_STEP: after that step of that transfer committed, print
//     "PAUSED <step> <transferId>" and hang (the test then kills the process with SIGKILL).
// Starts its bridge on the first line on stdin, so the test can have a process load its modules (seconds under tsx)
// while the previous one's transfer goes stale. Prints "READY" once its workers run. Short leases, so a killed
// process's transfer is taken over within seconds.
import pino from 'pino';
import { createBridge } from '../../src/composition/create-bridge';
import { loadConfig } from '../../src/config/load-config';
import { startTransferWorkers } from '../../src/transfers/start-transfer-workers';

const crashTransferId = process.env.CRASH_TRANSFER_ID;
const crashAfterStep = process.env.CRASH_AFTER_STEP;

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
  jobQueue,
  { db, jobs: jobQueue, connections, logger },
  {
    concurrency: 2,
    pollingIntervalSeconds: 0.5,
    // A dead process's slot and in_progress transfer are free for the next process after a second or two.
    leaseTtlMs: 3_000,
    staleInProgressMs: 2_000,
    sweep: false,
    afterStep: async (step, transferId) => {
      if (transferId !== crashTransferId || step !== crashAfterStep) return;
      process.stdout.write(`PAUSED ${step} ${transferId}\n`);
      await new Promise(() => {});
    },
  },
);
process.stdout.write('READY\n');
