// Outgoing payments of invoices the company pays (purchase, travel, expense): queued by POST /payments, then sent to
// the bank, paid or refused by it (admin), or cancelled and removed through the API. The invoice follows each move.
import type { EmulatorContext } from '../emulator-context';
import { ProcountorApiError } from '../http/procountor-error';
import { applyInvoiceStatus } from '../invoices/change-invoice-status';
import { bookPayment, paymentEventsOf } from '../invoices/invoice-payments';
import { invoiceTotals, round2 } from '../invoices/invoice-sums';
import type { Invoice, PaymentErrorMessage } from '../state/contract-types';
import { type CompanyData, nextId, type OutgoingPayment } from '../state/emulator-state';
import { dispatchWebhookEvent } from '../webhooks/dispatch-webhook-event';

type PaymentStatus = OutgoingPayment['status'];

/** Absent in state files saved before the emulator kept outgoing payments. */
export function outgoingPaymentsOf(company: CompanyData): Map<number, OutgoingPayment> {
  company.outgoingPayments ??= new Map();
  return company.outgoingPayments;
}

export function paymentErrorMessagesOf(company: CompanyData): PaymentErrorMessage[] {
  company.paymentErrorMessages ??= [];
  return company.paymentErrorMessages;
}

/** Statuses in which a payment holds its invoice: a second one is refused, cancel and remove are not (yet) allowed. */
export const ACTIVE_PAYMENT_STATUSES: ReadonlySet<PaymentStatus> = new Set(['PAYMENT_QUEUED', 'PAYMENT_SENT_TO_BANK']);

export function activePaymentOf(company: CompanyData, invoiceId: number): OutgoingPayment | undefined {
  for (const payment of outgoingPaymentsOf(company).values()) {
    if (payment.invoiceId === invoiceId && ACTIVE_PAYMENT_STATUSES.has(payment.status)) return payment;
  }
  return undefined;
}

/** What is left to pay on the invoice in its currency: the total less the payments booked on it. */
export function openAmountOf(company: CompanyData, invoice: Invoice): number {
  const paid = paymentEventsOf(company, invoice.id!).reduce((sum, event) => sum + (event.paidAmount ?? 0), 0);
  return round2(invoiceTotals(invoice).total - paid);
}

export function findPaymentOr404(company: CompanyData, rawId: string): OutgoingPayment {
  const payment = /^\d+$/.test(rawId) ? outgoingPaymentsOf(company).get(Number(rawId)) : undefined;
  // Contract 404: "Payment not found or user has insufficient rights".
  if (!payment) throw ProcountorApiError.notFound('Payment');
  return payment;
}

function invoiceOf(company: CompanyData, payment: OutgoingPayment): Invoice {
  const invoice = company.invoices.get(payment.invoiceId);
  if (!invoice) throw new Error(`payment ${payment.id} names invoice ${payment.invoiceId}, which is gone`);
  return invoice;
}

/** GET /payments/{paymentId}: the contract's PaymentRowInfo. */
export function toPaymentRowInfo(payment: OutgoingPayment) {
  return {
    id: payment.id,
    invoiceId: payment.invoiceId,
    paymentDate: payment.paymentDate,
    amount: payment.amount,
    receiverName: payment.receiverName,
    currency: payment.currency,
    payerAccount: payment.payerAccount,
    ...(payment.payerBic !== undefined ? { payerBic: payment.payerBic } : {}),
    ...(payment.message !== undefined ? { message: payment.message } : {}),
    receiverAccount: payment.receiverAccount,
    ...(payment.receiverBic !== undefined ? { receiverBic: payment.receiverBic } : {}),
    createdBy: payment.createdBy,
    status: payment.status,
  };
}

/** GET /payments: the contract's BasicPaymentTransactionData (paid amount and currency: the payment's own). */
export function toBasicPaymentTransactionData(payment: OutgoingPayment) {
  return {
    id: payment.id,
    invoiceId: payment.invoiceId,
    paymentDate: payment.paymentDate,
    amount: payment.amount,
    receiverName: payment.receiverName,
    status: payment.status,
    ...(payment.serviceCharge !== undefined ? { serviceCharge: payment.serviceCharge } : {}),
    paidAmount: payment.amount,
    paidCurrency: payment.currency,
  };
}

/** Stores a validated payment as PAYMENT_QUEUED and queues its invoice (history SENT_FOR_PAYMENT, PAYMENT_UPDATED). */
export function queuePayment(
  context: EmulatorContext,
  company: CompanyData,
  invoice: Invoice,
  payment: Omit<OutgoingPayment, 'id' | 'status' | 'invoiceStatusBefore'>,
): OutgoingPayment {
  const stored: OutgoingPayment = {
    ...payment,
    id: nextId(context.state),
    status: 'PAYMENT_QUEUED',
    invoiceStatusBefore: invoice.status ?? 'APPROVED',
  };
  outgoingPaymentsOf(company).set(stored.id, stored);
  applyInvoiceStatus(context, company, invoice, 'PAYMENT_QUEUED', 'SENT_FOR_PAYMENT', { paymentUpdated: true });
  return stored;
}

function refuseUnless(payment: OutgoingPayment, allowed: readonly PaymentStatus[], what: string, status: number): void {
  if (!allowed.includes(payment.status)) {
    throw ProcountorApiError.single(
      status,
      `Invalid payment status ${payment.status}: ${what} only from ${allowed.join(', ')}`,
      'status',
    );
  }
}

/** Back to the status before the payment queued the invoice (cancelled or refused by the bank). */
function releaseInvoice(context: EmulatorContext, company: CompanyData, payment: OutgoingPayment, action: string) {
  applyInvoiceStatus(context, company, invoiceOf(company, payment), payment.invoiceStatusBefore, action, {
    paymentUpdated: true,
  });
}

/** PUT /payments/{id}/cancel: "a payment which is ready to be paid but not paid yet" (403 otherwise). */
export function cancelPayment(context: EmulatorContext, company: CompanyData, payment: OutgoingPayment): void {
  refuseUnless(payment, ['PAYMENT_QUEUED'], 'a payment can be cancelled', 403);
  payment.status = 'INVALIDATED';
  releaseInvoice(context, company, payment, 'CANCEL_PAYMENT_TRANSACTION');
}

/**
 * DELETE /payments/{id}: "a payment which is not queued or paid" (403 otherwise); the invoice keeps its status.
 * PAYMENT_DELETED with the removed payment as GET /payments listed it (BasicPaymentTransactionData) as payload.
 */
export function removePayment(context: EmulatorContext, company: CompanyData, payment: OutgoingPayment): void {
  refuseUnless(payment, ['INVALIDATED', 'PAYMENT_DENIED'], 'a payment can be removed', 403);
  outgoingPaymentsOf(company).delete(payment.id);
  context.markChanged();
  dispatchWebhookEvent(context, company, 'PAYMENT_DELETED', toBasicPaymentTransactionData(payment));
}

/** The bank's side (admin): picked up, paid, or refused with an error code. */
export function settlePayment(
  context: EmulatorContext,
  company: CompanyData,
  payment: OutgoingPayment,
  outcome:
    | { status: 'PAYMENT_SENT_TO_BANK' }
    | { status: 'PAID'; date: string }
    | { status: 'PAYMENT_DENIED'; errorCode: string },
): void {
  const invoice = invoiceOf(company, payment);
  if (outcome.status === 'PAYMENT_SENT_TO_BANK') {
    refuseUnless(payment, ['PAYMENT_QUEUED'], 'a payment goes to the bank', 400);
    payment.status = 'PAYMENT_SENT_TO_BANK';
    applyInvoiceStatus(context, company, invoice, 'PAYMENT_SENT_TO_BANK', 'SENT_FOR_PAYMENT', { paymentUpdated: true });
    return;
  }
  refuseUnless(payment, ['PAYMENT_QUEUED', 'PAYMENT_SENT_TO_BANK'], `a payment is ${outcome.status}`, 400);
  if (outcome.status === 'PAID') {
    payment.status = 'PAID';
    // The payment as it shows on the bank statement: PAID or PARTLY_PAID from the status it was paid from, with
    // INVOICE_PAYMENT_CREATED and PAYMENT_UPDATED (bookPayment).
    invoice.status = payment.invoiceStatusBefore;
    bookPayment(context, company, invoice, {
      amount: payment.amount,
      paymentDate: outcome.date,
      type: 'BANKSTATEMENT',
      status: 'PAID',
    });
    return;
  }
  payment.status = 'PAYMENT_DENIED';
  paymentErrorMessagesOf(company).push({
    id: nextId(context.state),
    createdDate: context.today(),
    type: 'PAYMENT_ERROR',
    status: 'UNHANDLED',
    errorCode: outcome.errorCode,
    referenceId: invoice.id,
    referenceType: 'INVOICE',
    invoiceType: invoice.type as PaymentErrorMessage['invoiceType'],
  });
  releaseInvoice(context, company, payment, 'SEPA_PAYMENT_ERROR');
}
