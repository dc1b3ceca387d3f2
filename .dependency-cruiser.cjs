// The import rules `npm run lint` checks (dependency-cruiser): no import circle, and the arrows of docs/architecture.md.
// Type-only imports count: a circle of types still ties two modules together.

/** Inside the bridge: what composes it (entry points, start-up, the CLI), its HTTP kernel and its shared machinery. */
const BRIDGE = '^packages/bridge/src/';
const COMPOSITION = `${BRIDGE}(composition/|cli/|main[.]ts$|index[.]ts$)`;
const KERNEL = `${BRIDGE}server/`;
const MACHINERY = `${BRIDGE}(storage|jobs|config|observability|errors|validation|secrets)/`;
/** Every other folder of the bridge's src is a slice: one domain concept with its routes, steps and repository. */
const NOT_SLICE = [COMPOSITION, KERNEL, MACHINERY];
const TESTS = '[.]test[.]ts$';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Two modules that import each other (directly or round a loop) cannot be read or changed one at a time.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'kernel-imports-no-slice-or-composition',
      severity: 'error',
      comment:
        'server/ is the HTTP kernel the slices plug into: it knows nothing of what is composed on it (docs/architecture.md).',
      from: { path: KERNEL, pathNot: TESTS },
      to: { path: BRIDGE, pathNot: [KERNEL, MACHINERY] },
    },
    {
      name: 'machinery-imports-only-machinery',
      severity: 'error',
      comment:
        'storage, jobs, config, observability, errors, validation and secrets serve the kernel and every slice, and know none of them.',
      from: { path: MACHINERY, pathNot: TESTS },
      to: { path: BRIDGE, pathNot: MACHINERY },
    },
    {
      name: 'slices-import-no-composition',
      severity: 'error',
      comment:
        'A slice plugs into the kernel; the composition (composition/, cli/, main.ts, index.ts) lists the slices, never the reverse.',
      from: { path: BRIDGE, pathNot: [...NOT_SLICE, TESTS] },
      to: { path: COMPOSITION },
    },
    {
      name: 'bridge-imports-emulator-only-in-demo',
      severity: 'error',
      comment: 'The bridge runs against the emulator only in demo mode (composition/demo-procountor.ts) and in tests.',
      from: { path: BRIDGE, pathNot: [`${BRIDGE}composition/demo-procountor[.]ts$`, TESTS] },
      to: { path: '^packages/emulator/' },
    },
    {
      name: 'bridge-imports-no-sdk-or-console',
      severity: 'error',
      comment: 'The SDK and the console reach the bridge over HTTP; the bridge does not depend on them.',
      from: { path: BRIDGE },
      to: { path: '^packages/(sdk|console)/' },
    },
    {
      name: 'client-imports-no-other-package',
      severity: 'error',
      comment: 'The client is the bottom package: the bridge, the SDK and the emulator build on it.',
      from: { path: '^packages/client/src/' },
      to: { path: '^packages/(bridge|emulator|sdk|console)/' },
    },
    {
      name: 'emulator-imports-only-client-contract-and-finnish-rules',
      severity: 'error',
      comment:
        "The emulator stands in for Procountor: it shares the contract's generated types and the Finnish identifier rules, not the client that calls it.",
      from: { path: '^packages/emulator/src/', pathNot: TESTS },
      to: {
        path: '^packages/(client|bridge|sdk|console)/',
        pathNot: '^packages/client/src/(generated|finnish)/',
      },
    },
    {
      name: 'sdk-imports-no-bridge',
      severity: 'error',
      comment: 'The SDK reaches the bridge over HTTP only; its types come from the OpenAPI document (src/generated/).',
      from: { path: '^packages/sdk/src/', pathNot: TESTS },
      to: { path: '^packages/(bridge|emulator|console)/' },
    },
    {
      name: 'console-imports-only-types-from-bridge',
      severity: 'error',
      comment: 'The console talks to the bridge over HTTP; from its sources it takes types only.',
      from: { path: '^packages/console/src/', pathNot: TESTS },
      to: { path: '^packages/(bridge|emulator|sdk)/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    // Workspace packages resolve to their TypeScript sources, as in the tests (scripts/source-condition.ts).
    enhancedResolveOptions: {
      conditionNames: ['@procountor-bridge/source', 'import', 'default'],
      exportsFields: ['exports'],
    },
  },
};
