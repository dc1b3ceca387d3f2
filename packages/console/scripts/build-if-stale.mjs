// Builds the console (vite build → dist/) when dist is missing or older than a source file; otherwise does nothing.
// Run by the root `npm start` (through scripts/build-if-stale.mjs) and by the browser tests, so a fresh clone needs no
// separate build step.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isBuildStale } from '../../../scripts/build-staleness.mjs';

const CONSOLE_DIR = fileURLToPath(new URL('..', import.meta.url));
const INPUTS = ['src', 'index.html', 'vite.config.ts', 'package.json'];

/** True when dist/index.html is missing or older than any input. */
export function consoleBuildIsStale() {
  return isBuildStale(CONSOLE_DIR, INPUTS, 'dist/index.html');
}

/** Builds when stale; returns whether it built. */
export async function buildConsoleIfStale({ log = console.log } = {}) {
  if (!consoleBuildIsStale()) return false;
  log('Building the admin console (packages/console → dist/)…');
  // Vite from this package's own dependencies, whatever the caller's working directory.
  const { build } = await import('vite');
  await build({ root: CONSOLE_DIR, configFile: path.join(CONSOLE_DIR, 'vite.config.ts'), logLevel: 'warn' });
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await buildConsoleIfStale();
}
