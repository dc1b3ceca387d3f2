// The composed bridge (createBridge) for the benchmark, and its set-up through the public API: connection, token.
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { BridgeConfig } from '../../src/config/load-config';
import { type Bridge, createBridge } from '../../src/create-bridge';
import type { Database } from '../../src/storage/schema';
import type { EmulatorChild } from './emulator-child';

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

/** One JSON call to the bridge; throws with the answer when the status is not the expected one. */
export async function callBridge<T>(
  bridge: Bridge,
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
  bridge: Bridge,
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
