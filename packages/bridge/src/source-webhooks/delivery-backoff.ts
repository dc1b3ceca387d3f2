// When a failed webhook delivery is tried again: exponential backoff with jitter, capped, with a last attempt.

export interface DeliveryRetryPolicy {
  /** Wait after the first failure; doubles with each further one. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** Attempts in all, the first one included; after the last failure the delivery is `failed`. */
  maxAttempts: number;
}

/** 30 s doubling to at most 1 h, 15 attempts: about 10 hours of retries, enough to ride out a night's outage. */
export const DEFAULT_DELIVERY_RETRY_POLICY: DeliveryRetryPolicy = {
  baseDelaySeconds: 30,
  maxDelaySeconds: 3600,
  maxAttempts: 15,
};

/**
 * Seconds to wait after failed attempt number `attempts` (1-based), or null when that was the last one.
 * Jitter of ±20 % keeps the retries of many deliveries that failed together (a receiver outage) from arriving
 * together when it comes back.
 */
export function retryDelaySeconds(
  attempts: number,
  policy: DeliveryRetryPolicy,
  random: () => number = Math.random,
): number | null {
  if (attempts >= policy.maxAttempts) return null;
  const exponential = Math.min(policy.baseDelaySeconds * 2 ** (attempts - 1), policy.maxDelaySeconds);
  const jittered = exponential * (0.8 + 0.4 * random());
  return Math.max(1, Math.round(jittered));
}
