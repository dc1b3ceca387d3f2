// A per-connection rate limit that holds across bridge processes: a token bucket in the rate_buckets table.
import type { RateLimiter } from '@procountor-bridge/client';
import { sql } from 'kysely';
import type { Database } from '../storage/schema';

export interface ConnectionRateLimiterOptions {
  connectionId: string;
  /** settings.rateLimitPerSecond: Procountor publishes no limit (FACTS.md), so each connection sets its own. */
  requestsPerSecond: number;
  /** Requests allowed at once after a quiet spell. Default requestsPerSecond rounded up, at least 1. */
  burst?: number;
  /** Wall clock; injectable for tests. The bucket's refill time is stored, so every process must share one clock. */
  now?: () => Date;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** What one attempt to take a request found: granted, or how long until one more request is allowed. */
export type TakeResult = { granted: true } | { granted: false; waitMs: number };

const sleepFor = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });

/**
 * Implements the client's RateLimiter over one row per connection. Each take is one `UPDATE … RETURNING` that refills
 * the bucket by the time elapsed since `refilled_at` and takes a token only when one is there; PostgreSQL re-checks
 * the WHERE on the newest row version when two processes update it at once, so no token is granted twice.
 */
export class ConnectionRateLimiter implements RateLimiter {
  readonly connectionId: string;
  readonly requestsPerSecond: number;
  readonly burst: number;
  readonly #db: Database;
  readonly #now: () => Date;
  readonly #sleep: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(db: Database, options: ConnectionRateLimiterOptions) {
    if (!(options.requestsPerSecond > 0)) {
      throw new RangeError(`requestsPerSecond must be a positive number, got ${options.requestsPerSecond}`);
    }
    this.#db = db;
    this.connectionId = options.connectionId;
    this.requestsPerSecond = options.requestsPerSecond;
    this.burst = options.burst ?? Math.max(1, Math.ceil(options.requestsPerSecond));
    this.#now = options.now ?? (() => new Date());
    this.#sleep = options.sleep ?? sleepFor;
  }

  /** Resolves when one more request to Procountor may start. */
  async acquire(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw signal.reason;
      const result = await this.tryTake();
      if (result.granted) return;
      await this.#sleep(result.waitMs, signal);
    }
  }

  /** One attempt: takes a token if the bucket has one now. */
  async tryTake(): Promise<TakeResult> {
    const now = this.#now();
    // Tokens available now: what was left plus the refill since then, capped at the burst. A clock behind the
    // stored time (another process's clock) refills nothing rather than a negative amount.
    const available = sql<number>`least(${this.burst}::float8, tokens + greatest(0, extract(epoch from (${now}::timestamptz - refilled_at)))::float8 * ${this.requestsPerSecond}::float8)`;
    const taken = await this.#db
      .updateTable('rate_buckets')
      .set({
        tokens: sql<number>`${available} - 1`,
        refilled_at: sql<Date>`greatest(refilled_at, ${now}::timestamptz)`,
      })
      .where('connection_id', '=', this.connectionId)
      .where(sql<boolean>`${available} >= 1`)
      .returning('tokens')
      .executeTakeFirst();
    if (taken) return { granted: true };

    const bucket = await this.#db
      .selectFrom('rate_buckets')
      .select(available.as('available'))
      .where('connection_id', '=', this.connectionId)
      .executeTakeFirst();
    if (!bucket) {
      // First request of this connection: a full bucket, created by whichever process comes first.
      await this.#db
        .insertInto('rate_buckets')
        .values({ connection_id: this.connectionId, tokens: this.burst, refilled_at: now })
        .onConflict((conflict) => conflict.column('connection_id').doNothing())
        .execute();
      return this.tryTake();
    }
    const missing = Math.max(0, 1 - Number(bucket.available));
    return { granted: false, waitMs: Math.max(1, Math.ceil((missing / this.requestsPerSecond) * 1000)) };
  }
}
