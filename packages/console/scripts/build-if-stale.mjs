// Builds the console (vite build → dist/) when dist is missing or older than a source file; otherwise does nothing.
// Run by the root `npm start` (prestart) and by the browser tests, so a fresh clone needs no separate build step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CONSOLE_DIR = fileURLToPath(new URL('..', import.meta.url));
const BUILT_INDEX = path.join(CONSOLE_DIR, 'dist', 'index.html');
const INPUTS = ['src', 'index.html', 'vite.config.ts', 'package.json'];

function newestModification(entry) {
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestModification(path.join(entry, name))));
}

/** True when dist/index.html is missing or older than any input. */
export function consoleBuildIsStale() {
  if (!existsSync(BUILT_INDEX)) return true;
  const built = statSync(BUILT_INDEX).mtimeMs;
  return INPUTS.some((input) => newestModification(path.join(CONSOLE_DIR, input)) > built);
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
