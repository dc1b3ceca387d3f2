// Endpoint signing secrets: generated as `whsec_…`, stored encrypted, bound to their endpoint by the encryption context.
import { randomBytes } from 'node:crypto';
import { encryptSecret } from '../secrets/encrypt-secret';

/** 32 random bytes: the strength of the HMAC-SHA256 key it becomes. */
const SECRET_BYTES = 32;

export function generateEndpointSecret(): string {
  return `whsec_${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

/** A secret copied into another endpoint's row fails to decrypt instead of signing for it. */
export function endpointSecretContext(endpointId: string): string {
  return `webhook-endpoint:${endpointId}:secret`;
}

export function encryptEndpointSecret(secret: string, key: Buffer, endpointId: string): string {
  return encryptSecret(secret, key, endpointSecretContext(endpointId));
}
