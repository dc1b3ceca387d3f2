// The services the composition builds once and hands to every route module and worker starter.
import type { Logger } from 'pino';
import type { ApiTokenService } from '../api-tokens/api-token-service';
import type { BridgeConfig } from '../config/load-config';
import type { ConnectionAdministration } from '../connections/connection-service';
import type { JobQueue } from '../jobs/create-job-queue';
import type { BridgeMetrics } from '../observability/create-metrics';
import type { WebhookSubscribeRetry } from '../payments/auto-subscribe-procountor-webhook';
import type { RouteModule } from '../server/bridge-app';
import type { DeliveryRetryPolicy } from '../source-webhooks/delivery-backoff';
import type { Database } from '../storage/schema';

/**
 * The waits of the background work that tests shorten to milliseconds or a second. Unset, each keeps its
 * production default (named beside it in its domain).
 */
export interface BackgroundTimings {
  /** How often an idle worker looks for jobs when its domain sets no interval: pg-boss's 2 s (minimum 0.5 s). */
  pollingIntervalSeconds?: number;
  /** Backoff of the automatic Procountor webhook subscription; WEBHOOK_SUBSCRIBE_RETRY (5 s doubling). */
  webhookSubscribeRetry?: WebhookSubscribeRetry;
  /** Webhook deliveries to the source: retries (30 s doubling to 1 h) and the order wait (5 s). */
  webhookDelivery?: { retryPolicy?: DeliveryRetryPolicy; orderWaitSeconds?: number };
}

/** What route modules and workers are built from: every shared piece and domain service, made once here. */
export interface BridgeServices {
  config: BridgeConfig;
  timings: BackgroundTimings;
  logger: Logger;
  db: Database;
  secretKey: Buffer;
  jobQueue: JobQueue;
  metrics: BridgeMetrics;
  connections: ConnectionAdministration;
  apiTokens: ApiTokenService;
}

/** Builds one domain's HTTP surface from the services. */
export type RouteModuleFactory = (services: BridgeServices) => RouteModule | RouteModule[];
/** Starts one domain's workers; may return how to stop them (called before the job queue stops). */
export type WorkerStarter = (services: BridgeServices) => Promise<void | (() => Promise<void>)>;
