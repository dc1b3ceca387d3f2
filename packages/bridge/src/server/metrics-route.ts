// GET /metrics: Prometheus text from the bridge's registry; transfers by state are counted in the DB at scrape time.
import type { BridgeMetrics } from '../observability/create-metrics';
import type { Database } from '../storage/schema';
import type { RouteModule } from './build-server';

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

export function metricsRoute(metrics: BridgeMetrics): RouteModule {
  return (app) => {
    app.get('/metrics', { schema: { hide: true } }, async (_request, reply) => {
      const text = await metrics.registry.metrics();
      return reply.type(metrics.registry.contentType).send(text);
    });
  };
}
