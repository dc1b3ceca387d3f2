// GET /metrics: Prometheus text from the bridge's registry; transfers by state and queue depth are counted in the DB
// at scrape time.
import { sql } from 'kysely';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { BridgeMetrics } from '../observability/create-metrics';
import type { Database } from '../storage/schema';
import type { RouteModule } from './bridge-app';

/**
 * Sets the transfers-by-state gauge from a count query whenever the registry is scraped (prom-client calls a
 * metric's `collect` before reading it), so every process reports the same numbers without keeping counters.
 */
export function collectTransfersByState(metrics: BridgeMetrics, db: Database): void {
  const gauge = metrics.transfersByState;
  (gauge as unknown as { collect: () => Promise<void> }).collect = async () => {
    const rows = await db
      .selectFrom('transfers')
      .select(['state', db.fn.countAll<string>().as('count')])
      .groupBy('state')
      .execute();
    gauge.reset();
    for (const row of rows) gauge.set({ state: row.state }, Number(row.count));
  };
}

/** The pg-boss job states a queue's depth counts: waiting (created), waiting to retry (retry), running (active). */
const QUEUE_DEPTH_STATES = ['created', 'retry', 'active'] as const;

/**
 * Sets the queue-depth gauge from pg-boss's job table at scrape time: every bridge queue and state is reported, zero
 * when empty, so a dashboard sees a queue drain to 0 instead of a series disappearing.
 */
export function collectQueueDepth(metrics: BridgeMetrics, db: Database): void {
  const gauge = metrics.queueDepth;
  (gauge as unknown as { collect: () => Promise<void> }).collect = async () => {
    const { rows } = await sql<{ name: string; state: string; count: string }>`
      select name, state::text as state, count(*) as count from pgboss.job
      where state in ('created', 'retry', 'active') group by name, state`.execute(db);
    gauge.reset();
    for (const queue of Object.values(QUEUE_NAMES))
      for (const state of QUEUE_DEPTH_STATES) gauge.set({ queue, state }, 0);
    for (const row of rows) gauge.set({ queue: row.name, state: row.state }, Number(row.count));
  };
}

export function metricsRoute(metrics: BridgeMetrics): RouteModule {
  return (app) => {
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      const text = await metrics.registry.metrics();
      return reply.type(metrics.registry.contentType).send(text);
    });
  };
}
