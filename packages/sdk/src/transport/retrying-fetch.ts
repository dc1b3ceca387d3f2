// The fetch every SDK call goes through: an Idempotency-Key on submits, a time limit per attempt, and retries of
// 429, 5xx and network failures where repeating the request is safe, honouring Retry-After.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { type AttemptOutcome, classifyFetchError, decideRetry, parseRetryAfterMs } from '@procountor-bridge/client';
import { BridgeConnectionError, BridgeOutcomeUnknownError } from '../errors/bridge-api-error';
import { IDEMPOTENCY_KEY_HEADER, takesIdempotencyKey } from './idempotency-key';

export interface RetryOptions {
  /** Retries after the first attempt, where the retry rules allow them. Default 2. */
  maxRetries?: number;
  /** First backoff delay, doubling each retry, with jitter (between half and all of it). Default 500 ms. */
  initialRetryDelayMs?: number;
  /** Longest backoff delay. Default 8,000 ms. */
  maxRetryDelayMs?: number;
  /** Longest Retry-After waited for; a longer one ends the retries and the answer (429/503) is returned. Default 60 s. */
  maxRetryAfterMs?: number;
  /** Time limit of each attempt. Default 60,000 ms. */
  timeoutMs?: number;
}

export interface RetryingFetchOptions extends RetryOptions {
  /** The fetch implementation; default the global fetch. */
  fetch?: typeof fetch;
  /** Told about each retry (e.g. a logger's warn). */
  onRetry?: (retry: { method: string; url: string; retry: number; delayMs: number; reason: string }) => void;
}

/** Methods the HTTP standard calls idempotent: repeating them has the effect of sending them once. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);

function isTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'TimeoutError';
}

/**
 * A signal that aborts with a TimeoutError after `ms`, as AbortSignal.timeout does, but held by its own timer: Node 20's
 * AbortSignal.any keeps only weak references to its sources, so an AbortSignal.timeout passed to it can be garbage
 * collected before it fires, and the attempt then never times out. Unref'd: it never keeps a process alive.
 */
function attemptTimeout(ms: number): AbortSignal {
  const controller = new AbortController();
  setTimeout(
    () => controller.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')),
    ms,
  ).unref();
  return controller.signal;
}

/** Waits before a retry; the caller's abort ends the wait with the caller's reason. */
async function waitUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  try {
    await sleep(ms, undefined, { signal });
  } catch (error) {
    throw signal.aborted ? (signal.reason ?? error) : error;
  }
}

/** A fetch for openapi-fetch's `fetch` option: takes the Request it built and answers the last attempt's Response. */
export function createRetryingFetch(options: RetryingFetchOptions = {}): (request: Request) => Promise<Response> {
  const baseFetch = options.fetch ?? globalThis.fetch;
  const maxRetries = options.maxRetries ?? 2;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const delays = {
    initialMs: options.initialRetryDelayMs ?? 500,
    maxMs: options.maxRetryDelayMs ?? 8_000,
    maxRetryAfterMs: options.maxRetryAfterMs ?? 60_000,
  };

  return async (request) => {
    const { method, url } = request;
    // One key per logical request, the same on every retry below: the bridge answers a repeat with the stored answer.
    if (!request.headers.has(IDEMPOTENCY_KEY_HEADER) && takesIdempotencyKey(method, new URL(url).pathname)) {
      request.headers.set(IDEMPOTENCY_KEY_HEADER, randomUUID());
    }
    // A POST with a key is as safe to repeat as a PUT: the bridge does the work once.
    const idempotent = IDEMPOTENT_METHODS.has(method) || request.headers.has(IDEMPOTENCY_KEY_HEADER);

    const attempt = async (): Promise<{ response: Response } | { error: unknown }> => {
      try {
        // A clone per attempt: a body can be read once, and the original stays unread for the next attempt.
        const signal = AbortSignal.any([request.signal, attemptTimeout(timeoutMs)]);
        return { response: await baseFetch(request.clone(), { signal }) };
      } catch (error) {
        // The caller's own abort ends everything at once.
        if (request.signal.aborted) throw request.signal.reason ?? error;
        return { error };
      }
    };

    for (let retriesSoFar = 0; ; retriesSoFar++) {
      const result = await attempt();
      let outcome: AttemptOutcome;
      if ('response' in result) {
        const { status, headers } = result.response;
        if (status < 400) return result.response;
        outcome = { kind: 'response', status, retryAfterMs: parseRetryAfterMs(headers.get('retry-after')) };
      } else {
        outcome = isTimeout(result.error) ? { kind: 'timeout' } : { kind: classifyFetchError(result.error) };
      }
      // The rules, case by case, are the Procountor client's (its transport/retry-policy.ts): 429, 503 and 408 on any
      // method; other 5xx, timeouts and lost connections only when idempotent; a refused connection always.
      const decision = decideRetry(outcome, { idempotent, retriesSoFar, maxRetries, delays });
      if (decision.action === 'retry') {
        if ('response' in result) await result.response.body?.cancel();
        options.onRetry?.({ method, url, retry: retriesSoFar + 1, delayMs: decision.delayMs, reason: decision.reason });
        await waitUnlessAborted(decision.delayMs, request.signal);
        continue;
      }
      // Given up, or not safe to repeat: the caller sees the bridge's last answer as it is.
      if ('response' in result) return result.response;
      if (decision.action === 'outcome-unknown') {
        throw new BridgeOutcomeUnknownError({ method, url, reason: decision.reason, cause: result.error });
      }
      throw new BridgeConnectionError({ method, url, timedOut: outcome.kind === 'timeout', cause: result.error });
    }
  };
}
