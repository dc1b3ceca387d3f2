// Accepts a travel invoice, expense claim or purchase invoice: validate, then store the transfer and its job at once.
import { ValidationFailedError } from '../errors/bridge-error';
import type { StoredResponse } from '../transfers/idempotency-keys';
import { payloadHash } from '../transfers/payload-hash';
import { type SubmitOptions, submitTransferDocument } from '../transfers/submit-transfer-document';
import type { TransferDeps } from '../transfers/transfer-deps';
import { acceptExpenseDocument, replaceExpenseDocument } from './accept-expense-document';
import type { ExpenseDocumentInput, ExpenseDocumentKind } from './expense-document-schema';
import { TravelTransfersOffError } from './travel-transfers-off-error';
import { normalizedExpenseDocument, validateExpenseDocument } from './validate-expense-document';

export const SUBJECTS: Record<ExpenseDocumentKind, string> = {
  travel_invoice: 'The travel invoice',
  expense_claim: 'The expense claim',
  purchase_invoice: 'The purchase invoice',
};

/** The document to store (normalised), or ValidationFailedError with every problem by field path. */
export function requireValidExpenseDocument(kind: ExpenseDocumentKind, input: ExpenseDocumentInput) {
  const problems = validateExpenseDocument(kind, input);
  if (problems.length > 0) throw new ValidationFailedError(problems, SUBJECTS[kind]);
  return normalizedExpenseDocument(input);
}

/** Same guarantees as sales invoices (transfers/submit-transfer-document.ts, docs/transfers.md). */
export async function submitExpenseDocument(
  deps: TransferDeps,
  connectionId: string,
  kind: ExpenseDocumentKind,
  input: ExpenseDocumentInput,
  options: SubmitOptions,
): Promise<StoredResponse> {
  return submitTransferDocument(deps, connectionId, options, (connection) => {
    if (kind !== 'purchase_invoice' && !connection.settings.travelTransfersEnabled) {
      throw new TravelTransfersOffError(connection.id);
    }
    const document = requireValidExpenseDocument(kind, input);
    const accept = { connection, kind, document, payloadHash: payloadHash(document) };
    return {
      kind,
      externalId: document.externalId,
      payloadHash: accept.payloadHash,
      accept: (trx) => acceptExpenseDocument(trx, deps, accept),
      replace: (trx, existing) => replaceExpenseDocument(trx, deps, existing, accept),
    };
  });
}
