import { describe, expect, it } from 'vitest';
import { isValidProcountorSignature, newProcountorWebhookSecret, signProcountorBody } from './procountor-signature';

describe('Procountor webhook signature', () => {
  const secret = newProcountorWebhookSecret();
  const body = '{"eventType":"INVOICE_PAYMENT_CREATED","payload":{"id":1}}';

  it('accepts the HMAC of the exact body, in either case', () => {
    const signature = signProcountorBody(secret, body);
    expect(isValidProcountorSignature(secret, body, signature)).toBe(true);
    expect(isValidProcountorSignature(secret, body, signature.toUpperCase())).toBe(true);
  });

  it('refuses a changed body, another secret, a missing or malformed header', () => {
    const signature = signProcountorBody(secret, body);
    expect(isValidProcountorSignature(secret, body.replace('1', '2'), signature)).toBe(false);
    expect(isValidProcountorSignature(newProcountorWebhookSecret(), body, signature)).toBe(false);
    expect(isValidProcountorSignature(secret, body, undefined)).toBe(false);
    expect(isValidProcountorSignature(secret, body, 'abc')).toBe(false);
  });
});
