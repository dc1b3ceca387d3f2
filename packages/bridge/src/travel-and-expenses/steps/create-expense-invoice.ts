// Step: creates the travel invoice, expense claim or purchase invoice in Procountor, never twice.
import { OutcomeUnknownError } from '@procountor-bridge/client';
import type { ConnectionRecord } from '../../connections/connection-record';
import type { StepContext } from '../../transfers/steps/step-context';
import { TransferRuleError } from '../../transfers/transfer-errors';
import {
  EXPENSE_DOCUMENT_KINDS,
  type ExpenseDocumentInput,
  type ExpenseDocumentKind,
  personOf,
} from '../expense-document-schema';
import {
  type ExpenseMappingContext,
  originalNumberOf,
  toProcountorExpenseInvoice,
} from '../to-procountor-expense-invoice';
import { type ExpenseProgress, expenseDocumentOf, expenseKindOf, expenseProgressOf } from './expense-step-context';

/** What the earlier steps (or the dry run's reads) learnt, for toProcountorExpenseInvoice: person, supplier, codes. */
export function expenseMappingOf(
  kind: ExpenseDocumentKind,
  document: ExpenseDocumentInput,
  progress: ExpenseProgress,
  connection: ConnectionRecord,
): ExpenseMappingContext {
  const payeeIban = personOf(document)?.iban ?? progress.personIban;
  return {
    ...(progress.personId !== undefined ? { personId: progress.personId } : {}),
    ...(kind === 'purchase_invoice' && progress.partnerId !== undefined
      ? { supplierPartnerId: progress.partnerId }
      : {}),
    ...(payeeIban ? { payeeIban } : {}),
    products: progress.expenseProducts ?? {},
    ...(connection.settings.defaultTravelExpenseCode
      ? { defaultExpenseCode: connection.settings.defaultTravelExpenseCode }
      : {}),
  };
}

/** This type's invoice with the originalInvoiceNumber that no other transfer owns (the never-a-duplicate look-up). */
async function findCreated(context: StepContext, originalInvoiceNumber: string): Promise<number | undefined> {
  const type = EXPENSE_DOCUMENT_KINDS[expenseKindOf(context)];
  const { results } = await context.client.invoices.search({ originalInvoiceNumber, types: [type], size: 200 });
  const owned = await context.invoiceIdsOfOtherTransfers();
  const ids = (results ?? [])
    .filter((found) => found.originalInvoiceNumber === originalInvoiceNumber && found.type === type)
    .map((found) => found.id as number)
    .filter((id) => !owned.has(id));
  return ids.length > 0 ? Math.max(...ids) : undefined;
}

export async function createExpenseInvoice(context: StepContext): Promise<void> {
  const progress = expenseProgressOf(context);
  if (progress.invoiceId !== undefined) return;
  const kind = expenseKindOf(context);
  const document = expenseDocumentOf(context);
  const person = personOf(document);
  const payeeIban = person?.iban ?? progress.personIban;
  if (person && !payeeIban) {
    throw new TransferRuleError(
      'person_bank_account_missing',
      `${person.name} has no bank account: neither the document nor Procountor's person register has one.`,
      "Add the person's bank account (IBAN) in the source or in Procountor's person register, then resend.",
    );
  }
  const body = toProcountorExpenseInvoice(
    kind,
    document,
    expenseMappingOf(kind, document, progress, context.connection),
  );
  const originalInvoiceNumber = originalNumberOf(document);
  const adopt = (
    invoice: { id?: number; invoiceNumber?: number; status?: string; ledgerReceiptId?: number },
    how: string,
  ) => {
    progress.invoiceId = invoice.id as number;
    if (invoice.invoiceNumber !== undefined) progress.invoiceNumber = invoice.invoiceNumber;
    if (invoice.status !== undefined) progress.status = invoice.status;
    if (invoice.ledgerReceiptId !== undefined) progress.ledgerReceiptId = invoice.ledgerReceiptId;
    context.note(`${how} Procountor ${body.type} ${invoice.id} (original invoice number ${originalInvoiceNumber}).`, {
      invoiceId: invoice.id,
    });
  };
  if (progress.invoiceCreateStarted) {
    const found = await findCreated(context, originalInvoiceNumber);
    if (found !== undefined) return adopt(await context.client.invoices.get(found), 'An earlier attempt had created');
  }
  // Committed before the POST: whatever happens next, every later attempt looks before it creates.
  progress.invoiceCreateStarted = true;
  await context.saveProgress();
  try {
    adopt(await context.client.invoices.create(body), 'Created');
  } catch (error) {
    if (!(error instanceof OutcomeUnknownError)) throw error;
    const found = await findCreated(context, originalInvoiceNumber);
    if (found === undefined) throw error;
    adopt(await context.client.invoices.get(found), 'The answer was lost, but Procountor had created');
  }
}
