import { request as httpRequest } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestSession, type TestSession } from '../../test/helpers/test-session';

describe('gateway: rate limit, latency, GET with a body, versioned bases', () => {
  let session: TestSession;
  const putSettings = (settings: Record<string, unknown>) =>
    fetch(`${session.emulator.url}/_emulator/settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(settings),
    });

  beforeAll(async () => {
    session = await startTestSession({ name: 'Gateway Oy' });
  });
  afterEach(async () => {
    await putSettings({ rateLimitPerSecond: null, latencyMs: null });
  });
  afterAll(() => session.emulator.stop());

  it('limits each integrator client to N requests per second with 429, Retry-After and a Procountor error body', async () => {
    expect((await putSettings({ rateLimitPerSecond: 2 })).status).toBe(200);
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let i = 0; i < 5; i += 1) {
      const response = await session.api('/company');
      statuses.push(response.status);
      if (response.status === 429) limited = response;
    }
    expect(statuses).toContain(429);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited!.json()).toEqual({ errors: [{ status: 429, message: 'Too Many Requests' }] });
  });

  it('turns the rate limit off when the setting is null', async () => {
    await putSettings({ rateLimitPerSecond: 1 });
    await session.api('/company');
    expect((await session.api('/company')).status).toBe(429);
    const settings = await (await putSettings({ rateLimitPerSecond: null })).json();
    expect(settings).toMatchObject({ rateLimitPerSecond: null });
    for (let i = 0; i < 5; i += 1) expect((await session.api('/company')).status).toBe(200);
  });

  it('still answers when latency is added', async () => {
    expect(await (await putSettings({ latencyMs: 50 })).json()).toMatchObject({ latencyMs: 50 });
    expect((await session.api('/company')).status).toBe(200);
  });

  it('refuses a setting that is not a number or null, changing nothing', async () => {
    const response = await putSettings({ latencyMs: 10, rateLimitPerSecond: 'many' });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0]).toMatchObject({ field: 'rateLimitPerSecond' });
    expect(session.emulator.context.settings.latencyMs).toBeNull();
  });

  it('refuses a GET that carries a body with 403 like the test gateway', async () => {
    const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const body = JSON.stringify({ name: 'x' });
      const request = httpRequest(`${session.emulator.baseUrl}/company`, {
        method: 'GET',
        headers: {
          authorization: `Bearer ${session.token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      });
      request.on('response', (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      });
      request.on('error', reject);
      request.end(body);
    });
    expect(status.status).toBe(403);
    expect(JSON.parse(status.body).errors[0]).toMatchObject({ status: 403 });
  });

  it('serves /latest/api, /supported/api and /vYYMM/api as /api', async () => {
    for (const base of ['latest', 'supported', 'v2604']) {
      const response = await fetch(`${session.emulator.url}/${base}/api/company`, {
        headers: { authorization: `Bearer ${session.token}` },
      });
      expect(response.status, base).toBe(200);
      expect((await response.json()).id).toBe(session.company.companyId);
    }
    expect((await fetch(`${session.emulator.url}/v26/api/company`)).status).toBe(404);
    const logged = (await (await fetch(`${session.emulator.url}/_emulator/requests?limit=3`)).json()).entries;
    expect(logged.at(-1)).toMatchObject({ path: '/api/company', originalPath: '/v2604/api/company' });
  });
});
