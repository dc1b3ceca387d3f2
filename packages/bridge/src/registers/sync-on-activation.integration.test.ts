// With syncRegistersOnActivation, activating a connection imports Procountor's registers with no other step.
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  apiCaller,
  startTestBridge,
  startTestProcountor,
  TEST_ADMIN_TOKEN,
  type TestProcountor,
} from '../../test/helpers/start-test-bridge';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import type { Bridge } from '../composition/create-bridge';

describeOnBothDatabases('register import on activation', (database) => {
  let procountor: TestProcountor;
  let bridge: Bridge;
  let call: ReturnType<typeof apiCaller>;

  beforeAll(async () => {
    procountor = await startTestProcountor('Tuonti Oy');
    bridge = await startTestBridge(database.db, {}, { workerConcurrency: 2 });
    call = apiCaller(bridge.url);
  });
  afterAll(async () => {
    await bridge?.stop();
    await procountor?.emulator.stop();
  });

  const activatedConnection = async (name: string, syncRegistersOnActivation: boolean) => {
    const created = await call('POST', '/v1/connections', TEST_ADMIN_TOKEN, {
      name,
      environment: 'custom',
      baseUrl: procountor.emulator.baseUrl,
      clientId: procountor.company.clientId,
      clientSecret: procountor.company.clientSecret,
      apiKey: procountor.company.apiKey,
      settings: { syncRegistersOnActivation, subscribeToProcountorWebhooks: false },
    });
    expect(created.status).toBe(201);
    const id = created.json.id as string;
    expect((await call('POST', `/v1/connections/${id}/activate`, TEST_ADMIN_TOKEN)).status).toBe(200);
    return id;
  };
  const runsOf = async (connectionId: string) =>
    (await call('GET', `/v1/connections/${connectionId}/registers/sync-runs`, TEST_ADMIN_TOKEN)).json as {
      runs: { mode: string; state: string }[];
    };

  it('queues a full import of every register when the connection is activated', async () => {
    const connectionId = await activatedConnection('Tuonti päällä', true);
    const { runs } = await runsOf(connectionId);
    expect(runs).toEqual([expect.objectContaining({ mode: 'full' })]);
    // The workers run it: wait for its end (bounded) and check it imported without errors.
    for (
      let tries = 0;
      tries < 200 && !['succeeded', 'failed'].includes((await runsOf(connectionId)).runs[0]!.state);
      tries++
    ) {
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    expect((await runsOf(connectionId)).runs[0]?.state).toBe('succeeded');
  });

  it('imports nothing by itself with the setting off (the default)', async () => {
    const connectionId = await activatedConnection('Tuonti pois', false);
    expect((await runsOf(connectionId)).runs).toEqual([]);
  });
});
