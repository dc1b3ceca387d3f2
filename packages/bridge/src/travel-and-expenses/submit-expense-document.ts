// Accepts a travel invoice, expense claim or purchase invoice: validate, then store the transfer and its job at once.
import { ValidationFailedError } from '../errors/bridge-error';
import { isReplaceable } from '../sales-invoices/submit-sales-invoice';
import {
  type IdempotencyRequest,
  replayIdempotentResponse,
  type StoredResponse,
  storeIdempotentResponse,
} from '../transfers/idempotency-keys';
import { payloadHash } from '../transfers/payload-hash';
import type { TransferDeps } from '../transfers/transfer-deps';
import { ExternalIdConflictError } from '../transfers/transfer-errors';
import { findTransferByExternalId } from '../transfers/transfer-repository';
import { toSubmissionResponse } from '../transfers/transfer-response';
import { acceptExpenseDocument, replaceExpenseDocument } from './accept-expense-document';
import type { ExpenseDocumentInput, ExpenseDocumentKind } from './expense-document-schema';
import { validateExpenseDocument } from './validate-expense-document';

export const SUBJECTS: Record<ExpenseDocumentKind, string> = {
  travel_invoice: 'The travel invoice',
  expense_claim: 'The expense claim',
  purchase_invoice: 'The purchase invoice',
};

export function requireValidExpenseDocument(kind: ExpenseDocumentKind, document: ExpenseDocumentInput) {
  const problems = validateExpenseDocument(kind, document);
  if (problems.length > 0) throw new ValidationFailedError(problems, SUBJECTS[kind]);
}

/** A unique violation: a concurrent request inserted the same externalId or idempotency key first. */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}

/**
 * Same guarantees as sales invoices (docs/transfers.md): the same document again answers its transfer (200), another
 * document under a known externalId is 409 unless `replace` finds it not yet in Procountor, and an Idempotency-Key
 * replays the first answer.
 */
export async function submitExpenseDocument(
  deps: TransferDeps,
  connectionId: string,
  kind: ExpenseDocumentKind,
  document: ExpenseDocumentInput,
  options: { mode: 'create' | 'replace'; idempotency?: IdempotencyRequest },
): Promise<StoredResponse> {
  const connection = await deps.connections.requireActive(connectionId);
  if (options.idempotency) {
    const replay = await replayIdempotentResponse(deps.db, connectionId, options.idempotency);
    if (replay) return replay;
  }
  requireValidExpenseDocument(kind, document);
  const hash = payloadHash(document);
  const accept = { connection, kind, document, payloadHash: hash };
  const attempt = () =>
    deps.db.transaction().execute(async (trx) => {
      const existing = await findTransferByExternalId(trx, connectionId, kind, document.externalId);
      let response: StoredResponse;
      if (!existing) {
        response = { statusCode: 202, body: toSubmissionResponse(await acceptExpenseDocument(trx, deps, accept)) };
      } else if (existing.payload_hash === hash) {
        response = { statusCode: 200, body: toSubmissionResponse(existing) };
      } else if (options.mode === 'replace' && isReplaceable(existing)) {
        response = {
          statusCode: 202,
          body: toSubmissionResponse(await replaceExpenseDocument(trx, deps, existing, accept)),
        };
      } else {
        throw new ExternalIdConflictError(document.externalId, existing.id, existing.state);
      }
      if (options.idempotency) await storeIdempotentResponse(trx, connectionId, options.idempotency, response);
      return response;
    });
  try {
    return await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    if (options.idempotency) {
      const replay = await replayIdempotentResponse(deps.db, connectionId, options.idempotency);
      if (replay) return replay;
    }
    return attempt();
  }
}
