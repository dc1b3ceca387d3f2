// Hands a document fetched by the scheduled pull to the sales invoice submission, as the pull's SubmitDocument.
import { BridgeError } from '../errors/bridge-error';
import type { SalesInvoiceInput } from '../sales-invoices/sales-invoice-schema';
import { submitSalesInvoice } from '../sales-invoices/submit-sales-invoice';
import type { TransferDeps } from '../transfers/transfer-deps';
import {
  pulledExpenseKindOf,
  submitPulledExpenseDocument,
} from '../travel-and-expenses/submit-pulled-expense-document';
import type { SubmitDocumentResult } from './run-scheduled-pull';

/**
 * Submission is idempotent per externalId, so a document fetched again is harmless. A refusal (bad document,
 * another payload for a transferred externalId) becomes problems the pull reports back to the source.
 */
export async function submitPulledDocument(
  deps: TransferDeps,
  connectionId: string,
  document: SalesInvoiceInput,
): Promise<SubmitDocumentResult> {
  try {
    // Issue #6: travel invoices, expense claims and purchase invoices name their documentType (docs/travel-and-expenses.md).
    const expenseKind = pulledExpenseKindOf(document);
    const response = expenseKind
      ? await submitPulledExpenseDocument(
          deps,
          connectionId,
          expenseKind,
          document as unknown as Record<string, unknown>,
        )
      : await submitSalesInvoice(deps, connectionId, document, { mode: 'create' });
    const body = response.body as { transferId: string; state: string };
    return { transferId: body.transferId, state: body.state };
  } catch (error) {
    if (!(error instanceof BridgeError)) throw error;
    return {
      problems:
        error.details.length > 0 ? error.details : [{ path: '(document)', rule: error.code, message: error.message }],
    };
  }
}
