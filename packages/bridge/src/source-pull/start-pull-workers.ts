// Starts the scheduled pull: its queues, workers, a run for every connection that has one, and a sweep.
import type { Logger } from 'pino';
import type { JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { Database } from '../storage/schema';
import type { StatusReportJobData } from './enqueue-status-report';
import { reportTransferStatus } from './report-transfer-status';
import { type PullRunJobData, runScheduledPull, type SubmitDocument, schedulePullRun } from './run-scheduled-pull';

export interface PullWorkerDeps {
  db: Database;
  logger: Logger;
  /** The transfer domain's submission service (validates, idempotent per externalId). */
  submitDocument: SubmitDocument;
  /** Per request to the source; default 30 s (a source may build its list slowly). */
  timeoutMs?: number;
  concurrency?: number;
  pollingIntervalSeconds?: number;
  /** Off in tests: pg-boss cron needs its maintenance running. Default true. */
  sweep?: boolean;
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const SWEEP_CRON = '*/5 * * * *';

/** Books a run for every active connection with a scheduledPull; ones already booked are left as they are. */
export async function schedulePulledConnections(db: Database, jobs: Pick<JobQueue, 'send'>): Promise<number> {
  const connections = await db
    .selectFrom('connections')
    .select('id')
    .where('status', '=', 'active')
    .where((eb) => eb(eb.ref('settings', '->').key('scheduledPull'), 'is not', null))
    .execute();
  for (const { id } of connections) await schedulePullRun(jobs, id);
  return connections.length;
}

export async function startPullWorkers(jobs: JobQueue, deps: PullWorkerDeps): Promise<void> {
  // `short`: at most one waiting run per connection (singletonKey), so a sweep or restart never doubles the schedule.
  await jobs.createQueue(QUEUE_NAMES.sourcePullRun, { policy: 'short', retryLimit: 0 });
  // A source that is down gets its report again: 1, 2, 4… minutes, up to 8 tries.
  await jobs.createQueue(QUEUE_NAMES.sourcePullReport, { retryLimit: 8, retryDelay: 60, retryBackoff: true });
  await jobs.createQueue(QUEUE_NAMES.sourcePullSweep, { policy: 'short', retryLimit: 0 });

  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const http = deps.fetch ? { fetch: deps.fetch } : {};
  const workOptions = {
    ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
    ...(deps.pollingIntervalSeconds ? { pollingIntervalSeconds: deps.pollingIntervalSeconds } : {}),
  };
  const runLogger = deps.logger.child({ queue: QUEUE_NAMES.sourcePullRun });
  await jobs.work<PullRunJobData>(QUEUE_NAMES.sourcePullRun, workOptions, (job) =>
    runScheduledPull(
      {
        db: deps.db,
        jobs,
        logger: runLogger.child({ jobId: job.id }),
        submitDocument: deps.submitDocument,
        timeoutMs,
        ...http,
      },
      job.data,
    ),
  );
  const reportLogger = deps.logger.child({ queue: QUEUE_NAMES.sourcePullReport });
  await jobs.work<StatusReportJobData>(QUEUE_NAMES.sourcePullReport, workOptions, (job) =>
    reportTransferStatus({ db: deps.db, logger: reportLogger, timeoutMs, ...http }, job.data),
  );
  await jobs.work(QUEUE_NAMES.sourcePullSweep, { concurrency: 1 }, () => schedulePulledConnections(deps.db, jobs));

  await schedulePulledConnections(deps.db, jobs);
  if (deps.sweep ?? true) await jobs.boss.schedule(QUEUE_NAMES.sourcePullSweep, SWEEP_CRON);
}
