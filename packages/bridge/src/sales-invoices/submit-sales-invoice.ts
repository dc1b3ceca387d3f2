// Accepts a sales invoice from a source: validate, then store the transfer, its timeline and its job in one transaction.
import type { ConnectionRecord } from '../connections/connection-record';
import type { ConnectionSettings } from '../connections/connection-settings';
import { ValidationFailedError } from '../errors/bridge-error';
import { requirePassingRegisterChecks } from '../registers/check-against-registers';
import { acceptTransfer, replaceTransferDocument } from '../transfers/accept-transfer';
import {
  type IdempotencyRequest,
  replayIdempotentResponse,
  type StoredResponse,
  storeIdempotentResponse,
} from '../transfers/idempotency-keys';
import { payloadHash } from '../transfers/payload-hash';
import type { TransferDeps } from '../transfers/transfer-deps';
import { ExternalIdConflictError } from '../transfers/transfer-errors';
import { hasReachedProcountor } from '../transfers/transfer-progress';
import { findTransferByExternalId, progressOf, type TransferRow } from '../transfers/transfer-repository';
import { toSubmissionResponse } from '../transfers/transfer-response';
import { withSalesInvoiceDefaults } from './sales-invoice-body-schema';
import type { SalesInvoiceInput } from './sales-invoice-schema';
import { truncateOptedFields } from './truncate-opted-fields';
import { type SalesInvoiceRuleSettings, validateSalesInvoice } from './validate-sales-invoice';

export function ruleSettingsOf(settings: ConnectionSettings): SalesInvoiceRuleSettings {
  return {
    truncateFields: settings.truncateFields,
    sendingDisabled: settings.sendingDisabled,
    emailSendingEnabled: settings.emailSending,
  };
}

/** The validated document, or ValidationFailedError with every problem by field path (DESIGN.md data flow 2). */
export function requireValidSalesInvoice(
  input: unknown,
  connection: ConnectionRecord,
  subject = 'The sales invoice',
): SalesInvoiceInput {
  // Opted-in fields are cut first, so the stored document is the one sent (seed 002's limits, issue #4).
  const document = truncateOptedFields(withSalesInvoiceDefaults(input), connection.settings.truncateFields);
  const problems = validateSalesInvoice(document, ruleSettingsOf(connection.settings));
  if (problems.length > 0) throw new ValidationFailedError(problems, subject);
  return document as SalesInvoiceInput;
}

/** States in which nothing went to Procountor yet and a corrected document may replace the old one (PUT). */
const REPLACEABLE_STATES = new Set(['waiting_for_send', 'queued', 'failed', 'cancelled']);

export function isReplaceable(row: TransferRow): boolean {
  return REPLACEABLE_STATES.has(row.state) && !hasReachedProcountor(progressOf(row));
}

export interface SubmitOptions {
  /** create (POST): another payload for a known externalId is a conflict; replace (PUT): it replaces a not-yet-sent one. */
  mode: 'create' | 'replace';
  idempotency?: IdempotencyRequest;
}

/** A unique violation: a concurrent request inserted the same externalId or idempotency key first. */
function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}

export async function submitSalesInvoice(
  deps: TransferDeps,
  connectionId: string,
  input: unknown,
  options: SubmitOptions,
): Promise<StoredResponse> {
  const connection = await deps.connections.requireActive(connectionId);
  if (options.idempotency) {
    const replay = await replayIdempotentResponse(deps.db, connectionId, options.idempotency);
    if (replay) return replay;
  }
  const invoice = requireValidSalesInvoice(input, connection);
  await requirePassingRegisterChecks(deps.db, connection, invoice);
  const hash = payloadHash(invoice);
  const attempt = () =>
    deps.db.transaction().execute(async (trx) => {
      const existing = await findTransferByExternalId(trx, connectionId, 'sales_invoice', invoice.externalId);
      let response: StoredResponse;
      const accept = {
        connection,
        kind: 'sales_invoice' as const,
        externalId: invoice.externalId,
        payload: invoice as unknown as Record<string, unknown>,
        payloadHash: hash,
        document: invoice,
      };
      if (!existing) {
        response = { statusCode: 202, body: toSubmissionResponse(await acceptTransfer(trx, deps, accept)) };
      } else if (existing.payload_hash === hash) {
        // The same document again (a source retrying): the existing transfer, nothing new.
        response = { statusCode: 200, body: toSubmissionResponse(existing) };
      } else if (options.mode === 'replace' && isReplaceable(existing)) {
        response = {
          statusCode: 202,
          body: toSubmissionResponse(await replaceTransferDocument(trx, deps, existing, accept)),
        };
      } else {
        throw new ExternalIdConflictError(invoice.externalId, existing.id, existing.state);
      }
      if (options.idempotency) await storeIdempotentResponse(trx, connectionId, options.idempotency, response);
      return response;
    });
  try {
    return await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Lost a race with a twin request: its row is committed now, so this attempt sees it and answers like a repeat.
    if (options.idempotency) {
      const replay = await replayIdempotentResponse(deps.db, connectionId, options.idempotency);
      if (replay) return replay;
    }
    return attempt();
  }
}
