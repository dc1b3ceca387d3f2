// Test databases: a fresh PostgreSQL database per test file on the local server, or an in-memory PGlite; same API.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { closeDatabase, createDatabase } from '../../src/storage/create-database';
import { migrateToLatest } from '../../src/storage/migrate';
import type { Database } from '../../src/storage/schema';

export type DatabaseKind = 'postgres' | 'pglite';
export const DATABASE_KINDS: readonly DatabaseKind[] = ['postgres', 'pglite'];

/**
 * The local server CI starts (.ci/run): 127.0.0.1:5432, trust auth, user postgres. Override for another server
 * with BRIDGE_TEST_POSTGRES_URL (test helpers may read env; the bridge's src/ may not).
 */
const ADMIN_URL = process.env.BRIDGE_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

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

/** A new empty database (unmigrated unless `migrate: true`), named uniquely so test files run in parallel. */
export async function createTestDatabase(
  kind: DatabaseKind,
  options: { migrate?: boolean } = {},
): Promise<TestDatabase> {
  let testDatabase: TestDatabase;
  if (kind === 'pglite') {
    const db = await createDatabase({ kind: 'pglite', dataDir: 'memory://' });
    testDatabase = { kind, db, connectionString: undefined, destroy: () => closeDatabase(db) };
  } else {
    const name = `bridge_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
    await withAdminClient((client) => client.query(`create database ${name}`));
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
