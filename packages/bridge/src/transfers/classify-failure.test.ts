// Which failures are retried and which fail the transfer, with Procountor's explanation and a fix.
import { createProcountorError, OutcomeUnknownError, ProcountorConnectionError } from '@procountor-bridge/client';
import { describe, expect, it } from 'vitest';
import { classifyFailure } from './classify-failure';
import { TransferRuleError } from './transfer-errors';

const procountor = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  createProcountorError({
    status,
    method: 'POST',
    path: '/invoices',
    rawBody: JSON.stringify(body),
    ...(headers['retry-after'] ? { retryAfterMs: Number(headers['retry-after']) * 1000 } : {}),
  } as Parameters<typeof createProcountorError>[0]);

describe('classifyFailure', () => {
  it('retries an unknown outcome, 5xx, 429 and an unreachable Procountor', () => {
    const unknown = new OutcomeUnknownError({ method: 'POST', path: '/invoices', reason: 'timeout', cause: null });
    expect(classifyFailure(unknown).kind).toBe('retry');
    expect(classifyFailure(procountor(503, {})).kind).toBe('retry');
    expect(classifyFailure(procountor(500, '<html>')).kind).toBe('retry');
    expect(classifyFailure(procountor(429, {}, { 'retry-after': '3' }))).toMatchObject({
      kind: 'retry',
      retryAfterMs: 3000,
    });
    const unreachable = new ProcountorConnectionError({ method: 'GET', path: '/x', timedOut: false, cause: null });
    expect(classifyFailure(unreachable).kind).toBe('retry');
    expect(classifyFailure(new Error('database hiccup')).kind).toBe('retry');
  });

  it("fails a 4xx with Procountor's message, its plain explanation and a fix", () => {
    const decision = classifyFailure(
      procountor(400, {
        errors: [{ status: 400, field: 'counterParty.einvoiceAddress.operator', message: 'ERROR_OPERATOR' }],
      }),
    );
    expect(decision.kind).toBe('fail');
    if (decision.kind !== 'fail') return;
    expect(decision.error).toMatchObject({ code: 'procountor_refused', procountorStatus: 400 });
    expect(decision.error.message).toContain('ERROR_OPERATOR');
    expect(decision.error.explanation).toContain('operator');
    expect(decision.error.explanationFi).toContain('Verkkolasku');
    expect(decision.error.fix).toContain('operator');
  });

  it('fails our own rule and a refused API key', () => {
    expect(classifyFailure(new TransferRuleError('product_not_found', 'no product', 'add it'))).toEqual({
      kind: 'fail',
      error: { code: 'product_not_found', message: 'no product', fix: 'add it' },
    });
    expect(classifyFailure(procountor(401, { errors: [{ status: 401, message: 'Unauthorized' }] }))).toMatchObject({
      kind: 'fail',
      error: { code: 'procountor_authentication_failed' },
    });
  });
});
