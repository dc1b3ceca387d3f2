// Bearer tokens kept per (base URL, client id, API key) until shortly before they expire; one request in flight.
import { createHash } from 'node:crypto';
import type { IssuedToken } from './request-token';

interface CachedToken {
  accessToken: string;
  /** When to stop using it: expiry minus the refresh margin. */
  refreshAtMs: number;
}

export interface TokenCacheOptions {
  /** Stop using a token this long before it expires. Default 60,000 ms (at most half the token's lifetime). */
  refreshMarginMs?: number;
  /** Clock, injectable for tests. Default Date.now. */
  now?: () => number;
}

/**
 * Share one instance between clients of the same Procountor connection (same client id and API key) so they share
 * one token. Concurrent callers wait for the same token request instead of each sending one.
 */
export class TokenCache {
  readonly #tokens = new Map<string, CachedToken>();
  readonly #inFlight = new Map<string, Promise<CachedToken>>();
  readonly #refreshMarginMs: number;
  readonly #now: () => number;

  constructor(options: TokenCacheOptions = {}) {
    this.#refreshMarginMs = options.refreshMarginMs ?? 60_000;
    this.#now = options.now ?? Date.now;
  }

  /**
   * The cache key of a connection. A hash, so the API key itself is not kept as a map key; the base URL is part of
   * it because the same credentials on production and the test server get different tokens.
   */
  static keyFor(parts: { baseUrl: string; clientId: string; apiKey: string }): string {
    return createHash('sha256').update(`${parts.baseUrl}\n${parts.clientId}\n${parts.apiKey}`).digest('hex');
  }

  /** A valid token for `key`, from the cache or from `request` (started once however many callers wait). */
  async get(key: string, request: () => Promise<IssuedToken>): Promise<string> {
    const cached = this.#tokens.get(key);
    if (cached !== undefined && this.#now() < cached.refreshAtMs) return cached.accessToken;
    let pending = this.#inFlight.get(key);
    if (pending === undefined) {
      pending = this.#fetch(key, request);
      this.#inFlight.set(key, pending);
    }
    return (await pending).accessToken;
  }

  /** Forgets `token` after Procountor refused it (401); a newer token already cached is kept. */
  invalidate(key: string, token: string): void {
    if (this.#tokens.get(key)?.accessToken === token) this.#tokens.delete(key);
  }

  async #fetch(key: string, request: () => Promise<IssuedToken>): Promise<CachedToken> {
    try {
      const issued = await request();
      const lifetimeMs = issued.expiresInSeconds * 1000;
      const marginMs = Math.min(this.#refreshMarginMs, lifetimeMs / 2);
      const token = { accessToken: issued.accessToken, refreshAtMs: this.#now() + lifetimeMs - marginMs };
      this.#tokens.set(key, token);
      return token;
    } finally {
      this.#inFlight.delete(key);
    }
  }
}
