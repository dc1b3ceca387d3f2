// One fetch loop per queue and process: takes up to its free capacity in one fetch and runs the jobs here.
import type PgBoss from 'pg-boss';

export interface QueueWorkerOptions {
  /** Jobs run at once. */
  concurrency: number;
  /** Wait after a fetch that found fewer jobs than it asked for (the queue ran dry). */
  pollingIntervalMs: number;
  onError: (error: unknown) => void;
}

export interface QueueWorker {
  /** Fetch now instead of at the next poll (a job was just committed). */
  wake(): void;
  /** Stops fetching; resolves once the running jobs settle, or after `timeoutMs`, failing those still running. */
  stop(timeoutMs: number): Promise<void>;
}

/** pg-boss's own message for a job still running at shutdown (manager.js `failWip`). */
const SHUTDOWN_MESSAGE = 'pg-boss shut down while active';

/**
 * pg-boss 10's `work()` polls once per `pollingInterval` per worker, whether or not the last fetch found a job
 * (worker.js waits out the interval after every fetch), and takes no concurrency option: N workers of batch size 1
 * cap a queue at N / interval jobs a second (8 workers at 0.5 s: 16 a second) and cost a fetch per job. This loop
 * fetches up to its free capacity at once, fetches again as soon as a job ends while the queue still has work, and
 * polls only when the queue is dry. Completing and failing a job, and the handler's time limit (the job's expiry),
 * are as pg-boss's own worker does them (manager.js `watch`).
 */
export function startQueueWorker<T extends object>(
  boss: PgBoss,
  queue: string,
  options: QueueWorkerOptions,
  handler: (job: PgBoss.Job<T>) => Promise<unknown>,
): QueueWorker {
  const running = new Map<string, Promise<void>>();
  let stopping = false;
  let dry = false;
  // Set by wake() during a fetch that may have started before the job committed: fetch again instead of waiting.
  let woken = false;
  let wakeUp: (() => void) | undefined;
  const signal = () => {
    const resolve = wakeUp;
    wakeUp = undefined;
    resolve?.();
  };
  // Resolves on wake(), stop(), a job ending while the queue had work, or after `ms`.
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(signal, ms);
      wakeUp = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const runJob = async (job: PgBoss.Job<T>) => {
    let timer: NodeJS.Timeout | undefined;
    const limitMs = Math.max(1, job.expireInSeconds) * 1000;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`handler execution exceeded ${limitMs}ms`)), limitMs);
    });
    try {
      const output = await Promise.race([handler(job), expired]);
      await boss.complete(queue, job.id, output === undefined || output === null ? undefined : (output as object));
    } catch (error) {
      await boss.fail(queue, job.id, error as object).catch(options.onError);
    } finally {
      clearTimeout(timer);
    }
  };

  const loop = async () => {
    while (!stopping) {
      const free = options.concurrency - running.size;
      if (free > 0) {
        woken = false;
        try {
          const jobs = await boss.fetch<T>(queue, { batchSize: free });
          dry = jobs.length < free;
          for (const job of jobs) {
            const done = runJob(job)
              .catch(options.onError)
              .finally(() => {
                running.delete(job.id);
                if (!dry) signal();
              });
            running.set(job.id, done);
          }
        } catch (error) {
          dry = true;
          options.onError(error);
        }
      }
      if (stopping) break;
      // Full: wait for a job to end (a slot frees). Dry: poll later, unless woken. Jobs left: fetch again now.
      if (running.size >= options.concurrency) await pause(options.pollingIntervalMs * 10);
      else if (dry && !woken) await pause(options.pollingIntervalMs);
    }
  };
  const looping = loop();

  return {
    wake() {
      dry = false;
      woken = true;
      signal();
    },
    async stop(timeoutMs) {
      stopping = true;
      signal();
      await looping;
      const settled = Promise.all(running.values()).then(() => true);
      const timedOut = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
      if (await Promise.race([settled, timedOut])) return;
      for (const id of running.keys()) {
        await boss.fail(queue, id, { message: SHUTDOWN_MESSAGE }).catch(options.onError);
      }
    },
  };
}
