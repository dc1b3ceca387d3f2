// Errors for requests without a usable answer: outcome unknown, connection failed, attachment too large.

/** Why a sent request got no reliable answer. */
export type OutcomeUnknownReason = 'timeout' | 'connection-lost' | 'server-error';

/**
 * A non-idempotent request (a POST, or a PUT that changes state such as send or markpaid) was sent, but no reliable
 * answer came back: it may or may not have taken effect in Procountor. The client does not retry it. Look before
 * retrying, e.g. search invoices by `originalInvoiceNumber` (DESIGN.md "Reliability principles").
 */
export class OutcomeUnknownError extends Error {
  override name = 'OutcomeUnknownError';
  readonly method: string;
  readonly path: string;
  readonly reason: OutcomeUnknownReason;
  readonly requestId: string | undefined;

  constructor(init: {
    method: string;
    path: string;
    reason: OutcomeUnknownReason;
    cause: unknown;
    requestId?: string;
  }) {
    super(
      `${init.method} ${init.path} was sent to Procountor but no reliable answer came back (${init.reason}); ` +
        'it may or may not have taken effect. Look it up in Procountor before sending it again.',
      { cause: init.cause },
    );
    this.method = init.method;
    this.path = init.path;
    this.reason = init.reason;
    this.requestId = init.requestId;
  }
}

/**
 * No answer from Procountor where that is harmless to report plainly: the connection could not be opened (nothing
 * was sent), or an idempotent call failed on every attempt.
 */
export class ProcountorConnectionError extends Error {
  override name = 'ProcountorConnectionError';
  readonly method: string;
  readonly path: string;
  /** True when the last attempt ran out of time rather than failing to connect or losing the connection. */
  readonly timedOut: boolean;
  readonly requestId: string | undefined;

  constructor(init: { method: string; path: string; timedOut: boolean; cause: unknown; requestId?: string }) {
    const what = init.timedOut ? 'timed out' : 'could not reach Procountor';
    super(`${init.method} ${init.path} ${what}`, { cause: init.cause });
    this.method = init.method;
    this.path = init.path;
    this.timedOut = init.timedOut;
    this.requestId = init.requestId;
  }
}

/** The attachment exceeds Procountor's limit; thrown before anything is uploaded. */
export class AttachmentTooLargeError extends Error {
  override name = 'AttachmentTooLargeError';
  readonly fileName: string | undefined;
  readonly sizeBytes: number;
  readonly maxBytes: number;

  constructor(init: { fileName: string | undefined; sizeBytes: number; maxBytes: number }) {
    super(
      `Attachment ${init.fileName === undefined ? '' : `'${init.fileName}' `}is ${init.sizeBytes} bytes; ` +
        `Procountor accepts at most ${init.maxBytes} bytes. Compress or split the file before uploading.`,
    );
    this.fileName = init.fileName;
    this.sizeBytes = init.sizeBytes;
    this.maxBytes = init.maxBytes;
  }
}
