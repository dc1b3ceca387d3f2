// Tests the counting fetch: labels from method, path template and status; the answer or error passes through.
import { describe, expect, it } from 'vitest';
import { countProcountorCalls, procountorPathTemplate } from './count-procountor-calls';
import { createMetrics } from './create-metrics';

const BASE = 'http://127.0.0.1:4010/api';

describe('procountorPathTemplate', () => {
  it('keeps the route below the base URL, ids replaced and the query left out', () => {
    expect(procountorPathTemplate(`${BASE}/invoices/1042?x=1`, BASE)).toBe('/invoices/{id}');
    expect(procountorPathTemplate(`${BASE}/ledgerreceipts/7/transactions/12/dimensions`, BASE)).toBe(
      '/ledgerreceipts/{id}/transactions/{id}/dimensions',
    );
    expect(procountorPathTemplate(`${BASE}/webhooks/4b0c1f2e-9a8b-4c7d-8e6f-5a4b3c2d1e0f`, `${BASE}/`)).toBe(
      '/webhooks/{id}',
    );
    expect(
      procountorPathTemplate(
        'https://api.procountor.com/v2604/api/oauth/token',
        'https://api.procountor.com/v2604/api',
      ),
    ).toBe('/oauth/token');
  });
});

describe('countProcountorCalls', () => {
  it('counts an answered call by method, path and status and returns the answer as it came', async () => {
    const metrics = createMetrics({ collectDefaults: false });
    const fetch = countProcountorCalls(metrics.procountorCalls, BASE, async () => new Response('{}', { status: 404 }));
    const response = await fetch(`${BASE}/products/55`, { method: 'get' });
    expect(response.status).toBe(404);
    await fetch(`${BASE}/products/56`);
    const text = await metrics.registry.metrics();
    expect(text).toContain(
      'procountor_bridge_procountor_calls_total{method="GET",path="/products/{id}",status="404"} 2',
    );
  });

  it('counts a call without an answer as timeout or no_answer and rethrows its error', async () => {
    const metrics = createMetrics({ collectDefaults: false });
    const timeout = new DOMException('No answer within 5 ms', 'TimeoutError');
    const timingOut = countProcountorCalls(metrics.procountorCalls, BASE, async () => Promise.reject(timeout));
    await expect(timingOut(`${BASE}/invoices`, { method: 'POST' })).rejects.toBe(timeout);
    const refused = countProcountorCalls(metrics.procountorCalls, BASE, async () =>
      Promise.reject(new TypeError('fetch failed')),
    );
    await expect(refused(`${BASE}/invoices`, { method: 'POST' })).rejects.toThrow('fetch failed');
    const text = await metrics.registry.metrics();
    expect(text).toContain('{method="POST",path="/invoices",status="timeout"} 1');
    expect(text).toContain('{method="POST",path="/invoices",status="no_answer"} 1');
  });
});
