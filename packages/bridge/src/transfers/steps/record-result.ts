// Step 8: what Procountor assigned (invoice number, reference code, status) for the source. The create
// answer already carried them (the contract's POST /invoices answers the invoice), so a GET is made only when an
// earlier step left them unknown (an adopted invoice, or a send that changed the status).
import type { ProcountorInvoice } from '../../sales-invoices/to-procountor-invoice';
import type { TransferProgress } from '../transfer-progress';
import type { StepContext } from './step-context';

/** Keeps what the engine needs from an answer that carried the whole invoice (create, GET). */
export function rememberInvoice(progress: TransferProgress, invoice: ProcountorInvoice): void {
  if (invoice.invoiceNumber !== undefined) progress.invoiceNumber = invoice.invoiceNumber;
  if (invoice.paymentInfo?.bankReferenceCode) progress.referenceCode = invoice.paymentInfo.bankReferenceCode;
  if (invoice.status) progress.status = invoice.status;
  if (invoice.ledgerReceiptId !== undefined) progress.ledgerReceiptId = invoice.ledgerReceiptId;
  if (invoice.version !== undefined) progress.invoiceVersion = invoice.version;
}

export async function recordResult(context: StepContext): Promise<void> {
  const { progress } = context;
  if (progress.invoiceId === undefined) return;
  if (progress.invoiceNumber === undefined || progress.status === undefined) {
    rememberInvoice(progress, await context.client.invoices.get(progress.invoiceId));
  }
  context.note(
    `Procountor numbered the invoice ${progress.invoiceNumber ?? '(none)'} with reference ${progress.referenceCode ?? '(none)'}; status ${progress.status ?? '(unknown)'}.`,
  );
}
