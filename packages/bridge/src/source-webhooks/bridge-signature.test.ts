import { describe, expect, it } from 'vitest';
import { signBridgePayload, verifyBridgeSignature } from './bridge-signature';

describe('verifyBridgeSignature', () => {
  const secret = 'whsec_test_secret_value';
  const body = '{"id":"evt_1","type":"transfer.succeeded"}';
  const timestamp = 1_700_000_000;
  const signature = signBridgePayload({ secret, timestamp, body });

  it('accepts the signature of the same secret, timestamp and body', () => {
    expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
    expect(
      verifyBridgeSignature({ secret, timestamp: String(timestamp), body, signature, nowSeconds: timestamp }),
    ).toBe(true);
  });

  it('refuses a changed body, another secret or a timestamp outside the tolerance', () => {
    const base = { secret, timestamp, body, signature, nowSeconds: timestamp };
    expect(verifyBridgeSignature({ ...base, body: body.replace('succeeded', 'failed') })).toBe(false);
    expect(verifyBridgeSignature({ ...base, secret: 'whsec_other' })).toBe(false);
    expect(verifyBridgeSignature({ ...base, nowSeconds: timestamp + 301 })).toBe(false);
    expect(verifyBridgeSignature({ ...base, toleranceSeconds: 600, nowSeconds: timestamp + 301 })).toBe(true);
  });

  it('accepts any one of several signatures, as while a secret is rotated', () => {
    const other = signBridgePayload({ secret: 'whsec_old', timestamp, body });
    expect(
      verifyBridgeSignature({ secret, timestamp, body, signature: `${other}, ${signature}`, nowSeconds: timestamp }),
    ).toBe(true);
  });
});
