import { describe, expect, it } from 'vitest';
import { TokenCache } from './token-cache';

describe('TokenCache', () => {
  it('keeps a token until the refresh margin before expiry', async () => {
    let nowMs = 0;
    const cache = new TokenCache({ refreshMarginMs: 60_000, now: () => nowMs });
    let issued = 0;
    const request = async () => ({ accessToken: `t${++issued}`, expiresInSeconds: 3600 });
    expect(await cache.get('k', request)).toBe('t1');
    nowMs = 3_539_000;
    expect(await cache.get('k', request)).toBe('t1');
    nowMs = 3_540_000;
    expect(await cache.get('k', request)).toBe('t2');
  });

  it('runs one token request for concurrent callers', async () => {
    const cache = new TokenCache();
    let requests = 0;
    const request = async () => {
      requests += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { accessToken: 'shared', expiresInSeconds: 3600 };
    };
    const tokens = await Promise.all(Array.from({ length: 5 }, () => cache.get('k', request)));
    expect(tokens).toEqual(Array(5).fill('shared'));
    expect(requests).toBe(1);
  });

  it('forgets a refused token but keeps a newer one', async () => {
    const cache = new TokenCache();
    let issued = 0;
    const request = async () => ({ accessToken: `t${++issued}`, expiresInSeconds: 3600 });
    await cache.get('k', request);
    cache.invalidate('k', 't1');
    expect(await cache.get('k', request)).toBe('t2');
    cache.invalidate('k', 't1');
    expect(await cache.get('k', request)).toBe('t2');
  });

  it('does not cache a failed token request', async () => {
    const cache = new TokenCache();
    await expect(cache.get('k', () => Promise.reject(new Error('refused')))).rejects.toThrow('refused');
    await expect(cache.get('k', async () => ({ accessToken: 'ok', expiresInSeconds: 60 }))).resolves.toBe('ok');
  });

  it('keys by base URL, client id and API key without holding the key in clear', () => {
    const key = TokenCache.keyFor({ baseUrl: 'https://x/api', clientId: 'c', apiKey: 'very-secret' });
    expect(key).not.toContain('very-secret');
    expect(key).not.toBe(TokenCache.keyFor({ baseUrl: 'https://y/api', clientId: 'c', apiKey: 'very-secret' }));
  });
});
