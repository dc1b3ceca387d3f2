// Counts Procountor payment events on a transferred invoice, once each, and tells the source with invoice.paid or
// invoice.partially_paid (invoice.payment_removed when one disappears or is deleted): the one path webhooks, the
// reconciliation poll and the source's mark-paid all go through.
import type { ProcountorPaymentEvent } from '@procountor-bridge/client';
import { sql, type Transaction } from 'kysely';
import { EVENT_TYPES } from '../events/event-types';
import { recordEvent } from '../events/record-event';
import type { JobQueue } from '../jobs/create-job-queue';
import type { Database, DB } from '../storage/schema';
import type { PaymentOrigin } from '../storage/tables/payment-tables';
import {
  amountInInvoiceCurrency,
  isCountedPayment,
  type PaymentState,
  paymentEventIdFor,
  paymentStateOf,
} from './payment-amounts';

export interface ApplyPaymentDeps {
  db: Database;
  jobs: Pick<JobQueue, 'sendInTransaction'>;
}

/** The columns of a transfer a payment needs. */
export interface PayableTransfer {
  id: string;
  connection_id: string;
  kind: string;
  external_id: string;
  procountor_invoice_id: number | null;
  total_amount: string | null;
  currency: string | null;
}

/** Only invoices the bridge sent can be paid back to the source; purchase documents are another flow. */
export const PAYABLE_KINDS = ['sales_invoice', 'credit_invoice'] as const;

/** The bridge's transfer of a Procountor invoice, or undefined when the bridge did not send it. */
export async function findPayableTransfer(
  db: Database | Transaction<DB>,
  connectionId: string,
  procountorInvoiceId: number,
): Promise<PayableTransfer | undefined> {
  return db
    .selectFrom('transfers')
    .select(['id', 'connection_id', 'kind', 'external_id', 'procountor_invoice_id', 'total_amount', 'currency'])
    .where('connection_id', '=', connectionId)
    .where('procountor_invoice_id', '=', procountorInvoiceId)
    .where('kind', 'in', [...PAYABLE_KINDS])
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

/**
 * Each not-yet-counted payment event (lowest id first) in its own transaction: the payment row, the transfer's new
 * payment state and the source event commit together, so a crash between two payments loses and repeats nothing.
 * The transfer's payment row is locked first, so concurrent webhooks and polls of one invoice count in turn.
 * Returns the source event ids recorded (empty when every payment was known).
 */
export async function applyPaymentEvents(
  deps: ApplyPaymentDeps,
  transfer: PayableTransfer,
  events: readonly ProcountorPaymentEvent[],
  origin: PaymentOrigin,
): Promise<string[]> {
  const counted = events.filter(isCountedPayment).sort((a, b) => (a.id ?? 0) - (b.id ?? 0));
  const recorded: string[] = [];
  for (const event of counted) {
    const eventId = await deps.db.transaction().execute((trx) => applyOne(trx, deps.jobs, transfer, event, origin));
    if (eventId) recorded.push(eventId);
  }
  return recorded;
}

/**
 * Takes back payments counted before that Procountor no longer lists (a marked payment removed, a bank allocation
 * undone): each in its own transaction, with an invoice.payment_removed event. Returns the source event ids recorded.
 */
export async function removePaymentEvents(
  deps: ApplyPaymentDeps,
  transfer: PayableTransfer,
  procountorPaymentEventIds: readonly number[],
  origin: PaymentOrigin,
): Promise<string[]> {
  const recorded: string[] = [];
  for (const paymentEventId of [...procountorPaymentEventIds].sort((a, b) => a - b)) {
    const eventId = await deps.db
      .transaction()
      .execute((trx) => removeOne(trx, deps.jobs, transfer, paymentEventId, origin));
    if (eventId) recorded.push(eventId);
  }
  return recorded;
}

/**
 * Procountor reported the payment deleted (PAYMENT_DELETED): taken back if counted, and remembered as deleted in the
 * same transaction, so neither a poll that read Procountor before the deletion nor an INVOICE_PAYMENT_CREATED that
 * arrives after it counts the payment again. Whichever of webhook and poll comes first tells the source; the other
 * finds nothing left to take back. Returns the source event id recorded, if any.
 */
export async function applyPaymentDeleted(
  deps: ApplyPaymentDeps,
  transfer: PayableTransfer,
  paymentEventId: number,
): Promise<string | undefined> {
  return deps.db.transaction().execute(async (trx) => {
    await lockPaymentState(trx, transfer);
    await trx
      .insertInto('deleted_payment_events')
      .values({
        connection_id: transfer.connection_id,
        procountor_payment_event_id: paymentEventId,
        transfer_id: transfer.id,
      })
      .onConflict((conflict) => conflict.columns(['connection_id', 'procountor_payment_event_id']).doNothing())
      .execute();
    return removeOne(trx, deps.jobs, transfer, paymentEventId, 'webhook');
  });
}

async function applyOne(
  trx: Transaction<DB>,
  jobs: Pick<JobQueue, 'sendInTransaction'>,
  transfer: PayableTransfer,
  event: ProcountorPaymentEvent,
  origin: PaymentOrigin,
): Promise<string | undefined> {
  const connectionId = transfer.connection_id;
  const paymentEventId = event.id as number;
  await lockPaymentState(trx, transfer);
  if (await wasDeleted(trx, connectionId, paymentEventId)) return undefined;
  const eventId = await unusedEventId(trx, paymentEventIdFor(connectionId, paymentEventId));
  const amount = amountInInvoiceCurrency(event);
  const paymentDate = event.paymentDate ?? new Date().toISOString().slice(0, 10);
  const inserted = await trx
    .insertInto('invoice_payments')
    .values({
      connection_id: connectionId,
      procountor_payment_event_id: paymentEventId,
      transfer_id: transfer.id,
      procountor_invoice_id: transfer.procountor_invoice_id ?? event.invoiceId ?? 0,
      amount,
      payment_date: paymentDate,
      payment_type: event.type ?? null,
      procountor_status: event.status ?? 'PAID',
      origin,
      event_id: eventId,
    })
    .onConflict((conflict) => conflict.columns(['connection_id', 'procountor_payment_event_id']).doNothing())
    .returning('event_id')
    .executeTakeFirst();
  if (!inserted) return undefined;

  const after = await updatePaymentState(trx, transfer);
  await recordEvent(trx, jobs, {
    connectionId,
    eventId,
    type: after.fullyPaid ? EVENT_TYPES.invoicePaid : EVENT_TYPES.invoicePartiallyPaid,
    subjectId: transfer.id,
    payload: paymentPayload(transfer, after, {
      procountorPaymentEventId: paymentEventId,
      amount,
      paymentDate,
      paymentType: event.type ?? null,
      origin,
    }),
  });
  return eventId;
}

async function removeOne(
  trx: Transaction<DB>,
  jobs: Pick<JobQueue, 'sendInTransaction'>,
  transfer: PayableTransfer,
  paymentEventId: number,
  origin: PaymentOrigin,
): Promise<string | undefined> {
  await lockPaymentState(trx, transfer);
  // Of this transfer only: a webhook's payment id is checked against the invoice it names.
  const removed = await trx
    .deleteFrom('invoice_payments')
    .where('connection_id', '=', transfer.connection_id)
    .where('procountor_payment_event_id', '=', String(paymentEventId))
    .where('transfer_id', '=', transfer.id)
    .returning(['amount', 'payment_date', 'payment_type'])
    .executeTakeFirst();
  if (!removed) return undefined;
  const after = await updatePaymentState(trx, transfer);
  const eventId = await unusedEventId(
    trx,
    paymentEventIdFor(transfer.connection_id, paymentEventId, 'payment-removed'),
  );
  await recordEvent(trx, jobs, {
    connectionId: transfer.connection_id,
    eventId,
    type: EVENT_TYPES.invoicePaymentRemoved,
    subjectId: transfer.id,
    payload: paymentPayload(transfer, after, {
      procountorPaymentEventId: paymentEventId,
      amount: Number(removed.amount),
      paymentDate: removed.payment_date,
      paymentType: removed.payment_type,
      origin,
    }),
  });
  return eventId;
}

async function wasDeleted(trx: Transaction<DB>, connectionId: string, paymentEventId: number): Promise<boolean> {
  const row = await trx
    .selectFrom('deleted_payment_events')
    .select('procountor_payment_event_id')
    .where('connection_id', '=', connectionId)
    .where('procountor_payment_event_id', '=', String(paymentEventId))
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The stable id, or for a payment counted, removed and then listed again by Procountor the stable id with the round
 * (`_2`, `_3`…): each round is news to the source, and every round keeps the same id however often it is seen.
 */
async function unusedEventId(trx: Transaction<DB>, stableId: string): Promise<string> {
  const taken = await trx
    .selectFrom('events')
    .select('event_id')
    .where((eb) => eb.or([eb('event_id', '=', stableId), eb('event_id', 'like', `${stableId}\\_%`)]))
    .execute();
  return taken.length === 0 ? stableId : `${stableId}_${taken.length + 1}`;
}

/** Creates the transfer's payment-state row if missing and locks it: one invoice's payments are counted in turn. */
async function lockPaymentState(trx: Transaction<DB>, transfer: PayableTransfer): Promise<void> {
  await trx
    .insertInto('transfer_payments')
    .values({ transfer_id: transfer.id, connection_id: transfer.connection_id, amount_open: transfer.total_amount })
    .onConflict((conflict) => conflict.column('transfer_id').doNothing())
    .execute();
  await trx
    .selectFrom('transfer_payments')
    .select('transfer_id')
    .where('transfer_id', '=', transfer.id)
    .forUpdate()
    .execute();
}

type StateAfter = PaymentState & { lastPaymentDate: string | null };

/** Sums the counted payments into the transfer's payment state and returns it. */
async function updatePaymentState(trx: Transaction<DB>, transfer: PayableTransfer): Promise<StateAfter> {
  const totals = await trx
    .selectFrom('invoice_payments')
    .select([sql<string>`coalesce(sum(amount), 0)`.as('paid'), sql<string | null>`max(payment_date)`.as('last_date')])
    .where('transfer_id', '=', transfer.id)
    .executeTakeFirstOrThrow();
  const total = transfer.total_amount === null ? null : Number(transfer.total_amount);
  const state = paymentStateOf(total, Number(totals.paid));
  await trx
    .updateTable('transfer_payments')
    .set({
      amount_paid: state.amountPaid,
      amount_open: state.amountOpen,
      last_payment_date: totals.last_date,
      fully_paid: state.fullyPaid,
      updated_at: sql<Date>`now()`,
    })
    .where('transfer_id', '=', transfer.id)
    .execute();
  return { ...state, lastPaymentDate: totals.last_date };
}

function paymentPayload(
  transfer: PayableTransfer,
  after: StateAfter,
  payment: {
    procountorPaymentEventId: number;
    amount: number;
    paymentDate: string;
    paymentType: string | null;
    origin: PaymentOrigin;
  },
): Record<string, unknown> {
  return {
    transferId: transfer.id,
    kind: transfer.kind as (typeof PAYABLE_KINDS)[number],
    externalId: transfer.external_id,
    ...(transfer.procountor_invoice_id !== null ? { procountorInvoiceId: transfer.procountor_invoice_id } : {}),
    procountorPaymentEventId: payment.procountorPaymentEventId,
    amount: payment.amount,
    paymentDate: payment.paymentDate,
    ...(payment.paymentType ? { paymentType: payment.paymentType } : {}),
    origin: payment.origin,
    amountPaid: after.amountPaid,
    amountOpen: after.amountOpen,
    ...(transfer.currency ? { currency: transfer.currency } : {}),
    ...(after.lastPaymentDate ? { paidAt: after.lastPaymentDate } : {}),
  };
}
