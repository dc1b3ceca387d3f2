// Which Procountor payment events count as money on an invoice, how much, and what a transfer's payment state becomes.
import { createHash } from 'node:crypto';
import type { ProcountorPaymentEvent } from '@procountor-bridge/client';

/**
 * Statuses of a payment event that mean money arrived: a bank or reference payment (PAID) or a payment marked by hand
 * (MARKED_PAID). Others (PAYMENT_QUEUED, DELETED, …) are not counted yet; a later poll sees them again once paid.
 */
const COUNTED_STATUSES = new Set(['PAID', 'MARKED_PAID']);

export function isCountedPayment(event: ProcountorPaymentEvent): boolean {
  return typeof event.id === 'number' && event.status !== undefined && COUNTED_STATUSES.has(event.status);
}

/**
 * The payment in the invoice currency: PaymentEvent.paidAmount is "in paid currency" (the invoice's, markpaid:
 * "always … with an invoice currency"); amount is "in accounting currency" and is used only when no paid amount is given.
 */
export function amountInInvoiceCurrency(event: ProcountorPaymentEvent): number {
  return round2(event.paidAmount ?? event.amount ?? 0);
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

export interface PaymentState {
  amountPaid: number;
  /** null when the bridge does not know the invoice total. */
  amountOpen: number | null;
  fullyPaid: boolean;
}

/**
 * Paid in full when the payments cover the total. Compared by absolute value: a credit invoice (negative total) is
 * settled by a negative payment. Half a cent of slack absorbs rounding of per-row VAT.
 */
export function paymentStateOf(total: number | null, amountPaid: number): PaymentState {
  const paid = round2(amountPaid);
  if (total === null) return { amountPaid: paid, amountOpen: null, fullyPaid: false };
  const fullyPaid = total !== 0 && Math.abs(paid) + 0.005 >= Math.abs(total);
  return { amountPaid: paid, amountOpen: round2(total - paid), fullyPaid };
}

/**
 * The source event's id for one Procountor payment: the same payment seen by webhook, duplicate delivery, poll or
 * mark-paid answer always yields the same id, so sources deduplicate it. Hashed so it tells nothing about volumes.
 */
export function paymentEventIdFor(
  connectionId: string,
  procountorPaymentEventId: number,
  what: 'payment' | 'payment-removed' = 'payment',
): string {
  const digest = createHash('sha256').update(`${what}:${connectionId}:${procountorPaymentEventId}`).digest('hex');
  return `evt_${digest.slice(0, 24)}`;
}
