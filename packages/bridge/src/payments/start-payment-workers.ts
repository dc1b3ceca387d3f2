// Starts the payment reconciliation: its worker, and the periodic sweep over connections with open invoices.
import type { Logger } from 'pino';
import type { ConnectionService } from '../connections/connection-record';
import type { JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { Database } from '../storage/schema';
import { type PaymentReconcileJobData, runPaymentReconcile } from './reconcile-payments';

export interface PaymentWorkerDeps {
  db: Database;
  logger: Logger;
  connections: ConnectionService;
  concurrency?: number;
  pollingIntervalSeconds?: number;
  /** Off in tests: pg-boss cron needs its maintenance running. Default true. */
  sweep?: boolean;
}

/** Every 15 minutes: a payment the webhooks missed reaches the source within a quarter of an hour. */
export const RECONCILE_CRON = '*/15 * * * *';

export async function startPaymentWorkers(jobs: JobQueue, deps: PaymentWorkerDeps): Promise<void> {
  await jobs.createQueue(QUEUE_NAMES.paymentReconcile);
  const logger = deps.logger.child({ queue: QUEUE_NAMES.paymentReconcile });
  await jobs.work<PaymentReconcileJobData>(
    QUEUE_NAMES.paymentReconcile,
    {
      ...(deps.concurrency ? { concurrency: deps.concurrency } : {}),
      ...(deps.pollingIntervalSeconds ? { pollingIntervalSeconds: deps.pollingIntervalSeconds } : {}),
    },
    (job) =>
      runPaymentReconcile(
        { db: deps.db, jobs, connections: deps.connections, logger: logger.child({ jobId: job.id }) },
        job.data ?? {},
      ),
  );
  if (deps.sweep ?? true) await jobs.boss.schedule(QUEUE_NAMES.paymentReconcile, RECONCILE_CRON, {});
}
