// Verifies a webhook request from the bridge (docs/webhooks.md) and returns its typed event, as Stripe's
// constructEvent does: X-Bridge-Signature `v1=<hex HMAC-SHA256(secret, "<X-Bridge-Timestamp>.<raw body>")>`.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { BridgeWebhookEvent } from '../bridge-types';
import { WebhookVerificationError } from './webhook-verification-error';

/**
 * The only signature scheme so far: `v1=` and 64 hex digits. Other entries in the header are skipped, so a newer
 * bridge can add a scheme without breaking this check.
 */
const V1_SIGNATURE = /^v1=([0-9a-f]{64})$/i;
/** Five minutes either way (docs/webhooks.md): room for clock drift, too short to replay a captured request later. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

/** Node's IncomingHttpHeaders (lower-case names), a fetch Headers, or any name → value record. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export interface VerifyWebhookOptions {
  /** How far X-Bridge-Timestamp may be from now, in seconds. Default 300. */
  toleranceSeconds?: number;
  /** Now in unix seconds; default the clock. */
  nowSeconds?: number;
}

function header(headers: WebhookHeaders, name: string): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const key = Object.keys(record).find((candidate) => candidate.toLowerCase() === name);
  const value = key === undefined ? undefined : record[key];
  return Array.isArray(value) ? value.join(',') : value;
}

/**
 * Checks a webhook request and returns its event. `rawBody` must be the body exactly as received (a Buffer or the
 * string of its bytes): JSON parsed and serialised again may differ byte for byte, and its signature would not
 * match. Every v1 signature in the header is tried (the bridge may send several while a secret is rotated), each
 * compared in constant time.
 * @throws WebhookVerificationError whose `reason` says which check failed; answer such a request 400 and drop it.
 */
export function verifyWebhook(
  rawBody: string | Buffer | Uint8Array,
  headers: WebhookHeaders,
  secret: string,
  options: VerifyWebhookOptions = {},
): BridgeWebhookEvent {
  if (!secret) throw new TypeError("secret is required: the endpoint's signing secret (whsec_…)");
  const signatureHeader = header(headers, 'x-bridge-signature');
  if (!signatureHeader) {
    throw new WebhookVerificationError('missing_signature', 'The request has no X-Bridge-Signature header.');
  }
  const timestampHeader = header(headers, 'x-bridge-timestamp');
  if (!timestampHeader) {
    throw new WebhookVerificationError('missing_timestamp', 'The request has no X-Bridge-Timestamp header.');
  }
  if (!/^\d+$/.test(timestampHeader.trim())) {
    throw new WebhookVerificationError(
      'invalid_timestamp',
      `X-Bridge-Timestamp '${timestampHeader}' is not unix seconds (an integer).`,
    );
  }
  const timestamp = Number(timestampHeader.trim());
  const tolerance = options.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > tolerance) {
    throw new WebhookVerificationError(
      'timestamp_outside_tolerance',
      `X-Bridge-Timestamp is ${now - timestamp} s from now; at most ${tolerance} s either way is accepted ` +
        '(a replayed request, or a clock far off).',
    );
  }

  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : Buffer.from(rawBody);
  const expected = createHmac('sha256', secret).update(`${timestamp}.`, 'utf8').update(body).digest();
  const candidates = signatureHeader
    .split(',')
    .map((part) => V1_SIGNATURE.exec(part.trim())?.[1])
    .filter((hex) => hex !== undefined)
    .map((hex) => Buffer.from(hex, 'hex'));
  // Every candidate is 32 bytes, as the digest is: compared byte for byte in constant time.
  if (!candidates.some((candidate) => timingSafeEqual(candidate, expected))) {
    throw new WebhookVerificationError(
      'no_matching_signature',
      'No v1 signature in X-Bridge-Signature matches this body and timestamp with this secret (wrong secret, or ' +
        'a body changed on the way: verify the raw bytes, not re-serialised JSON).',
    );
  }

  try {
    return JSON.parse(body.toString('utf8')) as BridgeWebhookEvent;
  } catch (error) {
    throw new WebhookVerificationError('invalid_body', 'The signed body is not JSON.', { cause: error });
  }
}
