// Opens the bridge's one Database: a pg pool when DATABASE_URL is set, embedded PGlite otherwise.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import v8 from 'node:v8';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Logger } from 'pino';
import type { BridgeConfig } from '../config/load-config';
import { createPgliteClusterIfNew } from './create-pglite-cluster';
import { PGliteDialect } from './pglite-dialect';
import type { Database, DB } from './schema';

/** Where the data lives. `memory://` keeps a PGlite database in memory (tests). */
export type DatabaseTarget =
  | { kind: 'postgres'; connectionString: string; maxConnections?: number }
  | {
      kind: 'pglite';
      dataDir: string;
      /** Start from this PGlite dumpDataDir() tarball instead of a new cluster (tests: skips initdb and migrations). */
      loadDataDir?: Blob;
    };

/** PostgreSQL from DATABASE_URL, else PGlite files in `<BRIDGE_DATA_DIR>/pglite`. */
export function databaseTargetFromConfig(config: Pick<BridgeConfig, 'databaseUrl' | 'dataDir'>): DatabaseTarget {
  return config.databaseUrl
    ? { kind: 'postgres', connectionString: config.databaseUrl }
    : { kind: 'pglite', dataDir: path.join(config.dataDir, 'pglite') };
}

/**
 * PGlite parsed the same way node-postgres does by default, so code tested on one behaves the same on the other:
 * bigint (count(*), bigserial) and numeric as strings, since they may exceed Number's 53 bits. Dates, timestamps,
 * json and booleans already match (storage/pglite-dialect.integration.test.ts checks the list).
 */
async function nodePostgresParsers() {
  const { types } = await import('@electric-sql/pglite');
  return {
    [types.INT8]: (value: string) => value,
    [types.NUMERIC]: (value: string) => value,
  };
}

/**
 * PostgreSQL settings for PGlite, on top of its own start parameters. Its shared buffers live in the WebAssembly
 * memory, which never shrinks: initdb sizes them at 160 MB, which grows that memory from 128 to 189 MB and puts
 * ~130 MB more in RSS from the start. 16 MB holds the bridge's hot pages (its tables are small; a miss is a read from
 * the OS file cache) and keeps the memory at its 128 MB floor (PGlite's wasm refuses a smaller `initialMemory`).
 * Index builds and vacuum get 16 MB instead of 64 MB for the same reason. Figures: bench/README.md, "PGlite memory".
 */
const PGLITE_SETTINGS = ['shared_buffers=16MB', 'maintenance_work_mem=16MB'];

/**
 * V8 compiles PGlite's WebAssembly with its baseline compiler (Liftoff) only, without tiering hot functions up to
 * the optimizing one (TurboFan). TurboFan's compilation runs on background threads whose malloc arenas keep the
 * freed memory resident: 70–90 MB of RSS at start, more as further functions get hot. Liftoff-only costs about 8 %
 * more CPU per PGlite statement and saves that compile CPU. The flag is process-wide and applies to modules compiled
 * after it; the bridge has no other WebAssembly. Figures: bench/README.md, "PGlite memory".
 */
const PGLITE_V8_FLAGS = '--liftoff-only';

/** Node-postgres's default pool size; pg-boss workers and HTTP requests share it. */
const DEFAULT_MAX_CONNECTIONS = 10;

/** Opens the database; call `migrateToLatest(db)` next, and `closeDatabase(db)` at shutdown. */
export async function createDatabase(target: DatabaseTarget, options: { logger?: Logger } = {}): Promise<Database> {
  if (target.kind === 'postgres') {
    const pool = new pg.Pool({
      connectionString: target.connectionString,
      max: target.maxConnections ?? DEFAULT_MAX_CONNECTIONS,
      application_name: 'procountor-bridge',
    });
    // An idle client losing its server emits 'error' on the pool; unhandled, Node would exit (node-postgres docs,
    // "Pool: events"). The pool drops that client and opens a new one on the next query.
    pool.on('error', (error) => {
      if (options.logger) options.logger.warn({ err: error }, 'idle database connection failed; the pool replaces it');
      else process.emitWarning(error);
    });
    return new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  }
  if (!target.dataDir.startsWith('memory://')) {
    await mkdir(target.dataDir, { recursive: true });
    if (!target.loadDataDir) await createPgliteClusterIfNew(target.dataDir);
  }
  // Loaded only for PGlite: importing it reads its WebAssembly and data files, ~40 MB a PostgreSQL bridge never uses.
  v8.setFlagsFromString(PGLITE_V8_FLAGS);
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create(target.dataDir, {
    parsers: await nodePostgresParsers(),
    startParams: [...PGlite.defaultStartParams, ...PGLITE_SETTINGS.flatMap((setting) => ['-c', setting])],
    ...(target.loadDataDir ? { loadDataDir: target.loadDataDir } : {}),
  });
  return new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) });
}

/** Ends the pg pool or closes PGlite (flushing its files). Stop the job queue first: it queries through this. */
export async function closeDatabase(db: Database): Promise<void> {
  await db.destroy();
}
