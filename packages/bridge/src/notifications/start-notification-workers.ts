// Starts this process's worker for failure e-mails (createBridge's WORKER_STARTERS).
import type { JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { FailureEmailJob } from './enqueue-failure-email';
import { type FailureEmailDeps, sendFailureEmail } from './send-failure-email';

export async function startNotificationWorkers(jobs: JobQueue, deps: FailureEmailDeps): Promise<() => Promise<void>> {
  await jobs.createQueue(QUEUE_NAMES.transferFailureEmail);
  if (!deps.smtp) deps.logger.info('SMTP_HOST is not set: failure e-mails will be skipped (and logged)');
  await jobs.work<FailureEmailJob>(QUEUE_NAMES.transferFailureEmail, { concurrency: 1 }, (job) =>
    sendFailureEmail(deps, job.data),
  );
  return () => jobs.offWork(QUEUE_NAMES.transferFailureEmail);
}
