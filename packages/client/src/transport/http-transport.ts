// One logical HTTP call to Procountor: rate limit, bearer token, timeout, retries, Retry-After, error decoding.
import { createProcountorError, type ProcountorError } from '../errors/procountor-error';
import { redactSecrets } from '../errors/redact-secrets';
import { OutcomeUnknownError, ProcountorConnectionError } from '../errors/request-errors';
import type { ProcountorLogger } from '../logger';
import { joinUrl, type QueryParams } from './build-url';
import { classifyFetchError } from './classify-fetch-error';
import type { RateLimiter } from './rate-limiter';
import { parseRetryAfterMs } from './retry-after';
import { type AttemptOutcome, decideRetry, type RetryDelays } from './retry-policy';
import { sleep } from './sleep';

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';

export type RequestBody =
  | { type: 'json'; value: unknown }
  /** Already form-encoded text (the token request). */
  | { type: 'form'; value: string }
  | { type: 'multipart'; value: FormData };

export interface TransportRequest {
  method: HttpMethod;
  /** Path below the base URL, placeholders already filled, e.g. "/invoices/12". */
  path: string;
  query?: QueryParams;
  headers?: Record<string, string>;
  body?: RequestBody;
  /** Whether repeating the call is harmless. Default: true for GET, PUT and DELETE, false for POST and PATCH. */
  idempotent?: boolean;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Send a bearer token (default true); false for the token request itself. */
  authenticate?: boolean;
  /** Accept header; default application/json. */
  accept?: string;
}

export interface TransportResponse {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

/** Where the transport gets bearer tokens; `invalidate` drops a token Procountor refused. */
export interface AccessTokenSource {
  get(): Promise<string>;
  invalidate(token: string): void;
}

export interface HttpTransportOptions {
  baseUrl: string;
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  maxRetries: number;
  retryDelays: RetryDelays;
  rateLimiter: RateLimiter | undefined;
  logger: ProcountorLogger | undefined;
  accessTokens?: AccessTokenSource;
  /** Values to blank out of error bodies: client secret, API key, current token. */
  secrets: () => ReadonlyArray<string | undefined>;
  userAgent?: string;
}

type AttemptResult =
  | { kind: 'response'; response: Response; bytes: Uint8Array }
  | Exclude<AttemptOutcome, { kind: 'response' }>;

let requestCounter = 0;

export class HttpTransport {
  readonly #options: HttpTransportOptions;

  constructor(options: HttpTransportOptions) {
    this.#options = options;
  }

  setAccessTokens(accessTokens: AccessTokenSource): void {
    this.#options.accessTokens = accessTokens;
  }

  /** Sends the request, retrying per the retry policy; resolves with a 2xx response or throws. */
  async send(request: TransportRequest): Promise<TransportResponse> {
    if (request.method === 'get' && request.body !== undefined) {
      // Procountor's test gateway refuses a GET with a body (403, FACTS.md): never send one.
      throw new TypeError(`GET ${request.path} must not have a body; pass filters as query parameters`);
    }
    const method = request.method.toUpperCase();
    const idempotent = request.idempotent ?? ['get', 'put', 'delete'].includes(request.method);
    const firstId = `procountor-${++requestCounter}`;
    const log = { method, path: request.path };
    let retriesSoFar = 0;
    let refreshedToken = false;

    for (let attempt = 1; ; attempt += 1) {
      const requestId = attempt === 1 ? firstId : `${firstId}.${attempt}`;
      // The token first: a token request is itself a call to Procountor and takes its own turn of the limiter (every
      // request counts against the connection's rate, token requests too), then this call takes its turn.
      const token = request.authenticate === false ? undefined : await this.#accessTokens().get();
      await this.#options.rateLimiter?.acquire(request.signal);
      const startedAt = performance.now();
      const result = await this.#attempt(request, token);
      const durationMs = Math.round(performance.now() - startedAt);
      const fields = { ...log, requestId, attempt, ...(attempt > 1 ? { retryOf: firstId } : {}), durationMs };

      if (result.kind === 'response') {
        const { response, bytes } = result;
        this.#options.logger?.debug({ ...fields, status: response.status }, 'procountor request answered');
        if (response.ok) return { status: response.status, headers: response.headers, bytes };
        if (response.status === 401 && token !== undefined && !refreshedToken) {
          // The token may have expired early or been revoked: fetch a new one and try once more.
          refreshedToken = true;
          this.#accessTokens().invalidate(token);
          continue;
        }
        const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'));
        const error = this.#error(request, method, response.status, bytes, retryAfterMs, requestId, token);
        const outcome: AttemptOutcome = { kind: 'response', status: response.status, retryAfterMs };
        const decision = this.#decide(outcome, idempotent, retriesSoFar);
        if (decision.action === 'give-up') throw error;
        if (decision.action === 'outcome-unknown') {
          throw new OutcomeUnknownError({
            method,
            path: request.path,
            reason: decision.reason,
            cause: error,
            requestId,
          });
        }
        this.#logRetry(fields, decision.reason, decision.delayMs, response.status);
        await sleep(decision.delayMs, request.signal);
        retriesSoFar += 1;
        continue;
      }

      this.#options.logger?.debug({ ...fields, outcome: result.kind }, 'procountor request got no answer');
      const decision = this.#decide(result, idempotent, retriesSoFar);
      const cause = 'cause' in result ? result.cause : undefined;
      if (decision.action === 'outcome-unknown') {
        throw new OutcomeUnknownError({ method, path: request.path, reason: decision.reason, cause, requestId });
      }
      if (decision.action === 'give-up') {
        const timedOut = result.kind === 'timeout';
        throw new ProcountorConnectionError({ method, path: request.path, timedOut, cause, requestId });
      }
      this.#logRetry(fields, decision.reason, decision.delayMs);
      await sleep(decision.delayMs, request.signal);
      retriesSoFar += 1;
    }
  }

  #accessTokens(): AccessTokenSource {
    const source = this.#options.accessTokens;
    if (source === undefined) throw new Error('HttpTransport has no access token source');
    return source;
  }

  #decide(outcome: AttemptOutcome, idempotent: boolean, retriesSoFar: number) {
    const { maxRetries, retryDelays: delays } = this.#options;
    return decideRetry(outcome, { idempotent, retriesSoFar, maxRetries, delays });
  }

  #logRetry(fields: Record<string, unknown>, reason: string, delayMs: number, status?: number): void {
    this.#options.logger?.warn({ ...fields, reason, delayMs, status }, 'procountor request will be retried');
  }

  async #attempt(request: TransportRequest, token: string | undefined): Promise<AttemptResult & { cause?: unknown }> {
    const callerSignal = request.signal;
    if (callerSignal?.aborted) throw callerSignal.reason;
    const controller = new AbortController();
    let timedOut = false;
    const timeoutMs = request.timeoutMs ?? this.#options.timeoutMs;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new DOMException(`No answer within ${timeoutMs} ms`, 'TimeoutError'));
    }, timeoutMs);
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    try {
      const url = joinUrl(this.#options.baseUrl, request.path, request.query);
      const response = await this.#options.fetch(url, {
        method: request.method.toUpperCase(),
        headers: this.#headers(request, token),
        body: encodeBody(request.body),
        signal: controller.signal,
      });
      // The body is read under the same timeout: a connection dropped mid-body is an unanswered request too.
      const bytes = new Uint8Array(await response.arrayBuffer());
      return { kind: 'response', response, bytes };
    } catch (error) {
      if (callerSignal?.aborted) throw callerSignal.reason;
      if (timedOut) return { kind: 'timeout', cause: error };
      return { kind: classifyFetchError(error), cause: error };
    } finally {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }

  #headers(request: TransportRequest, token: string | undefined): Headers {
    const headers = new Headers(request.headers);
    headers.set('accept', request.accept ?? 'application/json');
    if (token !== undefined) headers.set('authorization', `Bearer ${token}`);
    if (this.#options.userAgent !== undefined) headers.set('user-agent', this.#options.userAgent);
    // Exactly this Content-Type, no charset: Procountor refuses the token request otherwise (release notes 24.08).
    if (request.body?.type === 'form') headers.set('content-type', 'application/x-www-form-urlencoded');
    if (request.body?.type === 'json') headers.set('content-type', 'application/json');
    // multipart: fetch sets multipart/form-data with its boundary.
    return headers;
  }

  #error(
    request: TransportRequest,
    method: string,
    status: number,
    bytes: Uint8Array,
    retryAfterMs: number | undefined,
    requestId: string,
    token: string | undefined,
  ): ProcountorError {
    const text = new TextDecoder().decode(bytes);
    const rawBody = redactSecrets(text, [...this.#options.secrets(), token]);
    return createProcountorError({ status, method, path: request.path, rawBody, retryAfterMs, requestId });
  }
}

function encodeBody(body: RequestBody | undefined): BodyInit | undefined {
  if (body === undefined) return undefined;
  if (body.type === 'json') return JSON.stringify(body.value);
  return body.value;
}

/** The body of a 2xx response as JSON; undefined when empty (204, or an empty 200). */
export function parseJsonBody<T>(response: TransportResponse): T {
  if (response.bytes.byteLength === 0) return undefined as T;
  const text = new TextDecoder().decode(response.bytes);
  try {
    return JSON.parse(text) as T;
  } catch (error) {
    throw new Error(`Procountor answered ${response.status} with a body that is not JSON: ${text.slice(0, 200)}`, {
      cause: error,
    });
  }
}
