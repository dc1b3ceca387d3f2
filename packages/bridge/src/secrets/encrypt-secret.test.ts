// Tests AES-256-GCM secret sealing: round trip, fresh IV each time, tamper and wrong-key detection, masking.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, SecretDecryptionError } from './encrypt-secret';
import { maskSecret } from './mask-secret';

const key = randomBytes(32);

describe('encryptSecret / decryptSecret', () => {
  it('round-trips a secret, including non-ASCII text, in the v1:<iv>:<tag>:<ciphertext> format', () => {
    const stored = encryptSecret('api-key-äö-€', key);
    expect(stored).toMatch(/^v1:[\w-]{16}:[\w-]{22}:[\w-]+$/);
    expect(stored).not.toContain('api-key');
    expect(decryptSecret(stored, key)).toBe('api-key-äö-€');
  });

  it('uses a fresh IV each time, so equal secrets do not look equal', () => {
    expect(encryptSecret('same', key)).not.toBe(encryptSecret('same', key));
  });

  it('detects a changed ciphertext, IV or tag', () => {
    const [version, iv, tag, ciphertext] = encryptSecret('client-secret', key).split(':') as [
      string,
      string,
      string,
      string,
    ];
    const flip = (part: string) => {
      const bytes = Buffer.from(part, 'base64url');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString('base64url');
    };
    for (const tampered of [
      [version, iv, tag, flip(ciphertext)],
      [version, flip(iv), tag, ciphertext],
      [version, iv, flip(tag), ciphertext],
    ]) {
      expect(() => decryptSecret(tampered.join(':'), key)).toThrow(SecretDecryptionError);
    }
  });

  it('refuses another key, another context, and text not in the format', () => {
    const stored = encryptSecret('client-secret', key, 'connection:1:clientSecret');
    expect(() => decryptSecret(stored, randomBytes(32), 'connection:1:clientSecret')).toThrow(
      /another BRIDGE_SECRET_KEY/,
    );
    expect(() => decryptSecret(stored, key, 'connection:2:clientSecret')).toThrow(SecretDecryptionError);
    expect(decryptSecret(stored, key, 'connection:1:clientSecret')).toBe('client-secret');
    expect(() => decryptSecret('plain-text-secret', key)).toThrow(/not in the v1/);
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => encryptSecret('x', randomBytes(16))).toThrow('must be 32 bytes');
  });
});

describe('maskSecret', () => {
  it('shows only the last four characters', () => {
    expect(maskSecret('abcdefghijklmnopqrstuvwxyz')).toBe('…wxyz');
  });

  it('shows nothing of a short secret', () => {
    expect(maskSecret('short-key')).toBe('…');
  });
});
