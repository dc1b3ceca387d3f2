import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompany } from '../companies/create-company';
import { type RunningEmulator, startEmulator } from '../start-emulator';

describe('POST /api/oauth/token', () => {
  let emulator: RunningEmulator;
  let credentials: ReturnType<typeof createCompany>;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    credentials = createCompany(emulator.context.state, { name: 'Token Oy' }, new Date().toISOString());
  });
  afterAll(() => emulator.stop());

  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const validForm = (overrides: Record<string, string> = {}) =>
    form({
      grant_type: 'client_credentials',
      client_id: credentials.clientId,
      client_secret: credentials.clientSecret,
      api_key: credentials.apiKey,
      ...overrides,
    });
  const post = (body: string, contentType = 'application/x-www-form-urlencoded', query = '') =>
    fetch(`${emulator.baseUrl}/oauth/token${query}`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });

  it('issues a bearer token lasting 3600 s for valid client credentials and API key', async () => {
    const response = await post(validForm());
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(typeof body.access_token).toBe('string');
  });

  it('refuses a wrong client secret with 401 in Procountor error shape', async () => {
    const response = await post(validForm({ client_secret: 'wrong' }));
    expect(response.status).toBe(401);
    expect((await response.json()).errors[0]).toMatchObject({ status: 401 });
  });

  it('refuses a revoked API key', async () => {
    emulator.context.state.apiKeys.get(credentials.apiKey)!.revoked = true;
    const response = await post(validForm());
    expect(response.status).toBe(401);
    emulator.context.state.apiKeys.get(credentials.apiKey)!.revoked = false;
  });

  it('refuses an API key made for another client application (FACTS.md: a key binds user, company and client)', async () => {
    const other = createCompany(
      emulator.context.state,
      { name: 'Toinen Oy', clientId: 'anotherIntegration', clientSecret: 'another-secret' },
      new Date().toISOString(),
    );
    const response = await post(validForm({ api_key: other.apiKey }));
    expect(response.status).toBe(401);
    expect((await response.json()).errors[0].status).toBe(401);
  });

  it('refuses a JSON body and a charset parameter', async () => {
    expect((await post(JSON.stringify({ grant_type: 'client_credentials' }), 'application/json')).status).toBe(415);
    const withCharset = await post(validForm(), 'application/x-www-form-urlencoded; charset=UTF-8');
    expect(withCharset.status).toBe(400);
  });

  it('names every missing form field', async () => {
    const response = await post(form({ grant_type: 'client_credentials' }));
    expect(response.status).toBe(400);
    const fields = (await response.json()).errors.map((entry: { field: string }) => entry.field);
    expect(fields).toEqual(['client_id', 'client_secret', 'api_key']);
  });

  it('refuses credentials in the query string (FACTS.md: refused since September 2023)', async () => {
    const response = await post('', 'application/x-www-form-urlencoded', `?${validForm()}`);
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].message).toMatch(/query string/);
  });

  it('refuses a token once its 3600 s are over, with the 401 body of FACTS.md', async () => {
    const before = emulator.context.now();
    const { access_token: token } = await (await post(validForm())).json();
    const after = emulator.context.now();
    const read = () => fetch(`${emulator.baseUrl}/company`, { headers: { authorization: `Bearer ${token}` } });
    expect((await read()).status).toBe(200);
    const record = emulator.context.state.tokens.get(token)!;
    expect(record.expiresAtMs).toBeGreaterThanOrEqual(before + 3_600_000);
    expect(record.expiresAtMs).toBeLessThanOrEqual(after + 3_600_000);
    record.expiresAtMs = emulator.context.now(); // the hour has passed
    const expired = await read();
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual({ errors: [{ status: 401, message: 'Unauthorized' }] });
  });

  it('refuses every other path without a token', async () => {
    const response = await fetch(`${emulator.baseUrl}/company`);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ errors: [{ status: 401, message: 'Unauthorized' }] });
  });
});
