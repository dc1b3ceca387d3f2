// The connections domain's errors: each a stable code with a sentence that says what to do (docs/errors.md).
import { BridgeError, type ErrorDetail, NotFoundError } from '../errors/bridge-error';

/** 404 not_found: no connection with this id (or it belongs to no one the caller may see). */
export class ConnectionNotFoundError extends NotFoundError {
  override name = 'ConnectionNotFoundError';
  constructor(readonly connectionId: string) {
    super(`Connection ${connectionId}`);
  }
}

/**
 * 409 connection_not_active: a draft or disabled connection accepts nothing and sends nothing ("Disable" in Trackifi's
 * terms).
 */
export class ConnectionNotActiveError extends BridgeError {
  override name = 'ConnectionNotActiveError';
  constructor(
    readonly connectionId: string,
    readonly status: 'draft' | 'disabled',
  ) {
    super(
      409,
      'connection_not_active',
      status === 'draft'
        ? `Connection ${connectionId} is not activated yet: activate it (POST /v1/connections/${connectionId}/activate) after entering its API key.`
        : `Connection ${connectionId} is disabled: enable it (POST /v1/connections/${connectionId}/enable) to send documents again.`,
    );
  }
}

/** 409 connection_name_taken: names identify connections in the console and the CLI, so they are unique. */
export class ConnectionNameTakenError extends BridgeError {
  override name = 'ConnectionNameTakenError';
  constructor(name: string) {
    super(409, 'connection_name_taken', `A connection named '${name}' exists already; choose another name.`);
  }
}

export type ConnectionCheckCode =
  | 'procountor_client_refused'
  | 'procountor_api_key_refused'
  | 'procountor_permission_denied'
  | 'procountor_unreachable'
  | 'procountor_check_failed';

const CHECK_STATUS: Record<ConnectionCheckCode, number> = {
  // The credentials are wrong: the caller must fix what it sent (422), not retry.
  procountor_client_refused: 422,
  procountor_api_key_refused: 422,
  procountor_permission_denied: 422,
  // Procountor could not be reached or failed: a gateway problem (502), worth trying again later.
  procountor_unreachable: 502,
  procountor_check_failed: 502,
};

/** Checking a connection's credentials against Procountor failed; `message` is what the console shows. */
export class ConnectionCheckError extends BridgeError {
  override name = 'ConnectionCheckError';
  constructor(code: ConnectionCheckCode, message: string, details: ErrorDetail[] = [], options?: { cause?: unknown }) {
    super(CHECK_STATUS[code], code, message, details, options);
  }
}
