// Applies one status action to an invoice: rule check, closed-period check, version, receipt and history.
import type { EmulatorContext } from '../emulator-context';
import { ProcountorApiError } from '../http/procountor-error';
import { CLOSED_FISCAL_PERIOD, isInClosedFiscalPeriod } from '../ledger-receipts/fiscal-periods';
import { syncInvoiceLedgerReceipt } from '../ledger-receipts/invoice-ledger-receipt';
import type { Invoice } from '../state/contract-types';
import type { CompanyData } from '../state/emulator-state';
import { dispatchWebhookEvent } from '../webhooks/dispatch-webhook-event';
import { nextVersion, recordHistory } from './invoice-records';
import { type InvoiceAction, nextStatus } from './invoice-statuses';
import type { InvoiceStatus } from './invoice-types';

/** Contract InvoiceTransaction.action recorded for each action (GET /invoices/{id}/transactions). */
const HISTORY_ACTION: Record<InvoiceAction, string> = {
  approve: 'APPROVAL',
  verify: 'VERIFICATION',
  send: 'SEND',
  sendToCirculation: 'SEND_TO_CIRCULATION',
  invalidate: 'SENDING_CANCELLED',
  unfinished: 'RESTORED_UNFINISHED',
  reject: 'DENY_PAYMENT',
  queuePayment: 'SENT_FOR_PAYMENT',
  sendPaymentToBank: 'SENT_FOR_PAYMENT',
};

/** Actions that move an invoice's outgoing payment along (APPROVED → PAYMENT_QUEUED → PAYMENT_SENT_TO_BANK). */
const PAYMENT_ACTIONS: ReadonlySet<InvoiceAction> = new Set(['queuePayment', 'sendPaymentToBank']);

/** Contract: invalidate, unfinished and reject need the invoice's fiscal year and period to be open (403). */
const NEEDS_OPEN_PERIOD: ReadonlySet<InvoiceAction> = new Set(['invalidate', 'unfinished', 'reject']);

export function changeInvoiceStatus(
  context: EmulatorContext,
  company: CompanyData,
  invoice: Invoice,
  action: InvoiceAction,
  options: { refusalStatus?: number; comment?: string } = {},
): Invoice {
  const status = nextStatus(invoice, action, options.refusalStatus);
  if (NEEDS_OPEN_PERIOD.has(action) && isInClosedFiscalPeriod(company, invoice.date)) {
    throw ProcountorApiError.single(options.refusalStatus ?? 403, CLOSED_FISCAL_PERIOD, 'date');
  }
  return applyInvoiceStatus(context, company, invoice, status, HISTORY_ACTION[action], {
    comment: options.comment,
    paymentUpdated: PAYMENT_ACTIONS.has(action),
  });
}

/**
 * Puts the invoice in `status` once a rule allowed it: a new version, the ledger receipt in step, the action in the
 * history and, for a move of its outgoing payment, PAYMENT_UPDATED `{ invoiceId, status }` (assumption: README
 * "Webhooks"). Also used by the outgoing payments (payments/), whose moves are not invoice actions.
 */
export function applyInvoiceStatus(
  context: EmulatorContext,
  company: CompanyData,
  invoice: Invoice,
  status: InvoiceStatus,
  historyAction: string,
  options: { comment?: string; paymentUpdated?: boolean } = {},
): Invoice {
  invoice.status = status;
  invoice.version = nextVersion(context, company);
  syncInvoiceLedgerReceipt(company, invoice);
  recordHistory(context, company, invoice.id!, historyAction, 'API', options.comment);
  context.markChanged();
  if (options.paymentUpdated) {
    dispatchWebhookEvent(context, company, 'PAYMENT_UPDATED', { invoiceId: invoice.id, status: invoice.status });
  }
  return invoice;
}
