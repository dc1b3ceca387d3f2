// Books and removes payment events on invoices and derives PAID / PARTLY_PAID / MARKED_PAID from them.
import type { EmulatorContext } from '../emulator-context';
import { syncInvoiceLedgerReceipt } from '../ledger-receipts/invoice-ledger-receipt';
import type { Invoice, PaymentEvent } from '../state/contract-types';
import { type CompanyData, nextId } from '../state/emulator-state';
import { dispatchWebhookEvent } from '../webhooks/dispatch-webhook-event';
import { nextVersion, recordHistory } from './invoice-records';
import { invoiceTotals, round2 } from './invoice-sums';
import { type InvoiceStatus, isSalesType } from './invoice-types';

export interface PaymentInput {
  /** In the invoice currency (contract MarkInvoiceAsPaid: "always … with an invoice currency"). */
  amount: number;
  paymentDate: string;
  type: NonNullable<PaymentEvent['type']>;
  /** MARKED_PAID for "mark as paid", PAID for a bank payment. */
  status: 'PAID' | 'MARKED_PAID';
  description?: string;
}

// The status an invoice had before its first payment, to return to when every payment event is removed.
const statusBeforePayments = new WeakMap<CompanyData, Map<number, InvoiceStatus>>();

function beforePaymentsMap(company: CompanyData): Map<number, InvoiceStatus> {
  let map = statusBeforePayments.get(company);
  if (!map) {
    map = new Map();
    statusBeforePayments.set(company, map);
  }
  return map;
}

export function paymentEventsOf(company: CompanyData, invoiceId: number): PaymentEvent[] {
  return company.paymentEvents.get(invoiceId) ?? [];
}

/**
 * Paid in full → PAID (bank) or MARKED_PAID (marked), partly → PARTLY_PAID, nothing → the status before payments.
 * Amounts compare by absolute value so a credit invoice (negative total, FACTS.md) is settled by a negative payment.
 */
function statusFromPayments(company: CompanyData, invoice: Invoice, events: PaymentEvent[]): InvoiceStatus {
  if (events.length === 0) return beforePaymentsMap(company).get(invoice.id!) ?? invoice.status ?? 'UNFINISHED';
  const paid = round2(events.reduce((sum, event) => sum + (event.paidAmount ?? 0), 0));
  const total = invoiceTotals(invoice).total;
  if (Math.abs(paid) + 0.005 < Math.abs(total)) return 'PARTLY_PAID';
  return events[events.length - 1]!.status === 'MARKED_PAID' ? 'MARKED_PAID' : 'PAID';
}

function applyPaymentStatus(
  context: EmulatorContext,
  company: CompanyData,
  invoice: Invoice,
  events: PaymentEvent[],
): void {
  invoice.status = statusFromPayments(company, invoice, events);
  const latest = events
    .map((event) => event.paymentDate ?? '')
    .sort()
    .pop();
  if (latest) invoice.paymentDate = latest;
  else delete invoice.paymentDate;
  invoice.version = nextVersion(context, company);
  syncInvoiceLedgerReceipt(company, invoice);
  context.markChanged();
}

/** Books a payment, updates the invoice status and fires INVOICE_PAYMENT_CREATED webhooks with the event as payload. */
export function bookPayment(
  context: EmulatorContext,
  company: CompanyData,
  invoice: Invoice,
  input: PaymentInput,
): PaymentEvent {
  const events = company.paymentEvents.get(invoice.id!) ?? [];
  if (events.length === 0) beforePaymentsMap(company).set(invoice.id!, invoice.status ?? 'UNFINISHED');
  const rate = invoice.paymentInfo.currencyRate || 1;
  const event: PaymentEvent = {
    id: nextId(context.state),
    invoiceId: invoice.id,
    type: input.type,
    paymentDate: input.paymentDate,
    status: input.status,
    // Contract PaymentEvent.amount is "in accounting currency"; paidAmount "in paid currency".
    amount: round2(input.amount / rate),
    currency: (company.info.companyCurrency ?? 'EUR') as PaymentEvent['currency'],
    paidAmount: input.amount,
    paidCurrency: invoice.paymentInfo.currency as PaymentEvent['paidCurrency'],
    ...(input.description !== undefined ? { description: input.description } : {}),
  };
  events.push(event);
  company.paymentEvents.set(invoice.id!, events);
  applyPaymentStatus(context, company, invoice, events);
  const action = input.status === 'MARKED_PAID' ? 'MARKED_PAID' : 'ALLOCATE_INVOICE_TO_BANK_STATEMENT';
  recordHistory(context, company, invoice.id!, action, 'API', `${input.amount} ${invoice.paymentInfo.currency}`);
  dispatchWebhookEvent(context, company, 'INVOICE_PAYMENT_CREATED', event);
  // The company's own outgoing payment (purchase, travel, expense…) paid through the bank: its payment is updated too.
  if (input.status === 'PAID' && !isSalesType(invoice.type)) {
    dispatchWebhookEvent(context, company, 'PAYMENT_UPDATED', { invoiceId: invoice.id, status: invoice.status });
  }
  return event;
}

/**
 * Who removed a payment event: the API's DELETE /invoices/{id}/paymentevents/{eventId} (marked payments only), or a
 * user in Procountor's UI (any payment, e.g. a bank allocation undone), which the admin surface stands in for.
 */
export type PaymentRemovedBy = 'api' | 'user';

/**
 * Removes one payment event and recomputes the status. Webhooks (assumptions, README "Webhooks"): PAYMENT_DELETED
 * with the removed PaymentEvent as payload, whoever removed it; INVOICE_PAYMENTEVENTS_DELETED too when the API did,
 * the operation that event is named after. Answers the removed event, or undefined when the invoice has no such event.
 */
export function removePaymentEvent(
  context: EmulatorContext,
  company: CompanyData,
  invoice: Invoice,
  eventId: number,
  removedBy: PaymentRemovedBy,
): PaymentEvent | undefined {
  const before = paymentEventsOf(company, invoice.id!);
  const removed = before.find((event) => event.id === eventId);
  if (!removed) return undefined;
  const events = before.filter((event) => event.id !== eventId);
  company.paymentEvents.set(invoice.id!, events);
  applyPaymentStatus(context, company, invoice, events);
  // Contract InvoiceTransaction actions: a payment marked paid elsewhere vs. any other payment transaction.
  const action =
    removed.status === 'MARKED_PAID' ? 'DELETED_PAID_ELSEWHERE_PAYMENT_TRANSACTION' : 'DELETED_PAYMENT_TRANSACTION';
  recordHistory(
    context,
    company,
    invoice.id!,
    action,
    removedBy === 'api' ? 'API' : 'Emulator User',
    `payment event ${eventId}`,
  );
  if (removedBy === 'api') {
    dispatchWebhookEvent(context, company, 'INVOICE_PAYMENTEVENTS_DELETED', {
      invoiceId: invoice.id,
      paymentEventIds: [eventId],
    });
  }
  dispatchWebhookEvent(context, company, 'PAYMENT_DELETED', removed);
  return removed;
}
