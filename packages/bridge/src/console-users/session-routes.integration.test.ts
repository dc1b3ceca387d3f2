// Console sign-in over real HTTP: cookie flags, CSRF on unsafe methods, bearer auth unchanged, sign-out, wrong passwords.
import { expect, it } from 'vitest';
import { startTestBridge, TEST_ADMIN_TOKEN } from '../../test/helpers/start-test-bridge';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import type { Bridge } from '../composition/create-bridge';
import { createConsoleUserService } from './console-user-service';

describeOnBothDatabases('console sessions', (database) => {
  let bridge: Bridge;
  const password = 'hyvä-salasana-42';

  const signIn = async (userName = 'anna', pass = password) =>
    fetch(`${bridge.url}/v1/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userName, password: pass }),
    });
  const cookieOf = (response: Response) => response.headers.get('set-cookie')?.split(';')[0] ?? '';

  it('signs in with a CLI-made user: httpOnly SameSite=Strict cookie, CSRF token, and the cookie is an admin', async () => {
    bridge = await startTestBridge(database.db);
    await createConsoleUserService(database.db).add('anna', password);
    const response = await signIn();
    expect(response.status).toBe(200);
    const body = (await response.json()) as { userName: string; csrfToken: string };
    expect(body.userName).toBe('anna');
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^pb_session=[\w-]{43};/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);

    const cookie = cookieOf(response);
    const whoami = await fetch(`${bridge.url}/v1/session`, { headers: { cookie } });
    expect(await whoami.json()).toEqual(expect.objectContaining({ userName: 'anna', csrfToken: body.csrfToken }));
    const connections = await fetch(`${bridge.url}/v1/connections`, { headers: { cookie } });
    expect(connections.status).toBe(200);

    // An unsafe method with the cookie but without the CSRF header is refused before anything happens.
    const create = (headers: Record<string, string>) =>
      fetch(`${bridge.url}/v1/api-tokens`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ name: 'from console' }),
      });
    const refused = await create({});
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('csrf_token_required');
    expect((await create({ 'x-csrf-token': 'wrong' })).status).toBe(403);
    expect((await create({ 'x-csrf-token': body.csrfToken })).status).toBe(201);

    const signOut = await fetch(`${bridge.url}/v1/session`, {
      method: 'DELETE',
      headers: { cookie, 'x-csrf-token': body.csrfToken },
    });
    expect(signOut.status).toBe(204);
    expect((await fetch(`${bridge.url}/v1/connections`, { headers: { cookie } })).status).toBe(401);
  });

  it('refuses a wrong password and an unknown user with the same answer', async () => {
    const wrong = await signIn('anna', 'not-the-password');
    const unknown = await signIn('nobody', password);
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('refuses sign-ins for a while after ten failures for one user from one address (429 with Retry-After)', async () => {
    await createConsoleUserService(database.db).add('ville', password);
    for (let attempt = 0; attempt < 10; attempt++) expect((await signIn('ville', 'väärä-salasana')).status).toBe(401);
    const throttled = await signIn('ville', password);
    expect(throttled.status).toBe(429);
    expect(((await throttled.json()) as { code: string }).code).toBe('sign_in_throttled');
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another user is not affected.
    expect((await signIn('anna', password)).status).toBe(200);
  });

  it('keeps bearer tokens working and needs no CSRF header with them', async () => {
    const response = await fetch(`${bridge.url}/v1/api-tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'script' }),
    });
    expect(response.status).toBe(201);
    const noSession = await fetch(`${bridge.url}/v1/session`, {
      headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}` },
    });
    expect(noSession.status).toBe(404);
  });

  it('a new password ends the sessions of the old one; removing the user ends them too', async () => {
    const users = createConsoleUserService(database.db);
    const first = cookieOf(await signIn());
    await users.setPassword('anna', 'toinen-salasana-7');
    expect((await fetch(`${bridge.url}/v1/connections`, { headers: { cookie: first } })).status).toBe(401);
    const second = cookieOf(await signIn('anna', 'toinen-salasana-7'));
    expect((await fetch(`${bridge.url}/v1/connections`, { headers: { cookie: second } })).status).toBe(200);
    await users.remove('anna');
    expect((await fetch(`${bridge.url}/v1/connections`, { headers: { cookie: second } })).status).toBe(401);
    await bridge.stop();
  });
});
