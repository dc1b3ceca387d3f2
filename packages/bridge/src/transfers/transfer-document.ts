// The canonical document a transfer sends: the payload itself, or for a credit invoice its built credit document.
import type { SalesInvoiceInput } from '../sales-invoices/sales-invoice-schema';
import type { TransferRow } from './transfer-repository';

/** What credit-invoices/ stores as a credit transfer's payload: the credit document and the request that made it. */
export interface CreditTransferPayload {
  document: SalesInvoiceInput;
  request: Record<string, unknown>;
}

export function documentOf(row: Pick<TransferRow, 'kind' | 'payload'>): SalesInvoiceInput {
  const payload = row.payload as unknown;
  return row.kind === 'credit_invoice' ? (payload as CreditTransferPayload).document : (payload as SalesInvoiceInput);
}
