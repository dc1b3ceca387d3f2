// Token bucket per integrator client: N requests per second with a burst of N; says how long to wait when empty.
export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until a request would be allowed (Retry-After); 0 when allowed. */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

export class RateLimiter {
  #buckets = new Map<string, Bucket>();

  constructor(private readonly now: () => number) {}

  take(key: string, perSecond: number): RateDecision {
    const nowMs = this.now();
    const bucket = this.#buckets.get(key) ?? { tokens: perSecond, updatedMs: nowMs };
    // Refill for the time passed, never above one second's worth (the burst).
    bucket.tokens = Math.min(perSecond, bucket.tokens + ((nowMs - bucket.updatedMs) / 1000) * perSecond);
    bucket.updatedMs = nowMs;
    this.#buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    const waitMs = ((1 - bucket.tokens) / perSecond) * 1000;
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  clear(): void {
    this.#buckets.clear();
  }
}
