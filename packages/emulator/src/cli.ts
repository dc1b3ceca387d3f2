// procountor-emulator CLI: parses the options, starts the emulator, seeds the demo company and stops on a signal.
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import type { CreatedCompany } from './companies/create-company';
import { DEMO_CLIENT_ID, seedDemoCompany } from './companies/demo-seed';
import { startEmulator } from './start-emulator';
import type { EmulatorState } from './state/emulator-state';
import { saveStateFile } from './state/state-snapshot';

// The emulator's own process favours memory over speed: V8 then collects garbage before its heap grows far past what
// is live (100,000 invoices: 243 MB instead of 437 MB resident, README "Speed"). Only here, never in a process that
// embeds the emulator (tests, the bridge).
setFlagsFromString('--optimize-for-size');

const USAGE = `Usage: procountor-emulator [options]

A stateful local stand-in for Procountor's REST API (API 26.04).

Options:
  --port <n>          Port to listen on; 0 picks a free one (default 4010)
  --host <name>       Interface to listen on (default 127.0.0.1)
  --seed demo         Create the demo company (partners, products, dimensions…) when the state holds no company yet
  --state <file>      Load the state from this JSON file if it exists, and save it there after changes and on stop
  --rate-limit <n>    Requests per second per integrator client, answered 429 beyond it (default: no limit)
  --latency-ms <n>    Delay added to every /api request, in ms (default: none)
  -h, --help          Show this help

Admin surface (no token): <url>/_emulator/... (companies, api-keys, faults, settings, requests, reset, state/summary).
`;

function fail(message: string): never {
  console.error(`procountor-emulator: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function numberOption(value: string | undefined, name: string, minimum: number): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isFinite(number) || number < minimum) fail(`--${name} '${value}': give a number of at least ${minimum}`);
  return number;
}

let parsed: ReturnType<typeof parseOptions>;
function parseOptions() {
  return parseArgs({
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      state: { type: 'string' },
      seed: { type: 'string' },
      'rate-limit': { type: 'string' },
      'latency-ms': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
}
try {
  parsed = parseOptions();
} catch (error) {
  fail((error as Error).message);
}

if (parsed.help) {
  console.log(USAGE);
  process.exit(0);
}
if (parsed.seed !== undefined && parsed.seed !== 'demo') fail(`--seed '${parsed.seed}': the only seed is 'demo'`);
const port = numberOption(parsed.port, 'port', 0)!;
if (!Number.isInteger(port) || port > 65_535) fail(`--port '${parsed.port}': give a whole number from 0 to 65535`);
const rateLimitPerSecond = numberOption(parsed['rate-limit'], 'rate-limit', 0.001) ?? null;
const latencyMs = numberOption(parsed['latency-ms'], 'latency-ms', 0) ?? null;

/** The demo credentials already in a loaded state: the first unrevoked key of the demo client. */
function findDemoCredentials(state: EmulatorState): CreatedCompany | undefined {
  const key = [...state.apiKeys.values()].find((entry) => entry.clientId === DEMO_CLIENT_ID && !entry.revoked);
  const client = state.clients.get(DEMO_CLIENT_ID);
  if (!key || !client) return undefined;
  return { companyId: key.companyId, clientId: client.clientId, clientSecret: client.clientSecret, apiKey: key.apiKey };
}

const emulator = await startEmulator({
  port,
  host: parsed.host,
  settings: { rateLimitPerSecond, latencyMs },
  ...(parsed.state ? { statePath: parsed.state } : {}),
});
const { state } = emulator.context;

console.log(`Procountor emulator listening on ${emulator.url}`);
console.log(`  API base URL:  ${emulator.baseUrl}`);
console.log(`  Admin surface: ${emulator.url}/_emulator`);
if (parsed.state) console.log(`  State file:    ${parsed.state}`);

if (parsed.seed === 'demo') {
  // Seeding only an empty state keeps a saved --state file's data (and its credentials) across restarts.
  const seeded = state.companies.size === 0;
  const demo = seeded
    ? seedDemoCompany(state, new Date(emulator.context.now()).toISOString())
    : findDemoCredentials(state);
  // Saved at once, so the file holds the demo company even if the process is killed before its first request.
  if (seeded && parsed.state) saveStateFile(parsed.state, state);
  if (demo) {
    const name = state.companies.get(demo.companyId)?.info.name ?? '';
    console.log(`\nDemo company ${seeded ? 'created' : 'already in the state'}: ${name} (companyId ${demo.companyId})`);
    console.log(`  client id:     ${demo.clientId}`);
    console.log(`  client secret: ${demo.clientSecret}`);
    console.log(`  API key:       ${demo.apiKey}`);
    console.log(`  token:         POST ${emulator.baseUrl}/oauth/token (grant_type=client_credentials, form-encoded)`);
  } else {
    console.log('\n--seed demo: the state already holds companies but no demo company; nothing seeded.');
  }
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received: stopping the emulator${parsed.state ? ' and saving the state' : ''}.`);
    emulator.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('procountor-emulator: could not stop cleanly', error);
        process.exit(1);
      },
    );
  });
}
