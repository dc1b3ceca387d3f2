// Starts the source-webhook-deliver workers: creates the queue and runs deliverWebhook for each job.
import type { Logger } from 'pino';
import type { DeliveryJobData } from '../events/record-event';
import type { JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { Database } from '../storage/schema';
import { deliverWebhook } from './deliver-webhook';
import { DEFAULT_DELIVERY_RETRY_POLICY, type DeliveryRetryPolicy } from './delivery-backoff';

export interface WebhookDeliveryWorkerDeps {
  db: Database;
  logger: Logger;
  secretKey: Buffer;
  /** Default: 30 s doubling to 1 h, 15 attempts. */
  retryPolicy?: DeliveryRetryPolicy;
  /** How soon a delivery held for an earlier event of its document looks again; default 5 s. */
  orderWaitSeconds?: number;
  /** Default 10 s. */
  timeoutMs?: number;
  /** Workers in this process; default the config's workerConcurrency. */
  concurrency?: number;
  pollingIntervalSeconds?: number;
  fetch?: typeof fetch;
}

const DEFAULT_TIMEOUT_MS = 10_000;

export async function startWebhookDeliveryWorkers(jobs: JobQueue, deps: WebhookDeliveryWorkerDeps): Promise<void> {
  // The handler schedules its own retries (recorded on the delivery); pg-boss retries only a crashed job, after the
  // attempt lease (60 s) has run out.
  await jobs.createQueue(QUEUE_NAMES.sourceWebhookDeliver, { retryLimit: 5, retryDelay: 90 });
  const handlerDeps = {
    db: deps.db,
    jobs,
    logger: deps.logger.child({ queue: QUEUE_NAMES.sourceWebhookDeliver }),
    secretKey: deps.secretKey,
    retryPolicy: deps.retryPolicy ?? DEFAULT_DELIVERY_RETRY_POLICY,
    ...(deps.orderWaitSeconds ? { orderWaitSeconds: deps.orderWaitSeconds } : {}),
    timeoutMs: deps.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  };
  await jobs.work<DeliveryJobData>(
    QUEUE_NAMES.sourceWebhookDeliver,
    {
      ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
      ...(deps.pollingIntervalSeconds ? { pollingIntervalSeconds: deps.pollingIntervalSeconds } : {}),
    },
    (job) => deliverWebhook(handlerDeps, job.data),
  );
}
