// Accepts a credit invoice for a transferred sales invoice, linked to it, with an optional corrected invoice to follow.
import { ValidationFailedError } from '../errors/bridge-error';
import { requireValidSalesInvoice } from '../sales-invoices/submit-sales-invoice';
import { acceptTransfer } from '../transfers/accept-transfer';
import {
  type IdempotencyRequest,
  replayIdempotentResponse,
  type StoredResponse,
  storeIdempotentResponse,
} from '../transfers/idempotency-keys';
import { payloadHash } from '../transfers/payload-hash';
import type { TransferDeps } from '../transfers/transfer-deps';
import { documentOf } from '../transfers/transfer-document';
import {
  ExternalIdConflictError,
  TransferNotFoundError,
  TransferStateConflictError,
} from '../transfers/transfer-errors';
import { findTransferByExternalId } from '../transfers/transfer-repository';
import { toSubmissionResponse } from '../transfers/transfer-response';
import { buildCreditInvoice } from './build-credit-invoice';
import type { CreditInvoiceInput } from './credit-invoice-schema';

export async function submitCreditInvoice(
  deps: TransferDeps,
  connectionId: string,
  request: CreditInvoiceInput,
  options: { idempotency?: IdempotencyRequest; today?: string } = {},
): Promise<StoredResponse> {
  const connection = await deps.connections.requireActive(connectionId);
  if (options.idempotency) {
    const replay = await replayIdempotentResponse(deps.db, connectionId, options.idempotency);
    if (replay) return replay;
  }
  if (!request.whole === !request.rows) {
    throw new ValidationFailedError(
      [
        {
          path: 'whole',
          rule: 'whole_or_rows',
          message: 'give either "whole": true or the "rows" to credit, not both',
        },
      ],
      'The credit invoice',
    );
  }
  const original = await findTransferByExternalId(deps.db, connectionId, 'sales_invoice', request.creditsExternalId);
  if (!original) throw new TransferNotFoundError(`Sales invoice ${request.creditsExternalId}`);
  if (original.state !== 'succeeded') {
    // Seed 000: a credit invoice corrects an invoice already in Procountor; one not sent yet is fixed or cancelled.
    throw new TransferStateConflictError(
      original.id,
      `sales invoice ${request.creditsExternalId} is ${original.state}, not in Procountor; correct it with PUT or cancel it instead of crediting it.`,
    );
  }
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const document = requireValidSalesInvoice(
    buildCreditInvoice(
      request,
      {
        document: documentOf(original),
        procountorInvoiceNumber: original.procountor_invoice_number,
        transferId: original.id,
      },
      today,
    ),
    connection,
    'The credit invoice',
  );
  const corrected = request.correctedInvoice
    ? requireValidSalesInvoice(request.correctedInvoice, connection, 'The corrected invoice')
    : undefined;
  if (corrected && (await findTransferByExternalId(deps.db, connectionId, 'sales_invoice', corrected.externalId))) {
    throw new ValidationFailedError(
      [
        {
          path: 'correctedInvoice.externalId',
          rule: 'new_external_id',
          message: `'${corrected.externalId}' is taken; the corrected invoice needs an externalId of its own`,
        },
      ],
      'The credit invoice',
    );
  }
  const creditRequest = { ...request, ...(corrected ? { correctedInvoice: corrected } : {}) };
  const hash = payloadHash(creditRequest);
  return deps.db.transaction().execute(async (trx) => {
    const existing = await findTransferByExternalId(trx, connectionId, 'credit_invoice', request.externalId);
    let response: StoredResponse;
    if (existing && existing.payload_hash === hash) {
      response = { statusCode: 200, body: toSubmissionResponse(existing) };
    } else if (existing) {
      throw new ExternalIdConflictError(request.externalId, existing.id, existing.state);
    } else {
      const row = await acceptTransfer(trx, deps, {
        connection,
        kind: 'credit_invoice',
        externalId: request.externalId,
        payload: { document, request: creditRequest },
        payloadHash: hash,
        document,
        creditsTransferId: original.id,
        note: `It credits invoice ${original.procountor_invoice_number ?? request.creditsExternalId} (${request.whole ? 'whole' : `${request.rows?.length} rows`}).`,
      });
      response = { statusCode: 202, body: toSubmissionResponse(row) };
    }
    if (options.idempotency) await storeIdempotentResponse(trx, connectionId, options.idempotency, response);
    return response;
  });
}
