import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './hash-password';

describe('hashPassword', () => {
  it('stores scrypt parameters, salt and hash, never the password', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(stored).not.toContain('correct');
  });

  it('salts: the same password hashes differently each time', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  it('verifies the right password and refuses a wrong one or an unreadable hash', async () => {
    const stored = await hashPassword('salasana-123');
    expect(await verifyPassword('salasana-123', stored)).toBe(true);
    expect(await verifyPassword('salasana-124', stored)).toBe(false);
    expect(await verifyPassword('salasana-123', 'plain')).toBe(false);
  });
});
