// Tests that the metrics registry exposes the bridge's metrics under their defined names.
import { describe, expect, it } from 'vitest';
import { createMetrics, METRIC_NAMES } from './create-metrics';

describe('createMetrics', () => {
  it('registers every named metric and renders updates in Prometheus text format', async () => {
    const metrics = createMetrics({ collectDefaults: false });
    metrics.transfersByState.set({ state: 'succeeded' }, 3);
    metrics.procountorCalls.inc({ method: 'POST', path: '/invoices', status: '200' });
    metrics.transferStepDuration.observe({ step: 'create-invoice', outcome: 'succeeded' }, 0.4);
    metrics.queueDepth.set({ queue: 'transfer-run', state: 'created' }, 2);
    const text = await metrics.registry.metrics();
    for (const name of Object.values(METRIC_NAMES)) expect(text).toContain(`# TYPE ${name}`);
    expect(text).toContain('procountor_bridge_transfers{state="succeeded"} 3');
    expect(text).toContain('procountor_bridge_procountor_calls_total{method="POST",path="/invoices",status="200"} 1');
  });

  it('gives each call its own registry, so tests and processes do not share counts', () => {
    expect(() => [createMetrics({ collectDefaults: false }), createMetrics({ collectDefaults: false })]).not.toThrow();
  });
});
