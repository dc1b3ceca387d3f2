// The bridge's job queue: pg-boss 10 on the bridge's own database, with sends that commit inside the caller's transaction.
import type { Kysely, Transaction } from 'kysely';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { BridgeConfig } from '../config/load-config';
import type { DB } from '../storage/schema';
import { kyselyExecutor } from './kysely-executor';
import type { QueueName } from './queue-names';
import { type QueueWorker, startQueueWorker } from './queue-worker';

/** Retry, expiry and policy of one queue (pg-boss `Queue`); `policy` is fixed when the queue is first created. */
export type QueueOptions = Omit<PgBoss.Queue, 'name'>;
/** singletonKey, startAfter, retryLimit, priority… (pg-boss `SendOptions`), without `db`: see sendInTransaction. */
export type SendOptions = Omit<PgBoss.SendOptions, 'db'>;
export type Job<T> = PgBoss.Job<T>;

export interface WorkOptions {
  /** Jobs of this queue this process runs at once; default `config.workerConcurrency`. */
  concurrency?: number;
  /** How often an idle worker looks for jobs (pg-boss default 2 s, minimum 0.5 s). */
  pollingIntervalSeconds?: number;
}

export interface JobQueue {
  /** Installs or upgrades pg-boss's tables (schema `pgboss`) and starts its maintenance. Call after migrateToLatest. */
  start(): Promise<void>;
  /** Stops workers, waiting up to `timeoutMs` (default 10 s) for running jobs; does not close the database. */
  stop(options?: { timeoutMs?: number }): Promise<void>;
  /** Creates the queue if missing; an existing queue keeps its first options. */
  createQueue(queue: QueueName, options?: QueueOptions): Promise<void>;
  /**
   * Enqueues a job on its own; returns its id, or null when a singleton/throttle rule dropped it.
   * @throws QueueNotFoundError when the queue was never created.
   */
  send<T extends object>(queue: QueueName, data: T, options?: SendOptions): Promise<string | null>;
  /**
   * Enqueues a job as part of the caller's open transaction: it exists only if that transaction commits
   * (DESIGN.md: "State change and job enqueue share one transaction").
   */
  sendInTransaction<T extends object>(
    trx: Transaction<DB>,
    queue: QueueName,
    data: T,
    options?: SendOptions,
  ): Promise<string | null>;
  /**
   * Enqueues one job per item of `data` as part of the caller's open transaction, in one statement (pg-boss
   * `insert`): the batch submit's jobs. Same queue options as `send`; no singleton or throttle rules.
   * @throws QueueNotFoundError when the queue was never created.
   */
  sendManyInTransaction<T extends object>(trx: Transaction<DB>, queue: QueueName, data: readonly T[]): Promise<void>;
  /**
   * Runs `handler` for each job, `concurrency` at a time, from one fetch loop per queue (jobs/queue-worker.ts).
   * Resolving completes the job (the value is kept as its output); throwing fails it and pg-boss retries it per the
   * queue's retry options.
   */
  work<T extends object>(
    queue: QueueName,
    options: WorkOptions,
    handler: (job: Job<T>) => Promise<unknown>,
  ): Promise<void>;
  /** Stops this process's workers of one queue and waits (up to 10 s) for the jobs they run. */
  offWork(queue: QueueName): Promise<void>;
  /**
   * Makes this process's idle workers of the queue look for jobs now instead of at their next poll (pg-boss
   * `notifyWorker`). Only a shortcut: a job sent but not yet committed is found at the next poll instead.
   */
  wake(queue: QueueName): void;
  /** pg-boss itself, for reads this facade does not wrap (getJobById, getQueueSize). */
  readonly boss: PgBoss;
}

export interface JobQueueOptions {
  logger: Logger;
  /** Default pg-boss polling for workers (seconds); tests use the 0.5 s minimum. */
  pollingIntervalSeconds?: number;
  /** pg-boss maintenance (archiving, expiry) and cron; off in short-lived tests to avoid timers. Default true. */
  runMaintenance?: boolean;
}

/** Sending to a queue createQueue never made: pg-boss 10 would return null and drop the job without a word. */
export class QueueNotFoundError extends Error {
  override name = 'QueueNotFoundError';
}

/** pg-boss's own schema, beside the bridge's tables in `public`. */
const PG_BOSS_SCHEMA = 'pgboss';
const DEFAULT_STOP_TIMEOUT_MS = 10_000;
/** pg-boss's default polling interval (2 s); its minimum is 0.5 s. */
const DEFAULT_POLLING_SECONDS = 2;

export function createJobQueue(
  db: Kysely<DB>,
  config: Pick<BridgeConfig, 'workerConcurrency'>,
  options: JobQueueOptions,
): JobQueue {
  const { logger } = options;
  const boss = new PgBoss({
    db: kyselyExecutor(db),
    schema: PG_BOSS_SCHEMA,
    supervise: options.runMaintenance ?? true,
    schedule: options.runMaintenance ?? true,
    ...(options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {}),
  });
  const requireQueue = async (executor: PgBoss.Db, queue: QueueName) => {
    const { rows } = await executor.executeSql(`SELECT 1 FROM ${PG_BOSS_SCHEMA}.queue WHERE name = $1`, [queue]);
    if (rows.length === 0) {
      throw new QueueNotFoundError(`Queue '${queue}' does not exist; call jobQueue.createQueue('${queue}') at start`);
    }
  };
  // pg-boss 10 inserts jobs joined to its queue table (plans.js `insertJob`), so a missing queue yields null just as a
  // singleton or throttle rule does. Tell the two apart on the same connection, inside the caller's transaction.
  const sendOrThrow = async (executor: PgBoss.Db, queue: QueueName, data: object, sendOptions: SendOptions) => {
    const jobId = await boss.send(queue, data, { ...sendOptions, db: executor });
    if (jobId !== null) return jobId;
    await requireQueue(executor, queue);
    return null;
  };
  // This process's fetch loops per queue, for wake(), offWork() and stop().
  const workers = new Map<QueueName, QueueWorker[]>();
  const stopWorkers = async (queue: QueueName, timeoutMs: number) => {
    const stopping = workers.get(queue) ?? [];
    workers.delete(queue);
    await Promise.all(stopping.map((worker) => worker.stop(timeoutMs)));
  };
  // pg-boss emits 'error' for failed polls and maintenance; an EventEmitter 'error' without a listener kills Node.
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));

  return {
    boss,
    async start() {
      await boss.start();
    },
    async stop(stopOptions = {}) {
      const timeoutMs = stopOptions.timeoutMs ?? DEFAULT_STOP_TIMEOUT_MS;
      await Promise.all([...workers.keys()].map((queue) => stopWorkers(queue, timeoutMs)));
      await boss.stop({ graceful: true, close: false, timeout: stopOptions.timeoutMs ?? DEFAULT_STOP_TIMEOUT_MS });
    },
    async createQueue(queue, queueOptions = {}) {
      await boss.createQueue(queue, { name: queue, ...queueOptions });
    },
    async send(queue, data, sendOptions = {}) {
      return sendOrThrow(kyselyExecutor(db), queue, data, sendOptions);
    },
    async sendInTransaction(trx, queue, data, sendOptions = {}) {
      return sendOrThrow(kyselyExecutor(trx), queue, data, sendOptions);
    },
    async sendManyInTransaction(trx, queue, data) {
      if (data.length === 0) return;
      const executor = kyselyExecutor(trx);
      // pg-boss inserts only jobs whose queue exists (joined to its queue table) and answers null when none was.
      const ids = await boss.insert(
        data.map((item) => ({ name: queue, data: item })),
        { db: executor },
      );
      if (ids === null || (ids as unknown as string[]).length !== data.length) await requireQueue(executor, queue);
    },
    async work<T extends object>(
      queue: QueueName,
      workOptions: WorkOptions,
      handler: (job: Job<T>) => Promise<unknown>,
    ) {
      const concurrency = workOptions.concurrency ?? config.workerConcurrency;
      if (concurrency < 1) return;
      const pollingSeconds =
        workOptions.pollingIntervalSeconds ?? options.pollingIntervalSeconds ?? DEFAULT_POLLING_SECONDS;
      const worker = startQueueWorker<T>(
        boss,
        queue,
        {
          concurrency,
          pollingIntervalMs: pollingSeconds * 1000,
          onError: (error) => logger.error({ err: error, queue }, 'job queue error'),
        },
        handler,
      );
      workers.set(queue, [...(workers.get(queue) ?? []), worker]);
    },
    async offWork(queue) {
      await stopWorkers(queue, DEFAULT_STOP_TIMEOUT_MS);
    },
    wake(queue) {
      for (const worker of workers.get(queue) ?? []) worker.wake();
    },
  };
}
