// What CLI commands work with: the same configuration as the server, its database (migrated) and the domain services.
import type { Logger } from 'pino';
import { type ApiTokenService, createApiTokenService } from '../api-tokens/api-token-service';
import { type BridgeConfig, loadConfig } from '../config/load-config';
import { type ConnectionAdministration, createConnectionService } from '../connections/connection-service';
import { createJobQueue, type JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES, type QueueName } from '../jobs/queue-names';
import { createLogger } from '../observability/create-logger';
import { loadSecretKey } from '../secrets/load-secret-key';
import { closeDatabase, createDatabase, databaseTargetFromConfig } from '../storage/create-database';
import { migrateToLatest } from '../storage/migrate';
import type { Database } from '../storage/schema';

export interface CliContext {
  config: BridgeConfig;
  logger: Logger;
  db: Database;
  connections: ConnectionAdministration;
  apiTokens: ApiTokenService;
}

/** An expected failure: printed as one line without a stack. */
export class CliError extends Error {
  override name = 'CliError';
}

/**
 * Opens the database the server uses (DATABASE_URL, or PGlite under BRIDGE_DATA_DIR) with the same secret key, runs
 * `action`, and closes it. The log goes to stderr at warn, so stdout holds only the command's output (and --json).
 * PGlite is one process's file: stop the server before using the CLI on a PGlite data directory.
 */
export async function withCliContext<T>(action: (context: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const logger = createLogger({
    level: config.logLevel === 'info' ? 'warn' : config.logLevel,
    destination: process.stderr,
  });
  const secret = await loadSecretKey(config);
  const db = await createDatabase(databaseTargetFromConfig(config), { logger });
  try {
    await migrateToLatest(db);
    const connections = createConnectionService({ db, secretKey: secret.key, logger });
    const apiTokens = createApiTokenService({ db, logger, adminToken: config.adminToken });
    return await action({ config, logger, db, connections, apiTokens });
  } finally {
    await closeDatabase(db);
  }
}

/**
 * A job queue without workers for a command that records events or books jobs: the events' webhook deliveries go to
 * the outbox in their transaction, and the server's workers send them. `queues` are created first (pg-boss 10 drops
 * jobs sent to a queue never created); the source-webhook one always is.
 */
export async function withJobQueue<T>(
  context: CliContext,
  queues: readonly QueueName[],
  action: (jobs: JobQueue) => Promise<T>,
): Promise<T> {
  const jobs = createJobQueue(context.db, { workerConcurrency: 0 }, { logger: context.logger, runMaintenance: false });
  await jobs.start();
  try {
    for (const queue of new Set([QUEUE_NAMES.sourceWebhookDeliver, ...queues])) await jobs.createQueue(queue);
    return await action(jobs);
  } finally {
    await jobs.stop({ timeoutMs: 2_000 });
  }
}
