// POST sales-invoices/batch: up to 1,000 documents, each accepted or refused on its own, one result per document.
// With an Idempotency-Key the whole answer is stored: the same key and body get it again, another body a 422.
import { Type } from 'typebox';
import { BridgeError } from '../errors/bridge-error';
import type { BridgeApp } from '../server/bridge-app';
import { idempotencyOf } from '../transfers/document-requests';
import {
  type IdempotencyRequest,
  replayIdempotentResponse,
  type StoredResponse,
  storeIdempotentResponse,
} from '../transfers/idempotency-keys';
import { isUniqueViolation } from '../transfers/submit-transfer-document';
import type { TransferDeps } from '../transfers/transfer-deps';
import { ConnectionParams, IdempotencyHeaders } from '../transfers/transfer-schemas';
import { MAX_DOCUMENTS_PER_BATCH } from './field-limits';
import { submitSalesInvoice } from './submit-sales-invoice';

const BatchResultSchema = Type.Object(
  {
    index: Type.Integer({ description: 'Position of the document in the request.' }),
    externalId: Type.Union([Type.String(), Type.Null()]),
    status: Type.Integer({ description: 'What a single submit would have answered: 202, 200, 400, 409…' }),
    transferId: Type.Optional(Type.String()),
    state: Type.Optional(Type.String()),
    error: Type.Optional(
      Type.Object(
        {
          code: Type.String(),
          message: Type.String(),
          details: Type.Array(Type.Object({ path: Type.String(), rule: Type.String(), message: Type.String() })),
        },
        { additionalProperties: true },
      ),
    ),
  },
  { additionalProperties: false },
);

export function registerBatchSalesInvoicesRoute(app: BridgeApp, deps: TransferDeps): void {
  app.post(
    '/v1/connections/:connectionId/sales-invoices/batch',
    {
      schema: {
        tags: ['sales invoices'],
        summary: 'Submit many sales invoices',
        description: `Up to ${MAX_DOCUMENTS_PER_BATCH} documents; each is validated and stored on its own, so one bad document does not stop the others. With an Idempotency-Key the answer is stored: the same key with the same body gets it again (nothing is submitted twice), the same key with another body is refused (422 idempotency_key_reused).`,
        params: ConnectionParams,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            documents: Type.Array(Type.Unknown({ description: 'A SalesInvoiceInput.' }), {
              minItems: 1,
              maxItems: MAX_DOCUMENTS_PER_BATCH,
            }),
          },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({
            accepted: Type.Integer({ description: 'Documents stored now or already there.' }),
            rejected: Type.Integer(),
            results: Type.Array(BatchResultSchema),
          }),
        },
      },
    },
    async (request) => {
      const { connectionId } = request.params;
      await deps.connections.requireActive(connectionId);
      const { idempotency } = idempotencyOf(request);
      if (idempotency) {
        const replay = await replayIdempotentResponse(deps.db, connectionId, idempotency);
        if (replay) return replay.body as never;
      }
      const body = await submitBatch(deps, connectionId, request.body.documents);
      if (idempotency) await storeBatchResponse(deps, connectionId, idempotency, { statusCode: 200, body });
      return body;
    },
  );
}

/** Stores the batch's answer; a twin request that stored first wins, and its answer is the one kept. */
async function storeBatchResponse(
  deps: TransferDeps,
  connectionId: string,
  idempotency: IdempotencyRequest,
  response: StoredResponse,
): Promise<void> {
  try {
    await deps.db.transaction().execute((trx) => storeIdempotentResponse(trx, connectionId, idempotency, response));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

/** Each document on its own: what a single submit would have answered, in request order. */
async function submitBatch(deps: TransferDeps, connectionId: string, documents: readonly unknown[]) {
  const results = [];
  for (const [index, document] of documents.entries()) {
    const externalId = (document as { externalId?: unknown } | null)?.externalId;
    const id = typeof externalId === 'string' ? externalId : null;
    try {
      const { statusCode, body } = await submitSalesInvoice(deps, connectionId, document, { mode: 'create' });
      const accepted = body as { transferId: string; state: string };
      results.push({
        index,
        externalId: id,
        status: statusCode,
        transferId: accepted.transferId,
        state: accepted.state,
      });
    } catch (error) {
      if (!(error instanceof BridgeError)) throw error;
      results.push({ index, externalId: id, status: error.statusCode, error: error.toBody() });
    }
  }
  const rejected = results.filter((result) => result.status >= 400).length;
  return { accepted: results.length - rejected, rejected, results };
}
