// Stores an accepted travel invoice, expense claim or purchase invoice as a transfer with its timeline and job.
import type { Transaction } from 'kysely';
import type { ConnectionRecord } from '../connections/connection-record';
import type { DB } from '../storage/schema';
import { enqueueTransferRun } from '../transfers/accept-transfer';
import type { TransferDeps } from '../transfers/transfer-deps';
import {
  appendTimeline,
  findTransfer,
  insertTransfer,
  newTransferId,
  type TransferRow,
  updateTransfer,
} from '../transfers/transfer-repository';
import { type ExpenseDocumentInput, type ExpenseDocumentKind, personOf, supplierOf } from './expense-document-schema';

/** The total with VAT, for the transfer list's amount filters. */
export function expenseTotalOf(document: ExpenseDocumentInput): number {
  const total = document.rows.reduce((sum, row) => sum + row.quantity * row.unitPrice * (1 + row.vatPercent / 100), 0);
  return Math.round(total * 100) / 100;
}

/** Columns copied out of the document for the transfer list's filters (the person or supplier as "customer"). */
function documentColumns(document: ExpenseDocumentInput) {
  return {
    source_invoice_number: document.invoiceNumber ?? null,
    customer_name: personOf(document)?.name ?? supplierOf(document)?.name ?? null,
    total_amount: expenseTotalOf(document),
    currency: document.currency ?? 'EUR',
    invoice_date: document.invoiceDate,
  };
}

/** Seed 001's manual "Send to Procountor" holds for these kinds too. */
function firstState(connection: ConnectionRecord) {
  return connection.settings.transferMode === 'manual' ? ('waiting_for_send' as const) : ('queued' as const);
}

const LABELS: Record<ExpenseDocumentKind, string> = {
  travel_invoice: 'Travel invoice',
  expense_claim: 'Expense claim',
  purchase_invoice: 'Purchase invoice',
};

function acceptedMessage(kind: ExpenseDocumentKind, state: 'waiting_for_send' | 'queued', replaced: boolean) {
  const what = `${LABELS[kind]} received from the source${replaced ? ' (a corrected document replaced the old one)' : ''}`;
  return state === 'waiting_for_send'
    ? `${what}; waiting for "Send to Procountor".`
    : `${what} and queued for transfer.`;
}

export interface AcceptExpenseInput {
  connection: ConnectionRecord;
  kind: ExpenseDocumentKind;
  document: ExpenseDocumentInput;
  payloadHash: string;
}

export async function acceptExpenseDocument(trx: Transaction<DB>, deps: TransferDeps, input: AcceptExpenseInput) {
  const state = firstState(input.connection);
  const id = newTransferId();
  await insertTransfer(trx, {
    id,
    connection_id: input.connection.id,
    kind: input.kind,
    external_id: input.document.externalId,
    payload: JSON.stringify(input.document),
    payload_hash: input.payloadHash,
    state,
    credits_transfer_id: null,
    ...documentColumns(input.document),
  });
  await appendTimeline(trx, id, [
    { kind: 'state', message: acceptedMessage(input.kind, state, false), data: { state } },
  ]);
  if (state === 'queued') await enqueueTransferRun(trx, deps.jobs, id);
  return (await findTransfer(trx, id)) as TransferRow;
}

/** "Fix and resend": the corrected document replaces the old one and the transfer starts again from its first step. */
export async function replaceExpenseDocument(
  trx: Transaction<DB>,
  deps: TransferDeps,
  existing: TransferRow,
  input: AcceptExpenseInput,
) {
  const state = firstState(input.connection);
  await updateTransfer(trx, existing.id, {
    payload: JSON.stringify(input.document),
    payload_hash: input.payloadHash,
    state,
    current_step: null,
    completed_steps: JSON.stringify([]),
    progress: JSON.stringify({}),
    attempts: 0,
    last_error: null,
    next_attempt_at: null,
    ...documentColumns(input.document),
  });
  await appendTimeline(trx, existing.id, [
    { kind: 'state', message: acceptedMessage(input.kind, state, true), data: { state } },
  ]);
  if (state === 'queued') await enqueueTransferRun(trx, deps.jobs, existing.id);
  return (await findTransfer(trx, existing.id)) as TransferRow;
}
