// What the routes that take a document by externalId share: the Idempotency-Key, the path's externalId, the read by it.
import { Type } from 'typebox';
import { ValidationFailedError } from '../errors/bridge-error';
import type { IdempotencyRequest } from './idempotency-keys';
import { payloadHash } from './payload-hash';
import type { TransferDeps } from './transfer-deps';
import { TransferNotFoundError } from './transfer-errors';
import { findTransferByExternalId, listTimeline, type TransferKind } from './transfer-repository';
import { toTransferResponse } from './transfer-response';

export const DocumentParams = Type.Object({
  connectionId: Type.String({ description: 'The connection.' }),
  externalId: Type.String({ description: "The document's id in the source application." }),
});

interface RequestWithIdempotencyKey {
  method: string;
  url: string;
  body: unknown;
  headers: { 'idempotency-key'?: string };
}

/** The request's Idempotency-Key with a hash of method, path and body (the same key with another request is 422). */
export function idempotencyOf(request: RequestWithIdempotencyKey): { idempotency?: IdempotencyRequest } {
  const key = request.headers['idempotency-key'];
  return key ? { idempotency: { key, requestHash: payloadHash([request.method, request.url, request.body]) } } : {};
}

/** PUT …/{externalId}: the body's externalId must be the path's, or nothing is stored. */
export function requireExternalIdOfPath(bodyExternalId: string, pathExternalId: string, subject: string): void {
  if (bodyExternalId === pathExternalId) return;
  throw new ValidationFailedError(
    [
      {
        path: 'externalId',
        rule: 'matches_path',
        message: `is '${bodyExternalId}' but the path says '${pathExternalId}'`,
      },
    ],
    subject,
  );
}

/** The transfer of a document of this kind with its timeline, or 404 naming `what` ("Sales invoice INV-1"). */
export async function readTransferByExternalId(
  deps: TransferDeps,
  connectionId: string,
  kind: TransferKind,
  externalId: string,
  what: string,
) {
  const row = await findTransferByExternalId(deps.db, connectionId, kind, externalId);
  if (!row) throw new TransferNotFoundError(what);
  return toTransferResponse(row, await listTimeline(deps.db, row.id));
}
