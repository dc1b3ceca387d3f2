import { describe, expect, it } from 'vitest';
import { normalizeBaseUrl, PROCOUNTOR_TEST_BASE_URL, procountorBaseUrl } from './environments';

describe('procountorBaseUrl', () => {
  it('builds unversioned and versioned bases', () => {
    expect(procountorBaseUrl('production')).toBe('https://api.procountor.com/api');
    expect(procountorBaseUrl('test')).toBe(PROCOUNTOR_TEST_BASE_URL);
    expect(procountorBaseUrl('production', 'latest')).toBe('https://api.procountor.com/latest/api');
    expect(procountorBaseUrl('test', 'v2604')).toBe('https://pts-api.procountor.com/v2604/api');
  });

  it('refuses a malformed version', () => {
    expect(() => procountorBaseUrl('production', 'v26' as never)).toThrow('vYYMM');
  });
});

describe('normalizeBaseUrl', () => {
  it('accepts any http(s) URL and drops a trailing slash', () => {
    expect(normalizeBaseUrl('http://127.0.0.1:4010/api/')).toBe('http://127.0.0.1:4010/api');
  });

  it('refuses what is not an http(s) URL', () => {
    expect(() => normalizeBaseUrl('api.procountor.com')).toThrow('not a URL');
    expect(() => normalizeBaseUrl('ftp://x/api')).toThrow('https://');
  });
});
