import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSession, type TestSession } from '../../test/helpers/test-session';

describe('request log (/_emulator/requests)', () => {
  let session: TestSession;
  const requests = async (query = '') =>
    (await (await fetch(`${session.emulator.url}/_emulator/requests${query}`)).json()) as {
      entries: Array<Record<string, unknown>>;
    };

  beforeAll(async () => {
    session = await startTestSession({ name: 'Loki Oy' });
  });
  afterAll(() => session.emulator.stop());

  it('logs method, path, query, status, bodies and client, never a secret in clear', async () => {
    await session.api('/company?x=1');
    const { entries } = await requests();
    const tokenEntry = entries.find((entry) => entry.path === '/api/oauth/token')!;
    expect(tokenEntry).toMatchObject({ method: 'POST', status: 200, clientId: session.company.clientId });
    expect(tokenEntry.requestBody).toMatchObject({
      client_secret: '[masked]',
      api_key: '[masked]',
      client_id: session.company.clientId,
    });
    expect(tokenEntry.responseBody).toMatchObject({ access_token: '[masked]', expires_in: 3600 });
    const companyEntry = entries.find((entry) => entry.path === '/api/company')!;
    expect(companyEntry).toMatchObject({ query: { x: '1' }, status: 200, companyId: session.company.companyId });
    expect((companyEntry.headers as Record<string, string>).authorization).toBe('Bearer [masked]');
    const everything = JSON.stringify(entries);
    for (const secret of [session.company.clientSecret, session.company.apiKey, session.token]) {
      expect(everything).not.toContain(secret);
    }
  });

  it('filters by path pattern, method and status, keeps the newest N, and does not log the admin surface', async () => {
    await session.api('/company');
    await session.api('/nope');
    expect(
      (await requests('?path=/api/company*&method=get')).entries.every((entry) => entry.path === '/api/company'),
    ).toBe(true);
    expect((await requests('?status=404')).entries.map((entry) => entry.path)).toEqual(['/api/nope']);
    expect((await requests('?limit=1')).entries).toHaveLength(1);
    expect((await requests()).entries.some((entry) => String(entry.path).startsWith('/_emulator'))).toBe(false);
  });

  it('empties on DELETE', async () => {
    expect((await fetch(`${session.emulator.url}/_emulator/requests`, { method: 'DELETE' })).status).toBe(204);
    expect((await requests()).entries).toEqual([]);
  });
});
