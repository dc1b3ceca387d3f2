// The transfer domain's errors: API errors with stable codes (docs/errors.md), and the permanent failure of a step.
import { BridgeError, NotFoundError } from '../errors/bridge-error';
import type { TransferFailureCode } from './transfer-failure-codes';

/** 409 external_id_conflict: another payload for an externalId already in Procountor or on its way there. */
export class ExternalIdConflictError extends BridgeError {
  override name = 'ExternalIdConflictError';
  constructor(externalId: string, transferId: string, state: string) {
    super(
      409,
      'external_id_conflict',
      `Document '${externalId}' was already submitted with other content as transfer ${transferId} (state ${state}); ` +
        'to correct an invoice already in Procountor, credit it (POST credit-invoices) and submit the corrected one under a new externalId.',
    );
  }
}

/** 422 idempotency_key_reused: the same Idempotency-Key came with another request body. */
export class IdempotencyKeyReusedError extends BridgeError {
  override name = 'IdempotencyKeyReusedError';
  constructor(key: string) {
    super(
      422,
      'idempotency_key_reused',
      `Idempotency-Key '${key}' was used for another request; send a new key for a new request.`,
    );
  }
}

/** 409 transfer_state_conflict: the action does not fit the transfer's state (e.g. cancelling one already sent). */
export class TransferStateConflictError extends BridgeError {
  override name = 'TransferStateConflictError';
  constructor(transferId: string, message: string) {
    super(409, 'transfer_state_conflict', `Transfer ${transferId}: ${message}`);
  }
}

export class TransferNotFoundError extends NotFoundError {
  override name = 'TransferNotFoundError';
}

/**
 * A step met a problem no retry can fix (our own rule, or a configuration Procountor lacks): the transfer fails with
 * this message and fix, and waits for the source or an admin to act (STYLE.md section 4).
 */
export class TransferRuleError extends Error {
  override name = 'TransferRuleError';
  constructor(
    readonly code: TransferFailureCode,
    message: string,
    readonly fix: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
