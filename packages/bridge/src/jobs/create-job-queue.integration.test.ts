// Tests the job queue on PostgreSQL and PGlite: a job commits or rolls back with the caller's transaction, and workers get it.
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import { createJobQueue, type Job, type JobQueue, QueueNotFoundError } from './create-job-queue';
import { QUEUE_NAMES } from './queue-names';

const queue = QUEUE_NAMES.transferRun;

describeOnBothDatabases('createJobQueue', (database) => {
  let jobQueue: JobQueue;
  const errors: unknown[] = [];

  beforeAll(async () => {
    const logger = pino({ level: 'error' }, { write: (line: string) => errors.push(JSON.parse(line)) });
    jobQueue = createJobQueue(database.db, { workerConcurrency: 2 }, { logger, pollingIntervalSeconds: 0.5 });
    await jobQueue.start();
    await jobQueue.createQueue(queue, { retryLimit: 0 });
  });

  afterAll(async () => {
    await jobQueue.stop({ timeoutMs: 1000 });
    expect(errors).toEqual([]);
  });

  it('installs pg-boss and is idempotent when started and given the same queue again', async () => {
    await jobQueue.createQueue(queue, { retryLimit: 0 });
    expect(await jobQueue.boss.getQueue(queue)).toMatchObject({ name: queue, policy: 'standard' });
  });

  it("commits a job together with the caller's state change", async () => {
    const jobId = await database.db.transaction().execute(async (trx) => {
      await trx.insertInto('bridge_meta').values({ key: 'committed_state', value: 'queued' }).execute();
      return jobQueue.sendInTransaction(trx, queue, { transferId: 'committed' });
    });
    expect(jobId).toEqual(expect.any(String));
    expect(await jobQueue.boss.getJobById(queue, jobId!)).toMatchObject({ data: { transferId: 'committed' } });
  });

  it("drops the job when the caller's transaction rolls back", async () => {
    let jobId: string | null = null;
    await expect(
      database.db.transaction().execute(async (trx) => {
        await trx.insertInto('bridge_meta').values({ key: 'rolled_back_state', value: 'queued' }).execute();
        jobId = await jobQueue.sendInTransaction(trx, queue, { transferId: 'rolled-back' });
        throw new Error('validation failed after enqueue');
      }),
    ).rejects.toThrow('validation failed after enqueue');
    expect(jobId).toEqual(expect.any(String));
    expect(await jobQueue.boss.getJobById(queue, jobId!)).toBeNull();
    const state = await database.db.selectFrom('bridge_meta').where('key', '=', 'rolled_back_state').execute();
    expect(state).toEqual([]);
  });

  it('refuses to send to a queue that was never created, instead of dropping the job', async () => {
    const missing = QUEUE_NAMES.paymentReconcile;
    await expect(jobQueue.send(missing, { connectionId: 'c-1' })).rejects.toThrow(QueueNotFoundError);
    await expect(
      database.db.transaction().execute((trx) => jobQueue.sendInTransaction(trx, missing, { connectionId: 'c-1' })),
    ).rejects.toThrow(/call jobQueue.createQueue\('payment-reconcile'\) at start/);
  });

  it('hands committed jobs to a worker, which completes them', async () => {
    const received: Job<{ transferId: string }>[] = [];
    const allReceived = new Promise<void>((resolve) => {
      void jobQueue.work<{ transferId: string }>(queue, {}, async (job) => {
        received.push(job);
        if (received.length === 2) resolve();
        return { handled: job.data.transferId };
      });
    });
    const directId = await jobQueue.send(queue, { transferId: 'direct' });
    await allReceived;
    expect(received.map((job) => job.data.transferId).sort()).toEqual(['committed', 'direct']);
    await expect.poll(async () => (await jobQueue.boss.getJobById(queue, directId!))?.state).toBe('completed');
    expect(await jobQueue.boss.getJobById(queue, directId!)).toMatchObject({ output: { handled: 'direct' } });
    await jobQueue.offWork(queue);
    expect(errors).toEqual([]);
  });
});
