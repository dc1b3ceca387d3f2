// jobQueue.wake: an idle worker polling rarely takes a new job at once when woken (accept-transfer.ts wakes the
// transfer workers after each accept).
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import { createJobQueue, type JobQueue } from './create-job-queue';
import { QUEUE_NAMES } from './queue-names';

const queue = QUEUE_NAMES.transferRun;

describeOnBothDatabases('jobQueue.wake', (database) => {
  let jobQueue: JobQueue;

  beforeAll(async () => {
    jobQueue = createJobQueue(
      database.db,
      { workerConcurrency: 1 },
      { logger: pino({ level: 'silent' }), runMaintenance: false },
    );
    await jobQueue.start();
    await jobQueue.createQueue(queue, { retryLimit: 0 });
  });
  afterAll(() => jobQueue.stop({ timeoutMs: 1000 }));

  it('makes a worker that polls every 60 s take a job sent after its last poll now', async () => {
    let firstPoll!: () => void;
    const polled = new Promise<void>((resolve) => {
      firstPoll = resolve;
    });
    const handled = new Promise<string>((resolve) => {
      void jobQueue.work<{ transferId: string }>(queue, { pollingIntervalSeconds: 60 }, async (job) => {
        resolve(job.data.transferId);
      });
      // The worker's first fetch (empty) happens as it starts; give it that moment, then it sleeps 60 s.
      setTimeout(firstPoll, 300);
    });
    await polled;
    await jobQueue.send(queue, { transferId: 'woken' });
    jobQueue.wake(queue);
    // Without the wake the job would wait for the next poll, 60 s away, far beyond the test's timeout.
    expect(await handled).toBe('woken');
    await jobQueue.offWork(queue);
  });
});
