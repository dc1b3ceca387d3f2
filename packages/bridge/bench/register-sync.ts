// Benchmark (npm run bench): register sync through the emulator's paging (issue #5). (a) a full import of 50,000
// business partners and 10,000 products: wall time, Procountor calls, peak RSS; (b) incremental syncs after 0, 100
// and 1,000 partner changes: calls grow with the changes, not with the register.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ProcountorClient, TokenCache } from '@procountor-bridge/client';
import pino from 'pino';
import { FROM_SOURCE_NODE_ARGS } from '../../../scripts/source-condition';
import { createConnectionService } from '../src/connections/connection-service';
import { REGISTERS, type RegisterName } from '../src/registers/register-kinds';
import { runRegisterSync, type SyncTimings } from '../src/registers/run-register-sync';
import { insertSyncRun, type SyncRun } from '../src/registers/sync-runs';
import type { Database } from '../src/storage/schema';
import { createTestDatabase, type TestDatabase } from '../test/helpers/test-database';
import { megabytes, PeakSampler } from './support/load-stats';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');

const EMULATOR_CHILD = resolve(import.meta.dirname, 'support/register-emulator-child.ts');

const { values } = parseArgs({
  options: {
    partners: { type: 'string', default: '50000' },
    products: { type: 'string', default: '10000' },
    database: { type: 'string', default: 'postgres' },
    // The connection's Procountor rate limit (setting rateLimitPerSecond; default 5, maximum 100).
    'rate-limit': { type: 'string', default: '5' },
  },
});
const PARTNERS = Number(values.partners);
const PRODUCTS = Number(values.products);
const DATABASE = values.database === 'pglite' ? 'pglite' : 'postgres';
const RATE_LIMIT = Number(values['rate-limit']);
const RESULTS_PATH = resolve(
  REPO_ROOT,
  `bench-results/register-sync${DATABASE === 'pglite' ? '-pglite' : ''}${values['rate-limit'] === '5' ? '' : `-${values['rate-limit']}rps`}.json`,
);

interface EmulatorAddress {
  url: string;
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  apiKey: string;
}

function startEmulatorChild(): Promise<{ address: EmulatorAddress; stop: () => void; pid: number }> {
  const child = spawn(
    process.execPath,
    [...FROM_SOURCE_NODE_ARGS, EMULATOR_CHILD, '--partners', String(PARTNERS), '--products', String(PRODUCTS)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let output = '';
  return new Promise((resolvePromise, reject) => {
    child.on('exit', (code) => reject(new Error(`the emulator exited (${code}) before it was ready:\n${output}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = output.split('\n').find((candidate) => candidate.startsWith('{'));
      if (!line || !output.includes('\n')) return;
      child.removeAllListeners('exit');
      // Stops only the emulator process this benchmark started.
      resolvePromise({ address: JSON.parse(line), stop: () => child.kill('SIGTERM'), pid: child.pid as number });
    });
  });
}

/** Procountor requests the emulator logged after `after` (its request log keeps the last 5,000). */
async function loggedRequestsAfter(emulator: EmulatorAddress, after: number): Promise<{ count: number; last: number }> {
  const response = await fetch(`${emulator.url}/_emulator/requests?after=${after}`);
  const { entries } = (await response.json()) as { entries: Array<{ sequence: number; path: string }> };
  const ours = entries.filter((entry) => entry.path !== '/api/oauth/token');
  return { count: ours.length, last: entries.at(-1)?.sequence ?? after };
}

async function lastSequence(emulator: EmulatorAddress): Promise<number> {
  const response = await fetch(`${emulator.url}/_emulator/requests?limit=1`);
  const { entries } = (await response.json()) as { entries: Array<{ sequence: number }> };
  return entries.at(-1)?.sequence ?? 0;
}

async function syncOnce(
  db: Database,
  connections: ReturnType<typeof createConnectionService>,
  connectionId: string,
  mode: 'full' | 'incremental',
  registers: readonly RegisterName[],
) {
  const runId = await insertSyncRun(db, { connectionId, mode, trigger: 'on_demand', registers });
  const startedAt = performance.now();
  const timings: SyncTimings = { waitingForProcountorMs: 0, storingMs: 0 };
  const run = (await runRegisterSync(
    { db, connections, logger: pino({ level: 'silent' }), timings },
    runId,
  )) as SyncRun;
  return {
    run,
    seconds: Math.round(performance.now() - startedAt) / 1000,
    waitingForProcountorSeconds: Math.round(timings.waitingForProcountorMs) / 1000,
    storingSeconds: Math.round(timings.storingMs) / 1000,
  };
}

/** Renames `count` partners through Procountor's API (GET for the version, then PATCH), as users would. */
async function changePartners(client: ProcountorClient, count: number, round: number): Promise<void> {
  const { results = [] } = await client.businessPartners.search({ orderById: 'ASC', size: 200 });
  let changed = 0;
  let previousId: number | undefined;
  let page = results;
  while (changed < count) {
    for (const partner of page) {
      if (changed >= count) break;
      const full = await client.businessPartners.get(partner.id as number);
      await client.businessPartners.patch(partner.id as number, { name: `${full.name} (${round})` } as never, {
        version: full.version as string,
      });
      changed += 1;
    }
    previousId = page.at(-1)?.id;
    page =
      (await client.businessPartners.search({ orderById: 'ASC', size: 200, ...(previousId ? { previousId } : {}) }))
        .results ?? [];
    if (page.length === 0) break;
  }
}

async function main() {
  console.log(
    `register sync benchmark: ${PARTNERS} partners, ${PRODUCTS} products, ${DATABASE}, ${RATE_LIMIT} Procountor requests/s`,
  );
  const emulator = await startEmulatorChild();
  let database: TestDatabase | undefined;
  try {
    database = await createTestDatabase(DATABASE, { migrate: true });
    const { db } = database;
    const secretKey = randomBytes(32);
    const connections = createConnectionService({ db, secretKey, logger: pino({ level: 'silent' }) });
    const created = await connections.create({
      name: 'Register benchmark',
      environment: 'custom',
      baseUrl: emulator.address.baseUrl,
      clientId: emulator.address.clientId,
      clientSecret: emulator.address.clientSecret,
      apiKey: emulator.address.apiKey,
      settings: { rateLimitPerSecond: RATE_LIMIT },
    });
    await db
      .updateTable('connections')
      .set({ status: 'active', activated_at: new Date() })
      .where('id', '=', created.id)
      .execute();

    // (a) Full import.
    const rssBefore = megabytes(process.memoryUsage().rss);
    const sampler = new PeakSampler(() => process.memoryUsage().rss, 100);
    const before = await lastSequence(emulator.address);
    const full = await syncOnce(db, connections, created.id, 'full', REGISTERS);
    const peakRss = megabytes(sampler.stop());
    const fullLogged = await loggedRequestsAfter(emulator.address, before);
    if (full.run.state !== 'succeeded') throw new Error(`the full import failed: ${JSON.stringify(full.run.errors)}`);

    // (b) Incremental syncs after 0, 100 and 1,000 partner changes.
    const client = new ProcountorClient({
      ...emulator.address,
      tokenCache: new TokenCache(),
      maxRetries: 0,
    });
    const incremental = [];
    for (const [round, changes] of [0, 100, 1000].entries()) {
      if (changes > 0) await changePartners(client, changes, round);
      const start = await lastSequence(emulator.address);
      const result = await syncOnce(db, connections, created.id, 'incremental', REGISTERS);
      const logged = await loggedRequestsAfter(emulator.address, start);
      incremental.push({
        changes,
        seconds: result.seconds,
        calls: result.run.procountorCalls,
        callsLogged: logged.count,
        partnerCalls: result.run.counts.business_partners?.calls ?? 0,
        partnersUpdated: result.run.counts.business_partners?.updated ?? 0,
        partnersFetched: result.run.counts.business_partners?.fetched ?? 0,
        state: result.run.state,
      });
    }

    const results = {
      measuredAt: new Date().toISOString(),
      node: process.version,
      database: DATABASE,
      rateLimitPerSecond: RATE_LIMIT,
      partners: PARTNERS,
      products: PRODUCTS,
      full: {
        seconds: full.seconds,
        waitingForProcountorSeconds: full.waitingForProcountorSeconds,
        storingSeconds: full.storingSeconds,
        calls: full.run.procountorCalls,
        callsLogged: fullLogged.count,
        recordsPerSecond: Math.round(full.run.totals.created / full.seconds),
        created: full.run.totals.created,
        callsPerRegister: Object.fromEntries(
          Object.entries(full.run.counts).map(([name, counts]) => [name, counts.calls]),
        ),
        rssBeforeMb: rssBefore,
        peakRssMb: peakRss,
      },
      incremental,
    };
    mkdirSync(resolve(RESULTS_PATH, '..'), { recursive: true });
    writeFileSync(RESULTS_PATH, `${JSON.stringify(results, null, 2)}\n`);

    console.log('\n(a) full import');
    console.table([
      {
        partners: PARTNERS,
        products: PRODUCTS,
        seconds: full.seconds,
        'waiting for Procountor s': full.waitingForProcountorSeconds,
        'storing s': full.storingSeconds,
        'Procountor calls': full.run.procountorCalls,
        'calls in emulator log': fullLogged.count,
        'records/s': results.full.recordsPerSecond,
        'RSS before MB': rssBefore,
        'peak RSS MB': peakRss,
      },
    ]);
    console.log('calls per register:', results.full.callsPerRegister);
    console.log('\n(b) incremental sync after N partner changes (all registers)');
    console.table(incremental);
    console.log(`results written to ${RESULTS_PATH}`);
  } finally {
    await database?.destroy();
    emulator.stop();
  }
}

await main();
