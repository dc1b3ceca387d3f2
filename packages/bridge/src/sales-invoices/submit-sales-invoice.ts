// Accepts a sales invoice from a source: validate, then store the transfer, its timeline and its job in one transaction.
import { normalizedCustomer } from '../business-partners/customer-rules';
import type { ConnectionRecord } from '../connections/connection-record';
import type { ConnectionSettings } from '../connections/connection-settings';
import { BridgeError, ValidationFailedError } from '../errors/bridge-error';
import { requirePassingRegisterChecks } from '../registers/check-against-registers';
import { type RegisterReads, registerReadsOf } from '../registers/register-reads';
import {
  type AcceptInput,
  acceptTransfer,
  replaceTransferDocument,
  toDocumentToStore,
} from '../transfers/accept-transfer';
import { submitInGroup } from '../transfers/coalesce-submissions';
import type { StoredResponse } from '../transfers/idempotency-keys';
import { payloadHash } from '../transfers/payload-hash';
import { type SubmitOptions, submitTransferDocument } from '../transfers/submit-transfer-document';
import type { TransferDeps } from '../transfers/transfer-deps';
import { withInvoiceLevelAccounting } from './invoice-level-accounting';
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
  // Opted-in fields are cut first, so the stored document is the one sent (Procountor's field limits, issue #4).
  const document = truncateOptedFields(withSalesInvoiceDefaults(input), connection.settings.truncateFields);
  const problems = validateSalesInvoice(document, ruleSettingsOf(connection.settings));
  if (problems.length > 0) throw new ValidationFailedError(problems, subject);
  const invoice = document as SalesInvoiceInput;
  return withInvoiceLevelAccounting({ ...invoice, customer: normalizedCustomer(invoice.customer) });
}

/** A validated sales invoice as the transfer engine stores it. */
export function toAcceptInput(connection: ConnectionRecord, invoice: SalesInvoiceInput): AcceptInput {
  return {
    connection,
    kind: 'sales_invoice',
    externalId: invoice.externalId,
    payload: invoice as unknown as Record<string, unknown>,
    payloadHash: payloadHash(invoice),
    document: invoice,
  };
}

/** Validation, then the checks against the synced registers: the document as stored, or a 400 naming each field. */
export async function prepareSalesInvoice(
  reads: RegisterReads,
  connection: ConnectionRecord,
  input: unknown,
): Promise<AcceptInput> {
  const invoice = requireValidSalesInvoice(input, connection);
  await requirePassingRegisterChecks(reads, connection, invoice);
  return toAcceptInput(connection, invoice);
}

export async function submitSalesInvoice(
  deps: TransferDeps,
  connectionId: string,
  input: unknown,
  options: SubmitOptions,
): Promise<StoredResponse> {
  if (options.mode === 'create' && !options.idempotency) {
    // A plain POST: stored with the other POSTs of its connection waiting now (transfers/coalesce-submissions.ts).
    const connection = await deps.connections.requireActive(connectionId);
    const invoice = requireValidSalesInvoice(input, connection);
    const outcome = await submitInGroup(deps, connectionId, async (reads) => {
      await requirePassingRegisterChecks(reads, connection, invoice);
      return toDocumentToStore(toAcceptInput(connection, invoice));
    });
    if (outcome instanceof BridgeError) throw outcome;
    return outcome;
  }
  return submitTransferDocument(deps, connectionId, options, async (connection) => {
    const accept = await prepareSalesInvoice(registerReadsOf(deps.db, connection.id), connection, input);
    return {
      kind: accept.kind,
      externalId: accept.externalId,
      payloadHash: accept.payloadHash,
      accept: (trx) => acceptTransfer(trx, deps, accept),
      replace: (trx, existing) => replaceTransferDocument(trx, deps, existing, accept),
    };
  });
}
