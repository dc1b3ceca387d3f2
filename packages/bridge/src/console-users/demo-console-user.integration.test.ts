// Demo mode's console user: created with a generated password saved beside the admin token, reused on a restart,
// and given a new password when the saved one no longer works.
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/test-database';
import { createConsoleUserService } from './console-user-service';
import { DEMO_CONSOLE_PASSWORD_FILE, ensureDemoConsoleUser } from './demo-console-user';

describe('ensureDemoConsoleUser', () => {
  let database: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    database = await createTestDatabase('pglite', { migrate: true });
    dataDir = await mkdtemp(path.join(tmpdir(), 'demo-console-'));
  });
  afterAll(() => database?.destroy());

  it('creates "admin" with a password saved (mode 0600), then reuses it on the next start', async () => {
    const first = await ensureDemoConsoleUser(database.db, dataDir);
    expect(first.userName).toBe('admin');
    expect(first.passwordFile).toBe(path.join(dataDir, DEMO_CONSOLE_PASSWORD_FILE));
    expect((await readFile(first.passwordFile, 'utf8')).trim()).toBe(first.password);
    expect((await stat(first.passwordFile)).mode & 0o777).toBe(0o600);
    expect(await createConsoleUserService(database.db).verify('admin', first.password)).toBe(true);

    const second = await ensureDemoConsoleUser(database.db, dataDir);
    expect(second.password).toBe(first.password);
  });

  it('sets a new password when the saved one does not work any more', async () => {
    await writeFile(path.join(dataDir, DEMO_CONSOLE_PASSWORD_FILE), 'stale-password-123\n');
    const renewed = await ensureDemoConsoleUser(database.db, dataDir);
    expect(renewed.password).not.toBe('stale-password-123');
    expect(await createConsoleUserService(database.db).verify('admin', renewed.password)).toBe(true);
    expect((await createConsoleUserService(database.db).list()).map((user) => user.userName)).toEqual(['admin']);
  });
});
