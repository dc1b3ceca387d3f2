// The submission rules every document kind shares (docs/transfers.md): the same document again answers its transfer
// (200), another document under a known externalId is 409 unless PUT finds it not yet in Procountor, and an
// Idempotency-Key replays the first answer.
import type { Transaction } from 'kysely';
import type { ConnectionRecord } from '../connections/connection-record';
import type { DB } from '../storage/schema';
import {
  type IdempotencyRequest,
  replayIdempotentResponse,
  type StoredResponse,
  storeIdempotentResponse,
} from './idempotency-keys';
import type { TransferDeps } from './transfer-deps';
import { ExternalIdConflictError } from './transfer-errors';
import { hasReachedProcountor } from './transfer-progress';
import { findTransferByExternalId, progressOf, type TransferKind, type TransferRow } from './transfer-repository';
import { toSubmissionResponse } from './transfer-response';

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

/** A validated document of one kind: its identity and how that kind stores it new or in place of a not-yet-sent one. */
export interface DocumentToSubmit {
  kind: TransferKind;
  externalId: string;
  payloadHash: string;
  accept(trx: Transaction<DB>): Promise<TransferRow>;
  /** Kinds that PUT can correct before they reach Procountor; without it another payload is always a conflict. */
  replace?(trx: Transaction<DB>, existing: TransferRow): Promise<TransferRow>;
}

/** A unique violation: a concurrent request inserted the same externalId or idempotency key first. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}

/**
 * Submits one document: `prepare` validates it (throwing a 4xx) once the connection is known to be active and no
 * idempotent replay answered; the transfer, its job and the stored idempotent answer then commit together.
 */
export async function submitTransferDocument(
  deps: TransferDeps,
  connectionId: string,
  options: SubmitOptions,
  prepare: (connection: ConnectionRecord) => DocumentToSubmit | Promise<DocumentToSubmit>,
): Promise<StoredResponse> {
  const connection = await deps.connections.requireActive(connectionId);
  if (options.idempotency) {
    const replay = await replayIdempotentResponse(deps.db, connectionId, options.idempotency);
    if (replay) return replay;
  }
  const document = await prepare(connection);
  const attempt = () =>
    deps.db.transaction().execute(async (trx) => {
      const existing = await findTransferByExternalId(trx, connectionId, document.kind, document.externalId);
      let response: StoredResponse;
      if (!existing) {
        response = { statusCode: 202, body: toSubmissionResponse(await document.accept(trx)) };
      } else if (existing.payload_hash === document.payloadHash) {
        // The same document again (a source retrying): the existing transfer, nothing new.
        response = { statusCode: 200, body: toSubmissionResponse(existing) };
      } else if (options.mode === 'replace' && document.replace && isReplaceable(existing)) {
        response = { statusCode: 202, body: toSubmissionResponse(await document.replace(trx, existing)) };
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
    // Lost a race with a twin request: its row is committed now, so this attempt sees it and answers like a repeat.
    if (options.idempotency) {
      const replay = await replayIdempotentResponse(deps.db, connectionId, options.idempotency);
      if (replay) return replay;
    }
    return attempt();
  }
}
