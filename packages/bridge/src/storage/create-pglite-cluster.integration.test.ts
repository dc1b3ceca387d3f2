// Tests the PGlite cluster made in a child process: created only where none is, moved into place whole, then opened.
import { access, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { closeDatabase, createDatabase } from './create-database';
import { createPgliteClusterIfNew } from './create-pglite-cluster';

/** initdb in a new node process: about 7 s alone, several times that on a busy CI machine. */
const INITDB_TIMEOUT_MS = 180_000;

describe('createPgliteClusterIfNew', () => {
  const parent = mkdtemp(path.join(tmpdir(), 'bridge-pglite-cluster-'));
  afterAll(async () => rm(await parent, { recursive: true, force: true }));

  it(
    'creates a cluster in an absent folder, without a build folder left beside it, that createDatabase opens',
    async () => {
      const dataDir = path.join(await parent, 'absent');
      expect(await createPgliteClusterIfNew(dataDir)).toBe(true);
      await access(path.join(dataDir, 'PG_VERSION'));
      expect(await readdir(await parent)).toEqual(['absent']);
      expect(await createPgliteClusterIfNew(dataDir)).toBe(false);

      const db = await createDatabase({ kind: 'pglite', dataDir });
      try {
        const { rows } = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(db);
        expect(rows).toEqual([{ shared_buffers: '16MB' }]);
      } finally {
        await closeDatabase(db);
      }
    },
    INITDB_TIMEOUT_MS,
  );

  it(
    'fills an empty folder, and leaves a folder with files to PGlite',
    async () => {
      const empty = path.join(await parent, 'empty');
      await mkdir(empty);
      expect(await createPgliteClusterIfNew(empty)).toBe(true);
      await access(path.join(empty, 'PG_VERSION'));

      const notEmpty = path.join(await parent, 'not-empty');
      await mkdir(notEmpty);
      await writeFile(path.join(notEmpty, 'note.txt'), 'someone else’s file');
      expect(await createPgliteClusterIfNew(notEmpty)).toBe(false);
      expect(await readdir(notEmpty)).toEqual(['note.txt']);
    },
    INITDB_TIMEOUT_MS,
  );
});
