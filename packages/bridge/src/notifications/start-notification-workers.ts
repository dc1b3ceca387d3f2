// Starts this process's worker for failure e-mails (createBridge's WORKER_STARTERS), with its one mail transport.
import type { SmtpConfig } from '../config/load-config';
import type { JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { FailureEmailJob } from './enqueue-failure-email';
import { createMailTransport } from './mail-transport';
import { type FailureEmailDeps, sendFailureEmail } from './send-failure-email';

export interface NotificationWorkerDeps extends Omit<FailureEmailDeps, 'mail' | 'sendRetry'> {
  /** Unset: failure e-mails are skipped (and logged). */
  smtp: SmtpConfig | undefined;
}

export async function startNotificationWorkers(
  jobs: JobQueue,
  deps: NotificationWorkerDeps,
): Promise<() => Promise<void>> {
  await jobs.createQueue(QUEUE_NAMES.transferFailureEmail);
  if (!deps.smtp) deps.logger.info('SMTP_HOST is not set: failure e-mails will be skipped (and logged)');
  const mail = deps.smtp ? createMailTransport(deps.smtp) : undefined;
  const handlerDeps: FailureEmailDeps = {
    ...deps,
    mail,
    ...(deps.smtp?.sendRetry ? { sendRetry: deps.smtp.sendRetry } : {}),
  };
  // One e-mail at a time per process: the pool's single connection carries them one after another.
  await jobs.work<FailureEmailJob>(QUEUE_NAMES.transferFailureEmail, { concurrency: 1 }, (job) =>
    sendFailureEmail(handlerDeps, job.data),
  );
  return async () => {
    await jobs.offWork(QUEUE_NAMES.transferFailureEmail);
    mail?.close();
  };
}
