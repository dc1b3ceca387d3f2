// Starts the purchase invoice schedule: a self-rescheduling run per connection with the import or the bill watch on,
// and a sweep that books missing ones.
import type { JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import { isScheduled, readImportSettings } from './purchase-invoice-import-settings';
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

/** Books a run for every active connection whose import or bill watch is on (after a restart, or a lost run). */
export async function scheduleEnabledImports(
  deps: Pick<PurchaseInvoiceImportDeps, 'db'>,
  jobs: Pick<JobQueue, 'send'>,
) {
  const rows = await deps.db
    .selectFrom('purchase_invoice_import_settings as settings')
    .innerJoin('connections', 'connections.id', 'settings.connection_id')
    .select('settings.connection_id')
    .where((eb) => eb.or([eb('settings.enabled', '=', true), eb('settings.bill_received_events', '=', true)]))
    .where('connections.status', '=', 'active')
    .execute();
  for (const row of rows) await scheduleImportRun(jobs, row.connection_id);
  return rows.length;
}

/**
 * Another look the schedule runs for a connection that asks for it: the bill watch (bills/watch-received-bills.ts),
 * passed in by the composition root so this domain does not reach into that one.
 */
export type ScheduledBillWatch = (
  connectionId: string,
  logger: PurchaseInvoiceImportDeps['logger'],
) => Promise<unknown>;

/**
 * The job: books the next run first (so a failure never ends the schedule), then the bill watch and the import, each
 * when on. A failure of the first does not keep the second from running; the job then fails with it.
 */
export async function runScheduledImport(
  deps: PurchaseInvoiceImportDeps & { watchBills?: ScheduledBillWatch },
  jobs: Pick<JobQueue, 'send'>,
  data: ImportRunJobData,
) {
  const settings = await readImportSettings(deps.db, data.connectionId);
  if (!isScheduled(settings)) return { outcome: 'not_scheduled', reason: 'the import and the bill watch are off' };
  await scheduleImportRun(jobs, data.connectionId, settings.intervalMinutes * 60);
  const done: Record<string, unknown> = {};
  let failure: unknown;
  if (settings.billReceivedEvents && deps.watchBills) {
    try {
      done.bills = await deps.watchBills(data.connectionId, deps.logger);
    } catch (error) {
      failure = error;
    }
  }
  if (settings.enabled) done.import = await runPurchaseInvoiceImport(deps, data.connectionId);
  if (failure) throw failure;
  return done;
}

export async function startPurchaseInvoiceImportWorkers(
  jobs: JobQueue,
  deps: PurchaseInvoiceImportDeps & { watchBills?: ScheduledBillWatch },
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
