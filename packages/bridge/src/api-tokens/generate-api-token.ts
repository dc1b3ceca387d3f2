// Makes API tokens: `pb_` + 32 random bytes base64url, kept only as a SHA-256 hash and a short prefix for display.
import { createHash, randomBytes } from 'node:crypto';

const TOKEN_PREFIX = 'pb_';
/** 256 bits: guessing is hopeless, so a plain SHA-256 (no salt, no slow hash) is enough to store it. */
const TOKEN_BYTES = 32;
/** `pb_` and the first 8 characters: enough to tell tokens apart in a list, far too little to guess the rest. */
const DISPLAY_PREFIX_LENGTH = TOKEN_PREFIX.length + 8;

export interface GeneratedApiToken {
  token: string;
  hash: string;
  prefix: string;
}

export function hashApiToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function generateApiToken(): GeneratedApiToken {
  const token = `${TOKEN_PREFIX}${randomBytes(TOKEN_BYTES).toString('base64url')}`;
  return { token, hash: hashApiToken(token), prefix: token.slice(0, DISPLAY_PREFIX_LENGTH) };
}
