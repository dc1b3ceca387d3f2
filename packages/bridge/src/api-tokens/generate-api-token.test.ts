// Tests token generation: the pb_ format, a fresh token each time, and a stored hash that is not the token.
import { describe, expect, it } from 'vitest';
import { generateApiToken, hashApiToken } from './generate-api-token';

describe('generateApiToken', () => {
  it('makes pb_ plus 43 base64url characters, with its SHA-256 and an 11-character prefix', () => {
    const generated = generateApiToken();
    expect(generated.token).toMatch(/^pb_[A-Za-z0-9_-]{43}$/);
    expect(generated.hash).toBe(hashApiToken(generated.token));
    expect(generated.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(generated.prefix).toBe(generated.token.slice(0, 11));
  });

  it('never makes the same token twice', () => {
    expect(generateApiToken().token).not.toBe(generateApiToken().token);
  });
});
