// The principals of tokens resolved in the last few seconds, so a busy source costs one token look-up per interval
// instead of one per request. Only stored tokens that resolved are kept, so unknown tokens cannot fill it.
import type { Principal } from '../server/principal';

export interface RecentPrincipals {
  get(tokenHash: string, nowMs: number): Principal | undefined;
  set(tokenHash: string, principal: Principal, nowMs: number): void;
  /** Forgets every entry of this token at once: a revocation in this process takes effect on the next request. */
  forgetToken(tokenId: string): void;
}

export function createRecentPrincipals(ttlMs: number): RecentPrincipals {
  const entries = new Map<string, { principal: Principal; expiresAtMs: number }>();
  return {
    get(tokenHash, nowMs) {
      const entry = entries.get(tokenHash);
      if (!entry) return undefined;
      if (entry.expiresAtMs > nowMs) return entry.principal;
      entries.delete(tokenHash);
      return undefined;
    },
    set(tokenHash, principal, nowMs) {
      entries.set(tokenHash, { principal, expiresAtMs: nowMs + ttlMs });
    },
    forgetToken(tokenId) {
      for (const [hash, entry] of entries) if (entry.principal.tokenId === tokenId) entries.delete(hash);
    },
  };
}
