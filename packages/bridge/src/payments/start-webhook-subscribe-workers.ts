// Starts the automatic Procountor webhook subscription: its worker, then one pass over the active connections that
// have no webhook yet (e.g. activated from the CLI, or subscribed before the setting existed).
import type { Logger } from 'pino';
import type { ConnectionAdministration } from '../connections/connection-service';
import type { JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { Database } from '../storage/schema';
import {
  runWebhookSubscribe,
  subscribeUnsubscribedConnections,
  type WebhookSubscribeJobData,
  type WebhookSubscribeRetry,
} from './auto-subscribe-procountor-webhook';

export interface WebhookSubscribeWorkerDeps {
  db: Database;
  logger: Logger;
  secretKey: Buffer;
  connections: ConnectionAdministration;
  publicUrl: string;
  /** Backoff of the jobs queued at start; default WEBHOOK_SUBSCRIBE_RETRY (5 s doubling). */
  retry?: WebhookSubscribeRetry;
}

export async function startWebhookSubscribeWorkers(jobs: JobQueue, deps: WebhookSubscribeWorkerDeps): Promise<void> {
  await jobs.createQueue(QUEUE_NAMES.procountorWebhookSubscribe);
  const logger = deps.logger.child({ queue: QUEUE_NAMES.procountorWebhookSubscribe });
  const { retry, ...subscriptionDeps } = deps;
  const jobDeps = { ...subscriptionDeps, jobs, logger };
  await jobs.work<WebhookSubscribeJobData>(QUEUE_NAMES.procountorWebhookSubscribe, { concurrency: 1 }, (job) =>
    runWebhookSubscribe({ ...jobDeps, logger: logger.child({ jobId: job.id }) }, job.data),
  );
  const queued = await subscribeUnsubscribedConnections(jobDeps, await deps.connections.list(), retry);
  if (queued.length > 0) logger.info({ connectionIds: queued }, 'Procountor webhook subscriptions queued at start');
}
