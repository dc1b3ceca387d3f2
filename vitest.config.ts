// One test run for every package, as two projects: `unit` (*.test.ts: pure logic, no database, no browser) and
// `integration` (*.integration.test.ts: HTTP, PostgreSQL/PGlite, the emulator, Chromium, builds and packs). `npm run
// test:unit` runs the first alone for the inner loop.
import { availableParallelism } from 'node:os';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { configDefaults, defineConfig } from 'vitest/config';
import { SOURCE_CONDITION } from './scripts/source-condition';

const TEST_FILES = ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts', 'test/**/*.test.ts'];
const INTEGRATION_TEST_FILES = [
  'packages/*/src/**/*.integration.test.ts',
  'packages/*/test/**/*.integration.test.ts',
  'test/**/*.integration.test.ts',
];

export default defineConfig({
  // Workspace packages resolve to their TypeScript sources, so tests need no build (scripts/source-condition.ts).
  resolve: { conditions: [SOURCE_CONDITION, ...defaultClientConditions] },
  ssr: { resolve: { conditions: [SOURCE_CONDITION, ...defaultServerConditions] } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default', './scripts/summary-line-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: TEST_FILES,
          exclude: [...configDefaults.exclude, ...INTEGRATION_TEST_FILES],
          // Pure functions without mocks, env or globals: one process may import them all (4x faster than a fork each).
          isolate: false,
          // First, before the integration files (projects with their own maxWorkers run one after the other).
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: INTEGRATION_TEST_FILES,
          // Most of a file's time is waiting (HTTP, polls, child processes), so run more files than cores: Vitest's
          // default (cores − 1) is one file at a time on two cores. At most 6, which keeps the test databases' pools
          // well within PostgreSQL's 100 connections.
          maxWorkers: Math.min(availableParallelism() + 1, 6),
          // Each file still gets its own databases, servers and emulator; sharing the process spares every file
          // importing the bridge, Fastify and PGlite afresh.
          isolate: false,
          // Migrates one PostgreSQL template and one PGlite snapshot per run; each file's database is a copy.
          globalSetup: ['packages/bridge/test/helpers/migrated-templates.ts'],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
