// The bridge's Prometheus metrics: one Registry per process with every metric defined here, by name, for the domains to update.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** Metric names, defined once (Prometheus naming: unit suffix, `_total` on counters). */
export const METRIC_NAMES = {
  transfersByState: 'procountor_bridge_transfers',
  transferStepDuration: 'procountor_bridge_transfer_step_duration_seconds',
  queueDepth: 'procountor_bridge_queue_depth',
  procountorCalls: 'procountor_bridge_procountor_calls_total',
} as const;

export interface BridgeMetrics {
  registry: Registry;
  /** Transfers now in each state, set from a count query (labels: state). */
  transfersByState: Gauge<'state'>;
  /** Time one transfer step took (labels: step, outcome = succeeded | failed | retrying). */
  transferStepDuration: Histogram<'step' | 'outcome'>;
  /** pg-boss jobs waiting or running (labels: queue, state = created | retry | active). */
  queueDepth: Gauge<'queue' | 'state'>;
  /**
   * HTTP calls to Procountor's API, retries and token requests included (labels: method; path, the path template
   * such as "/invoices/{id}"; status, the HTTP status or "timeout" / "aborted" / "no_answer"). Counted by the fetch
   * every Procountor client gets (count-procountor-calls.ts). No connection label: one series per connection would
   * grow with the tenants.
   */
  procountorCalls: Counter<'method' | 'path' | 'status'>;
}

/** Procountor calls take 0.1–5 s; steps with attachments longer. Seconds. */
const STEP_DURATION_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** A fresh registry per call (tests make several); `collectDefaults` adds Node's process metrics. */
export function createMetrics(options: { collectDefaults?: boolean } = {}): BridgeMetrics {
  const registry = new Registry();
  if (options.collectDefaults ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    transfersByState: new Gauge({
      name: METRIC_NAMES.transfersByState,
      help: 'Transfers now in each state.',
      labelNames: ['state'],
      registers,
    }),
    transferStepDuration: new Histogram({
      name: METRIC_NAMES.transferStepDuration,
      help: 'Duration of one transfer step in seconds.',
      labelNames: ['step', 'outcome'],
      buckets: STEP_DURATION_BUCKETS,
      registers,
    }),
    queueDepth: new Gauge({
      name: METRIC_NAMES.queueDepth,
      help: 'Jobs waiting or running, per queue and state.',
      labelNames: ['queue', 'state'],
      registers,
    }),
    procountorCalls: new Counter({
      name: METRIC_NAMES.procountorCalls,
      help: 'HTTP calls to the Procountor API by method, path template and response status.',
      labelNames: ['method', 'path', 'status'],
      registers,
    }),
  };
}
