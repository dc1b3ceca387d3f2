// Accepts a credit invoice for a transferred sales invoice, linked to it, with an optional corrected invoice to follow.
import type { ConnectionRecord } from '../connections/connection-record';
import { todayUtc } from '../document-rules/date-window';
import { type ErrorDetail, ValidationFailedError } from '../errors/bridge-error';
import { requireValidSalesInvoice } from '../sales-invoices/submit-sales-invoice';
import { acceptTransfer } from '../transfers/accept-transfer';
import type { IdempotencyRequest, StoredResponse } from '../transfers/idempotency-keys';
import { payloadHash } from '../transfers/payload-hash';
import { type DocumentToSubmit, submitTransferDocument } from '../transfers/submit-transfer-document';
import type { TransferDeps } from '../transfers/transfer-deps';
import { documentOf } from '../transfers/transfer-document';
import { TransferNotFoundError, TransferStateConflictError } from '../transfers/transfer-errors';
import { findTransferByExternalId } from '../transfers/transfer-repository';
import { buildCreditInvoice } from './build-credit-invoice';
import type { CreditInvoiceInput } from './credit-invoice-schema';

const SUBJECT = 'The credit invoice';

/** What the request itself gets wrong, before anything is looked up. */
function requestProblems(request: CreditInvoiceInput): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!request.whole === !request.rows) {
    problems.push({
      path: 'whole',
      rule: 'whole_or_rows',
      message: request.rows
        ? 'give either "whole": true or the "rows" to credit, not both'
        : 'give "whole": true to credit the whole invoice, or the "rows" to credit',
    });
  }
  if (request.creditsExternalId === request.externalId) {
    problems.push({
      path: 'creditsExternalId',
      rule: 'cannot_credit_itself',
      message: `'${request.creditsExternalId}' is this credit invoice's own externalId; name the sales invoice being credited`,
    });
  }
  return problems;
}

/** Validates the request against the credited invoice and builds the credit document (and its corrected invoice). */
async function prepareCredit(
  deps: TransferDeps,
  connection: ConnectionRecord,
  request: CreditInvoiceInput,
  today: string,
): Promise<DocumentToSubmit> {
  const problems = requestProblems(request);
  if (problems.length > 0) throw new ValidationFailedError(problems, SUBJECT);
  // Looked up within this connection only: another connection's invoice is "not found", never named.
  const original = await findTransferByExternalId(deps.db, connection.id, 'sales_invoice', request.creditsExternalId);
  if (!original) throw new TransferNotFoundError(`Sales invoice ${request.creditsExternalId}`);
  if (original.state !== 'succeeded') {
    // Linear's help page: a credit invoice corrects an invoice already in Procountor; one not sent yet is fixed or cancelled.
    throw new TransferStateConflictError(
      original.id,
      `sales invoice ${request.creditsExternalId} is ${original.state}, not in Procountor; correct it with PUT or cancel it instead of crediting it.`,
    );
  }
  const credited = documentOf(original);
  // Before the rows' rules, which read the date: a credit dated before its invoice is named as such.
  const creditDate = request.invoiceDate ?? today;
  if (creditDate < credited.invoiceDate) {
    throw new ValidationFailedError(
      [
        {
          path: 'invoiceDate',
          rule: 'credit_date_before_original',
          message: `${creditDate} is before ${credited.invoiceDate}, the date of the invoice it credits`,
        },
      ],
      SUBJECT,
    );
  }
  const document = requireValidSalesInvoice(
    buildCreditInvoice(
      request,
      { document: credited, procountorInvoiceNumber: original.procountor_invoice_number, transferId: original.id },
      today,
    ),
    connection,
    SUBJECT,
  );
  const corrected = request.correctedInvoice
    ? requireValidSalesInvoice(request.correctedInvoice, connection, 'The corrected invoice')
    : undefined;
  if (corrected && (await findTransferByExternalId(deps.db, connection.id, 'sales_invoice', corrected.externalId))) {
    throw new ValidationFailedError(
      [
        {
          path: 'correctedInvoice.externalId',
          rule: 'new_external_id',
          message: `'${corrected.externalId}' is taken; the corrected invoice needs an externalId of its own`,
        },
      ],
      SUBJECT,
    );
  }
  const creditRequest = { ...request, ...(corrected ? { correctedInvoice: corrected } : {}) };
  const hash = payloadHash(creditRequest);
  return {
    kind: 'credit_invoice',
    externalId: request.externalId,
    payloadHash: hash,
    accept: (trx) =>
      acceptTransfer(trx, deps, {
        connection,
        kind: 'credit_invoice',
        externalId: request.externalId,
        payload: { document, request: creditRequest },
        payloadHash: hash,
        document,
        creditsTransferId: original.id,
        note: `It credits invoice ${original.procountor_invoice_number ?? request.creditsExternalId} (${request.whole ? 'whole' : `${request.rows?.length} rows`}).`,
      }),
  };
}

/**
 * The sales invoices' submission path (transfers/submit-transfer-document.ts): the same request again answers its
 * transfer (200, also when two arrive at once), another one under a known externalId is 409, an Idempotency-Key
 * replays. A credit invoice is never replaced in place: it is credited again, so it has no PUT.
 */
export async function submitCreditInvoice(
  deps: TransferDeps,
  connectionId: string,
  request: CreditInvoiceInput,
  options: { idempotency?: IdempotencyRequest; today?: string } = {},
): Promise<StoredResponse> {
  const today = options.today ?? todayUtc();
  return submitTransferDocument(
    deps,
    connectionId,
    { mode: 'create', ...(options.idempotency ? { idempotency: options.idempotency } : {}) },
    (connection) => prepareCredit(deps, connection, request, today),
  );
}
