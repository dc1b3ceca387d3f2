import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestToken } from '../../test/helpers/test-session';
import { type RunningEmulator, startEmulator } from '../start-emulator';

describe('admin surface (/_emulator)', () => {
  let emulator: RunningEmulator;
  const admin = (path: string, method = 'GET', body?: unknown) =>
    fetch(`${emulator.url}/_emulator${path}`, {
      method,
      ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
  const companyWithToken = async (token: string) =>
    fetch(`${emulator.baseUrl}/company`, { headers: { authorization: `Bearer ${token}` } });

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
  });
  afterAll(() => emulator.stop());

  it('creates a company with credentials that get a token, without any bearer token', async () => {
    const response = await admin('/companies', 'POST', { name: 'Admin Oy', businessId: '2980005-2' });
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(created).toMatchObject({
      companyId: expect.any(Number),
      clientId: expect.any(String),
      clientSecret: expect.any(String),
      apiKey: expect.any(String),
    });
    const token = await requestToken(emulator, created);
    expect((await (await companyWithToken(token)).json()).name).toBe('Admin Oy');
  });

  it('reuses a named integrator client for a second company and refuses a different secret for it', async () => {
    const first = await (
      await admin('/companies', 'POST', { clientId: 'sharedClient', clientSecret: 's3cret-value' })
    ).json();
    const second = await (await admin('/companies', 'POST', { clientId: 'sharedClient' })).json();
    expect(second.clientSecret).toBe('s3cret-value');
    expect(second.companyId).not.toBe(first.companyId);
    const conflicting = await admin('/companies', 'POST', { clientId: 'sharedClient', clientSecret: 'other' });
    expect(conflicting.status).toBe(400);
    expect((await conflicting.json()).errors[0]).toMatchObject({ field: 'clientSecret' });
  });

  it('adds an API key for a company and revokes it, after which its tokens are refused', async () => {
    const company = await (await admin('/companies', 'POST', {})).json();
    const keyResponse = await admin(`/companies/${company.companyId}/api-keys`, 'POST', {});
    expect(keyResponse.status).toBe(201);
    const key = await keyResponse.json();
    expect(key).toMatchObject({ companyId: company.companyId, clientId: company.clientId });
    expect(key.apiKey).not.toBe(company.apiKey);
    const token = await requestToken(emulator, key);
    expect((await companyWithToken(token)).status).toBe(200);
    expect((await admin(`/api-keys/${encodeURIComponent(key.apiKey)}`, 'DELETE')).status).toBe(204);
    expect((await companyWithToken(token)).status).toBe(401);
    await expect(requestToken(emulator, key)).rejects.toThrow(/401/);
    // The company's first key still works.
    expect((await companyWithToken(await requestToken(emulator, company))).status).toBe(200);
  });

  it('answers 404 for an unknown company or API key', async () => {
    expect((await admin('/companies/424242/api-keys', 'POST', {})).status).toBe(404);
    expect((await admin('/api-keys/unknown', 'DELETE')).status).toBe(404);
  });

  it('counts what each company holds and empties everything on reset', async () => {
    const company = await (await admin('/companies', 'POST', { name: 'Laskuri Oy' })).json();
    const token = await requestToken(emulator, company);
    const created = await fetch(`${emulator.baseUrl}/products/groups`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Palvelut', type: 'SALES' }),
    });
    expect(created.status).toBe(200);
    await admin('/faults', 'POST', { pathPattern: '/api/*', kind: '500' });

    const summary = await (await admin('/state/summary')).json();
    const counted = summary.companies.find((entry: { companyId: number }) => entry.companyId === company.companyId);
    expect(counted).toMatchObject({ name: 'Laskuri Oy', apiKeys: 1, counts: { productGroups: 1, invoices: 0 } });
    expect(summary.activeTokens).toBeGreaterThan(0);

    expect((await admin('/reset', 'POST')).status).toBe(204);
    expect(await (await admin('/state/summary')).json()).toEqual({
      clients: 0,
      apiKeys: 0,
      activeTokens: 0,
      companies: [],
    });
    expect((await (await admin('/faults')).json()).faults).toEqual([]);
    expect((await (await admin('/requests')).json()).entries).toEqual([]);
    expect((await companyWithToken(token)).status).toBe(401);
    // The emulator keeps working after a reset.
    const fresh = await (await admin('/companies', 'POST', {})).json();
    expect((await companyWithToken(await requestToken(emulator, fresh))).status).toBe(200);
  });
});
