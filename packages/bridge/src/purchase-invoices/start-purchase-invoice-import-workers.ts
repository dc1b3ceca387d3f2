// Starts the purchase invoice import: a self-rescheduling run per enabled connection, and a sweep that books missing ones.
import type { JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import { readImportSettings } from './purchase-invoice-import-settings';
import { type PurchaseInvoiceImportDeps, runPurchaseInvoiceImport } from './run-purchase-invoice-import';

export interface ImportRunJobData {
  connectionId: string;
}

const SWEEP_CRON = '*/5 * * * *';

/** Books the connection's next run; `short` policy + singletonKey keep at most one waiting run per connection. */
export function scheduleImportRun(jobs: Pick<JobQueue, 'send'>, connectionId: string, startAfterSeconds = 0) {
  return jobs.send<ImportRunJobData>(
    QUEUE_NAMES.purchaseInvoiceImport,
    { connectionId },
    { singletonKey: connectionId, ...(startAfterSeconds > 0 ? { startAfter: startAfterSeconds } : {}) },
  );
}

/** Books a run for every active connection whose import is enabled (after a restart, or a run lost to a crash). */
export async function scheduleEnabledImports(
  deps: Pick<PurchaseInvoiceImportDeps, 'db'>,
  jobs: Pick<JobQueue, 'send'>,
) {
  const rows = await deps.db
    .selectFrom('purchase_invoice_import_settings as settings')
    .innerJoin('connections', 'connections.id', 'settings.connection_id')
    .select('settings.connection_id')
    .where('settings.enabled', '=', true)
    .where('connections.status', '=', 'active')
    .execute();
  for (const row of rows) await scheduleImportRun(jobs, row.connection_id);
  return rows.length;
}

/** The job: books the next run first (so a failure never ends the schedule), then imports. */
export async function runScheduledImport(
  deps: PurchaseInvoiceImportDeps,
  jobs: Pick<JobQueue, 'send'>,
  data: ImportRunJobData,
) {
  const settings = await readImportSettings(deps.db, data.connectionId);
  if (!settings.enabled) return { outcome: 'not_scheduled', reason: 'the import is disabled' };
  await scheduleImportRun(jobs, data.connectionId, settings.intervalMinutes * 60);
  return runPurchaseInvoiceImport(deps, data.connectionId);
}

export async function startPurchaseInvoiceImportWorkers(
  jobs: JobQueue,
  deps: PurchaseInvoiceImportDeps,
  options: { sweep?: boolean; pollingIntervalSeconds?: number } = {},
): Promise<void> {
  await jobs.createQueue(QUEUE_NAMES.purchaseInvoiceImport, { policy: 'short', retryLimit: 0 });
  await jobs.createQueue(QUEUE_NAMES.purchaseInvoiceImportSweep, { policy: 'short', retryLimit: 0 });
  const workOptions = {
    concurrency: 1,
    ...(options.pollingIntervalSeconds ? { pollingIntervalSeconds: options.pollingIntervalSeconds } : {}),
  };
  await jobs.work<ImportRunJobData>(QUEUE_NAMES.purchaseInvoiceImport, workOptions, (job) =>
    runScheduledImport({ ...deps, logger: deps.logger.child({ jobId: job.id }) }, jobs, job.data),
  );
  await jobs.work(QUEUE_NAMES.purchaseInvoiceImportSweep, { concurrency: 1 }, () => scheduleEnabledImports(deps, jobs));
  await scheduleEnabledImports(deps, jobs);
  if (options.sweep ?? true) await jobs.boss.schedule(QUEUE_NAMES.purchaseInvoiceImportSweep, SWEEP_CRON);
}
