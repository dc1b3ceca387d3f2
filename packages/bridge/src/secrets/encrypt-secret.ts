// Encrypts credentials at rest with AES-256-GCM in a versioned text format: `v1:<iv>:<tag>:<ciphertext>` (base64url).
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** GCM's recommended 96-bit IV (NIST SP 800-38D §8.2); random per encryption, so never reused under one key. */
const IV_BYTES = 12;
/** The full 128-bit authentication tag (NIST SP 800-38D §5.2.1.2). */
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const FORMAT_VERSION = 'v1';

/** Thrown when a stored secret is not ours, was altered, or was sealed with another key. Never carries the secret. */
export class SecretDecryptionError extends Error {
  override name = 'SecretDecryptionError';
}

function assertKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new Error(`The secret key must be ${KEY_BYTES} bytes, got ${key.length}`);
}

/**
 * Encrypts `plaintext`. `context` (e.g. "connection:42:apiKey") is authenticated but not stored: decrypting needs the
 * same context, so a ciphertext copied into another row or column fails instead of decrypting.
 */
export function encryptSecret(plaintext: string, key: Buffer, context = ''): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [FORMAT_VERSION, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
    .join(':');
}

/** Decrypts what encryptSecret produced, with the same key and context. */
export function decryptSecret(stored: string, key: Buffer, context = ''): string {
  assertKey(key);
  const [version, iv, tag, ciphertext, ...rest] = stored.split(':');
  if (version !== FORMAT_VERSION || iv === undefined || tag === undefined || ciphertext === undefined || rest.length) {
    throw new SecretDecryptionError(`Stored secret is not in the ${FORMAT_VERSION}:<iv>:<tag>:<ciphertext> format`);
  }
  const ivBytes = Buffer.from(iv, 'base64url');
  const tagBytes = Buffer.from(tag, 'base64url');
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES) {
    throw new SecretDecryptionError('Stored secret has a malformed IV or authentication tag');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tagBytes);
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch (error) {
    throw new SecretDecryptionError(
      'Stored secret failed authentication: it was altered, or encrypted with another BRIDGE_SECRET_KEY',
      { cause: error },
    );
  }
}
