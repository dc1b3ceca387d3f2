// The scheduled pull also fetches travel reimbursements: a pulled document with a documentType of this
// domain is checked against its schema here (no HTTP layer validates it) and submitted like a POSTed one.
import { ValidationFailedError } from '../errors/bridge-error';
import type { StoredResponse } from '../transfers/idempotency-keys';
import type { TransferDeps } from '../transfers/transfer-deps';
import { compileDocumentCheck } from '../validation/check-document';
import {
  type ExpenseDocumentInput,
  type ExpenseDocumentKind,
  isExpenseDocumentKind,
  SCHEMA_OF,
} from './expense-document-schema';
import { SUBJECTS, submitExpenseDocument } from './submit-expense-document';

/** The kind a pulled document names in `documentType`, when it is one of this domain's. */
export function pulledExpenseKindOf(document: unknown): ExpenseDocumentKind | undefined {
  const type = (document as { documentType?: unknown } | null)?.documentType;
  return typeof type === 'string' && isExpenseDocumentKind(type) ? type : undefined;
}

export async function submitPulledExpenseDocument(
  deps: TransferDeps,
  connectionId: string,
  kind: ExpenseDocumentKind,
  pulled: Record<string, unknown>,
): Promise<StoredResponse> {
  const { documentType: _documentType, ...document } = pulled;
  // The check a POSTed body gets: no coercion, null of an optional field as absent, text rules.
  const details = compileDocumentCheck(SCHEMA_OF[kind])(document);
  if (details.length > 0) throw new ValidationFailedError(details, SUBJECTS[kind]);
  return submitExpenseDocument(deps, connectionId, kind, document as unknown as ExpenseDocumentInput, {
    mode: 'create',
  });
}
