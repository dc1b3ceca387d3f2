// Builds the credit document from the credited invoice: negative rows and notes naming the original (Procountor has no
// credit-note type or link: its API documentation, FACTS.md).
import type { SalesInvoiceInput, SalesInvoiceRowInput } from '../sales-invoices/sales-invoice-schema';
import type { CreditInvoiceInput } from './credit-invoice-schema';

export interface CreditedInvoice {
  document: SalesInvoiceInput;
  procountorInvoiceNumber: number | null;
  transferId: string;
}

function negated(row: SalesInvoiceRowInput): SalesInvoiceRowInput {
  if (row.kind === 'header' || row.kind === 'text' || row.quantity === undefined) return row;
  return { ...row, quantity: -Math.abs(row.quantity) };
}

const VISIBLE_NOTE: Record<string, (number: string) => string> = {
  fi: (number) => `Hyvityslasku laskulle ${number}.`,
  sv: (number) => `Kreditfaktura för faktura ${number}.`,
};

/**
 * A credit invoice is a sales invoice with negative amounts; Procountor keeps no link to the original (FACTS.md),
 * so the link lives in our transfer (credits_transfer_id) and in the notes, both visible and internal.
 */
export function buildCreditInvoice(
  request: CreditInvoiceInput,
  credited: CreditedInvoice,
  today: string,
): SalesInvoiceInput {
  const original = credited.document;
  const number = String(credited.procountorInvoiceNumber ?? original.invoiceNumber ?? original.externalId);
  const {
    attachments: _attachments,
    referenceCode: _referenceCode,
    dueDate: _dueDate,
    paymentTermDays: _paymentTermDays,
    internalNotes: _internalNotes,
    notes: _notes,
    ...kept
  } = original;
  const visible = (VISIBLE_NOTE[original.language ?? 'fi'] ?? ((n: string) => `Credit note for invoice ${n}.`))(number);
  const internal = [
    `Credit invoice for Procountor invoice ${number} (original invoice number ${original.invoiceNumber ?? original.externalId}, bridge transfer ${credited.transferId}).`,
    request.reason ? `Reason: ${request.reason}` : undefined,
  ]
    .filter(Boolean)
    .join(' ');
  return {
    ...kept,
    externalId: request.externalId,
    invoiceNumber: request.invoiceNumber ?? request.externalId.slice(0, 40),
    invoiceDate: request.invoiceDate ?? today,
    paymentTermDays: 0,
    rows: (request.whole ? original.rows : (request.rows ?? [])).map(negated),
    notes: visible,
    internalNotes: internal,
  };
}
