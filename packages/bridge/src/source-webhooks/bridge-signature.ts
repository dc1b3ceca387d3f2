// Signs webhook bodies and verifies them: `v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` (docs/webhooks.md).
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The only signature scheme so far; a header may carry several (`v1=…, v1=…`) while a source rotates its secret. */
const SCHEME = 'v1';
/** Five minutes either way: long enough for clock drift and slow proxies, short enough to refuse replays. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signBridgePayload(input: { secret: string; timestamp: number; body: string }): string {
  const digest = createHmac('sha256', input.secret).update(`${input.timestamp}.${input.body}`, 'utf8').digest('hex');
  return `${SCHEME}=${digest}`;
}

export interface VerifyBridgeSignatureInput {
  /** The endpoint's secret, `whsec_…`, as shown when the endpoint was created or its secret rotated. */
  secret: string;
  /** The X-Bridge-Timestamp header (unix seconds), as a string or a number. */
  timestamp: string | number;
  /** The raw request body exactly as received: re-serialised JSON may differ byte for byte. */
  body: string | Buffer;
  /** The X-Bridge-Signature header. */
  signature: string;
  /** How far the timestamp may be from now; default 300 s. */
  toleranceSeconds?: number;
  /** Now, in unix seconds; for tests. */
  nowSeconds?: number;
}

/**
 * True when `signature` is a valid v1 signature of this body and timestamp, and the timestamp is within the
 * tolerance. Compares in constant time, so a caller cannot learn the digest byte by byte.
 */
export function verifyBridgeSignature(input: VerifyBridgeSignatureInput): boolean {
  const timestamp = Number(input.timestamp);
  if (!Number.isInteger(timestamp)) return false;
  const now = input.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (input.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const body = typeof input.body === 'string' ? input.body : input.body.toString('utf8');
  const expected = Buffer.from(signBridgePayload({ secret: input.secret, timestamp, body }), 'utf8');
  return input.signature
    .split(',')
    .map((part) => Buffer.from(part.trim(), 'utf8'))
    .some((candidate) => candidate.length === expected.length && timingSafeEqual(candidate, expected));
}
