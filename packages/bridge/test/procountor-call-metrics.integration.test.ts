// GET /metrics counts the bridge's calls to Procountor by method, path template and status (here: an activation).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Bridge } from '../src/composition/create-bridge';
import {
  apiCaller,
  startTestBridge,
  startTestProcountor,
  TEST_ADMIN_TOKEN,
  type TestProcountor,
} from './helpers/start-test-bridge';
import { describeOnBothDatabases } from './helpers/test-database';

/** The value of one series of procountor_bridge_procountor_calls_total, or undefined when it is not there. */
function callCount(metricsText: string, labels: string): number | undefined {
  const line = metricsText
    .split('\n')
    .find((candidate) => candidate.startsWith(`procountor_bridge_procountor_calls_total{${labels}} `));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describeOnBothDatabases('GET /metrics: Procountor calls', (database) => {
  let procountor: TestProcountor;
  let bridge: Bridge;
  let call: ReturnType<typeof apiCaller>;

  beforeAll(async () => {
    procountor = await startTestProcountor('Mittari Oy');
    bridge = await startTestBridge(database.db);
    call = apiCaller(bridge.url);
  });
  afterAll(async () => {
    await bridge?.stop();
    await procountor?.emulator.stop();
  });

  it('counts the calls of an activation with status 200, as many as Procountor received', async () => {
    const created = await call('POST', '/v1/connections', TEST_ADMIN_TOKEN, {
      name: 'Mittari',
      environment: 'custom',
      baseUrl: procountor.emulator.baseUrl,
      clientId: procountor.company.clientId,
      clientSecret: procountor.company.clientSecret,
      apiKey: procountor.company.apiKey,
    });
    expect(created.status).toBe(201);
    const activated = await call('POST', `/v1/connections/${created.json.id}/activate`, TEST_ADMIN_TOKEN);
    expect(activated.status).toBe(200);

    const metrics = await call('GET', '/metrics', undefined);
    expect(metrics.status).toBe(200);
    // Activation: the token request, GET /company and GET /bankaccounts (README "Connections").
    expect(callCount(metrics.text, 'method="POST",path="/oauth/token",status="200"')).toBe(1);
    expect(callCount(metrics.text, 'method="GET",path="/company",status="200"')).toBe(1);
    expect(callCount(metrics.text, 'method="GET",path="/bankaccounts",status="200"')).toBe(1);

    const counted = metrics.text
      .split('\n')
      .filter((line) => line.startsWith('procountor_bridge_procountor_calls_total{'))
      .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
    const log = await fetch(`${procountor.emulator.url}/_emulator/requests`);
    const { count } = (await log.json()) as { count: number };
    expect(counted).toBe(count);
  });
});
