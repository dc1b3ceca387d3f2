// The composition root: config → logger → secret key → database → migrations → job queue → services → server, workers.
import type { Logger } from 'pino';
import { apiTokenRoutes } from '../api-tokens/api-token-routes';
import { createApiTokenService } from '../api-tokens/api-token-service';
import { billRoutes } from '../bills/bill-routes';
import { billWatchRoutes } from '../bills/bill-watch-routes';
import { watchReceivedBills } from '../bills/watch-received-bills';
import type { BridgeConfig } from '../config/load-config';
import { connectionRouteModules } from '../connections/connection-route-modules';
import { createConnectionService } from '../connections/connection-service';
import type { ClientDefaults } from '../connections/procountor-client-factory';
import { createConsoleUserService } from '../console-users/console-user-service';
import { type DemoConsoleUser, ensureDemoConsoleUser } from '../console-users/demo-console-user';
import { sessionRoutes } from '../console-users/session-routes';
import { registerCreditInvoiceRoutes } from '../credit-invoices/credit-invoice-routes';
import { dashboardRoute } from '../dashboard/dashboard-route';
import { eventFeedRoutes } from '../events/event-feed-routes';
import { createJobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import { startNotificationWorkers } from '../notifications/start-notification-workers';
import { createLogger } from '../observability/create-logger';
import { createMetrics } from '../observability/create-metrics';
import { requestWebhookSubscription } from '../payments/auto-subscribe-procountor-webhook';
import { paymentRoutes } from '../payments/payment-routes';
import { procountorWebhookReceiverRoute } from '../payments/procountor-webhook-receiver';
import { startPaymentWorkers } from '../payments/start-payment-workers';
import { startWebhookSubscribeWorkers } from '../payments/start-webhook-subscribe-workers';
import { purchaseInvoiceRoutes } from '../purchase-invoices/purchase-invoice-routes';
import { startPurchaseInvoiceImportWorkers } from '../purchase-invoices/start-purchase-invoice-import-workers';
import { linkRoutes } from '../registers/link-routes';
import { pushRoutes } from '../registers/push-routes';
import { registerRoutes } from '../registers/register-routes';
import { startRegisterSyncWorkers } from '../registers/start-register-sync-workers';
import { requestSyncOnActivation } from '../registers/sync-on-activation';
import { registerSalesInvoiceRoutes } from '../sales-invoices/sales-invoice-routes';
import { loadSecretKey } from '../secrets/load-secret-key';
import type { BridgeApp } from '../server/bridge-app';
import { buildServer } from '../server/build-server';
import { healthRoute } from '../server/health-route';
import { homePageRoute } from '../server/home-page-route';
import { collectQueueDepth, collectTransfersByState, metricsRoute } from '../server/metrics-route';
import { pullRunRoutes } from '../source-pull/pull-run-routes';
import { startPullWorkers } from '../source-pull/start-pull-workers';
import { submitPulledDocument } from '../source-pull/submit-pulled-document';
import { startWebhookDeliveryWorkers } from '../source-webhooks/start-webhook-delivery-workers';
import { webhookDeliveryRoutes } from '../source-webhooks/webhook-delivery-routes';
import { webhookEndpointRoutes } from '../source-webhooks/webhook-endpoint-routes';
import { webhooksForOpenApi } from '../source-webhooks/webhook-openapi';
import { closeDatabase, createDatabase, databaseTargetFromConfig } from '../storage/create-database';
import { migrateToLatest } from '../storage/migrate';
import type { Database } from '../storage/schema';
import { startTransferWorkers } from '../transfers/start-transfer-workers';
import type { TransferDeps } from '../transfers/transfer-deps';
import { transferDocumentRoute } from '../transfers/transfer-document-route';
import { registerTransferRoutes } from '../transfers/transfer-routes';
import { registerExpenseDocumentRoutes } from '../travel-and-expenses/expense-document-routes';
import { type BootstrapResult, bootstrapConnection } from './bootstrap-connection';
import type { BackgroundTimings, BridgeServices, RouteModuleFactory, WorkerStarter } from './bridge-services';

/**
 * Every HTTP surface of the bridge. To add a domain: append one line, e.g.
 * `(services) => registerSalesInvoiceRoutes(services),`
 */
export const ROUTE_MODULES: readonly RouteModuleFactory[] = [
  () => homePageRoute(),
  (services) => healthRoute(services.db),
  (services) => metricsRoute(services.metrics),
  (services) => connectionRouteModules(services.connections),
  (services) => apiTokenRoutes(services.apiTokens),
  (services) => (app) => registerSalesInvoiceRoutes(app, transferDepsOf(services)),
  (services) => (app) => registerCreditInvoiceRoutes(app, transferDepsOf(services)),
  (services) => (app) => registerTransferRoutes(app, transferDepsOf(services)),
  (services) => (app) => registerExpenseDocumentRoutes(app, transferDepsOf(services)),
  (services) => transferDocumentRoute(transferDepsOf(services)),
  (services) => eventFeedRoutes({ db: services.db }),
  (services) => webhookEndpointRoutes({ db: services.db, secretKey: services.secretKey }),
  (services) => webhookDeliveryRoutes({ db: services.db, jobs: services.jobQueue }),
  (services) => pullRunRoutes({ db: services.db }),
  (services) => purchaseInvoiceRoutes(purchaseInvoiceDepsOf(services)),
  (services) => billRoutes({ connections: services.connections }),
  (services) => billWatchRoutes(purchaseInvoiceDepsOf(services)),
  (services) => sessionRoutes(createConsoleUserService(services.db)),
  (services) => dashboardRoute(services.db),
  (services) => registerRoutes({ db: services.db, jobs: services.jobQueue, connections: services.connections }),
  (services) => linkRoutes({ db: services.db, connections: services.connections }),
  (services) => pushRoutes({ db: services.db, connections: services.connections }),
  (services) =>
    procountorWebhookReceiverRoute({ db: services.db, jobs: services.jobQueue, secretKey: services.secretKey }),
  (services) =>
    paymentRoutes({ ...paymentDepsOf(services), secretKey: services.secretKey, publicUrl: services.config.publicUrl }),
];

/**
 * Every background worker, started when WORKER_CONCURRENCY > 0. To add one: append one line, e.g.
 * `(services) => startTransferWorkers(services),`
 */
export const WORKER_STARTERS: readonly WorkerStarter[] = [
  (services) => startTransferWorkers(services.jobQueue, transferDepsOf(services)),
  (services) =>
    startWebhookDeliveryWorkers(services.jobQueue, {
      db: services.db,
      logger: services.logger,
      secretKey: services.secretKey,
      ...services.timings.webhookDelivery,
    }),
  (services) =>
    startPullWorkers(services.jobQueue, {
      db: services.db,
      logger: services.logger,
      submitDocument: (connectionId, document) =>
        submitPulledDocument(transferDepsOf(services), connectionId, document),
    }),
  (services) =>
    startPurchaseInvoiceImportWorkers(services.jobQueue, {
      ...purchaseInvoiceDepsOf(services),
      // The bill watch runs on the purchase invoice schedule (docs/purchase-invoices.md "New bills").
      watchBills: (connectionId, logger) =>
        watchReceivedBills({ ...purchaseInvoiceDepsOf(services), logger }, connectionId),
    }),
  (services) =>
    startRegisterSyncWorkers({
      db: services.db,
      jobs: services.jobQueue,
      connections: services.connections,
      logger: services.logger,
    }),
  (services) =>
    startNotificationWorkers(services.jobQueue, {
      db: services.db,
      connections: services.connections,
      logger: services.logger,
      smtp: services.config.smtp,
      publicUrl: services.config.publicUrl,
    }),
  (services) =>
    startPaymentWorkers(services.jobQueue, {
      db: services.db,
      logger: services.logger,
      connections: services.connections,
    }),
  (services) =>
    startWebhookSubscribeWorkers(services.jobQueue, {
      db: services.db,
      logger: services.logger,
      secretKey: services.secretKey,
      connections: services.connections,
      publicUrl: services.config.publicUrl,
      ...(services.timings.webhookSubscribeRetry ? { retry: services.timings.webhookSubscribeRetry } : {}),
    }),
];

/** What the purchase invoice import, the bills and their watch need from the services. */
function purchaseInvoiceDepsOf(services: BridgeServices) {
  return { db: services.db, jobs: services.jobQueue, connections: services.connections, logger: services.logger };
}

/** What the payment domain (webhook subscription, reconciliation, mark-paid) needs from the services. */
function paymentDepsOf(services: BridgeServices) {
  return { db: services.db, jobs: services.jobQueue, connections: services.connections };
}

/** What the transfer domain (sales and credit invoices, the engine) needs from the services. */
function transferDepsOf(services: BridgeServices): TransferDeps {
  return {
    db: services.db,
    jobs: services.jobQueue,
    connections: services.connections,
    logger: services.logger,
    metrics: services.metrics,
  };
}

export interface CreateBridgeOptions {
  /** Default: createLogger({ level: config.logLevel }). */
  logger?: Logger;
  /** Use this database instead of opening one from config; the bridge does not close it on stop (tests). */
  database?: Database;
  /** Where the start-up banner goes (demo URLs, the demo admin token). Default stdout. */
  print?: (line: string) => void;
  /** Create/activate the "Default" connection from config, or the demo connection without credentials. Default true. */
  bootstrapConnection?: boolean;
  /** Options for every Procountor client (tests shorten timeouts). */
  clientDefaults?: ClientDefaults;
  /** Shorter intervals and backoffs for the workers (tests); default the production ones. */
  timings?: BackgroundTimings;
  /** More route modules and workers, after the built-in lists (tests). */
  routes?: readonly RouteModuleFactory[];
  workers?: readonly WorkerStarter[];
}

export interface Bridge {
  app: BridgeApp;
  /** Where the server listens, e.g. http://127.0.0.1:8080. */
  url: string;
  services: BridgeServices;
  /** Set in demo mode: the emulator's API base URL and the admin token. */
  demo: BootstrapResult['demo'];
  /** Graceful stop: server → workers → job queue → database → emulator. Safe to call twice. */
  stop(): Promise<void>;
}

export async function createBridge(config: BridgeConfig, options: CreateBridgeOptions = {}): Promise<Bridge> {
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const print = options.print ?? ((line: string) => process.stdout.write(`${line}\n`));
  const cleanups: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup();
      } catch (error) {
        logger.error({ err: error }, 'error while stopping');
      }
    }
  };

  try {
    const secret = await loadSecretKey(config);
    logger.info({ source: secret.source, filePath: secret.filePath }, 'secret key loaded');
    const db = options.database ?? (await createDatabase(databaseTargetFromConfig(config), { logger }));
    if (!options.database) cleanups.push(() => closeDatabase(db));
    const migrations = await migrateToLatest(db);
    if (migrations.length > 0) logger.info({ migrations: migrations.map((m) => m.migrationName) }, 'database migrated');

    const timings = options.timings ?? {};
    const jobQueue = createJobQueue(db, config, {
      logger,
      ...(timings.pollingIntervalSeconds ? { pollingIntervalSeconds: timings.pollingIntervalSeconds } : {}),
    });
    await jobQueue.start();
    cleanups.push(() => jobQueue.stop());
    // pg-boss 10 drops jobs sent to a queue never created (jobs/queue-names.ts): create every one up front.
    for (const queue of Object.values(QUEUE_NAMES)) await jobQueue.createQueue(queue);

    const metrics = createMetrics();
    collectTransfersByState(metrics, db);
    collectQueueDepth(metrics, db);
    const connections = createConnectionService({
      db,
      secretKey: secret.key,
      logger,
      metrics,
      ...(options.clientDefaults ? { clientDefaults: options.clientDefaults } : {}),
      // Payments flow back without a manual step: activation queues the Procountor webhook subscription
      // (and, where the connection asks for it, the first register import).
      onActivated: async (connection) => {
        await requestWebhookSubscription(jobQueue, connection, timings.webhookSubscribeRetry);
        await requestSyncOnActivation(db, jobQueue, connection);
      },
    });
    const apiTokens = createApiTokenService({ db, logger, adminToken: config.adminToken });
    const services: BridgeServices = {
      config,
      timings,
      logger,
      db,
      secretKey: secret.key,
      jobQueue,
      metrics,
      connections,
      apiTokens,
    };

    const bootstrap = options.bootstrapConnection === false ? { demo: undefined } : await bootstrapConnection(services);
    if (bootstrap.stopEmulator) cleanups.push(bootstrap.stopEmulator);
    const demoConsoleUser = bootstrap.demo ? await ensureDemoConsoleUser(db, config.dataDir) : undefined;

    const routes = [...ROUTE_MODULES, ...(options.routes ?? [])].flatMap((factory) => factory(services));
    const consoleUsers = createConsoleUserService(db);
    const app = await buildServer({
      logger,
      authenticate: (token) => apiTokens.authenticateToken(token),
      authenticateSession: (cookieValue) => consoleUsers.authenticateSession(cookieValue),
      routes,
      publicUrl: config.publicUrl,
      openapiWebhooks: webhooksForOpenApi(),
    });
    const url = await app.listen({ port: config.port, host: config.host });
    cleanups.push(() => app.close());

    if (config.workerConcurrency > 0) {
      for (const start of [...WORKER_STARTERS, ...(options.workers ?? [])]) {
        const stopWorkers = await start(services);
        if (stopWorkers) cleanups.push(stopWorkers);
      }
    }

    logger.info({ url, demo: Boolean(bootstrap.demo) }, 'bridge started');
    printBanner(print, url, config, bootstrap, demoConsoleUser);
    return { app, url, services, demo: bootstrap.demo, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

function printBanner(
  print: (line: string) => void,
  url: string,
  config: BridgeConfig,
  bootstrap: BootstrapResult,
  demoConsoleUser?: DemoConsoleUser,
) {
  const lines = bootstrap.demo
    ? [
        '',
        'procountor-bridge is running in DEMO MODE: no Procountor credentials are set, so it talks to a local emulator.',
        `  Procountor emulator: ${bootstrap.demo.emulatorBaseUrl}`,
        `  Emulator admin:      ${bootstrap.demo.emulatorBaseUrl.replace(/\/api$/, '')}/_emulator (bank payments, faults)`,
        `  Demo connection:     ${bootstrap.demo.connectionId}`,
      ]
    : ['', 'procountor-bridge is running.'];
  lines.push(
    `  API:                 ${url}/v1`,
    `  API reference:       ${url}/docs`,
    `  Console:             ${url}/`,
    `  Data directory:      ${config.databaseUrl ? '(PostgreSQL from DATABASE_URL)' : config.dataDir}`,
  );
  if (bootstrap.demo) {
    lines.push(
      `  Admin token:         ${bootstrap.demo.adminToken}`,
      `                       (also in ${bootstrap.demo.adminTokenFile}; send it as "Authorization: Bearer <token>")`,
    );
  }
  if (demoConsoleUser) {
    lines.push(
      `  Console sign-in:     user "${demoConsoleUser.userName}", password ${demoConsoleUser.password}`,
      `                       (also in ${demoConsoleUser.passwordFile}; add users with "bridge users add <name>")`,
    );
  }
  lines.push('');
  for (const line of lines) print(line);
}
