// Vitest globalSetup of the integration tests: the migrations run once, not once per test file. Makes a PostgreSQL
// template database per run that each file's database is cloned from (CREATE DATABASE … TEMPLATE), and PGlite
// snapshots (dumpDataDir) that each file's in-memory PGlite starts from, which also skips PGlite's initdb.
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PGlite } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { closeDatabase, createDatabase } from '../../src/storage/create-database';
import { migrateToLatest } from '../../src/storage/migrate';
import { PGliteDialect } from '../../src/storage/pglite-dialect';
import type { DB } from '../../src/storage/schema';
import { POSTGRES_ADMIN_URL } from './postgres-admin-url';

declare module 'vitest' {
  export interface ProvidedContext {
    /** This run's migrated template database on the test server; absent when the server could not be reached. */
    postgresTemplateDatabase?: string;
    /** PGlite dumpDataDir() tarballs of a new cluster and of one migrated to the latest migration. */
    pgliteSnapshots?: { empty: string; migrated: string };
  }
}

const MIGRATIONS_DIR = fileURLToPath(new URL('../../src/storage/migrations/', import.meta.url));
const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
/** Beside Vite's own cache; `npm ci` starts it afresh. */
const SNAPSHOT_CACHE = path.join(REPO_ROOT, 'node_modules', '.cache', 'bridge-test-snapshots');

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Uniquely named per run: runs from other checkouts share the server and may have other migrations. */
async function createPostgresTemplate(): Promise<string> {
  const name = `bridge_template_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const db = await createDatabase({ kind: 'postgres', connectionString: url.toString(), maxConnections: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    // PostgreSQL copies a template only while nobody is connected to it.
    await closeDatabase(db);
  }
  return name;
}

/** What a snapshot depends on: the PGlite build, and every migration's text (the migrated one only). */
async function snapshotKeys(): Promise<{ empty: string; migrated: string }> {
  const pgliteVersion = JSON.parse(
    await readFile(path.join(REPO_ROOT, 'node_modules', '@electric-sql', 'pglite', 'package.json'), 'utf8'),
  ).version as string;
  const migrations = createHash('sha256');
  for (const file of (await readdir(MIGRATIONS_DIR)).sort()) {
    migrations.update(file).update(await readFile(path.join(MIGRATIONS_DIR, file)));
  }
  return { empty: `pglite-${pgliteVersion}-empty`, migrated: `pglite-${pgliteVersion}-${migrations.digest('hex')}` };
}

async function exists(file: string): Promise<boolean> {
  return access(file).then(
    () => true,
    () => false,
  );
}

/** Writes through a temporary name, so a run reading the cache never sees half a tarball. */
async function dump(pglite: PGlite, file: string): Promise<void> {
  const partial = `${file}.${process.pid}.partial`;
  await writeFile(partial, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  await rename(partial, file);
}

/** Made once per PGlite version and set of migrations, then kept in the cache for later runs. */
async function pgliteSnapshots(): Promise<{ empty: string; migrated: string }> {
  await mkdir(SNAPSHOT_CACHE, { recursive: true });
  const keys = await snapshotKeys();
  const empty = path.join(SNAPSHOT_CACHE, `${keys.empty}.tar`);
  const migrated = path.join(SNAPSHOT_CACHE, `${keys.migrated}.tar`);
  if ((await exists(empty)) && (await exists(migrated))) return { empty, migrated };
  // Snapshots of earlier migrations or PGlite versions are of no further use (40 MB each).
  for (const file of await readdir(SNAPSHOT_CACHE)) {
    if (file.startsWith('pglite-') && file.endsWith('.tar')) await rm(path.join(SNAPSHOT_CACHE, file), { force: true });
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create('memory://');
  try {
    await dump(pglite, empty);
    // Kysely over this PGlite, never destroyed: that would close the PGlite before its dump.
    await migrateToLatest(new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) }));
    await dump(pglite, migrated);
  } finally {
    await pglite.close();
  }
  return { empty, migrated };
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [template, snapshots] = await Promise.all([
    // Without a reachable server the PostgreSQL tests fail as before (each file tries to create its database),
    // while the emulator's, the client's and the PGlite tests still run.
    createPostgresTemplate().catch((error: unknown) => {
      process.stderr.write(`note: no PostgreSQL template database (${String(error)}); each file migrates its own.\n`);
      return undefined;
    }),
    pgliteSnapshots(),
  ]);
  if (template) project.provide('postgresTemplateDatabase', template);
  project.provide('pgliteSnapshots', snapshots);
  return async () => {
    if (template) await adminQuery(`drop database if exists ${template} with (force)`);
  };
}
