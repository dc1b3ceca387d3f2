// The base of every error the bridge answers over HTTP: a stable snake_case code, one sentence, field details.
import type { ApiErrorCode } from './api-error-codes';

/** One problem with one field: `path` in the request body ("rows[1].vatPercent"), the `rule` broken, a sentence. */
export interface ErrorDetail {
  path: string;
  rule: string;
  message: string;
}

/** The one shape of every 4xx/5xx body of the bridge API (docs/errors.md lists the codes). */
export interface ApiErrorBody {
  code: string;
  message: string;
  details: ErrorDetail[];
}

/** Domain errors extend this; the server's error handler turns them into ApiErrorBody with their status. */
export class BridgeError extends Error {
  override name = 'BridgeError';
  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  toBody(): ApiErrorBody {
    return { code: this.code, message: this.message, details: this.details };
  }
}

/** 400 validation_failed: the request breaks the schema or a business rule; nothing was stored. */
export class ValidationFailedError extends BridgeError {
  override name = 'ValidationFailedError';
  constructor(details: ErrorDetail[], subject = 'The request') {
    const first = details[0];
    const summary = first ? `${first.path}: ${first.message}` : 'see details';
    const more = details.length > 1 ? ` (and ${details.length - 1} more problem${details.length > 2 ? 's' : ''})` : '';
    super(400, 'validation_failed', `${subject} is not valid: ${summary}${more}.`, details);
  }
}

/** 404 not_found: the resource does not exist, or belongs to another connection (never say which). */
export class NotFoundError extends BridgeError {
  override name = 'NotFoundError';
  constructor(what: string) {
    super(404, 'not_found', `${what} was not found.`);
  }
}
