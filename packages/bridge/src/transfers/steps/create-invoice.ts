// Step 4: creates the invoice in Procountor, never twice: after any unclear attempt it looks the invoice up first.
// An adopted invoice (found by search) leaves number, status and ledger receipt unknown: later steps read them.
import { OutcomeUnknownError } from '@procountor-bridge/client';
import type { ConnectionRecord } from '../../connections/connection-record';
import type { SalesInvoiceInput } from '../../sales-invoices/sales-invoice-schema';
import { type ProcountorInvoice, toProcountorInvoice } from '../../sales-invoices/to-procountor-invoice';
import { TransferRuleError } from '../transfer-errors';
import type { TransferProgress } from '../transfer-progress';
import { dimensionCodesOf } from './ensure-dimension-items';
import { rememberInvoice } from './record-result';
import type { StepContext } from './step-context';

/** The Procountor invoice for the document with what the earlier steps learnt (partner, products). */
export function procountorInvoiceFor(
  invoice: SalesInvoiceInput,
  connection: ConnectionRecord,
  progress: TransferProgress,
): ProcountorInvoice {
  const { settings } = connection;
  const products = progress.products ?? {};
  // FACTS.md: dimensions live on the ledger receipt, which needs accounting by row.
  const accountingByRow =
    dimensionCodesOf(invoice, settings).size > 0 || invoice.rows.some((row) => row.salesAccount !== undefined);
  const procountorInvoice = toProcountorInvoice(invoice, {
    ...(progress.partnerId !== undefined ? { partnerId: progress.partnerId } : {}),
    productIdsByCode: new Map(Object.entries(products).map(([code, product]) => [code, product.id])),
    defaultProductCode: settings.defaultProductCode,
    defaultWorkTypeCode: settings.defaultWorkTypeCode,
    ...(connection.companyIban ? { bankAccountIban: connection.companyIban } : {}),
    accountingByRow,
    sendingDisabled: settings.sendingDisabled,
    emailSendingEnabled: settings.emailSending,
  });
  // A code Procountor lacks was replaced by the default product (resolve-products): send the code actually used.
  procountorInvoice.invoiceRows = procountorInvoice.invoiceRows.map((row) => {
    const used = row.productCode ? products[row.productCode] : undefined;
    return used && used.code !== row.productCode ? { ...row, productCode: used.code } : row;
  });
  return procountorInvoice;
}

/**
 * The sales invoice with this originalInvoiceNumber that no other transfer of the connection owns (FACTS.md: the way
 * to find an invoice whose create outcome is unknown). The newest wins if there are several.
 */
export async function findCreatedInvoice(
  context: StepContext,
  originalInvoiceNumber: string,
): Promise<number | undefined> {
  const { results } = await context.client.invoices.search({ originalInvoiceNumber, size: 200 });
  const owned = await context.invoiceIdsOfOtherTransfers();
  const ids = (results ?? [])
    .filter((found) => found.originalInvoiceNumber === originalInvoiceNumber && found.type === 'SALES_INVOICE')
    .map((found) => found.id as number)
    .filter((id) => !owned.has(id));
  return ids.length > 0 ? Math.max(...ids) : undefined;
}

export async function createInvoice(context: StepContext): Promise<void> {
  const { progress, connection } = context;
  if (progress.invoiceId !== undefined) return;
  if (!connection.companyIban) {
    throw new TransferRuleError(
      'company_bank_account_missing',
      'The connection knows no bank account (IBAN) of the company; Procountor needs one on every bank-transfer invoice.',
      'Add a default bank account for invoices in Procountor, then check the connection again so the bridge reads it; then resend.',
    );
  }
  const body = procountorInvoiceFor(context.invoice, connection, progress);
  const originalInvoiceNumber = body.originalInvoiceNumber as string;
  const adopt = (invoiceId: number, how: string) => {
    progress.invoiceId = invoiceId;
    context.note(`${how} Procountor invoice ${invoiceId} (original invoice number ${originalInvoiceNumber}).`, {
      invoiceId,
    });
  };
  if (progress.invoiceCreateStarted) {
    const found = await findCreatedInvoice(context, originalInvoiceNumber);
    if (found !== undefined) return adopt(found, 'An earlier attempt had created the invoice: using');
  }
  // Committed before the POST: whatever happens next, every later attempt looks before it creates.
  progress.invoiceCreateStarted = true;
  await context.saveProgress();
  try {
    const created = await context.client.invoices.create(body);
    // The answer is the invoice (contract POST /invoices): number, reference, status and ledger receipt without a GET.
    rememberInvoice(progress, created);
    adopt(created.id as number, 'Invoice created in Procountor as');
  } catch (error) {
    if (!(error instanceof OutcomeUnknownError)) throw error;
    // Sent, no answer: Procountor may have stored it (the emulator's commit-then-drop). Look before anything else.
    const found = await findCreatedInvoice(context, originalInvoiceNumber);
    if (found === undefined) throw error;
    adopt(found, 'The answer was lost, but Procountor had created the invoice: using');
  }
}
