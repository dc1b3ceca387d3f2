// Errors the SDK throws: the bridge's own error answer (BridgeApiError), and requests without a usable answer.

/** One problem with one field (docs/errors.md): `path` in the request body, the `rule` broken, a sentence. */
export interface BridgeErrorDetail {
  path: string;
  rule: string;
  message: string;
}

/**
 * The bridge answered 4xx or 5xx. `code` is its stable snake_case code (docs/errors.md lists each with how to fix
 * it), `details` names every field problem (`validation_failed`). Branch on `code`, not on `message`.
 */
export class BridgeApiError extends Error {
  override name = 'BridgeApiError';
  readonly status: number;
  readonly code: string;
  readonly details: BridgeErrorDetail[];
  readonly method: string;
  readonly url: string;
  /** The parsed body, or its text when it was not JSON (a proxy's error page). */
  readonly body: unknown;

  constructor(init: { status: number; method: string; url: string; body: unknown }) {
    const body = init.body as { code?: unknown; message?: unknown; details?: unknown } | undefined;
    const code = typeof body?.code === 'string' ? body.code : `http_${init.status}`;
    const message =
      typeof body?.message === 'string'
        ? body.message
        : `The bridge answered HTTP ${init.status} without an error body.`;
    super(`${init.method} ${init.url}: ${init.status} ${code}: ${message}`);
    this.status = init.status;
    this.code = code;
    this.details = Array.isArray(body?.details) ? (body.details as BridgeErrorDetail[]) : [];
    this.method = init.method;
    this.url = init.url;
    this.body = init.body;
  }
}

/**
 * No answer from the bridge where that is safe to report plainly: nothing was sent (the connection could not be
 * opened), or an idempotent request failed on every attempt. Sending it again later is safe.
 */
export class BridgeConnectionError extends Error {
  override name = 'BridgeConnectionError';
  readonly method: string;
  readonly url: string;
  /** True when the last attempt ran out of time. */
  readonly timedOut: boolean;

  constructor(init: { method: string; url: string; timedOut: boolean; cause: unknown }) {
    super(`${init.method} ${init.url} ${init.timedOut ? 'timed out' : 'could not reach the bridge'}`, {
      cause: init.cause,
    });
    this.method = init.method;
    this.url = init.url;
    this.timedOut = init.timedOut;
  }
}

/**
 * A request that is not safe to repeat (a POST without an Idempotency-Key) was sent but no answer came back: it
 * may or may not have taken effect. The SDK does not retry it; read the state (e.g. the document by its
 * externalId) before sending it again.
 */
export class BridgeOutcomeUnknownError extends Error {
  override name = 'BridgeOutcomeUnknownError';
  readonly method: string;
  readonly url: string;
  readonly reason: 'timeout' | 'connection-lost' | 'server-error';

  constructor(init: { method: string; url: string; reason: BridgeOutcomeUnknownError['reason']; cause: unknown }) {
    super(
      `${init.method} ${init.url} was sent but no answer came back (${init.reason}); it may or may not have taken ` +
        'effect. Read the document or transfer before sending it again.',
      { cause: init.cause },
    );
    this.method = init.method;
    this.url = init.url;
    this.reason = init.reason;
  }
}
