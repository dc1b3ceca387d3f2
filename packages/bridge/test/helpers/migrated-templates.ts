// Vitest globalSetup of the integration tests: the migrations run once per test run, not once per test file. Makes a
// PostgreSQL template database that each file's database is cloned from (CREATE DATABASE … TEMPLATE), and PGlite
// snapshots (dumpDataDir) that each file's in-memory PGlite starts from, which also skips PGlite's initdb.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

async function adminQuery(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** A uniquely named template (runs of other worktrees share the server and may have other migrations). */
async function createPostgresTemplate(): Promise<string> {
  const name = `bridge_template_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  const db = await createDatabase({ kind: 'postgres', connectionString: url.toString(), maxConnections: 1 });
  try {
    await migrateToLatest(db);
  } finally {
    // A clone waits for, then refuses, a template that still has connections: close them all.
    await closeDatabase(db);
  }
  return name;
}

async function dump(pglite: PGlite, file: string): Promise<string> {
  await writeFile(file, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  return file;
}

async function createPgliteSnapshots(directory: string): Promise<{ empty: string; migrated: string }> {
  const { PGlite } = await import('@electric-sql/pglite');
  const pglite = await PGlite.create('memory://');
  try {
    const empty = await dump(pglite, path.join(directory, 'empty.tar'));
    // Kysely over the same PGlite, not destroyed: destroying it would close the PGlite before its dump.
    await migrateToLatest(new Kysely<DB>({ dialect: new PGliteDialect({ pglite }) }));
    const migrated = await dump(pglite, path.join(directory, 'migrated.tar'));
    return { empty, migrated };
  } finally {
    await pglite.close();
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const directory = await mkdtemp(path.join(tmpdir(), 'bridge-test-snapshots-'));
  const [template, snapshots] = await Promise.all([
    // Without a reachable server the PostgreSQL tests fail as before (each file tries to create its database),
    // while the emulator's, the client's and the PGlite tests still run.
    createPostgresTemplate().catch((error: unknown) => {
      process.stderr.write(`note: no PostgreSQL template database (${String(error)}); files migrate their own.\n`);
      return undefined;
    }),
    createPgliteSnapshots(directory),
  ]);
  if (template) project.provide('postgresTemplateDatabase', template);
  project.provide('pgliteSnapshots', snapshots);
  return async () => {
    if (template) await adminQuery(`drop database if exists ${template} with (force)`);
    await rm(directory, { recursive: true, force: true });
  };
}
