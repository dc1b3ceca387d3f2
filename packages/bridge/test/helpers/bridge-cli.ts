// Runs `bridge …` as a user does, from the TypeScript sources (bridge-cli-from-source.ts), with only the given environment of the bridge,
// against a PostgreSQL test database and an emulator company with an active connection to it.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pino from 'pino';
import { createConnectionService } from '../../src/connections/connection-service';
import type { Database } from '../../src/storage/schema';
import { BRIDGE_CLI_FROM_SOURCE } from './bridge-cli-from-source';
import { startTestProcountor, type TestProcountor } from './start-test-bridge';
import { createTestDatabase, type TestDatabase } from './test-database';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const run = promisify(execFile);

export interface CliOutcome {
  code: number;
  stdout: string;
  stderr: string;
}

/** The bridge's own variables of this process are left out, so only `env` (and the secret key) configure it. */
export async function runBridgeCli(
  args: string[],
  env: Record<string, string>,
  secretKey: Buffer,
): Promise<CliOutcome> {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(DATABASE_URL|BRIDGE_|PROCOUNTOR_|PORT|LOG_LEVEL)/.test(name)),
  );
  const all = { ...clean, ...env, BRIDGE_SECRET_KEY: secretKey.toString('base64') };
  try {
    const { stdout, stderr } = await run('node', [...BRIDGE_CLI_FROM_SOURCE, ...args], { cwd: REPO_ROOT, env: all });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/**
 * A connection to the emulator's company, stored encrypted with `secretKey` as the CLI reads it, and set active
 * directly (activation is the connections domain's; these commands only need an active connection).
 */
async function createActiveConnection(
  db: Database,
  secretKey: Buffer,
  procountor: TestProcountor,
  name: string,
): Promise<string> {
  const service = createConnectionService({ db, secretKey, logger: pino({ level: 'silent' }) });
  const created = await service.create({
    name,
    environment: 'custom',
    baseUrl: procountor.emulator.baseUrl,
    clientId: procountor.company.clientId,
    clientSecret: procountor.company.clientSecret,
    apiKey: procountor.company.apiKey,
  });
  await db
    .updateTable('connections')
    .set({ status: 'active', activated_at: new Date() })
    .where('id', '=', created.id)
    .execute();
  return created.id;
}

export interface CliTestSetup {
  database: TestDatabase;
  procountor: TestProcountor;
  connectionId: string;
  /** `bridge …` on this database (DATABASE_URL) with the setup's secret key and `env`. */
  cli(args: string[]): Promise<CliOutcome>;
  stop(): Promise<void>;
}

/** A PostgreSQL database (migrated), an emulator company and an active connection to it, for CLI tests. */
export async function startCliTestSetup(companyName: string, env: Record<string, string> = {}): Promise<CliTestSetup> {
  const secretKey = randomBytes(32);
  const database = await createTestDatabase('postgres', { migrate: true });
  const procountor = await startTestProcountor(companyName);
  const connectionId = await createActiveConnection(database.db, secretKey, procountor, `CLI ${companyName}`);
  const fullEnv = { DATABASE_URL: database.connectionString as string, ...env };
  return {
    database,
    procountor,
    connectionId,
    cli: (args) => runBridgeCli(args, fullEnv, secretKey),
    async stop() {
      await procountor.emulator.stop();
      await database.destroy();
    },
  };
}
