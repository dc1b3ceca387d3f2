// Test-only builders (imported by *.integration.test.ts only): the bridge on port 0 over a test database, and the emulator with one company.
import { randomBytes } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type CreatedCompany, createCompany, type RunningEmulator, startEmulator } from '@procountor-bridge/emulator';
import pino from 'pino';
import type { BackgroundTimings } from '../../src/composition/bridge-services';
import { type Bridge, type CreateBridgeOptions, createBridge } from '../../src/composition/create-bridge';
import type { BridgeConfig } from '../../src/config/load-config';
import { WEBHOOK_SUBSCRIBE_RETRY } from '../../src/payments/auto-subscribe-procountor-webhook';
import type { Database } from '../../src/storage/schema';

export const TEST_ADMIN_TOKEN = `admin-${'x'.repeat(30)}`;

/**
 * The workers' waits cut to about a second, so a test waits on a poll, a retry or a held delivery that long rather
 * than the production seconds or minutes; the behaviour (what is retried, in which order) stays the same.
 */
export const TEST_TIMINGS: BackgroundTimings = {
  pollingIntervalSeconds: 0.5,
  // pg-boss takes whole seconds: about 1 s, 2 s, 4 s … instead of 5 s, 10 s, 20 s ….
  webhookSubscribeRetry: { ...WEBHOOK_SUBSCRIBE_RETRY, retryDelay: 1 },
  webhookDelivery: {
    retryPolicy: { baseDelaySeconds: 1, maxDelaySeconds: 1, maxAttempts: 15 },
    orderWaitSeconds: 0.5,
  },
};

/**
 * The bridge over `db` on 127.0.0.1:0 with TEST_ADMIN_TOKEN, no demo connection, no workers unless asked, and
 * TEST_TIMINGS unless `options.timings` says otherwise.
 */
export async function startTestBridge(
  db: Database,
  options: CreateBridgeOptions = {},
  configOverrides: Partial<BridgeConfig> = {},
): Promise<Bridge> {
  const config: BridgeConfig = {
    databaseUrl: undefined,
    dataDir: await mkdtemp(path.join(tmpdir(), 'bridge-test-')),
    port: 0,
    host: '127.0.0.1',
    logLevel: 'silent',
    secretKey: randomBytes(32),
    adminToken: TEST_ADMIN_TOKEN,
    publicUrl: 'http://127.0.0.1',
    procountor: undefined,
    workerConcurrency: 0,
    ...configOverrides,
  };
  return createBridge(config, {
    logger: pino({ level: 'silent' }),
    database: db,
    bootstrapConnection: false,
    print: () => {},
    // Fail fast: the emulator answers at once or not at all.
    clientDefaults: { maxRetries: 0, timeoutMs: 5_000 },
    timings: TEST_TIMINGS,
    ...options,
  });
}

export interface TestProcountor {
  emulator: RunningEmulator;
  company: CreatedCompany;
  /** Adds another API key for the company's client (emulator admin surface). */
  addApiKey(): Promise<string>;
  revokeApiKey(apiKey: string): Promise<void>;
}

export async function startTestProcountor(name = 'Testi Oy'): Promise<TestProcountor> {
  const emulator = await startEmulator({ port: 0 });
  const company = createCompany(emulator.context.state, { name, businessId: '2980005-2' }, new Date().toISOString());
  return {
    emulator,
    company,
    async addApiKey() {
      const response = await fetch(`${emulator.url}/_emulator/companies/${company.companyId}/api-keys`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ clientId: company.clientId }),
      });
      return ((await response.json()) as { apiKey: string }).apiKey;
    },
    async revokeApiKey(apiKey) {
      await fetch(`${emulator.url}/_emulator/api-keys/${encodeURIComponent(apiKey)}`, { method: 'DELETE' });
    },
  };
}

/** A small fetch wrapper: JSON in, status, parsed body and raw text out. */
export function apiCaller(baseUrl: string) {
  return async (method: string, urlPath: string, token: string | undefined, body?: unknown) => {
    const response = await fetch(`${baseUrl}${urlPath}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    // biome-ignore lint/suspicious/noExplicitAny: test assertions read any field of any answer.
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: response.status, json, text };
  };
}
