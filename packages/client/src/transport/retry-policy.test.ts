import { describe, expect, it } from 'vitest';
import { type AttemptOutcome, backoffDelayMs, decideRetry, type RetryContext } from './retry-policy';

const delays = { initialMs: 500, maxMs: 8_000, maxRetryAfterMs: 60_000 };
const context = (overrides: Partial<RetryContext> = {}): RetryContext => ({
  idempotent: true,
  retriesSoFar: 0,
  maxRetries: 2,
  delays,
  random: () => 0.5,
  ...overrides,
});
const response = (status: number, retryAfterMs?: number): AttemptOutcome => ({
  kind: 'response',
  status,
  retryAfterMs,
});

describe('decideRetry', () => {
  it('retries 429 and 503 on any method, after Retry-After when given', () => {
    for (const idempotent of [true, false]) {
      expect(decideRetry(response(429, 1_000), context({ idempotent }))).toMatchObject({
        action: 'retry',
        delayMs: 1_000,
      });
      expect(decideRetry(response(503), context({ idempotent }))).toMatchObject({ action: 'retry' });
    }
  });

  it('gives up on a Retry-After longer than maxRetryAfterMs', () => {
    expect(decideRetry(response(429, 120_000), context())).toMatchObject({ action: 'give-up' });
  });

  it('retries other 5xx only when idempotent; a POST gets outcome unknown', () => {
    expect(decideRetry(response(500), context())).toMatchObject({ action: 'retry' });
    expect(decideRetry(response(502), context({ idempotent: false }))).toEqual({
      action: 'outcome-unknown',
      reason: 'server-error',
    });
  });

  it('never retries a permanent 4xx', () => {
    for (const status of [400, 401, 403, 404, 409]) {
      expect(decideRetry(response(status), context()).action).toBe('give-up');
    }
  });

  it('retries a refused connection on any method, since nothing was sent', () => {
    expect(decideRetry({ kind: 'connect-failed' }, context({ idempotent: false })).action).toBe('retry');
  });

  it('reports a lost connection or a timeout on a non-idempotent call as outcome unknown, even with retries left', () => {
    expect(decideRetry({ kind: 'connection-lost' }, context({ idempotent: false }))).toEqual({
      action: 'outcome-unknown',
      reason: 'connection-lost',
    });
    expect(decideRetry({ kind: 'timeout' }, context({ idempotent: false }))).toEqual({
      action: 'outcome-unknown',
      reason: 'timeout',
    });
    expect(decideRetry({ kind: 'timeout' }, context()).action).toBe('retry');
  });

  it('gives up once maxRetries is reached', () => {
    const exhausted = context({ retriesSoFar: 2 });
    expect(decideRetry(response(503), exhausted).action).toBe('give-up');
    expect(decideRetry({ kind: 'connection-lost' }, exhausted).action).toBe('give-up');
    expect(decideRetry({ kind: 'connect-failed' }, exhausted).action).toBe('give-up');
  });
});

describe('backoffDelayMs', () => {
  it('doubles per retry, stays between half and all of the ceiling, and is capped by maxMs', () => {
    expect(backoffDelayMs(0, delays, () => 0)).toBe(250);
    expect(backoffDelayMs(0, delays, () => 0.999999)).toBe(500);
    expect(backoffDelayMs(2, delays, () => 0)).toBe(1_000);
    expect(backoffDelayMs(10, delays, () => 0.999999)).toBe(8_000);
  });
});
