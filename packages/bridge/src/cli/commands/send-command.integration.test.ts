// `bridge send` and `bridge status` as a user runs them, on PostgreSQL and on PGlite: documents stored with their jobs.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { BRIDGE_CLI_FROM_SOURCE } from '../../../test/helpers/bridge-cli-from-source';
import { buildSalesInvoice } from '../../../test/helpers/sales-invoice-builder';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-database';
import { createConnectionService } from '../../connections/connection-service';
import { closeDatabase, createDatabase } from '../../storage/create-database';
import { migrateToLatest } from '../../storage/migrate';
import type { Database } from '../../storage/schema';

const REPO_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const run = promisify(execFile);
const secretKey = randomBytes(32);

async function bridgeCli(args: string[], env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(DATABASE_URL|BRIDGE_|PROCOUNTOR_|PORT|LOG_LEVEL)/.test(name)),
  );
  const all = { ...clean, ...env, BRIDGE_SECRET_KEY: secretKey.toString('base64') };
  try {
    const { stdout, stderr } = await run('node', [...BRIDGE_CLI_FROM_SOURCE, ...args], { cwd: REPO_ROOT, env: all });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** An active connection (activation needs Procountor; the CLI only stores documents, so the status is set here). */
async function createActiveConnection(db: Database): Promise<string> {
  const service = createConnectionService({ db, secretKey, logger: pino({ level: 'silent' }) });
  const created = await service.create({
    name: `CLI send ${randomBytes(3).toString('hex')}`,
    environment: 'test',
    clientId: 'cliClient',
    clientSecret: 'cli-client-secret-value',
    apiKey: 'cli-api-key-value-1234',
  });
  await db
    .updateTable('connections')
    .set({ status: 'active', activated_at: new Date() })
    .where('id', '=', created.id)
    .execute();
  return created.id;
}

async function writeDocuments(): Promise<{ folder: string; externalIds: string[] }> {
  const folder = await mkdtemp(path.join(tmpdir(), 'bridge-send-'));
  const good = buildSalesInvoice();
  const bad = buildSalesInvoice({ currency: 'XYZ' });
  await writeFile(path.join(folder, 'a.json'), JSON.stringify([good, bad]));
  const csv = [
    'externalId,invoiceDate,customerName,street,postalCode,city,rowName,quantity,unitPrice,vatPercent',
    `CSV-${good.externalId},${good.invoiceDate},Csv Oy,Katu 1,00100,Helsinki,Work,1,10,25.5`,
  ].join('\n');
  await writeFile(path.join(folder, 'b.csv'), csv);
  return { folder, externalIds: [good.externalId, bad.externalId, `CSV-${good.externalId}`] };
}

async function expectSendAndStatus(env: Record<string, string>, connectionId: string) {
  const { folder, externalIds } = await writeDocuments();
  const sent = await bridgeCli(['send', folder, '--connection', connectionId, '--json'], env);
  if (!sent.stdout) throw new Error(`send printed nothing: ${sent.stderr}`);
  expect(sent.code).toBe(1);
  const results = JSON.parse(sent.stdout);
  expect(results.map((result: { externalId: string; result: string }) => [result.externalId, result.result])).toEqual([
    [externalIds[0], 'accepted'],
    [externalIds[1], 'rejected'],
    [externalIds[2], 'accepted'],
  ]);
  expect(results[1].error).toContain('currency');
  expect(sent.stderr).toContain('2 accepted, 1 rejected.');
  const status = await bridgeCli(['status', '--connection', connectionId, '--json'], env);
  expect(JSON.parse(status.stdout).map((item: { state: string }) => item.state)).toEqual(['queued', 'queued']);
  const one = await bridgeCli(['status', externalIds[0]!, '--connection', connectionId], env);
  expect(one.stdout).toContain('queued for transfer to Procountor');
}

describe('bridge send and status on PostgreSQL', () => {
  let database: TestDatabase | undefined;
  afterAll(() => database?.destroy());

  it('submits a folder of JSON and CSV documents, reports each, and lists them', async () => {
    database = await createTestDatabase('postgres', { migrate: true });
    const connectionId = await createActiveConnection(database.db);
    await expectSendAndStatus({ DATABASE_URL: database.connectionString! }, connectionId);
  }, 60_000);
});

describe('bridge send and status on PGlite', () => {
  it('submits a folder of JSON and CSV documents, reports each, and lists them', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'bridge-send-lite-'));
    // The CLI keeps PGlite's files in <BRIDGE_DATA_DIR>/pglite (storage/create-database.ts).
    const db = await createDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
    await migrateToLatest(db);
    const connectionId = await createActiveConnection(db);
    await closeDatabase(db);
    await expectSendAndStatus({ BRIDGE_DATA_DIR: dataDir }, connectionId);
  }, 150_000);
});
