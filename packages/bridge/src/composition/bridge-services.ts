// The services the composition builds once and hands to every route module and worker starter.
import type { Logger } from 'pino';
import type { ApiTokenService } from '../api-tokens/api-token-service';
import type { BridgeConfig } from '../config/load-config';
import type { ConnectionAdministration } from '../connections/connection-service';
import type { JobQueue } from '../jobs/create-job-queue';
import type { BridgeMetrics } from '../observability/create-metrics';
import type { RouteModule } from '../server/bridge-app';
import type { Database } from '../storage/schema';

/** What route modules and workers are built from: every shared piece and domain service, made once here. */
export interface BridgeServices {
  config: BridgeConfig;
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
