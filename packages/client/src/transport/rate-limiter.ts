// Token-bucket rate limiter; one instance can be shared by several clients of one Procountor connection.
import { sleep } from './sleep';

/** What the client asks of a rate limiter: wait until one more request may start. */
export interface RateLimiter {
  acquire(signal?: AbortSignal): Promise<void>;
}

export interface TokenBucketOptions {
  /** Sustained rate. Procountor publishes no limit (FACTS.md); pick one per connection. */
  requestsPerSecond: number;
  /** Requests allowed at once after a quiet spell. Default: requestsPerSecond rounded up, at least 1. */
  burst?: number;
  /** Clock in milliseconds; injectable for tests. Default performance.now. */
  now?: () => number;
  /** Delay function; injectable for tests. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Grants requests first come, first served, at most `burst` at once and `requestsPerSecond` on average. */
export class TokenBucketRateLimiter implements RateLimiter {
  readonly requestsPerSecond: number;
  readonly burst: number;
  #tokens: number;
  #updatedAtMs: number;
  #queue: Promise<void> = Promise.resolve();
  readonly #now: () => number;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(options: TokenBucketOptions) {
    if (!(options.requestsPerSecond > 0)) {
      throw new RangeError(`requestsPerSecond must be a positive number, got ${options.requestsPerSecond}`);
    }
    const burst = options.burst ?? Math.max(1, Math.ceil(options.requestsPerSecond));
    if (!(burst >= 1)) throw new RangeError(`burst must be at least 1, got ${burst}`);
    this.requestsPerSecond = options.requestsPerSecond;
    this.burst = burst;
    this.#now = options.now ?? (() => performance.now());
    this.#sleep = options.sleep ?? sleep;
    this.#tokens = burst;
    this.#updatedAtMs = this.#now();
  }

  /** Resolves when the request may start; rejects with the signal's reason if aborted while waiting. */
  acquire(signal?: AbortSignal): Promise<void> {
    // Chaining keeps the order of callers; a caller that aborts leaves the queue without blocking the next.
    const turn = this.#queue.then(() => this.#take(signal));
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  async #take(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      this.#refill();
      if (this.#tokens >= 1) {
        this.#tokens -= 1;
        return;
      }
      const waitMs = Math.ceil(((1 - this.#tokens) / this.requestsPerSecond) * 1000);
      await this.#sleep(waitMs, signal);
    }
  }

  #refill(): void {
    const nowMs = this.#now();
    const elapsedMs = Math.max(0, nowMs - this.#updatedAtMs);
    this.#tokens = Math.min(this.burst, this.#tokens + (elapsedMs / 1000) * this.requestsPerSecond);
    this.#updatedAtMs = nowMs;
  }
}
