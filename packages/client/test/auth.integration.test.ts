import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProcountorAuthenticationError, TokenCache } from '../src';
import {
  createMemoryLogger,
  createTestClient,
  type FakeProcountor,
  sendJson,
  startFakeProcountor,
  TEST_CREDENTIALS,
} from './fake-procountor';

describe('M2M authentication', () => {
  let fake: FakeProcountor;
  beforeEach(async () => {
    fake = await startFakeProcountor();
    fake.route('GET', '/sessioninfo', (_, res) => sendJson(res, 200, { companyId: 1, name: 'Demo Oy' }));
  });
  afterEach(() => fake.close());

  it('sends the token request form-encoded, without charset and with nothing in the query string', async () => {
    const client = createTestClient(fake);
    await client.session.info();
    const [tokenRequest] = fake.tokenRequests();
    expect(tokenRequest?.method).toBe('POST');
    expect(tokenRequest?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(tokenRequest?.rawQuery).toBe('');
    expect(Object.fromEntries(new URLSearchParams(tokenRequest?.body.toString('utf8')))).toEqual({
      grant_type: 'client_credentials',
      client_id: TEST_CREDENTIALS.clientId,
      client_secret: TEST_CREDENTIALS.clientSecret,
      api_key: TEST_CREDENTIALS.apiKey,
    });
    expect(fake.apiRequests()[0]?.headers.authorization).toBe('Bearer token-1');
  });

  it('reuses a cached token for later calls', async () => {
    const client = createTestClient(fake);
    await client.session.info();
    await client.session.info();
    await client.session.info();
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(fake.apiRequests().map((r) => r.headers.authorization)).toEqual(Array(3).fill('Bearer token-1'));
  });

  it('makes exactly one token request for concurrent first calls', async () => {
    const client = createTestClient(fake);
    await Promise.all(Array.from({ length: 8 }, () => client.session.info()));
    expect(fake.tokenRequests()).toHaveLength(1);
    expect(fake.apiRequests()).toHaveLength(8);
  });

  it('shares one token between clients of the same connection through a shared TokenCache', async () => {
    const tokenCache = new TokenCache();
    const first = createTestClient(fake, { tokenCache });
    const second = createTestClient(fake, { tokenCache });
    await Promise.all([first.session.info(), second.session.info()]);
    await second.session.info();
    expect(fake.tokenRequests()).toHaveLength(1);
  });

  it('refreshes the token once on a 401 and retries the call', async () => {
    const client = createTestClient(fake);
    await client.session.info();
    fake.revokeTokens();
    await expect(client.session.info()).resolves.toMatchObject({ name: 'Demo Oy' });
    expect(fake.tokenRequests()).toHaveLength(2);
    expect(fake.apiRequests().map((r) => r.headers.authorization)).toEqual([
      'Bearer token-1',
      'Bearer token-1',
      'Bearer token-2',
    ]);
  });

  it('gives up with ProcountorAuthenticationError when the refreshed token is refused too', async () => {
    fake.route('GET', '/company', (_, res) =>
      sendJson(res, 401, { errors: [{ status: 401, message: 'Unauthorized' }] }),
    );
    const client = createTestClient(fake);
    const error = await client.company.get().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProcountorAuthenticationError);
    expect((error as ProcountorAuthenticationError).explanation.fi).toContain('API-avain');
    expect(fake.apiRequests()).toHaveLength(2);
    expect(fake.tokenRequests()).toHaveLength(2);
  });

  it('keeps secrets out of errors and logs even when Procountor echoes them', async () => {
    const { logger, lines } = createMemoryLogger();
    fake.route('GET', '/company', (req, res) =>
      sendJson(res, 400, {
        errors: [{ status: 400, message: `bad key ${TEST_CREDENTIALS.apiKey} ${req.headers.authorization}` }],
      }),
    );
    const client = createTestClient(fake, { logger });
    const error = (await client.company.get().catch((e: unknown) => e)) as Error & { rawBody: string };
    const everything = JSON.stringify([error.message, error.rawBody, lines]);
    for (const secret of [TEST_CREDENTIALS.apiKey, TEST_CREDENTIALS.clientSecret, 'token-1']) {
      expect(everything).not.toContain(secret);
    }
    expect(error.message).toContain('[redacted]');
  });
});
