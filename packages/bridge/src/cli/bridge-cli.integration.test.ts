// The `bridge` CLI as a user runs it (a child process, from the sources), on PostgreSQL (DATABASE_URL) and on PGlite.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_CLI_FROM_SOURCE } from '../../test/helpers/bridge-cli-from-source';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/test-database';
import { createConnectionService } from '../connections/connection-service';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const run = promisify(execFile);

/** Runs the CLI from the repository root with only the given bridge variables set. */
async function bridgeCli(args: string[], env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(DATABASE_URL|BRIDGE_|PROCOUNTOR_|PORT|LOG_LEVEL)/.test(name)),
  );
  try {
    const { stdout, stderr } = await run('node', [...BRIDGE_CLI_FROM_SOURCE, ...args], {
      cwd: REPO_ROOT,
      env: { ...clean, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('bridge CLI on PostgreSQL', () => {
  let database: TestDatabase;
  const secretKey = randomBytes(32);
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase('postgres', { migrate: true });
    env = { DATABASE_URL: database.connectionString!, BRIDGE_SECRET_KEY: secretKey.toString('base64') };
  });
  afterAll(() => database?.destroy());

  it('lists the connections of the configured database as JSON, secrets masked', async () => {
    const service = createConnectionService({ db: database.db, secretKey, logger: pino({ level: 'silent' }) });
    const created = await service.create({
      name: 'CLI Oy',
      environment: 'test',
      clientId: 'cliClient',
      clientSecret: 'cli-client-secret-value',
      apiKey: 'cli-api-key-value-1234',
    });
    const result = await bridgeCli(['connections', 'list', '--json'], env);
    expect(result.code).toBe(0);
    const listed = JSON.parse(result.stdout);
    expect(listed).toEqual([
      expect.objectContaining({ id: created.id, name: 'CLI Oy', status: 'draft', apiKeyMasked: '…1234' }),
    ]);
    expect(result.stdout).not.toContain('cli-client-secret-value');
  });

  it('prints one clear line and exits 1 on an error', async () => {
    const result = await bridgeCli(['connections', 'set', 'con_missing', 'transferMode', 'manual'], env);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe('bridge: Connection con_missing was not found.');
  });

  it('refuses an argument with a control character before touching the database, and stores nothing', async () => {
    const result = await bridgeCli(
      [
        'connections',
        'add',
        '--name',
        'Red\u001b[31m Oy',
        '--client-id',
        'c',
        '--client-secret',
        's',
        '--api-key',
        'k',
      ],
      env,
    );
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'bridge: --name: contains the control character U+001B at character 4, which cannot be printed (no_control_character)',
    );
    expect(await database.db.selectFrom('connections').select('id').where('name', 'like', 'Red%').execute()).toEqual(
      [],
    );
  });
});

describe('bridge CLI on PGlite', () => {
  it('adds a connection, changes a setting, creates a token and lists them', async () => {
    const env = { BRIDGE_DATA_DIR: await mkdtemp(path.join(tmpdir(), 'bridge-cli-')) };
    const added = await bridgeCli(
      [
        'connections',
        'add',
        '--name',
        'Lite Oy',
        '--client-id',
        'c1',
        '--client-secret',
        'secret-1',
        '--api-key',
        'key-1',
        '--json',
      ],
      env,
    );
    expect(added.code).toBe(0);
    const { id } = JSON.parse(added.stdout);
    expect((await bridgeCli(['connections', 'set', id, 'rateLimitPerSecond', '2'], env)).stdout).toContain(
      'rateLimitPerSecond = 2',
    );
    const token = await bridgeCli(['tokens', 'create', '--name', 'crm', '--connection', id], env);
    expect(token.stdout.trim()).toMatch(/^pb_/);
    const shown = JSON.parse((await bridgeCli(['connections', 'show', id, '--json'], env)).stdout);
    expect(shown.settings.rateLimitPerSecond).toBe(2);
    const tokens = JSON.parse((await bridgeCli(['tokens', 'list', '--json'], env)).stdout);
    expect(tokens).toEqual([expect.objectContaining({ name: 'crm', scope: 'connection', connectionId: id })]);
    // Five processes, each opening PGlite (WASM start-up) and checking migrations.
  }, 150_000);

  it('names the line and column of a JSON file bridge send cannot read, and a tab in an option', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'bridge-cli-'));
    const file = path.join(dataDir, 'broken.json');
    await writeFile(file, '{\n  "externalId": "A-1",\n  "rows": [1, 2,]\n}');
    const env = { BRIDGE_DATA_DIR: dataDir };
    const sent = await bridgeCli(['send', file, '--connection', 'con_x'], env);
    expect(sent.code).toBe(1);
    expect(sent.stderr.trim()).toBe(`bridge: ${file}: not valid JSON, line 3, column 17: expected a value`);
    const tabbed = await bridgeCli(['tokens', 'create', '--name', 'crm\tapp'], env);
    expect(tabbed.code).toBe(1);
    expect(tabbed.stderr).toContain(
      'bridge: --name: contains a tab (U+0009) at character 4; this field takes one line',
    );
  }, 60_000);
});
