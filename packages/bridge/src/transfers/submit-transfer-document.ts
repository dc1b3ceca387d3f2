// The submission rules every document kind shares (docs/transfers.md): the same document again answers its transfer
// (200), another document under a known externalId is 409 unless PUT finds it not yet in Procountor, and an
// Idempotency-Key replays the first answer.
import type { Transaction } from 'kysely';
import type { ConnectionRecord } from '../connections/connection-record';
import type { DB } from '../storage/schema';
import type { StoredTransfer } from './accept-transfer';
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
  /** Stores it as a new transfer; undefined, with nothing written, when its externalId is taken (storeNewTransfer). */
  accept(trx: Transaction<DB>): Promise<StoredTransfer | undefined>;
  /** Kinds that PUT can correct before they reach Procountor; without it another payload is always a conflict. */
  replace?(trx: Transaction<DB>, existing: TransferRow): Promise<StoredTransfer>;
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
      const answer = async (response: StoredResponse) => {
        if (options.idempotency) await storeIdempotentResponse(trx, connectionId, options.idempotency, response);
        return response;
      };
      const find = () => findTransferByExternalId(trx, connectionId, document.kind, document.externalId);
      // A POST inserts first (a new document is the common case: one statement, no look-up); a PUT looks first.
      let existing = options.mode === 'replace' ? await find() : undefined;
      // Looping only if the row that held the externalId was gone by the look-up (deleted with its connection).
      while (!existing) {
        const created = await document.accept(trx);
        if (created) return answer({ statusCode: 202, body: toSubmissionResponse(created) });
        existing = await find();
      }
      if (existing.payload_hash === document.payloadHash) {
        // The same document again (a source retrying): the existing transfer, nothing new.
        return answer({ statusCode: 200, body: toSubmissionResponse(existing) });
      }
      if (options.mode === 'replace' && document.replace && isReplaceable(existing)) {
        return answer({ statusCode: 202, body: toSubmissionResponse(await document.replace(trx, existing)) });
      }
      throw new ExternalIdConflictError(document.externalId, existing.id, existing.state);
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
