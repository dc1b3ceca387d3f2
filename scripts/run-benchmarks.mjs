// `npm run bench`: runs every packages/*/bench/*.ts from the sources (tsx, workspace packages from src/), one after another, and says where results were written.
// Only files directly in bench/ are benchmarks; their helpers live in subfolders (bench/support/).
// `npm run bench -- engine-speed --quick`: words select the benchmarks whose file name contains one of them; options
// (from the first `-…` on) go to each selected benchmark, so they need a selection (each bench has its own options).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
// scripts/source-condition.ts's FROM_SOURCE_NODE_ARGS (this .mjs runs before tsx, so it cannot import the .ts).
const FROM_SOURCE_NODE_ARGS = ['--conditions=@procountor-bridge/source', '--import', 'tsx'];
const packagesDir = join(root, 'packages');
const resultsDir = join(root, 'bench-results');

const args = process.argv.slice(2);
const firstOption = args.findIndex((arg) => arg.startsWith('-'));
const names = firstOption === -1 ? args : args.slice(0, firstOption);
const options = firstOption === -1 ? [] : args.slice(firstOption);
if (options.length > 0 && names.length === 0) {
  console.error('Options go to a benchmark: name it first, e.g. `npm run bench -- engine-speed --quick`.');
  process.exit(2);
}

const benchmarks = readdirSync(packagesDir)
  .map((name) => join(packagesDir, name, 'bench'))
  .filter((dir) => existsSync(dir))
  .flatMap((dir) =>
    readdirSync(dir)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
      .map((file) => join(dir, file)),
  )
  .filter((file) => names.length === 0 || names.some((name) => relative(packagesDir, file).includes(name)))
  .sort();

if (benchmarks.length === 0) {
  console.log(`No benchmarks found (packages/*/bench/*.ts${names.length > 0 ? ` matching ${names.join(', ')}` : ''}).`);
  process.exit(names.length > 0 ? 2 : 0);
}

const failed = [];
for (const file of benchmarks) {
  console.log(`\n▶ ${relative(root, file)}`);
  const result = spawnSync(process.execPath, [...FROM_SOURCE_NODE_ARGS, file, ...options], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) failed.push(relative(root, file));
}

console.log(`\nResults are written to ${relative(root, resultsDir)}/:`);
if (existsSync(resultsDir))
  for (const file of readdirSync(resultsDir).sort()) console.log(`  ${join(relative(root, resultsDir), file)}`);
if (failed.length > 0) {
  console.error(`\n${failed.length} benchmark(s) failed: ${failed.join(', ')}`);
  process.exit(1);
}
