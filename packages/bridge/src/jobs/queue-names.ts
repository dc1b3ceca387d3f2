// Every pg-boss queue name the bridge uses, defined once; domains add theirs here.

/**
 * pg-boss 10 queue names: letters, digits, underscores and hyphens (pg-boss src/attorney.js `assertQueueName`).
 * Each queue needs `jobQueue.createQueue(name)` at start before jobs can be sent to it (pg-boss 10 partitions jobs
 * per queue); main.ts creates them all.
 */
export const QUEUE_NAMES = {
  /** Walks one transfer's state machine (transfers/run-transfer.ts). */
  transferRun: 'transfer-run',
  /** Every minute by cron (each worker process also sweeps every 5 s): stranded transfers get a job again. */
  transferRecoverSweep: 'transfer-recover-sweep',
  /** Sends the plain-language e-mail about one permanently failed transfer (notifications/). */
  transferFailureEmail: 'transfer-failure-email',
  /** Refreshes a connection's master and reference data from Procountor. */
  masterDataSync: 'master-data-sync',
  /** Polls Procountor for payments the webhooks may have missed. */
  paymentReconcile: 'payment-reconcile',
  /** Subscribes one connection to Procountor's payment webhooks, retried with backoff (payments/auto-subscribe-…). */
  procountorWebhookSubscribe: 'procountor-webhook-subscribe',
  /** Delivers one outgoing webhook to a source application. */
  sourceWebhookDeliver: 'source-webhook-deliver',
  /** Fetches one connection's documents from its source on a schedule, then schedules itself again. */
  sourcePullRun: 'source-pull-run',
  /** Reports one transfer's state back to the source a scheduled pull fetched it from. */
  sourcePullReport: 'source-pull-report',
  /** Every 5 minutes: books a pull run for connections whose scheduledPull was just set (self-rescheduling after). */
  sourcePullSweep: 'source-pull-sweep',
  /** Imports one connection's purchase invoices from Procountor, then schedules itself again (issue #6). */
  purchaseInvoiceImport: 'purchase-invoice-import',
  /** Every 5 minutes: books an import run for connections whose purchase invoice import is enabled. */
  purchaseInvoiceImportSweep: 'purchase-invoice-import-sweep',
} as const;

export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];
