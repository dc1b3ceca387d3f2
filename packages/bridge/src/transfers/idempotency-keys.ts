// Idempotency-Key handling: a repeated request with the same key gets the stored answer, never a second effect.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../storage/schema';
import { IdempotencyKeyReusedError } from './transfer-errors';

export interface IdempotencyRequest {
  key: string;
  /** payloadHash of method, path and body: the same key with another request is refused (422). */
  requestHash: string;
}

export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

/** The stored answer of an earlier request with this key, or undefined; throws when the key came with another request. */
export async function replayIdempotentResponse(
  db: Kysely<DB>,
  connectionId: string,
  request: IdempotencyRequest,
): Promise<StoredResponse | undefined> {
  const stored = await db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('key', '=', request.key)
    .executeTakeFirst();
  if (!stored) return undefined;
  if (stored.request_hash !== request.requestHash) throw new IdempotencyKeyReusedError(request.key);
  return { statusCode: stored.response_status, body: stored.response_body };
}

/** Stores the answer in the same transaction as its effect; a concurrent twin fails on the primary key and rolls back. */
export async function storeIdempotentResponse(
  trx: Transaction<DB>,
  connectionId: string,
  request: IdempotencyRequest,
  response: StoredResponse,
): Promise<void> {
  await trx
    .insertInto('idempotency_keys')
    .values({
      connection_id: connectionId,
      key: request.key,
      request_hash: request.requestHash,
      response_status: response.statusCode,
      response_body: JSON.stringify(response.body),
    })
    .execute();
}
