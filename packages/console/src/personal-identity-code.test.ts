import { createPersonalIdentityCode } from '@procountor-bridge/client/finnish';
import { describe, expect, it } from 'vitest';
import { maskPersonalIdentityCode } from './personal-identity-code';

describe('maskPersonalIdentityCode', () => {
  it('keeps the birth date and the century sign, hides the individual number and the check character', () => {
    const made = createPersonalIdentityCode('010190', '-', '123');
    if (!made.valid) throw new Error(made.reason);
    expect(maskPersonalIdentityCode(made.value)).toBe('010190-****');
    expect(maskPersonalIdentityCode('150585A123X')).toBe('150585A****');
  });
});
