// The one place that decides whether a failed attempt is retried, given up, or reported as outcome unknown.
import type { OutcomeUnknownReason } from '../errors/request-errors';

/** What one attempt ended with (a 2xx never reaches the policy; a 401 is handled by one token refresh first). */
export type AttemptOutcome =
  | { kind: 'response'; status: number; retryAfterMs: number | undefined }
  /** The connection could not be opened (refused, DNS, unreachable): nothing was sent. */
  | { kind: 'connect-failed' }
  /** The connection broke after the request (or part of it) may have been sent: reset, closed, dropped. */
  | { kind: 'connection-lost' }
  /** No answer within timeoutMs. */
  | { kind: 'timeout' };

export interface RetryDelays {
  /** First backoff delay; doubles each retry. */
  initialMs: number;
  /** Longest backoff delay. */
  maxMs: number;
  /** Longest Retry-After the client waits for; a longer one gives up and reports `retryAfterMs` to the caller. */
  maxRetryAfterMs: number;
}

export interface RetryContext {
  /** GET, PUT and DELETE by default; a caller marks state-changing PUTs (send, markpaid) as not idempotent. */
  idempotent: boolean;
  /** Retries already made for this call (0 after the first attempt). */
  retriesSoFar: number;
  maxRetries: number;
  delays: RetryDelays;
  /** Source of jitter, [0, 1). */
  random?: () => number;
}

export type RetryDecision =
  | { action: 'retry'; delayMs: number; reason: string }
  | { action: 'give-up'; reason: string }
  | { action: 'outcome-unknown'; reason: OutcomeUnknownReason };

/** Exponential backoff with jitter: between half and all of min(maxMs, initialMs * 2^retriesSoFar). */
export function backoffDelayMs(retriesSoFar: number, delays: RetryDelays, random: () => number = Math.random): number {
  const ceiling = Math.min(delays.maxMs, delays.initialMs * 2 ** retriesSoFar);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** Transient or permanent, case by case. Compare stripe-node RequestSender `_shouldRetry`, openai-node `shouldRetry`. */
export function decideRetry(outcome: AttemptOutcome, context: RetryContext): RetryDecision {
  const retriesLeft = context.retriesSoFar < context.maxRetries;
  const backoff = () => backoffDelayMs(context.retriesSoFar, context.delays, context.random);

  if (outcome.kind === 'connect-failed') {
    // Nothing reached Procountor, so even a POST is safe to send again.
    return retriesLeft
      ? { action: 'retry', delayMs: backoff(), reason: 'connection refused before sending' }
      : { action: 'give-up', reason: 'could not connect' };
  }

  if (outcome.kind === 'connection-lost' || outcome.kind === 'timeout') {
    const reason = outcome.kind === 'timeout' ? 'timeout' : 'connection-lost';
    // The request may have been processed. Repeating an idempotent call is harmless; a POST could create a
    // duplicate (no idempotency key in the contract), so the caller must look before retrying.
    if (!context.idempotent) return { action: 'outcome-unknown', reason };
    return retriesLeft ? { action: 'retry', delayMs: backoff(), reason } : { action: 'give-up', reason };
  }

  const { status, retryAfterMs } = outcome;

  if (status === 429 || status === 503 || status === 408) {
    // 429 (rate limited), 503 (unavailable) and 408 (request not received in time) all mean Procountor did not
    // process the request: safe to repeat on any method, after Retry-After when given.
    if (!retriesLeft) return { action: 'give-up', reason: `status ${status}, retries exhausted` };
    if (retryAfterMs !== undefined && retryAfterMs > context.delays.maxRetryAfterMs) {
      // Waiting minutes inside one call helps no one; the caller (a job queue) can reschedule with retryAfterMs.
      return { action: 'give-up', reason: `Retry-After ${retryAfterMs} ms is longer than the client waits` };
    }
    return { action: 'retry', delayMs: retryAfterMs ?? backoff(), reason: `status ${status}` };
  }

  if (status >= 500) {
    // 500, 502, 504 and other 5xx: the request reached Procountor (or its proxy) and may have been processed
    // before it failed. Also UNABLE_TO_GET_CONNECTION (FACTS.md), as it is not documented that nothing was written.
    if (!context.idempotent) return { action: 'outcome-unknown', reason: 'server-error' };
    return retriesLeft
      ? { action: 'retry', delayMs: backoff(), reason: `status ${status}` }
      : { action: 'give-up', reason: `status ${status}, retries exhausted` };
  }

  // Any other 4xx (400 validation, 401 after a refresh, 403, 404, 409 …) is permanent: the same request gets the
  // same answer. Fix the data or the credentials instead.
  return { action: 'give-up', reason: `status ${status} is permanent` };
}
