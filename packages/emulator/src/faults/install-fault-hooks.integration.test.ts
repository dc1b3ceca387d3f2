import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestSession, type TestSession } from '../../test/helpers/test-session';

describe('injected faults (/_emulator/faults)', () => {
  let session: TestSession;
  const admin = (path: string, method = 'GET', body?: unknown) =>
    fetch(`${session.emulator.url}/_emulator${path}`, {
      method,
      ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    });
  const addFault = async (fault: Record<string, unknown>) => {
    const response = await admin('/faults', 'POST', fault);
    expect(response.status).toBe(201);
    return (await response.json()) as { faultId: string; remaining: number };
  };
  const productGroups = () => session.emulator.context.state.companies.get(session.company.companyId)!.productGroups;

  beforeAll(async () => {
    session = await startTestSession({ name: 'Fault Oy' });
  });
  beforeEach(async () => {
    await admin('/faults', 'DELETE');
  });
  afterAll(() => session.emulator.stop());

  it('answers a 500 fault with a Procountor JSON error, then serves normally once its count is used up', async () => {
    await addFault({ pathPattern: '/api/company', kind: '500' });
    const failed = await session.api('/company');
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ errors: [{ status: 500, message: 'Internal server error' }] });
    expect((await session.api('/company')).status).toBe(200);
  });

  it('answers a 500-html fault with an HTML page from the proxy', async () => {
    await addFault({ pathPattern: '/api/comp*', kind: '500-html' });
    const response = await session.api('/company');
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('<html>');
  });

  it('answers 503 and 429 faults with Retry-After', async () => {
    await addFault({ pathPattern: '/api/company', kind: '503', retryAfterSeconds: 7 });
    await addFault({ pathPattern: '/api/company', kind: '429' });
    const unavailable = await session.api('/company');
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers.get('retry-after')).toBe('7');
    const limited = await session.api('/company');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('1');
    expect((await limited.json()).errors[0]).toMatchObject({ status: 429 });
  });

  it('counts a fault down, lists what remains and matches only its method', async () => {
    const fault = await addFault({ pathPattern: '^/api/company$', method: 'get', count: 2, kind: '500' });
    expect(fault.remaining).toBe(2);
    expect((await session.api('/company', { method: 'PUT', body: {} })).status).not.toBe(500);
    expect((await session.api('/company')).status).toBe(500);
    expect((await (await admin('/faults')).json()).faults).toMatchObject([
      { faultId: fault.faultId, remaining: 1, method: 'GET' },
    ]);
    expect((await session.api('/company')).status).toBe(500);
    expect((await (await admin('/faults')).json()).faults).toEqual([]);
    expect((await session.api('/company')).status).toBe(200);
  });

  it('never applies a fault to the admin surface, and clears every fault on DELETE', async () => {
    await addFault({ pathPattern: '*', count: 5, kind: '500' });
    expect((await admin('/state/summary')).status).toBe(200);
    expect((await admin('/faults', 'DELETE')).status).toBe(204);
    expect((await session.api('/company')).status).toBe(200);
  });

  it('refuses a fault of an unknown kind, naming the allowed ones', async () => {
    const response = await admin('/faults', 'POST', { pathPattern: '/api/*', kind: '418' });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0]).toMatchObject({ field: 'kind' });
  });

  it('holds a request under a timeout fault until the client gives up', async () => {
    await addFault({ pathPattern: '/api/company', kind: 'timeout' });
    const call = fetch(`${session.emulator.baseUrl}/company`, {
      headers: { authorization: `Bearer ${session.token}` },
      signal: AbortSignal.timeout(300),
    });
    await expect(call).rejects.toThrow(/abort|timeout/i);
    // The emulator notices the client leaving and logs a request that got no answer.
    await expect
      .poll(async () => (await (await admin('/requests?path=/api/company&limit=1')).json()).entries[0])
      .toMatchObject({ status: null, fault: 'timeout' });
  });

  it('stores the effect of a commit-then-drop request while the client sees the connection drop', async () => {
    await addFault({ pathPattern: '/api/products/groups', method: 'POST', kind: 'commit-then-drop' });
    const before = productGroups().size;
    const outcome = await new Promise<string>((resolve) => {
      const body = JSON.stringify({ name: 'Pudonneet', type: 'SALES' });
      const request = httpRequest(`${session.emulator.baseUrl}/products/groups`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${session.token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      });
      request.on('response', (response) => resolve(`answered ${response.statusCode}`));
      request.on('error', (error: NodeJS.ErrnoException) => resolve(`dropped ${error.code ?? error.message}`));
      request.end(body);
    });
    expect(outcome).toMatch(/^dropped/);
    expect(productGroups().size).toBe(before + 1);
    expect([...productGroups().values()].some((group) => group.name === 'Pudonneet')).toBe(true);
    const logged = (await (await admin('/requests?path=/api/products/groups&method=POST')).json()).entries;
    expect(logged.at(-1)).toMatchObject({ status: null, fault: 'commit-then-drop' });
  });
});
