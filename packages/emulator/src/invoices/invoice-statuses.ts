// The invoice status machine: which action moves an invoice from which statuses to which (contract + FACTS.md).
import { ProcountorApiError } from '../http/procountor-error';
import type { Invoice } from '../state/contract-types';
import { type InvoiceStatus, isPayableType, isSalesType } from './invoice-types';

export type InvoiceAction =
  | 'approve'
  | 'verify'
  | 'send'
  | 'sendToCirculation'
  | 'invalidate'
  | 'unfinished'
  | 'reject'
  | 'queuePayment'
  | 'sendPaymentToBank';

interface Transition {
  from: readonly InvoiceStatus[];
  to: InvoiceStatus;
}

/**
 * Sales invoices and orders: UNFINISHED → approve → NOT_SENT → send → SENT (FACTS.md "Invoices"; contract
 * PUT /send: "Only invoices with status as 'NOT_SENT' and 'SENT' can be send"). The from-lists of invalidate,
 * unfinished and reject are assumptions (README "Assumptions").
 */
const SALES_TRANSITIONS: Partial<Record<InvoiceAction, Transition>> = {
  approve: { from: ['UNFINISHED'], to: 'NOT_SENT' },
  send: { from: ['NOT_SENT', 'SENT'], to: 'SENT' },
  invalidate: { from: ['UNFINISHED', 'NOT_SENT', 'SENT'], to: 'INVALIDATED' },
  unfinished: { from: ['NOT_SENT', 'INVALIDATED'], to: 'UNFINISHED' },
  reject: { from: ['UNFINISHED', 'NOT_SENT'], to: 'PAYMENT_DENIED' },
};

/**
 * Purchase, travel and expense invoices circulate: RECEIVED → VERIFIED → APPROVED → PAYMENT_QUEUED →
 * PAYMENT_SENT_TO_BANK, then payments (contract PUT /sendToCirculation: travel and expense invoices go from
 * UNFINISHED to RECEIVED). The queue and bank steps happen in Procountor's payment UI, reachable only through the
 * emulator's admin surface.
 */
const PAYABLE_TRANSITIONS: Partial<Record<InvoiceAction, Transition>> = {
  sendToCirculation: { from: ['UNFINISHED'], to: 'RECEIVED' },
  verify: { from: ['RECEIVED'], to: 'VERIFIED' },
  approve: { from: ['UNFINISHED', 'RECEIVED', 'VERIFIED'], to: 'APPROVED' },
  reject: { from: ['RECEIVED', 'VERIFIED', 'APPROVED'], to: 'PAYMENT_DENIED' },
  invalidate: { from: ['UNFINISHED', 'RECEIVED', 'VERIFIED', 'APPROVED', 'PAYMENT_DENIED'], to: 'INVALIDATED' },
  unfinished: { from: ['RECEIVED', 'VERIFIED', 'APPROVED', 'PAYMENT_DENIED', 'INVALIDATED'], to: 'UNFINISHED' },
  queuePayment: { from: ['APPROVED'], to: 'PAYMENT_QUEUED' },
  sendPaymentToBank: { from: ['PAYMENT_QUEUED'], to: 'PAYMENT_SENT_TO_BANK' },
};

/**
 * The HTTP status the contract gives a refused status change: approve, verify, send, sendToCirculation and reject
 * list "invalid invoice status" under 403; invalidate and unfinished only have 400 "Request contains invalid data".
 */
const REFUSAL_STATUS: Record<InvoiceAction, number> = {
  approve: 403,
  verify: 403,
  send: 403,
  sendToCirculation: 403,
  reject: 403,
  invalidate: 400,
  unfinished: 400,
  queuePayment: 400,
  sendPaymentToBank: 400,
};

function transitionsFor(invoice: Invoice): Partial<Record<InvoiceAction, Transition>> {
  if (isSalesType(invoice.type)) return SALES_TRANSITIONS;
  return isPayableType(invoice.type) ? PAYABLE_TRANSITIONS : {};
}

/** The status `action` leads to, or a ProcountorApiError naming the current status. */
export function nextStatus(
  invoice: Invoice,
  action: InvoiceAction,
  refusalStatus = REFUSAL_STATUS[action],
): InvoiceStatus {
  const transition = transitionsFor(invoice)[action];
  if (!transition) {
    throw ProcountorApiError.single(
      refusalStatus,
      `${action} is not supported for invoice type ${invoice.type}`,
      'type',
    );
  }
  const current = invoice.status ?? 'UNFINISHED';
  if (!transition.from.includes(current)) {
    throw ProcountorApiError.single(
      refusalStatus,
      `Invalid invoice status ${current}: ${action} is allowed only from ${transition.from.join(', ')}`,
      'status',
    );
  }
  return transition.to;
}

/** Which action reaches `target` from the invoice's type (the admin status endpoint walks the same rules). */
export function actionReaching(invoice: Invoice, target: InvoiceStatus): InvoiceAction | undefined {
  const transitions = transitionsFor(invoice);
  const current = invoice.status ?? 'UNFINISHED';
  const candidates = (Object.keys(transitions) as InvoiceAction[]).filter(
    (action) => transitions[action]!.to === target,
  );
  return candidates.find((action) => transitions[action]!.from.includes(current)) ?? candidates[0];
}

/** Statuses in which a payment may be booked against the invoice (bank payment or mark as paid). */
export function isPayableStatus(invoice: Invoice): boolean {
  const status = invoice.status ?? 'UNFINISHED';
  if (isSalesType(invoice.type)) return ['NOT_SENT', 'SENT', 'PARTLY_PAID'].includes(status);
  return ['RECEIVED', 'VERIFIED', 'APPROVED', 'PAYMENT_QUEUED', 'PAYMENT_SENT_TO_BANK', 'PARTLY_PAID'].includes(status);
}
