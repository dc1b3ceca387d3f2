import { describe, expect, it } from 'vitest';
import {
  createPersonalIdentityCode,
  maskPersonalIdentityCode,
  validatePersonalIdentityCode,
} from './personal-identity-code';

describe('validatePersonalIdentityCode', () => {
  // dvv.fi's published example 131052-308T; 010594Y9032 and 010594Y9021 are DVV's examples of the 2023 century signs.
  it.each(['131052-308T', '010594Y9032', '010594Y9021', '020202A0202'])('accepts %s', (code) => {
    expect(validatePersonalIdentityCode(code)).toEqual({ valid: true });
  });

  it('names the expected check character', () => {
    expect(validatePersonalIdentityCode('131052-308U')).toEqual({
      valid: false,
      reason: 'the check character should be T',
    });
  });

  it.each([
    ['311352-308T', 'is not a date'],
    ['131052Q308T', 'must be DDMMYY'],
    ['131052-000T', 'individual number'],
    ['', 'must not be empty'],
  ])('refuses %s', (code, reason) => {
    const result = validatePersonalIdentityCode(code);
    expect(result.valid).toBe(false);
    expect(result.valid === false && result.reason).toContain(reason);
  });
});

describe('createPersonalIdentityCode', () => {
  it('appends the check character', () => {
    expect(createPersonalIdentityCode('131052', '-', '308')).toEqual({ valid: true, value: '131052-308T' });
  });
});

describe('maskPersonalIdentityCode', () => {
  it('keeps only the individual number and the check character', () => {
    expect(maskPersonalIdentityCode(' 131052-308T ')).toBe('******308T');
    expect(maskPersonalIdentityCode('010594Y9032')).not.toContain('010594');
  });
});
