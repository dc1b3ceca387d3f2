// The composed bridge (createBridge) for the benchmark, in this process or alone in a child process, and its set-up
// through the public API: connection, token.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { FROM_SOURCE_NODE_ARGS } from '../../../../scripts/source-condition';
import { type Bridge, createBridge } from '../../src/composition/create-bridge';
import type { BridgeConfig } from '../../src/config/load-config';
import type { Database } from '../../src/storage/schema';
import type { EmulatorChild } from './emulator-child';
import { procCpuMs, procStatusMb, type ResidentSplit, residentSplit } from './process-memory';

/** What the API helpers need of a bridge: where it listens (a Bridge in this process, or a BridgeChild). */
export interface BridgeAddress {
  url: string;
}

export const BENCH_ADMIN_TOKEN = `bench-admin-${randomBytes(16).toString('hex')}`;
/** One key for every bridge of the run, so a second bridge over the same database reads the stored credentials. */
const BENCH_SECRET_KEY = randomBytes(32);

/**
 * The bridge as `npm start` builds it (production client defaults: retries, 60 s timeout), over `db`, on port 0,
 * silent, without a demo connection; `workerConcurrency` 0 means no workers (acceptance only).
 */
export async function startBenchBridge(db: Database, workerConcurrency: number): Promise<Bridge> {
  const config: BridgeConfig = {
    databaseUrl: undefined,
    dataDir: await mkdtemp(path.join(tmpdir(), 'bridge-bench-')),
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    secretKey: BENCH_SECRET_KEY,
    adminToken: BENCH_ADMIN_TOKEN,
    publicUrl: 'http://127.0.0.1',
    procountor: undefined,
    workerConcurrency,
  };
  return createBridge(config, {
    logger: pino({ level: 'silent' }),
    database: db,
    bootstrapConnection: false,
    print: () => {},
  });
}

/** The bridge in a child process (bridge-child.mjs), measured from outside through /proc/<pid>. */
export interface BridgeChild extends BridgeAddress {
  pid: number;
  /** VmRSS now, MB. */
  rssMb(): number;
  /** VmHWM: the highest resident set size the process ever had, MB (Linux). */
  peakRssMb(): number;
  /** The resident set now, split by mapping (PGlite's WebAssembly memory, other anonymous memory, files). */
  residentSplit(): ResidentSplit;
  /** CPU time used so far, all threads, ms. */
  cpuMs(): number;
  /** SIGTERM (graceful stop), resolved when the process is gone. */
  stop(): Promise<void>;
}

const REPO_ROOT = path.resolve(import.meta.dirname, '../../../..');
const BRIDGE_CHILD = path.resolve(import.meta.dirname, 'bridge-child.mjs');

let built = false;
/** `npm start`'s prestart: builds the packages whose dist/ is missing or older than their sources, once per run. */
function buildIfStale(): void {
  if (built) return;
  const result = spawnSync(process.execPath, [path.join(REPO_ROOT, 'scripts/build-if-stale.mjs')], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) throw new Error(`scripts/build-if-stale.mjs failed (${result.status})`);
  built = true;
}

/**
 * The bridge in a child process over the PostgreSQL database, or over PGlite in its data directory when `databaseUrl`
 * is undefined (as `npm start` without DATABASE_URL); resolved once it listens. By default it runs as `npm start`
 * does: plain `node --enable-source-maps` on the built dist/ (built first if stale), so its memory is the product's;
 * `fromSource` runs src/ under tsx instead (about 80 MB more). `nodeArgs` go before the script (e.g. --cpu-prof, or
 * an --import of a .ts file, which brings tsx along); `dataDir` defaults to a new temporary directory.
 */
export async function startBridgeChild(
  databaseUrl: string | undefined,
  workerConcurrency: number,
  options: { nodeArgs?: string[]; dataDir?: string; env?: Record<string, string>; fromSource?: boolean } = {},
): Promise<BridgeChild> {
  const nodeArgs = options.nodeArgs ?? [];
  const loadsTypeScript = nodeArgs.some((arg) => arg.endsWith('.ts'));
  if (!options.fromSource) buildIfStale();
  const runtimeArgs = options.fromSource
    ? FROM_SOURCE_NODE_ARGS
    : ['--enable-source-maps', ...(loadsTypeScript ? ['--import', 'tsx'] : [])];
  const { DATABASE_URL: _inherited, ...inheritedEnv } = process.env;
  const child = spawn(process.execPath, [...runtimeArgs, ...nodeArgs, BRIDGE_CHILD], {
    cwd: REPO_ROOT,
    env: {
      ...inheritedEnv,
      ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
      BRIDGE_SECRET_KEY: BENCH_SECRET_KEY.toString('base64'),
      BRIDGE_ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
      BRIDGE_DATA_DIR: options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'bridge-bench-child-'))),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      WORKER_CONCURRENCY: String(workerConcurrency),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.once('exit', (code) => reject(new Error(`the bridge child exited (${code}) before it listened:\n${output}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const found = /LISTENING (\S+)/.exec(output)?.[1];
      if (found) resolve(found);
    });
  });
  const pid = child.pid!;
  return {
    url,
    pid,
    rssMb: () => procStatusMb(pid, 'VmRSS'),
    peakRssMb: () => procStatusMb(pid, 'VmHWM'),
    residentSplit: () => residentSplit(pid),
    cpuMs: () => procCpuMs(pid),
    async stop() {
      // Stops only the bridge process this benchmark started.
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** One JSON call to the bridge; throws with the answer when the status is not the expected one. */
export async function callBridge<T>(
  bridge: BridgeAddress,
  method: string,
  urlPath: string,
  token: string,
  body?: unknown,
  expected: number[] = [200, 201, 202],
): Promise<T> {
  const response = await fetch(`${bridge.url}${urlPath}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!expected.includes(response.status)) throw new Error(`${method} ${urlPath}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface BenchConnection {
  connectionId: string;
  /** A connection token, as a source application holds. */
  token: string;
}

/** Creates and activates a connection to the emulator's demo company with these settings, and a token for it. */
export async function createActiveConnection(
  bridge: BridgeAddress,
  emulator: EmulatorChild,
  name: string,
  settings: Record<string, unknown>,
): Promise<BenchConnection> {
  const created = await callBridge<{ id: string }>(bridge, 'POST', '/v1/connections', BENCH_ADMIN_TOKEN, {
    name,
    environment: 'custom',
    baseUrl: emulator.baseUrl,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    apiKey: emulator.apiKey,
    settings,
  });
  await callBridge(bridge, 'POST', `/v1/connections/${created.id}/activate`, BENCH_ADMIN_TOKEN);
  const { token } = await callBridge<{ token: string }>(bridge, 'POST', '/v1/api-tokens', BENCH_ADMIN_TOKEN, {
    name: `${name} source`,
    connectionId: created.id,
  });
  return { connectionId: created.id, token };
}

/**
 * A full sync of the connection's Procountor registers (business partners, products, dimensions…), waited for: the
 * steady state of a running bridge, where known customers and products cost no Procountor call (customers linked as on
 * the linking page).
 */
export async function syncRegisters(bridge: BridgeAddress, connection: BenchConnection): Promise<void> {
  const base = `/v1/connections/${connection.connectionId}/registers`;
  const { run } = await callBridge<{ run: { id: string } }>(bridge, 'POST', `${base}/sync`, connection.token, {
    mode: 'full',
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    const current = await callBridge<{ state: string; errors: unknown[] }>(
      bridge,
      'GET',
      `${base}/sync-runs/${run.id}`,
      connection.token,
    );
    if (current.state === 'succeeded') return;
    if (current.state === 'failed') throw new Error(`register sync failed: ${JSON.stringify(current.errors)}`);
    if (Date.now() > deadline) throw new Error(`register sync still ${current.state} after 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Transfers of the connection per state, read from the database. */
export async function transferStates(db: Database, connectionId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('transfers')
    .select(['state', db.fn.countAll<string>().as('count')])
    .where('connection_id', '=', connectionId)
    .groupBy('state')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.state, Number(row.count)]));
}

/**
 * Transfers of the connection in these states, through the public API (the list's `total` when paged by number), so
 * it works on PGlite too, whose database only the bridge process can open.
 */
export async function countTransfersViaApi(
  bridge: BridgeAddress,
  connection: BenchConnection,
  state: string,
): Promise<number> {
  const { total } = await callBridge<{ total?: number }>(
    bridge,
    'GET',
    `/v1/connections/${connection.connectionId}/transfers?state=${state}&page=0&pageSize=1`,
    connection.token,
  );
  return total ?? 0;
}
