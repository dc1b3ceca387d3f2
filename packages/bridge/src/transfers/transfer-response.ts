// Converts transfer rows to the API's shapes: the short submission answer and the full transfer with its timeline.

import { EXPENSE_DOCUMENT_PATHS, isExpenseDocumentKind } from '../travel-and-expenses/expense-document-schema';
import { expenseStepNames } from '../travel-and-expenses/expense-step-plan';
import type { TransferFailureCode } from './transfer-failure-codes';
import { progressOf, type TransferEventRow, type TransferRow } from './transfer-repository';
import { SALES_INVOICE_STEPS } from './transfer-states';

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** A SQL date: node-postgres gives a Date at local midnight, PGlite may give a string; either way YYYY-MM-DD. */
function dateOnly(value: Date | string | null): string | null {
  if (value === null) return null;
  if (typeof value === 'string') return value.slice(0, 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
}

export function transferLinks(row: Pick<TransferRow, 'id' | 'connection_id' | 'kind' | 'external_id'>) {
  const base = `/v1/connections/${row.connection_id}`;
  const documentPath = isExpenseDocumentKind(row.kind)
    ? EXPENSE_DOCUMENT_PATHS[row.kind]
    : row.kind === 'credit_invoice'
      ? 'credit-invoices'
      : 'sales-invoices';
  return {
    self: `${base}/transfers/${row.id}`,
    document: `${base}/${documentPath}/${encodeURIComponent(row.external_id)}`,
  };
}

/** The answer to a submit: 202 for a new transfer, 200 (the same shape) when the document was already there. */
export function toSubmissionResponse(
  row: Pick<TransferRow, 'id' | 'connection_id' | 'kind' | 'external_id' | 'state'>,
) {
  return { transferId: row.id, externalId: row.external_id, state: row.state, links: transferLinks(row) };
}

export type TransferErrorInfo = {
  code: TransferFailureCode;
  message: string;
  explanation?: string;
  explanationFi?: string;
  fix: string;
  procountorStatus?: number;
  procountorCodes?: string[];
  step?: string;
  at?: string;
};

export function toTransferResponse(row: TransferRow, timeline?: readonly TransferEventRow[]) {
  const progress = progressOf(row);
  const completed = (row.completed_steps ?? []) as string[];
  return {
    transferId: row.id,
    kind: row.kind,
    externalId: row.external_id,
    sourceInvoiceNumber: row.source_invoice_number,
    state: row.state,
    currentStep: row.current_step,
    completedSteps: completed,
    totalSteps: isExpenseDocumentKind(row.kind) ? expenseStepNames(row.kind).length : SALES_INVOICE_STEPS.length,
    attempts: row.attempts,
    nextAttemptAt: iso(row.next_attempt_at),
    procountor: {
      invoiceId: row.procountor_invoice_id ?? progress.invoiceId ?? null,
      invoiceNumber: row.procountor_invoice_number,
      referenceCode: row.procountor_reference_code,
      status: row.procountor_status,
      partnerId: progress.partnerId ?? null,
    },
    lastError: (row.last_error as TransferErrorInfo | null) ?? null,
    customerName: row.customer_name,
    totalAmount: row.total_amount === null ? null : Number(row.total_amount),
    currency: row.currency,
    invoiceDate: dateOnly(row.invoice_date),
    creditsTransferId: row.credits_transfer_id,
    correctedTransferId: progress.correctedTransferId ?? null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    succeededAt: iso(row.succeeded_at),
    links: transferLinks(row),
    ...(timeline
      ? {
          timeline: timeline.map((event) => ({
            at: iso(event.at),
            kind: event.kind,
            step: event.step,
            message: event.message,
          })),
        }
      : {}),
  };
}

export type TransferResponse = ReturnType<typeof toTransferResponse>;
