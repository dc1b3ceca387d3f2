// ProcountorError: Procountor answered with an error status; subclasses for the statuses callers branch on.
import { decodeErrorBody, type ProcountorErrorEntry } from './decode-error-body';
import { type ErrorExplanation, explainProcountorError } from './error-explanations';

/** Longest raw body kept on an error (a proxy's HTML page can be large). */
const MAX_RAW_BODY_CHARS = 10_000;

export interface ProcountorErrorInit {
  status: number;
  /** HTTP method in upper case, e.g. "POST". */
  method: string;
  /** Request path relative to the base URL, without the query string, e.g. "/invoices/12". */
  path: string;
  /** The response body as text, secrets already redacted. */
  rawBody: string;
  /** Seconds or date from Retry-After, converted to milliseconds (429, 503). */
  retryAfterMs?: number;
  /** The client's id of the request, as in its log lines. */
  requestId?: string;
}

/** Procountor answered with a 4xx or 5xx status. */
export class ProcountorError extends Error {
  override name = 'ProcountorError';
  readonly status: number;
  readonly method: string;
  readonly path: string;
  /** Problems Procountor listed, from `errors[]` or the older `constraintViolations[]`; empty for non-JSON bodies. */
  readonly entries: readonly ProcountorErrorEntry[];
  /** Validation codes among the entries, e.g. ["ERROR_BRN_CODE"]. */
  readonly codes: readonly string[];
  /** The body as Procountor sent it (truncated to 10,000 characters), e.g. a proxy's HTML page. */
  readonly rawBody: string;
  /** What happened and what to do, in English and Finnish. */
  readonly explanation: ErrorExplanation;
  readonly retryAfterMs: number | undefined;
  readonly requestId: string | undefined;

  constructor(init: ProcountorErrorInit) {
    const entries = decodeErrorBody(init.rawBody);
    const codes = entries.flatMap((entry) => (entry.code === undefined ? [] : [entry.code]));
    super(describe(init, entries));
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.entries = entries;
    this.codes = codes;
    this.rawBody = init.rawBody.slice(0, MAX_RAW_BODY_CHARS);
    this.explanation = explainProcountorError(init.status, codes);
    this.retryAfterMs = init.retryAfterMs;
    this.requestId = init.requestId;
  }

  /** Whether Procountor reported this validation code, e.g. `error.hasCode('CLOSED_FISCAL_PERIOD')`. */
  hasCode(code: string): boolean {
    return this.codes.includes(code);
  }
}

function describe(init: ProcountorErrorInit, entries: readonly ProcountorErrorEntry[]): string {
  const head = `Procountor answered ${init.status} to ${init.method} ${init.path}`;
  if (entries.length > 0) {
    const problems = entries.map((entry) => (entry.field ? `${entry.field}: ${entry.message}` : entry.message));
    return `${head}: ${problems.join('; ')}`;
  }
  const text = init.rawBody.trim();
  if (text === '') return head;
  // A non-JSON body (an HTML page from a proxy) is kept whole in rawBody; the message shows its start, one line.
  return `${head}: ${text.replace(/\s+/g, ' ').slice(0, 200)}`;
}

/** 400: Procountor refused the data; `entries` say which fields. Not retried: fix the data. */
export class ProcountorBadRequestError extends ProcountorError {
  override name = 'ProcountorBadRequestError';
}
/** 401: credentials or token refused, also after one token refresh. A human must check the API key. */
export class ProcountorAuthenticationError extends ProcountorError {
  override name = 'ProcountorAuthenticationError';
}
/** 403: the API user lacks rights, or the document's status forbids the action. */
export class ProcountorPermissionDeniedError extends ProcountorError {
  override name = 'ProcountorPermissionDeniedError';
}
/** 404: no such item (for batch GETs: none of the ids exists). */
export class ProcountorNotFoundError extends ProcountorError {
  override name = 'ProcountorNotFoundError';
}
/** 429: still rate limited after the client's retries; `retryAfterMs` says when to come back. */
export class ProcountorRateLimitError extends ProcountorError {
  override name = 'ProcountorRateLimitError';
}
/** 5xx on an idempotent call, after the client's retries. (On a POST a 5xx is an OutcomeUnknownError.) */
export class ProcountorServerError extends ProcountorError {
  override name = 'ProcountorServerError';
}

/** The one place an HTTP status becomes an error class. */
export function createProcountorError(init: ProcountorErrorInit): ProcountorError {
  if (init.status === 400) return new ProcountorBadRequestError(init);
  if (init.status === 401) return new ProcountorAuthenticationError(init);
  if (init.status === 403) return new ProcountorPermissionDeniedError(init);
  if (init.status === 404) return new ProcountorNotFoundError(init);
  if (init.status === 429) return new ProcountorRateLimitError(init);
  if (init.status >= 500) return new ProcountorServerError(init);
  return new ProcountorError(init);
}
