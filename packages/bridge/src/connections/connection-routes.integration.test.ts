// The connections API end to end: create, activate against the emulator, refusals, key replacement, disable, access.
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
import { ConnectionNotActiveError } from './connection-errors';

describeOnBothDatabases('connections API', (database) => {
  let bridge: Bridge;
  let procountor: TestProcountor;
  let call: ReturnType<typeof apiCaller>;
  const admin = TEST_ADMIN_TOKEN;

  beforeAll(async () => {
    procountor = await startTestProcountor();
    bridge = await startTestBridge(database.db, {
      // A route of another domain that needs an active connection, as transfers will have.
      routes: [
        (services) => (app) => {
          app.post('/v1/connections/:connectionId/test-send', async (request) => {
            const { connectionId } = request.params as { connectionId: string };
            await services.connections.requireActive(connectionId);
            return { sent: true };
          });
        },
      ],
    });
    call = apiCaller(bridge.url);
  });
  afterAll(async () => {
    await bridge?.stop();
    await procountor?.emulator.stop();
  });

  const createConnection = async (name: string, overrides: Record<string, unknown> = {}) => {
    const { company, emulator } = procountor;
    const response = await call('POST', '/v1/connections', admin, {
      name,
      environment: 'custom',
      baseUrl: emulator.baseUrl,
      clientId: company.clientId,
      clientSecret: company.clientSecret,
      apiKey: company.apiKey,
      ...overrides,
    });
    expect(response.status).toBe(201);
    return response.json as { id: string; status: string };
  };

  it('creates a draft and activates it, storing the company name, business ID and IBAN from Procountor', async () => {
    const created = await createConnection('Asiakas A');
    expect(created.status).toBe('draft');
    const activated = await call('POST', `/v1/connections/${created.id}/activate`, admin);
    expect(activated.status).toBe(200);
    expect(activated.json).toMatchObject({
      status: 'active',
      companyName: 'Testi Oy',
      companyBusinessId: '2980005-2',
      procountorCompanyId: procountor.company.companyId,
      companyIban: expect.stringMatching(/^FI\d{16}$/),
      lastCheckError: null,
    });
  });

  it('never shows the client secret or API key, and stores neither in clear', async () => {
    const created = await createConnection('Asiakas B');
    const { clientSecret, apiKey } = procountor.company;
    for (const response of [
      await call('GET', '/v1/connections', admin),
      await call('GET', `/v1/connections/${created.id}`, admin),
      await call('POST', `/v1/connections/${created.id}/activate`, admin),
    ]) {
      expect(response.text).not.toContain(clientSecret);
      expect(response.text).not.toContain(apiKey);
    }
    const shown = (await call('GET', `/v1/connections/${created.id}`, admin)).json;
    expect(shown.apiKeyMasked).toBe(`…${apiKey.slice(-4)}`);
    const row = await database.db
      .selectFrom('connections')
      .selectAll()
      .where('id', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toContain(clientSecret);
    expect(JSON.stringify(row)).not.toContain(apiKey);
  });

  it('answers a wrong client secret with a readable refusal and leaves the connection a draft', async () => {
    const created = await createConnection('Väärä salaisuus', { clientSecret: 'not-the-secret' });
    const response = await call('POST', `/v1/connections/${created.id}/activate`, admin);
    expect(response.status).toBe(422);
    expect(response.json.code).toBe('procountor_client_refused');
    expect(response.json.message).toContain(procountor.company.clientId);
    const after = (await call('GET', `/v1/connections/${created.id}`, admin)).json;
    expect(after).toMatchObject({ status: 'draft', lastCheckError: response.json.message });
  });

  it('answers a revoked API key with the client identifier to check, and stays a draft', async () => {
    const revokedKey = await procountor.addApiKey();
    await procountor.revokeApiKey(revokedKey);
    const created = await createConnection('Peruttu avain', { apiKey: revokedKey });
    const response = await call('POST', `/v1/connections/${created.id}/activate`, admin);
    expect(response.status).toBe(422);
    expect(response.json.code).toBe('procountor_api_key_refused');
    expect(response.json.message).toBe(
      `Procountor refused the API key: check that it was created with the client identifier ${procountor.company.clientId} and not revoked.`,
    );
    expect(response.json.details[0].message).toMatch(/API key/);
    expect((await call('GET', `/v1/connections/${created.id}`, admin)).json.status).toBe('draft');
  });

  it('replaces the key of an active connection: the next client uses the new key, the old one may be revoked', async () => {
    const oldKey = await procountor.addApiKey();
    const created = await createConnection('Avaimen vaihto', { apiKey: oldKey });
    await call('POST', `/v1/connections/${created.id}/activate`, admin);
    const before = await bridge.services.connections.get(created.id);
    const oldClient = await bridge.services.connections.procountorClient(before);

    const refused = await call('PUT', `/v1/connections/${created.id}/credentials`, admin, { apiKey: 'wrong-key' });
    expect(refused.json.code).toBe('procountor_api_key_refused');
    expect((await bridge.services.connections.get(created.id)).credentialsVersion).toBe(before.credentialsVersion);

    const newKey = await procountor.addApiKey();
    const replaced = await call('PUT', `/v1/connections/${created.id}/credentials`, admin, { apiKey: newKey });
    expect(replaced.status).toBe(200);
    expect(replaced.json).toMatchObject({ status: 'active', credentialsVersion: before.credentialsVersion + 1 });
    expect(replaced.text).not.toContain(newKey);

    await procountor.revokeApiKey(oldKey);
    const after = await bridge.services.connections.get(created.id);
    const newClient = await bridge.services.connections.procountorClient(after);
    expect(newClient).not.toBe(oldClient);
    await expect(newClient.company.get()).resolves.toMatchObject({ name: 'Testi Oy' });
    await expect(oldClient.company.get()).rejects.toThrow();
  });

  it('disables a connection: requireActive throws and the API answers connection_not_active; enable restores it', async () => {
    const created = await createConnection('Pois päältä');
    await call('POST', `/v1/connections/${created.id}/activate`, admin);
    expect((await call('POST', `/v1/connections/${created.id}/test-send`, admin)).status).toBe(200);
    expect((await call('POST', `/v1/connections/${created.id}/disable`, admin)).json.status).toBe('disabled');
    await expect(bridge.services.connections.requireActive(created.id)).rejects.toBeInstanceOf(
      ConnectionNotActiveError,
    );
    const refused = await call('POST', `/v1/connections/${created.id}/test-send`, admin);
    expect(refused.status).toBe(409);
    expect(refused.json.code).toBe('connection_not_active');
    expect((await call('POST', `/v1/connections/${created.id}/enable`, admin)).json.status).toBe('active');
  });

  it('refuses credentials longer than Procountor issues or with spaces, naming the field, and stores nothing', async () => {
    const { company, emulator } = procountor;
    const countConnections = async () => (await database.db.selectFrom('connections').select('id').execute()).length;
    const before = await countConnections();
    const create = (overrides: Record<string, unknown>) =>
      call('POST', '/v1/connections', admin, {
        name: `Pitkä avain ${Math.random()}`,
        environment: 'custom',
        baseUrl: emulator.baseUrl,
        clientId: company.clientId,
        clientSecret: company.clientSecret,
        apiKey: company.apiKey,
        ...overrides,
      });
    const huge = await create({ apiKey: 'k'.repeat(100_000) });
    expect(huge.status).toBe(400);
    expect(huge.json.details).toEqual([expect.objectContaining({ path: 'apiKey', rule: 'max_length_500' })]);
    const longId = await create({ clientId: 'c'.repeat(201) });
    expect(longId.json.details).toEqual([expect.objectContaining({ path: 'clientId', rule: 'max_length_200' })]);
    const spaced = await create({ clientSecret: 'two words' });
    expect(spaced.status).toBe(400);
    expect(spaced.json.details).toEqual([
      expect.objectContaining({ path: 'clientSecret', rule: 'credential_characters' }),
    ]);
    expect(await countConnections()).toBe(before);

    const created = await createConnection('Avaimen pituus');
    const replaced = await call('PUT', `/v1/connections/${created.id}/credentials`, admin, {
      apiKey: 'k'.repeat(100_000),
    });
    expect(replaced.status).toBe(400);
    expect(replaced.json.details[0]).toMatchObject({ path: 'apiKey', rule: 'max_length_500' });
    expect((await bridge.services.connections.get(created.id)).credentialsVersion).toBe(1);
  });

  it('lists every settings problem at once and stores nothing', async () => {
    const created = await createConnection('Asetukset');
    const response = await call('PATCH', `/v1/connections/${created.id}`, admin, {
      settings: { transferMode: 'sometimes', rateLimitPerSecond: 0, nonsense: true },
    });
    expect(response.status).toBe(400);
    expect(response.json.details.map((detail: { path: string }) => detail.path).sort()).toEqual([
      'settings.nonsense',
      'settings.rateLimitPerSecond',
      'settings.transferMode',
    ]);
    const ok = await call('PATCH', `/v1/connections/${created.id}`, admin, { settings: { transferMode: 'manual' } });
    expect(ok.json.settings).toMatchObject({ transferMode: 'manual', rateLimitPerSecond: 5 });
  });

  it('gives a connection token its own connection only (404 for another) and refuses admin operations (403)', async () => {
    const a = await createConnection('Token A');
    const b = await createConnection('Token B');
    const token = (await call('POST', '/v1/api-tokens', admin, { name: 'source app A', connectionId: a.id })).json
      .token;
    expect((await call('GET', `/v1/connections/${a.id}`, token)).status).toBe(200);
    for (const [method, path] of [
      ['GET', `/v1/connections/${b.id}`],
      ['PATCH', `/v1/connections/${b.id}`],
      ['POST', `/v1/connections/${b.id}/activate`],
    ] as const) {
      const response = await call(method, path, token, method === 'PATCH' ? {} : undefined);
      expect(response.status, `${method} ${path}`).toBe(404);
    }
    for (const [method, path] of [
      ['GET', '/v1/connections'],
      ['PATCH', `/v1/connections/${a.id}`],
      ['POST', `/v1/connections/${a.id}/disable`],
      ['GET', '/v1/api-tokens'],
    ] as const) {
      const response = await call(method, path, token, method === 'PATCH' ? {} : undefined);
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(response.json.code).toBe('admin_required');
    }
  });

  it('serves the settings reference and the activation steps with the client identifier filled in', async () => {
    const settings = (await call('GET', '/v1/connection-settings', admin)).json.settings;
    expect(settings).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'rateLimitPerSecond', default: 5 })]),
    );
    const created = await createConnection('Ohjeet');
    const steps = (await call('GET', `/v1/connection-activation-steps?connectionId=${created.id}`, admin)).json.steps;
    expect(JSON.stringify(steps)).toContain(procountor.company.clientId);
    expect(JSON.stringify(steps)).toContain('Allow the usage of invoiceable API clients');
  });

  it('deletes a connection', async () => {
    const created = await createConnection('Poistettava');
    expect((await call('DELETE', `/v1/connections/${created.id}`, admin)).status).toBe(204);
    expect((await call('GET', `/v1/connections/${created.id}`, admin)).status).toBe(404);
  });
});
