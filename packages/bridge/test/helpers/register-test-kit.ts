// Test-only (imported by *.integration.test.ts): the bridge with workers, an emulator company, an active connection,
// a Procountor client on that company to set up registers, and a sync that waits for its run to end.
import { ProcountorClient, TokenCache } from '@procountor-bridge/client';
import type { Bridge } from '../../src/composition/create-bridge';
import type { SyncRun } from '../../src/registers/sync-runs';
import type { Database } from '../../src/storage/schema';
import {
  apiCaller,
  startTestBridge,
  startTestProcountor,
  TEST_ADMIN_TOKEN,
  type TestProcountor,
} from './start-test-bridge';

export interface RegisterTestKit {
  procountor: TestProcountor;
  bridge: Bridge;
  connectionId: string;
  /** Talks to the emulator company directly, as a user of Procountor would change it. */
  procountorClient: ProcountorClient;
  call: (method: string, path: string, body?: unknown, token?: string) => ReturnType<ReturnType<typeof apiCaller>>;
  /** POST …/registers/sync, then polls the run until it is no longer queued or running. */
  syncAndWait(body?: { mode?: 'full' | 'incremental'; registers?: string[] }): Promise<SyncRun>;
  stop(): Promise<void>;
}

export async function startRegisterTestKit(
  db: Database,
  companyName = 'Rekisteri Oy',
  settings: Record<string, unknown> = {},
): Promise<RegisterTestKit> {
  const procountor = await startTestProcountor(companyName);
  const bridge = await startTestBridge(db, {}, { workerConcurrency: 2 });
  const caller = apiCaller(bridge.url);
  const call: RegisterTestKit['call'] = (method, path, body, token = TEST_ADMIN_TOKEN) =>
    caller(method, path, token, body);
  const created = await call('POST', '/v1/connections', {
    name: companyName,
    environment: 'custom',
    baseUrl: procountor.emulator.baseUrl,
    clientId: procountor.company.clientId,
    clientSecret: procountor.company.clientSecret,
    apiKey: procountor.company.apiKey,
    settings,
  });
  if (created.status !== 201) throw new Error(`creating the connection answered ${created.status}: ${created.text}`);
  const connectionId = created.json.id as string;
  const activated = await call('POST', `/v1/connections/${connectionId}/activate`);
  if (activated.status !== 200) throw new Error(`activation answered ${activated.status}: ${activated.text}`);
  const procountorClient = new ProcountorClient({
    baseUrl: procountor.emulator.baseUrl,
    clientId: procountor.company.clientId,
    clientSecret: procountor.company.clientSecret,
    apiKey: procountor.company.apiKey,
    tokenCache: new TokenCache(),
    maxRetries: 0,
  });
  return {
    procountor,
    bridge,
    connectionId,
    procountorClient,
    call,
    async syncAndWait(body = {}) {
      const started = await call('POST', `/v1/connections/${connectionId}/registers/sync`, body);
      if (started.status !== 202) throw new Error(`sync answered ${started.status}: ${started.text}`);
      const runId = started.json.run.id as string;
      for (let attempt = 0; attempt < 600; attempt += 1) {
        const run = await call('GET', `/v1/connections/${connectionId}/registers/sync-runs/${runId}`);
        if (!['queued', 'running'].includes(run.json.state)) return run.json as SyncRun;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`sync run ${runId} did not finish`);
    },
    async stop() {
      await bridge.stop();
      await procountor.emulator.stop();
    },
  };
}
