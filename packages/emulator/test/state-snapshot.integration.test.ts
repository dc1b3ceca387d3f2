import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../src/start-emulator';

describe('startEmulator({ statePath })', () => {
  const directory = mkdtempSync(join(tmpdir(), 'emulator-state-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('keeps a company created through the admin surface across a stop and a start from the file', async () => {
    const statePath = join(directory, 'state.json');
    const first = await startEmulator({ port: 0, statePath });
    const created = await (
      await fetch(`${first.url}/_emulator/companies`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Pysyvä Oy' }),
      })
    ).json();
    await first.stop();

    const second = await startEmulator({ port: 0, statePath });
    try {
      const tokenResponse = await fetch(`${second.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: created.clientId,
          client_secret: created.clientSecret,
          api_key: created.apiKey,
        }).toString(),
      });
      expect(tokenResponse.status).toBe(200);
      const { access_token: token } = await tokenResponse.json();
      const company = await (
        await fetch(`${second.baseUrl}/company`, { headers: { authorization: `Bearer ${token}` } })
      ).json();
      expect(company).toMatchObject({ id: created.companyId, name: 'Pysyvä Oy' });
    } finally {
      await second.stop();
    }
  });
});
