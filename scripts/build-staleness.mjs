// Whether a package's build is missing or older than its inputs, by modification times (shared by the build-if-stale
// scripts: the root one before `npm start`, the console's before its browser tests).
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

function newestModification(entry) {
  if (!existsSync(entry)) return 0;
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(0, ...readdirSync(entry).map((name) => newestModification(path.join(entry, name))));
}

/** True when `builtFile` is missing or older than any of `inputs` (files or folders); paths relative to `dir`. */
export function isBuildStale(dir, inputs, builtFile) {
  const built = path.join(dir, builtFile);
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return inputs.some((input) => newestModification(path.join(dir, input)) > builtAt);
}
