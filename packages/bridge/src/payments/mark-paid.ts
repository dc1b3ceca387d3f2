// The source marks an invoice paid ("Mark as Paid", as in Linear): forwarded to Procountor's markpaid when the
// connection's markPaidInProcountor setting allows it, at most once per paymentId, and counted like any other payment.
import { createHash } from 'node:crypto';
import { OutcomeUnknownError, ProcountorError, type ProcountorPaymentEvent } from '@procountor-bridge/client';
import { sql } from 'kysely';
import type { ConnectionService } from '../connections/connection-record';
import { documentDateProblem, todayUtc } from '../document-rules/date-window';
import { MAX_AMOUNT, numberProblem } from '../document-rules/number-limits';
import { type ErrorDetail, NotFoundError, ValidationFailedError } from '../errors/bridge-error';
import type { JobQueue } from '../jobs/create-job-queue';
import type { Database } from '../storage/schema';
import { findTransferByExternalId, type TransferRow } from '../transfers/transfer-repository';
import { applyPaymentEvents, type PayableTransfer } from './apply-payment-events';
import { round2 } from './payment-amounts';
import {
  AlreadyPaidError,
  InvoiceNotInProcountorError,
  MarkPaidConflictError,
  MarkPaidForwardingOffError,
  ProcountorRefusedMarkPaidError,
} from './payment-errors';

export interface MarkPaidDeps {
  db: Database;
  jobs: Pick<JobQueue, 'sendInTransaction'>;
  connections: ConnectionService;
}

/** Contract MarkInvoiceAsPaid.paymentMethodType. */
export const PAYMENT_METHOD_TYPES = [
  'ADJUSTMENT',
  'BANK_STATEMENT',
  'CASH',
  'CHARGE_CARD',
  'CORRECTION',
  'CREDIT_LOSS',
  'CREDIT_NOTE',
  'EXTERNAL_BANK_TRANSFER',
  'SET_OFF',
] as const;

export interface MarkPaidInput {
  /** The source's id of this payment: repeating it answers the first result. Default: derived from the fields. */
  paymentId?: string;
  /** In the invoice currency; default the open amount. */
  amount?: number;
  /** YYYY-MM-DD; default today (UTC). */
  paymentDate?: string;
  paymentMethodType?: (typeof PAYMENT_METHOD_TYPES)[number];
  description?: string;
}

export interface MarkPaidResult {
  paymentId: string;
  transferId: string;
  procountorPaymentEventId: number;
  /** false when this paymentId was forwarded before: the answer of the first time. */
  forwarded: boolean;
}

/** A marked payment is money: Procountor's money amounts have 2 decimals and stay within ±999,999,999.99. */
const PAYMENT_AMOUNT_LIMIT = {
  rule: 'amount_limits',
  min: -MAX_AMOUNT,
  max: MAX_AMOUNT,
  scale: 2,
  source: "Procountor's money amounts: 2 decimals, at most ±999,999,999.99 (the contract's money fields)",
};

/**
 * What the mark-paid request itself gets wrong, before anything is looked up: an amount Procountor cannot hold (it
 * is not rounded for the source), a payment date that is no calendar day or far outside the document date window.
 */
export function markPaidInputProblems(input: MarkPaidInput, today = todayUtc()): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (input.amount !== undefined) {
    const problem = numberProblem('amount', input.amount, PAYMENT_AMOUNT_LIMIT);
    if (problem) problems.push(problem);
  }
  if (input.paymentDate !== undefined) {
    const parsed = new Date(`${input.paymentDate}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== input.paymentDate) {
      problems.push({ path: 'paymentDate', rule: 'date', message: `'${input.paymentDate}' is not a calendar date` });
    } else {
      const problem = documentDateProblem('paymentDate', input.paymentDate, today);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}

const hashOf = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

export async function markPaidFromSource(
  deps: MarkPaidDeps,
  connectionId: string,
  kind: 'sales_invoice' | 'credit_invoice',
  externalId: string,
  input: MarkPaidInput,
): Promise<MarkPaidResult & { transfer: TransferRow }> {
  const problems = markPaidInputProblems(input);
  if (problems.length > 0) throw new ValidationFailedError(problems, 'The mark-paid request');
  const connection = await deps.connections.requireActive(connectionId);
  if (!connection.settings.markPaidInProcountor) throw new MarkPaidForwardingOffError(connectionId);
  const transfer = await findTransferByExternalId(deps.db, connectionId, kind, externalId);
  if (!transfer) throw new NotFoundError(`Document ${externalId}`);
  if (transfer.state !== 'succeeded' || transfer.procountor_invoice_id === null) {
    throw new InvoiceNotInProcountorError(externalId, transfer.state);
  }

  const amount = input.amount ?? (await openAmountOf(deps.db, transfer));
  if (amount === undefined) {
    throw new ValidationFailedError([{ path: 'amount', rule: 'required', message: 'the invoice total is unknown' }]);
  }
  if (input.amount === undefined && amount === 0) throw new AlreadyPaidError(externalId);
  if (amount === 0) throw new ValidationFailedError([{ path: 'amount', rule: 'not_zero', message: 'must not be 0' }]);
  const request = {
    amount: round2(amount),
    paymentDate: input.paymentDate ?? new Date().toISOString().slice(0, 10),
    ...(input.paymentMethodType ? { paymentMethodType: input.paymentMethodType } : {}),
    ...(input.description !== undefined ? { description: input.description } : {}),
  };
  const requestHash = hashOf(request);
  const paymentId = input.paymentId ?? `auto_${requestHash.slice(0, 16)}`;

  const claimed = await claim(deps.db, transfer.id, paymentId, requestHash);
  if (claimed.done) return { ...claimed.done, forwarded: false, transfer };

  const client = await deps.connections.procountorClient(connection);
  let paymentEvent: ProcountorPaymentEvent;
  try {
    paymentEvent = await client.invoices.markPaid(transfer.procountor_invoice_id, {
      ...request,
      currency: (transfer.currency ?? 'EUR') as never,
    });
  } catch (error) {
    // An unclear outcome stays 'sending': sending again could record the payment twice in Procountor.
    if (error instanceof OutcomeUnknownError) throw new MarkPaidConflictError(paymentId, 'outcome_unknown');
    await finishRequest(deps.db, transfer.id, paymentId, 'failed', null, {
      message: error instanceof Error ? error.message : String(error),
    });
    if (error instanceof ProcountorError && error.status < 500) {
      throw new ProcountorRefusedMarkPaidError(
        error.entries.map((entry) => entry.message).join('; ') || error.message,
        error.entries.map((entry) => ({
          path: entry.field ?? 'amount',
          rule: 'procountor',
          message: entry.message ?? 'refused by Procountor',
        })),
      );
    }
    throw error;
  }
  const payable: PayableTransfer = transfer;
  await applyPaymentEvents(deps, payable, [paymentEvent], 'source_mark_paid');
  await finishRequest(deps.db, transfer.id, paymentId, 'done', paymentEvent.id ?? null, null);
  return {
    paymentId,
    transferId: transfer.id,
    procountorPaymentEventId: paymentEvent.id ?? 0,
    forwarded: true,
    transfer,
  };
}

async function openAmountOf(
  db: Database,
  transfer: { id: string; total_amount: string | null },
): Promise<number | undefined> {
  const state = await db
    .selectFrom('transfer_payments')
    .select(['amount_open', 'amount_paid'])
    .where('transfer_id', '=', transfer.id)
    .executeTakeFirst();
  if (state?.amount_open !== null && state?.amount_open !== undefined) return Number(state.amount_open);
  return transfer.total_amount === null ? undefined : Number(transfer.total_amount);
}

/**
 * Takes the (transfer, paymentId) key for this request. A finished one answers its result; another body under the
 * same key, or one still sending (its outcome unknown), is a conflict; a failed one may be tried again.
 */
async function claim(
  db: Database,
  transferId: string,
  paymentId: string,
  requestHash: string,
): Promise<{ done?: Omit<MarkPaidResult, 'forwarded'> }> {
  return db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto('source_mark_paid_requests')
      .values({ transfer_id: transferId, source_payment_id: paymentId, request_hash: requestHash, state: 'sending' })
      .onConflict((conflict) => conflict.columns(['transfer_id', 'source_payment_id']).doNothing())
      .returning('state')
      .executeTakeFirst();
    if (inserted) return {};
    const existing = await trx
      .selectFrom('source_mark_paid_requests')
      .selectAll()
      .where('transfer_id', '=', transferId)
      .where('source_payment_id', '=', paymentId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    if (existing.request_hash !== requestHash) throw new MarkPaidConflictError(paymentId, 'different_request');
    if (existing.state === 'done') {
      return {
        done: { paymentId, transferId, procountorPaymentEventId: Number(existing.procountor_payment_event_id) },
      };
    }
    if (existing.state === 'sending') throw new MarkPaidConflictError(paymentId, 'outcome_unknown');
    await trx
      .updateTable('source_mark_paid_requests')
      .set({ state: 'sending', error: null, updated_at: sql<Date>`now()` })
      .where('transfer_id', '=', transferId)
      .where('source_payment_id', '=', paymentId)
      .execute();
    return {};
  });
}

async function finishRequest(
  db: Database,
  transferId: string,
  paymentId: string,
  state: 'done' | 'failed',
  paymentEventId: number | null,
  error: Record<string, unknown> | null,
): Promise<void> {
  await db
    .updateTable('source_mark_paid_requests')
    .set({
      state,
      procountor_payment_event_id: paymentEventId,
      error: error === null ? null : JSON.stringify(error),
      updated_at: sql<Date>`now()`,
    })
    .where('transfer_id', '=', transferId)
    .where('source_payment_id', '=', paymentId)
    .execute();
}
