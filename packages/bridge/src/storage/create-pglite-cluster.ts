// Creates a new PGlite cluster (initdb) in a short-lived child process, so its memory peak never lands in the bridge.
import { execFile } from 'node:child_process';
import { readdir, rename, rm, rmdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

/**
 * PGlite runs initdb in a second PGlite instance inside the same process, beside its own: the process peaks at about
 * 830 MB and, since WebAssembly memory never shrinks and freed native memory mostly stays with the process, stays near
 * 600 MB for its whole life, against about 290 MB when it opens an existing cluster (bench/README.md, "PGlite memory").
 * Plain node, no loader flags: the script only needs PGlite, found from here as the bridge found it.
 */
const INITDB_SCRIPT = `
const { PGlite } = await import(process.env.PGLITE_ENTRY);
const pglite = await PGlite.create(process.env.PGLITE_DATA_DIR);
await pglite.close();
`;

async function isAbsentOrEmpty(dir: string): Promise<boolean> {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
}

/**
 * When `dataDir` is absent or empty: initdb into a sibling folder in a child process, then moves it into place, so a
 * crash halfway leaves no half-made cluster where the bridge looks. Otherwise (a cluster, or files PGlite will
 * judge) does nothing and PGlite opens the folder as before. Returns whether it created the cluster.
 */
export async function createPgliteClusterIfNew(dataDir: string): Promise<boolean> {
  if (!(await isAbsentOrEmpty(dataDir))) return false;
  const building = `${dataDir}.initdb-${process.pid}`;
  await rm(building, { recursive: true, force: true });
  try {
    await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', INITDB_SCRIPT], {
      env: {
        ...process.env,
        PGLITE_ENTRY: pathToFileURL(createRequire(import.meta.url).resolve('@electric-sql/pglite')).href,
        PGLITE_DATA_DIR: building,
      },
    });
    await rmdir(dataDir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw error;
    });
    await rename(building, dataDir);
  } catch (error) {
    await rm(building, { recursive: true, force: true });
    throw new Error(`Creating the PGlite database in ${path.resolve(dataDir)} failed`, { cause: error });
  }
  return true;
}
