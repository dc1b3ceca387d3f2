// The two ways a package of this repository is built with tsup: a publishable library (ESM + bundled .d.ts) and the
// bridge service (ESM with source maps, no declarations). Each package's tsup.config.ts picks one and names its entries.
//
// Why a bundler: the sources import extensionless paths (tsconfig moduleResolution Bundler), which Node's ESM loader
// does not resolve, so plain tsc output would not run. Dependencies and peer dependencies stay external (tsup's
// default), so a package's own dependencies resolve at run time as npm installed them.
import type { Options } from 'tsup';

/** Entry name (path in dist without .js) → source file, e.g. { index: 'src/index.ts', 'finnish/index': '…' }. */
export type Entries = Record<string, string>;

const common = {
  format: 'esm',
  target: 'node20',
  platform: 'node',
  clean: true,
  outDir: 'dist',
} satisfies Options;

/** A package for npm: dist/<entry>.js with dist/<entry>.d.ts, nothing else. */
export function publishableLibrary(entry: Entries): Options {
  return {
    ...common,
    entry,
    // Declarations only: `npm run typecheck` is where the types are checked, so the build skips it (noCheck) and
    // spends its time on emitting.
    dts: { compilerOptions: { noCheck: true } },
  };
}

/** The service run from the build (node dist/main.js): source maps for readable stack traces. */
export function service(entry: Entries): Options {
  return { ...common, entry, sourcemap: true };
}
