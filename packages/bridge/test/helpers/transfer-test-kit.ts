// Test set-up for transfers: the emulator as Procountor, connections pointing at it, a job queue, and the bridge's deps.
import { ProcountorClient } from '@procountor-bridge/client';
import { createCompany, type RunningEmulator, startEmulator } from '@procountor-bridge/emulator';
import pino from 'pino';
import { ConnectionNotActiveError, ConnectionNotFoundError } from '../../src/connections/connection-errors';
import type { ConnectionRecord, ConnectionService } from '../../src/connections/connection-record';
import { type ConnectionSettings, withDefaultSettings } from '../../src/connections/connection-settings';
import { createJobQueue, type JobQueue } from '../../src/jobs/create-job-queue';
import { QUEUE_NAMES } from '../../src/jobs/queue-names';
import type { Database } from '../../src/storage/schema';
import type { TransferDeps } from '../../src/transfers/transfer-deps';

interface EmulatorCredentials {
  companyId: number;
  clientId: string;
  clientSecret: string;
  apiKey: string;
}

/**
 * A ConnectionService over connection rows whose Procountor credentials live here, in memory (the real service keeps
 * them encrypted: connections/, another part of issue #4). Clients get short timeouts and retries so faults are quick.
 */
export class TestConnectionService implements ConnectionService {
  readonly credentials = new Map<string, EmulatorCredentials>();
  readonly #clients = new Map<string, ProcountorClient>();
  constructor(
    private readonly db: Database,
    private readonly emulator: RunningEmulator,
  ) {}

  async find(connectionId: string): Promise<ConnectionRecord | undefined> {
    const row = await this.db.selectFrom('connections').selectAll().where('id', '=', connectionId).executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      name: row.name,
      status: row.status,
      environment: row.environment,
      baseUrl: row.base_url,
      clientId: row.client_id,
      apiKeyMasked: '…test',
      credentialsVersion: row.credentials_version,
      procountorCompanyId: row.procountor_company_id,
      companyName: row.company_name,
      companyBusinessId: row.company_business_id,
      companyIban: row.company_iban,
      settings: withDefaultSettings(row.settings),
      activatedAt: row.activated_at,
      lastCheckedAt: row.last_checked_at,
      lastCheckError: row.last_check_error,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  async requireActive(connectionId: string): Promise<ConnectionRecord> {
    const connection = await this.find(connectionId);
    if (!connection) throw new ConnectionNotFoundError(connectionId);
    if (connection.status !== 'active') throw new ConnectionNotActiveError(connectionId, connection.status);
    return connection;
  }

  async procountorClient(connection: ConnectionRecord): Promise<ProcountorClient> {
    const cached = this.#clients.get(connection.id);
    if (cached) return cached;
    const credentials = this.credentials.get(connection.id);
    if (!credentials) throw new Error(`no emulator credentials for ${connection.id}`);
    const client = new ProcountorClient({
      baseUrl: this.emulator.baseUrl,
      clientId: credentials.clientId,
      clientSecret: credentials.clientSecret,
      apiKey: credentials.apiKey,
      // Short, so a test of a hanging Procountor (an emulator fault holding 3 s) sees the timeout, yet long enough
      // for an answer from an emulator on a busy machine running test files in parallel.
      timeoutMs: 2_000,
      maxRetries: 2,
      initialRetryDelayMs: 5,
      maxRetryDelayMs: 20,
      maxRetryAfterMs: 1_500,
    });
    this.#clients.set(connection.id, client);
    return client;
  }
}

export interface TransferTestKit {
  emulator: RunningEmulator;
  jobs: JobQueue;
  connections: TestConnectionService;
  deps: TransferDeps;
  /** A new emulator company and an active connection to it with these settings. */
  createTestConnection(settings?: Partial<ConnectionSettings>): Promise<{ connectionId: string; companyId: number }>;
  setSettings(connectionId: string, settings: Partial<ConnectionSettings>): Promise<void>;
  setStatus(connectionId: string, status: 'draft' | 'active' | 'disabled'): Promise<void>;
  /** The emulator company's data (invoices, partners, products…), for assertions on what Procountor holds. */
  company(companyId: number): NonNullable<ReturnType<RunningEmulator['context']['state']['companies']['get']>>;
  stop(): Promise<void>;
}

let connectionCounter = 0;

export async function startTransferTestKit(db: Database): Promise<TransferTestKit> {
  const emulator = await startEmulator({ port: 0 });
  const logger = pino({ level: process.env.BRIDGE_TEST_LOG_LEVEL ?? 'silent' });
  const jobs = createJobQueue(
    db,
    { workerConcurrency: 1 },
    { logger, pollingIntervalSeconds: 0.5, runMaintenance: false },
  );
  await jobs.start();
  await jobs.createQueue(QUEUE_NAMES.transferRun, { retryLimit: 0 });
  const connections = new TestConnectionService(db, emulator);
  const deps: TransferDeps = { db, jobs, connections, logger };
  const company = (companyId: number) => {
    const data = emulator.context.state.companies.get(companyId);
    if (!data) throw new Error(`no emulator company ${companyId}`);
    return data;
  };
  return {
    emulator,
    jobs,
    connections,
    deps,
    company,
    async createTestConnection(settings = {}) {
      const created = createCompany(emulator.context.state, { name: 'Myyjä Oy' }, new Date().toISOString());
      connectionCounter += 1;
      const connectionId = `con_test${process.pid}x${connectionCounter}`;
      await db
        .insertInto('connections')
        .values({
          id: connectionId,
          name: `Test connection ${connectionCounter}`,
          status: 'active',
          environment: 'custom',
          base_url: emulator.baseUrl,
          client_id: created.clientId,
          client_secret_encrypted: 'test-only',
          api_key_encrypted: 'test-only',
          procountor_company_id: created.companyId,
          company_iban: company(created.companyId).bankAccounts[0]?.iban ?? null,
          settings: JSON.stringify(settings),
        })
        .execute();
      connections.credentials.set(connectionId, created);
      return { connectionId, companyId: created.companyId };
    },
    async setSettings(connectionId, settings) {
      const row = await db
        .selectFrom('connections')
        .select('settings')
        .where('id', '=', connectionId)
        .executeTakeFirstOrThrow();
      await db
        .updateTable('connections')
        .set({ settings: JSON.stringify({ ...row.settings, ...settings }) })
        .where('id', '=', connectionId)
        .execute();
    },
    async setStatus(connectionId, status) {
      await db.updateTable('connections').set({ status }).where('id', '=', connectionId).execute();
    },
    async stop() {
      await jobs.stop({ timeoutMs: 1_000 });
      await emulator.stop();
    },
  };
}
