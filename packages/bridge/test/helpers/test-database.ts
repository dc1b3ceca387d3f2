// Test databases: a fresh PostgreSQL database per test file on the local server, or an in-memory PGlite; same API.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { afterAll, beforeAll, describe, inject, type ProvidedContext } from 'vitest';
import { closeDatabase, createDatabase } from '../../src/storage/create-database';
import { migrateToLatest } from '../../src/storage/migrate';
import type { Database } from '../../src/storage/schema';
import { POSTGRES_ADMIN_URL as ADMIN_URL } from './postgres-admin-url';

export type DatabaseKind = 'postgres' | 'pglite';
export const DATABASE_KINDS: readonly DatabaseKind[] = ['postgres', 'pglite'];

export interface TestDatabase {
  kind: DatabaseKind;
  db: Database;
  /** The PostgreSQL connection string of this database; undefined on PGlite. */
  connectionString: string | undefined;
  /** Closes the database and, on PostgreSQL, drops it. */
  destroy(): Promise<void>;
}

async function withAdminClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** What the integration tests' globalSetup (migrated-templates.ts) made; undefined outside it (benchmarks, scripts). */
function provided<K extends keyof ProvidedContext>(key: K): ProvidedContext[K] | undefined {
  try {
    return inject(key);
  } catch {
    return undefined;
  }
}

/**
 * The PGlite snapshot to start from (PGlite's `loadDataDir`): a new cluster, or one with every migration applied.
 * Undefined outside Vitest: PGlite then runs its initdb.
 */
export async function pgliteSnapshot(migrated: boolean): Promise<Blob | undefined> {
  const snapshots = provided('pgliteSnapshots');
  if (!snapshots) return undefined;
  return new Blob([await readFile(migrated ? snapshots.migrated : snapshots.empty)]);
}

/**
 * A new database (unmigrated unless `migrate: true`), named uniquely so test files run in parallel. Under Vitest
 * it is a copy of a template the globalSetup migrated once; migrateToLatest then only checks (or, in watch mode,
 * applies a migration added since the run began).
 */
export async function createTestDatabase(
  kind: DatabaseKind,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  let testDatabase: TestDatabase;
  if (kind === 'pglite') {
    const snapshot = await pgliteSnapshot(options.migrate ?? false);
    const db = await createDatabase({
      kind: 'pglite',
      dataDir: 'memory://',
      ...(snapshot ? { loadDataDir: snapshot } : {}),
    });
    testDatabase = { kind, db, connectionString: undefined, destroy: () => closeDatabase(db) };
  } else {
    const name = `bridge_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    const template = options.migrate ? provided('postgresTemplateDatabase') : undefined;
    await withAdminClient((client) =>
      client.query(template ? `create database ${name} template ${template}` : `create database ${name}`),
    );
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const connectionString = url.toString();
    const db = await createDatabase({ kind: 'postgres', connectionString, maxConnections: 5 });
    testDatabase = {
      kind,
      db,
      connectionString,
      destroy: async () => {
        await closeDatabase(db);
        // WITH (FORCE) (PostgreSQL 13+) ends connections a failed test may have left open.
        await withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`));
      },
    };
  }
  if (options.migrate) await migrateToLatest(testDatabase.db);
  return testDatabase;
}

/** What a suite run by describeOnBothDatabases sees; `db` is ready inside tests and hooks, not at collection time. */
export interface DatabaseUnderTest {
  readonly kind: DatabaseKind;
  readonly db: Database;
  readonly testDatabase: TestDatabase;
}

/**
 * Runs the suite twice, on PostgreSQL and on PGlite, each with its own fresh database (migrated unless
 * `migrate: false`), created before the suite and dropped after it. Every bridge integration test uses this.
 */
export function describeOnBothDatabases(
  name: string,
  defineTests: (database: DatabaseUnderTest) => void,
  options: { migrate?: boolean } = {},
): void {
  for (const kind of DATABASE_KINDS) {
    describe(`${name} [${kind}]`, () => {
      let current: TestDatabase | undefined;
      const ready = (): TestDatabase => {
        if (!current) throw new Error('The test database exists only inside tests and hooks, not while collecting.');
        return current;
      };
      beforeAll(async () => {
        current = await createTestDatabase(kind, { migrate: options.migrate ?? true });
      });
      afterAll(async () => {
        await current?.destroy();
      });
      defineTests({
        kind,
        get db() {
          return ready().db;
        },
        get testDatabase() {
          return ready();
        },
      });
    });
  }
}
