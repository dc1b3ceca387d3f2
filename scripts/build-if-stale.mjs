// `npm start`'s first step (prestart): builds each package whose build is missing or older than its sources, so a
// fresh clone starts from built JavaScript with no separate build step. The order is the dependency order.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { buildConsoleIfStale } from '../packages/console/scripts/build-if-stale.mjs';
import { isBuildStale } from './build-staleness.mjs';

const root = path.resolve(import.meta.dirname, '..');
const TSUP_INPUTS = ['src', 'package.json', 'tsup.config.ts', '../../scripts/tsup-presets.ts'];
const PACKAGES = [
  { workspace: '@procountor-bridge/client', dir: 'packages/client', builtFile: 'dist/index.js' },
  { workspace: '@procountor-bridge/emulator', dir: 'packages/emulator', builtFile: 'dist/cli.js' },
  { workspace: '@procountor-bridge/bridge', dir: 'packages/bridge', builtFile: 'dist/main.js' },
];

for (const { workspace, dir, builtFile } of PACKAGES) {
  if (!isBuildStale(path.join(root, dir), TSUP_INPUTS, builtFile)) continue;
  console.log(`Building ${workspace} (${dir} → dist/)…`);
  const result = spawnSync('npm', ['run', 'build', '--silent', '--workspace', workspace], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
await buildConsoleIfStale();
