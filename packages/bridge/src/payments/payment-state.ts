// A transfer's payment state as the API shows it: totals from transfer_payments, each counted payment listed.
import type { Database } from '../storage/schema';

export async function paymentStateOfTransfer(
  db: Database,
  transfer: {
    id: string;
    kind: string;
    external_id: string;
    procountor_invoice_id: number | null;
    total_amount: string | null;
    currency: string | null;
  },
) {
  const state = await db
    .selectFrom('transfer_payments')
    .selectAll()
    .where('transfer_id', '=', transfer.id)
    .executeTakeFirst();
  const payments = await db
    .selectFrom('invoice_payments')
    .selectAll()
    .where('transfer_id', '=', transfer.id)
    .orderBy('procountor_payment_event_id')
    .execute();
  const total = transfer.total_amount === null ? null : Number(transfer.total_amount);
  return {
    transferId: transfer.id,
    kind: transfer.kind,
    externalId: transfer.external_id,
    procountorInvoiceId: transfer.procountor_invoice_id,
    currency: transfer.currency,
    totalAmount: total,
    amountPaid: state ? Number(state.amount_paid) : 0,
    amountOpen: state?.amount_open != null ? Number(state.amount_open) : total,
    fullyPaid: state?.fully_paid ?? false,
    lastPaymentDate: state?.last_payment_date ?? null,
    lastReconciledAt: state?.last_reconciled_at ? new Date(state.last_reconciled_at).toISOString() : null,
    payments: payments.map((payment) => ({
      procountorPaymentEventId: Number(payment.procountor_payment_event_id),
      amount: Number(payment.amount),
      paymentDate: payment.payment_date,
      paymentType: payment.payment_type,
      procountorStatus: payment.procountor_status,
      origin: payment.origin,
      eventId: payment.event_id,
      recordedAt: new Date(payment.created_at).toISOString(),
    })),
  };
}
