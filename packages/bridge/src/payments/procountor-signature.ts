// HMAC of Procountor webhook deliveries: the secret the bridge registers, and the check of each delivery's signature.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Header with the hex HMAC-SHA256 of the raw body, keyed with Webhook.authenticationMeta.secret. The contract names
 * neither header nor meta key; this is the emulator's documented assumption (packages/emulator/README.md).
 */
export const PROCOUNTOR_SIGNATURE_HEADER = 'x-procountor-signature';
/** The key in Webhook.authenticationMeta that carries the shared secret (same assumption). */
export const PROCOUNTOR_HMAC_SECRET_KEY = 'secret';

/** 32 random bytes, base64url: the shared secret of one connection's Procountor webhook. */
export function newProcountorWebhookSecret(): string {
  return randomBytes(32).toString('base64url');
}

export function signProcountorBody(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('hex');
}

/** Constant-time comparison of the header against the body's HMAC; false for a missing or malformed header. */
export function isValidProcountorSignature(secret: string, body: string, header: string | undefined): boolean {
  if (!header || !/^[0-9a-f]{64}$/i.test(header.trim())) return false;
  const expected = Buffer.from(signProcountorBody(secret, body), 'hex');
  return timingSafeEqual(expected, Buffer.from(header.trim().toLowerCase(), 'hex'));
}
