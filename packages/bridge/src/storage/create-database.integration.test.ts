// Tests opening the database from config: DATABASE_URL picks PostgreSQL, else PGlite files that survive a restart.
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, createDatabase, databaseTargetFromConfig } from './create-database';
import { migrateToLatest } from './migrate';

describe('databaseTargetFromConfig', () => {
  it('uses PostgreSQL when DATABASE_URL is set, else PGlite under <dataDir>/pglite', () => {
    expect(databaseTargetFromConfig({ databaseUrl: 'postgres://db/bridge', dataDir: '/data' })).toEqual({
      kind: 'postgres',
      connectionString: 'postgres://db/bridge',
    });
    expect(databaseTargetFromConfig({ databaseUrl: undefined, dataDir: '/data' })).toEqual({
      kind: 'pglite',
      dataDir: '/data/pglite',
    });
  });
});

describe('createDatabase on file-backed PGlite', () => {
  const parent = mkdtemp(path.join(tmpdir(), 'bridge-pglite-'));
  afterAll(async () => rm(await parent, { recursive: true, force: true }));

  it('creates the data directory and keeps committed rows across a close and reopen', async () => {
    const target = databaseTargetFromConfig({ databaseUrl: undefined, dataDir: path.join(await parent, 'data') });
    const first = await createDatabase(target);
    await migrateToLatest(first);
    await first.insertInto('bridge_meta').values({ key: 'first_started', value: 'yes' }).execute();
    await closeDatabase(first);
    expect((await readdir(path.join(await parent, 'data', 'pglite'))).length).toBeGreaterThan(0);

    const reopened = await createDatabase(target);
    expect(await migrateToLatest(reopened)).toEqual([]);
    const row = await reopened
      .selectFrom('bridge_meta')
      .select('value')
      .where('key', '=', 'first_started')
      .executeTakeFirst();
    expect(row).toEqual({ value: 'yes' });
    await closeDatabase(reopened);
    // A new folder means initdb (in a child process): about 7 s alone, several times that on a busy machine.
  }, 180_000);
});
