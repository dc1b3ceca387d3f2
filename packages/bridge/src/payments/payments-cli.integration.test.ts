// `bridge payments subscribe|reconcile|unsubscribe` as a user runs them, against the emulator, on PostgreSQL.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/test-database';
import { createConnectionService } from '../connections/connection-service';
import { startTestProcountor, type TestProcountor } from '../server/start-test-bridge';

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const BIN = path.join('packages', 'bridge', 'bin', 'bridge.js');
const run = promisify(execFile);
const secretKey = randomBytes(32);

async function bridgeCli(args: string[], env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(DATABASE_URL|BRIDGE_|PROCOUNTOR_|PORT|LOG_LEVEL)/.test(name)),
  );
  const all = { ...clean, ...env, BRIDGE_SECRET_KEY: secretKey.toString('base64') };
  try {
    const { stdout, stderr } = await run('node', [BIN, ...args], { cwd: REPO_ROOT, env: all });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

// Each test starts several CLI processes (tsx and the bridge's modules, ~3 s of CPU each): on a busy machine
// running other test files at once that takes longer than the default 30 s.
describe('bridge payments (CLI) [postgres]', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let procountor: TestProcountor;
  let connectionId: string;
  let env: Record<string, string>;
  const company = () => procountor.emulator.context.state.companies.get(procountor.company.companyId)!;

  beforeAll(async () => {
    database = await createTestDatabase('postgres', { migrate: true });
    procountor = await startTestProcountor('Komento Oy');
    const service = createConnectionService({ db: database.db, secretKey, logger: pino({ level: 'silent' }) });
    const created = await service.create({
      name: 'CLI payments',
      environment: 'custom',
      baseUrl: procountor.emulator.baseUrl,
      clientId: procountor.company.clientId,
      clientSecret: procountor.company.clientSecret,
      apiKey: procountor.company.apiKey,
    });
    connectionId = created.id;
    await database.db
      .updateTable('connections')
      .set({ status: 'active', activated_at: new Date() })
      .where('id', '=', connectionId)
      .execute();
    env = { DATABASE_URL: database.connectionString as string, BRIDGE_PUBLIC_URL: 'https://bridge.example.fi' };
  });
  afterAll(async () => {
    await procountor?.emulator.stop();
    await database?.destroy();
  });

  it('subscribes once under BRIDGE_PUBLIC_URL, reconciles, and unsubscribes', async () => {
    const subscribed = await bridgeCli(['payments', 'subscribe', '--connection', connectionId, '--json'], env);
    expect(subscribed.code, subscribed.stderr).toBe(0);
    const subscription = JSON.parse(subscribed.stdout);
    expect(subscription.url).toBe(`https://bridge.example.fi/hooks/procountor/${connectionId}`);
    expect((await bridgeCli(['payments', 'subscribe', '--connection', connectionId], env)).code).toBe(0);
    expect([...company().webhooks.values()]).toEqual([
      expect.objectContaining({ uuid: subscription.webhookUuid, authenticationType: 'HMAC' }),
    ]);

    const reconciled = await bridgeCli(['payments', 'reconcile', '--connection', connectionId, '--json'], env);
    expect(reconciled.code, reconciled.stderr).toBe(0);
    expect(JSON.parse(reconciled.stdout)).toEqual({ checked: 0, recorded: 0, failed: 0 });

    expect((await bridgeCli(['payments', 'unsubscribe', '--connection', connectionId], env)).code).toBe(0);
    expect(company().webhooks.size).toBe(0);
    const again = await bridgeCli(['payments', 'unsubscribe', '--connection', connectionId], env);
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('no Procountor webhook subscription');
  });
});
