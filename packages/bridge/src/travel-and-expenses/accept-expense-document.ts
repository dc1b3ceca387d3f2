// Stores an accepted travel invoice, expense claim or purchase invoice as a transfer with its timeline and job.
import type { Transaction } from 'kysely';
import type { ConnectionRecord } from '../connections/connection-record';
import type { DB } from '../storage/schema';
import {
  type FirstTransferState,
  restartTransferWithDocument,
  storeNewTransfer,
  type TransferDocumentToStore,
  type TransferListColumns,
} from '../transfers/accept-transfer';
import type { TransferDeps } from '../transfers/transfer-deps';
import type { TransferRow } from '../transfers/transfer-repository';
import { type ExpenseDocumentInput, type ExpenseDocumentKind, personOf, supplierOf } from './expense-document-schema';

/** The total with VAT, for the transfer list's amount filters. */
export function expenseTotalOf(document: ExpenseDocumentInput): number {
  const total = document.rows.reduce((sum, row) => sum + row.quantity * row.unitPrice * (1 + row.vatPercent / 100), 0);
  return Math.round(total * 100) / 100;
}

/** Columns copied out of the document for the transfer list's filters (the person or supplier as "customer"). */
function documentColumns(document: ExpenseDocumentInput): TransferListColumns {
  return {
    source_invoice_number: document.invoiceNumber ?? null,
    customer_name: personOf(document)?.name ?? supplierOf(document)?.name ?? null,
    total_amount: expenseTotalOf(document),
    currency: document.currency ?? 'EUR',
    invoice_date: document.invoiceDate,
  };
}

const LABELS: Record<ExpenseDocumentKind, string> = {
  travel_invoice: 'Travel invoice',
  expense_claim: 'Expense claim',
  purchase_invoice: 'Purchase invoice',
};

function acceptedMessage(kind: ExpenseDocumentKind, state: FirstTransferState, replaced: boolean) {
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

function toStore(input: AcceptExpenseInput, replaced: boolean): TransferDocumentToStore {
  return {
    connection: input.connection,
    kind: input.kind,
    externalId: input.document.externalId,
    payload: input.document,
    payloadHash: input.payloadHash,
    columns: documentColumns(input.document),
    acceptedMessage: (state) => acceptedMessage(input.kind, state, replaced),
  };
}

/** The manual "Send to Procountor" holds for these kinds too (the transfer engine decides the first state). */
export async function acceptExpenseDocument(trx: Transaction<DB>, deps: TransferDeps, input: AcceptExpenseInput) {
  return storeNewTransfer(trx, deps, toStore(input, false));
}

/** "Fix and resend": the corrected document replaces the old one and the transfer starts again from its first step. */
export async function replaceExpenseDocument(
  trx: Transaction<DB>,
  deps: TransferDeps,
  existing: TransferRow,
  input: AcceptExpenseInput,
) {
  return restartTransferWithDocument(trx, deps, existing, toStore(input, true));
}
