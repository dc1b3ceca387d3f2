// `bridge users …` as an operator runs it (a child process, from the sources) on a PGlite data directory.
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_CLI_FROM_SOURCE } from '../../../test/helpers/bridge-cli-from-source';
import { createConsoleUserService } from '../../console-users/console-user-service';
import { closeDatabase, createDatabase } from '../../storage/create-database';

const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));

/** Runs the CLI with only BRIDGE_DATA_DIR of the bridge's variables, `stdin` piped in. */
function bridgeCli(args: string[], dataDir: string, stdin = '') {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(DATABASE_URL|BRIDGE_|PROCOUNTOR_|PORT|LOG_LEVEL)/.test(name)),
  );
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    const child = spawn('node', [...BRIDGE_CLI_FROM_SOURCE, ...args], {
      cwd: REPO_ROOT,
      env: { ...env, BRIDGE_DATA_DIR: dataDir },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** Checks a password against the data directory's database (the CLI has closed it: PGlite is single-process). */
async function passwordWorks(dataDir: string, userName: string, password: string) {
  const db = await createDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
  try {
    return await createConsoleUserService(db).verify(userName, password);
  } finally {
    await closeDatabase(db);
  }
}

// Each test starts several CLI processes (tsx and the bridge's modules, ~3 s of CPU each): on a busy machine
// running other test files at once that takes longer than the default 30 s.
describe('bridge users', { timeout: 120_000 }, () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'bridge-users-'));
  });

  it('adds a user with a password from stdin, refuses a short one and a taken name', async () => {
    const added = await bridgeCli(['users', 'add', 'anna', '--password-stdin'], dataDir, 'pitkä-salasana-1\n');
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toBe('');
    expect(added.stderr).toContain('Added console user anna.');
    expect(await passwordWorks(dataDir, 'anna', 'pitkä-salasana-1')).toBe(true);

    const short = await bridgeCli(['users', 'add', 'ville', '--password-stdin'], dataDir, 'lyhyt\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 10 characters');
    const taken = await bridgeCli(['users', 'add', 'anna', '--password-stdin'], dataDir, 'toinen-salasana\n');
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain('exists already');
  });

  it('generates and prints a password once when none is given; lists users without any password', async () => {
    const added = await bridgeCli(['users', 'add', 'ville'], dataDir);
    expect(added.code, added.stderr).toBe(0);
    const generated = added.stdout.trim();
    expect(generated).toMatch(/^[\w-]{20}$/);
    expect(await passwordWorks(dataDir, 'ville', generated)).toBe(true);

    const listed = await bridgeCli(['users', 'list', '--json'], dataDir);
    const users = JSON.parse(listed.stdout) as { userName: string }[];
    expect(users.map((user) => user.userName)).toEqual(['anna', 'ville']);
    expect(listed.stdout).not.toContain('scrypt');
  });

  it('sets a new password and removes a user', async () => {
    const changed = await bridgeCli(['users', 'password', 'anna', '--password-stdin'], dataDir, 'uusi-salasana-22\n');
    expect(changed.code, changed.stderr).toBe(0);
    expect(await passwordWorks(dataDir, 'anna', 'uusi-salasana-22')).toBe(true);
    expect(await passwordWorks(dataDir, 'anna', 'pitkä-salasana-1')).toBe(false);

    expect((await bridgeCli(['users', 'remove', 'ville'], dataDir)).stdout).toContain('Removed console user ville.');
    const missing = await bridgeCli(['users', 'remove', 'ville'], dataDir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('was not found');
  });
});
