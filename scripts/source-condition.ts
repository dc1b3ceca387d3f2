// How the repository runs its TypeScript without a build: each package's `exports` has a first condition,
// "@procountor-bridge/source", pointing at src/. Vitest (vitest.config.ts), TypeScript (tsconfig customConditions)
// and `node --conditions=… --import tsx` turn it on; a published package's users never do, and get dist/.
// A scoped name rather than "development", which bundlers set in their dev servers and would send to files not in
// the tarball.
export const SOURCE_CONDITION = '@procountor-bridge/source';

/** Arguments for `node` that run a .ts file of the repository from the sources (workspace packages from src/). */
export const FROM_SOURCE_NODE_ARGS: readonly string[] = [`--conditions=${SOURCE_CONDITION}`, '--import', 'tsx'];
