// POST sales-invoices/batch: up to 1,000 documents, each accepted or refused on its own, one result per document.
// With an Idempotency-Key the whole answer is stored: the same key and body get it again, another body a 422.
import { type Static, Type } from 'typebox';
import type { ConnectionRecord } from '../connections/connection-record';
import { BridgeError } from '../errors/bridge-error';
import { rememberedRegisterReads } from '../registers/register-reads';
import type { BridgeApp } from '../server/bridge-app';
import { type TransferDocumentToStore, toDocumentToStore } from '../transfers/accept-transfer';
import { idempotencyOf } from '../transfers/document-requests';
import {
  type IdempotencyRequest,
  replayIdempotentResponse,
  type StoredResponse,
  storeIdempotentResponse,
} from '../transfers/idempotency-keys';
import { submitTransferBatch } from '../transfers/submit-transfer-batch';
import { isUniqueViolation } from '../transfers/submit-transfer-document';
import type { TransferDeps } from '../transfers/transfer-deps';
import { ConnectionParams, IdempotencyHeaders } from '../transfers/transfer-schemas';
import { MAX_DOCUMENTS_PER_BATCH } from './field-limits';
import { prepareSalesInvoice } from './submit-sales-invoice';

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
        description: `Up to ${MAX_DOCUMENTS_PER_BATCH} documents; each is validated on its own, so one bad document does not stop the others, and the accepted ones are stored together in one transaction. With an Idempotency-Key the answer is stored: the same key with the same body gets it again (nothing is submitted twice), the same key with another body is refused (422 idempotency_key_reused).`,
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
      const connection = await deps.connections.requireActive(connectionId);
      const { idempotency } = idempotencyOf(request);
      if (idempotency) {
        const replay = await replayIdempotentResponse(deps.db, connectionId, idempotency);
        if (replay) return replay.body as never;
      }
      const body = await submitBatch(deps, connection, request.body.documents);
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

type BatchResult = Static<typeof BatchResultSchema>;

/**
 * Each document validated and checked on its own (what a single submit would have answered, in request order), then
 * every accepted one stored in one transaction.
 */
async function submitBatch(
  deps: TransferDeps,
  connection: ConnectionRecord,
  documents: readonly unknown[],
): Promise<{ accepted: number; rejected: number; results: BatchResult[] }> {
  const results: BatchResult[] = [];
  const toStore: Array<{ index: number; store: TransferDocumentToStore }> = [];
  // Registers as they stood when the batch came: a customer or product code is read once for the whole batch.
  const reads = rememberedRegisterReads(deps.db, connection.id);
  for (const [index, document] of documents.entries()) {
    const externalId = (document as { externalId?: unknown } | null)?.externalId;
    results[index] = { index, externalId: typeof externalId === 'string' ? externalId : null, status: 0 };
    try {
      toStore.push({ index, store: toDocumentToStore(await prepareSalesInvoice(reads, connection, document)) });
    } catch (error) {
      if (!(error instanceof BridgeError)) throw error;
      results[index] = { ...(results[index] as BatchResult), status: error.statusCode, error: error.toBody() };
    }
  }
  const outcomes = await submitTransferBatch(
    deps,
    toStore.map(({ store }) => store),
  );
  outcomes.forEach((outcome, position) => {
    const index = (toStore[position] as { index: number }).index;
    const result = results[index] as BatchResult;
    if (outcome instanceof BridgeError) {
      results[index] = { ...result, status: outcome.statusCode, error: outcome.toBody() };
    } else {
      const accepted = outcome.body as { transferId: string; state: string };
      results[index] = {
        ...result,
        status: outcome.statusCode,
        transferId: accepted.transferId,
        state: accepted.state,
      };
    }
  });
  const rejected = results.filter((result) => result.status >= 400).length;
  return { accepted: results.length - rejected, rejected, results };
}
