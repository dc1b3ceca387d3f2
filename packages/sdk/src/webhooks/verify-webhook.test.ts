// verifyWebhook against requests signed by the bridge's own signer (packages/bridge/src/source-webhooks/
// bridge-signature.ts): the SDK must accept what the bridge sends and refuse everything else, saying which check failed.
import { describe, expect, it } from 'vitest';
import { signBridgePayload, verifyBridgeSignature } from '../../../bridge/src/source-webhooks/bridge-signature';
import { verifyWebhook } from './verify-webhook';
import { WebhookVerificationError } from './webhook-verification-error';

const SECRET = 'whsec_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJK';
const NOW = 1_767_225_600;
const body = JSON.stringify({
  id: 'evt_1',
  type: 'transfer.succeeded',
  createdAt: '2026-01-01T00:00:00.000Z',
  connectionId: 'con_1',
  data: { transferId: 'trf_1', externalId: 'INV-1', procountorInvoiceNumber: 1001, referenceCode: '10016' },
});

function signedHeaders(options: { secret?: string; timestamp?: number; payload?: string } = {}) {
  const timestamp = options.timestamp ?? NOW;
  return {
    'content-type': 'application/json',
    'x-bridge-timestamp': String(timestamp),
    'x-bridge-signature': signBridgePayload({
      secret: options.secret ?? SECRET,
      timestamp,
      body: options.payload ?? body,
    }),
  };
}

function failure(run: () => unknown): WebhookVerificationError {
  try {
    run();
  } catch (error) {
    if (error instanceof WebhookVerificationError) return error;
    throw error;
  }
  throw new Error('verifyWebhook accepted the request');
}

describe('verifyWebhook', () => {
  it('returns the typed event of a request the bridge signed, from a string, a Buffer or fetch Headers', () => {
    const event = verifyWebhook(body, signedHeaders(), SECRET, { nowSeconds: NOW });
    expect(event.type).toBe('transfer.succeeded');
    if (event.type === 'transfer.succeeded') expect(event.data.procountorInvoiceNumber).toBe(1001);
    expect(verifyWebhook(Buffer.from(body), signedHeaders(), SECRET, { nowSeconds: NOW }).id).toBe('evt_1');
    expect(verifyWebhook(body, new Headers(signedHeaders()), SECRET, { nowSeconds: NOW }).id).toBe('evt_1');
  });

  it('refuses a tampered body', () => {
    const tampered = body.replace('"INV-1"', '"INV-2"');
    expect(failure(() => verifyWebhook(tampered, signedHeaders(), SECRET, { nowSeconds: NOW })).reason).toBe(
      'no_matching_signature',
    );
    // Re-serialised JSON is another byte sequence: the raw body is what was signed.
    const reserialised = JSON.stringify(JSON.parse(body), null, 2);
    expect(failure(() => verifyWebhook(reserialised, signedHeaders(), SECRET, { nowSeconds: NOW })).reason).toBe(
      'no_matching_signature',
    );
  });

  it('refuses a request signed with another secret', () => {
    const headers = signedHeaders({ secret: 'whsec_another' });
    const error = failure(() => verifyWebhook(body, headers, SECRET, { nowSeconds: NOW }));
    expect(error.reason).toBe('no_matching_signature');
    expect(error.message).toMatch(/wrong secret/);
  });

  it('refuses a timestamp more than 5 minutes off either way, and honours toleranceSeconds', () => {
    const old = signedHeaders({ timestamp: NOW - 301 });
    expect(failure(() => verifyWebhook(body, old, SECRET, { nowSeconds: NOW })).reason).toBe(
      'timestamp_outside_tolerance',
    );
    const future = signedHeaders({ timestamp: NOW + 301 });
    expect(failure(() => verifyWebhook(body, future, SECRET, { nowSeconds: NOW })).reason).toBe(
      'timestamp_outside_tolerance',
    );
    expect(verifyWebhook(body, signedHeaders({ timestamp: NOW - 300 }), SECRET, { nowSeconds: NOW }).id).toBe('evt_1');
    expect(verifyWebhook(body, old, SECRET, { nowSeconds: NOW, toleranceSeconds: 600 }).id).toBe('evt_1');
    expect(
      failure(() =>
        verifyWebhook(body, signedHeaders({ timestamp: NOW - 61 }), SECRET, { nowSeconds: NOW, toleranceSeconds: 60 }),
      ).reason,
    ).toBe('timestamp_outside_tolerance');
  });

  it('refuses a signature whose timestamp was changed: the timestamp is signed too', () => {
    const headers = { ...signedHeaders({ timestamp: NOW - 1000 }), 'x-bridge-timestamp': String(NOW) };
    expect(failure(() => verifyWebhook(body, headers, SECRET, { nowSeconds: NOW })).reason).toBe(
      'no_matching_signature',
    );
  });

  it('accepts any of several signatures (a secret being rotated) and skips schemes it does not know', () => {
    const oldSignature = signBridgePayload({ secret: 'whsec_old', timestamp: NOW, body });
    const newSignature = signBridgePayload({ secret: SECRET, timestamp: NOW, body });
    const headers = { ...signedHeaders(), 'x-bridge-signature': `v0=abc, ${oldSignature}, ${newSignature}` };
    expect(verifyWebhook(body, headers, SECRET, { nowSeconds: NOW }).id).toBe('evt_1');
    expect(verifyWebhook(body, headers, 'whsec_old', { nowSeconds: NOW }).id).toBe('evt_1');
    expect(failure(() => verifyWebhook(body, headers, 'whsec_third', { nowSeconds: NOW })).reason).toBe(
      'no_matching_signature',
    );
    // Node joins a header sent twice into an array.
    const repeated = { ...signedHeaders(), 'x-bridge-signature': [oldSignature, newSignature] };
    expect(verifyWebhook(body, repeated, SECRET, { nowSeconds: NOW }).id).toBe('evt_1');
  });

  it('refuses a signature that only begins like the right one', () => {
    const signature = signBridgePayload({ secret: SECRET, timestamp: NOW, body });
    for (const forged of [`${signature}00`, signature.slice(0, -2), signature.replace('v1=', 'v2='), 'v1=']) {
      const headers = { ...signedHeaders(), 'x-bridge-signature': forged };
      expect(failure(() => verifyWebhook(body, headers, SECRET, { nowSeconds: NOW })).reason, forged).toBe(
        'no_matching_signature',
      );
    }
  });

  it('says which header is missing or malformed', () => {
    const { 'x-bridge-signature': _signature, ...unsigned } = signedHeaders();
    expect(failure(() => verifyWebhook(body, unsigned, SECRET, { nowSeconds: NOW })).reason).toBe('missing_signature');
    const { 'x-bridge-timestamp': _timestamp, ...untimed } = signedHeaders();
    expect(failure(() => verifyWebhook(body, untimed, SECRET, { nowSeconds: NOW })).reason).toBe('missing_timestamp');
    const malformed = { ...signedHeaders(), 'x-bridge-timestamp': '2026-01-01T00:00:00Z' };
    expect(failure(() => verifyWebhook(body, malformed, SECRET, { nowSeconds: NOW })).reason).toBe('invalid_timestamp');
    expect(() => verifyWebhook(body, signedHeaders(), '', { nowSeconds: NOW })).toThrow(/secret is required/);
  });

  it('refuses a correctly signed body that is not JSON', () => {
    const payload = 'not json';
    const headers = signedHeaders({ payload });
    expect(failure(() => verifyWebhook(payload, headers, SECRET, { nowSeconds: NOW })).reason).toBe('invalid_body');
  });

  it("agrees with the bridge's own verifier on every case above", () => {
    const cases = [
      { payload: body, headers: signedHeaders() },
      { payload: body.replace('INV-1', 'INV-9'), headers: signedHeaders() },
      { payload: body, headers: signedHeaders({ secret: 'whsec_x' }) },
      { payload: body, headers: signedHeaders({ timestamp: NOW - 301 }) },
    ];
    for (const { payload, headers } of cases) {
      const bridgeSays = verifyBridgeSignature({
        secret: SECRET,
        timestamp: headers['x-bridge-timestamp'],
        body: payload,
        signature: headers['x-bridge-signature'],
        nowSeconds: NOW,
      });
      const sdkSays = (() => {
        try {
          verifyWebhook(payload, headers, SECRET, { nowSeconds: NOW });
          return true;
        } catch {
          return false;
        }
      })();
      expect(sdkSays).toBe(bridgeSays);
    }
  });
});
