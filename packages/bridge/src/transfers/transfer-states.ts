// The states a transfer moves through, the allowed moves, and the steps a sales invoice transfer runs.

/**
 * - waiting_for_send: accepted in a connection with manual transfer mode; "Send to Procountor" starts it.
 * - queued: accepted and waiting for a worker.
 * - in_progress: a worker runs its steps.
 * - retrying: a transient failure (network, 5xx, 429); a retry is scheduled with backoff.
 * - failed: a permanent failure; waits for a fix and a resend.
 * - succeeded: the invoice is in Procountor and the source was told.
 * - cancelled: stopped before anything reached Procountor.
 */
export const TRANSFER_STATES = [
  'waiting_for_send',
  'queued',
  'in_progress',
  'retrying',
  'failed',
  'succeeded',
  'cancelled',
] as const;
export type TransferState = (typeof TRANSFER_STATES)[number];

const ALLOWED_MOVES: Record<TransferState, readonly TransferState[]> = {
  waiting_for_send: ['queued', 'cancelled'],
  queued: ['in_progress', 'cancelled'],
  in_progress: ['succeeded', 'retrying', 'failed', 'queued'],
  retrying: ['in_progress', 'failed', 'cancelled'],
  // A resend after a fix queues the transfer again; cancelling is allowed while nothing reached Procountor.
  failed: ['queued', 'cancelled'],
  succeeded: [],
  cancelled: [],
};

export function canMove(from: TransferState, to: TransferState): boolean {
  return ALLOWED_MOVES[from].includes(to);
}

/** The steps of a sales invoice transfer, in order (DESIGN.md data flow, issue #4). Each one is idempotent. */
export const SALES_INVOICE_STEPS = [
  'resolve_business_partner',
  'resolve_products',
  'ensure_dimension_items',
  'create_invoice',
  'set_dimensions',
  'upload_attachments',
  'approve_or_send',
  'record_result',
  'notify_source',
] as const;
export type SalesInvoiceStep = (typeof SALES_INVOICE_STEPS)[number];

/** The next step after the ones already done, or undefined when all are done. */
export function nextStep(completed: readonly SalesInvoiceStep[]): SalesInvoiceStep | undefined {
  return SALES_INVOICE_STEPS.find((step) => !completed.includes(step));
}
