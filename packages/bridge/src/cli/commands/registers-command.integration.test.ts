// `bridge registers sync|runs|list` and `bridge links` as a user runs them, against the emulator, on PostgreSQL.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRIDGE_CLI_FROM_SOURCE } from '../../../test/helpers/bridge-cli-from-source';
import { businessIdFrom } from '../../../test/helpers/sales-invoice-builder';
import { startTestProcountor, type TestProcountor } from '../../../test/helpers/start-test-bridge';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/test-database';
import { createConnectionService } from '../../connections/connection-service';
import { upsertRegisterPage } from '../../registers/register-records';

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

// Each test starts several CLI processes (tsx and the bridge's modules, ~3 s of CPU each): on a busy machine
// running other test files at once that takes longer than the default 30 s.
describe('bridge registers (CLI) [postgres]', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let procountor: TestProcountor;
  let connectionId: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase('postgres', { migrate: true });
    procountor = await startTestProcountor('Komento Oy');
    const service = createConnectionService({ db: database.db, secretKey, logger: pino({ level: 'silent' }) });
    const created = await service.create({
      name: 'CLI registers',
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
    env = { DATABASE_URL: database.connectionString as string };
  });
  afterAll(async () => {
    await procountor?.emulator.stop();
    await database?.destroy();
  });

  it('syncs with progress on stderr and ends with the counts per register', async () => {
    const result = await bridgeCli(
      ['registers', 'sync', '--connection', connectionId, '--full', '--registers', 'ledger-accounts,currencies'],
      env,
    );
    expect(result.stderr).toContain('ledger_accounts:');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('succeeded');
    expect(result.stdout).toMatch(/ledger_accounts\s+\d+/);
  });

  it('lists the runs and one register with search', async () => {
    const runs = await bridgeCli(['registers', 'runs', '--connection', connectionId, '--json'], env);
    expect(runs.code).toBe(0);
    const [latest] = JSON.parse(runs.stdout);
    expect(latest).toMatchObject({ state: 'succeeded', mode: 'full' });
    expect(latest.totals.created).toBeGreaterThan(0);

    const list = await bridgeCli(
      ['registers', 'list', 'ledger-accounts', '--connection', connectionId, '--search', '3000', '--json'],
      env,
    );
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).results[0].code).toBe('3000');
  });

  it('masks personal identity codes in the JSON listing as the API does', async () => {
    await upsertRegisterPage(database.db, connectionId, 'persons', [
      {
        recordKey: '901',
        procountorId: 901,
        code: 'P-901',
        name: 'Virtanen Maija',
        identifier: '131052-308T',
        active: true,
        version: null,
        data: { id: 901, invoicingInfo: { identifier: '131052-308T', identifierType: 'HETU' } },
      },
    ]);
    const list = await bridgeCli(['registers', 'list', 'persons', '--connection', connectionId, '--json'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).not.toContain('131052');
    const [person] = JSON.parse(list.stdout).results;
    expect(person).toMatchObject({ identifier: '******308T', data: { invoicingInfo: { identifier: '******308T' } } });
    const table = await bridgeCli(['registers', 'list', 'persons', '--connection', connectionId], env);
    expect(table.stdout).toContain('******308T');
    expect(table.stdout).not.toContain('131052');
  });

  it('names an unknown register and exits 1', async () => {
    const result = await bridgeCli(['registers', 'list', 'planets', '--connection', connectionId], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("'planets' is not a register");
  });

  it('links a source product by hand, lists it, auto-links nothing more and unlinks it', async () => {
    const product = await procountor.emulator.app.inject({
      method: 'POST',
      url: '/api/products',
      headers: { authorization: `Bearer ${await tokenFor(procountor)}`, 'content-type': 'application/json' },
      payload: {
        type: 'SALES',
        name: 'Työ',
        code: 'CLI-1',
        unit: 'HOUR',
        price: 10,
        discount: 0,
        active: true,
        currency: 'EUR',
      },
    });
    const productId = product.json().id as number;
    expect(
      (await bridgeCli(['registers', 'sync', '--connection', connectionId, '--registers', 'products'], env)).code,
    ).toBe(0);
    await database.db
      .insertInto('source_records')
      .values({
        connection_id: connectionId,
        kind: 'product',
        source_key: 'WORK',
        name: 'Work',
        code: 'WORK',
        identifier: null,
        search_text: 'work',
        data: '{}',
      })
      .execute();
    const base = ['--connection', connectionId, '--kind', 'product'];
    const linked = await bridgeCli(
      ['links', 'link', ...base, '--source-key', 'WORK', '--procountor-id', String(productId)],
      env,
    );
    expect(linked.stdout).toContain(`WORK linked to ${productId} (manual)`);
    const list = await bridgeCli(['links', 'list', ...base, '--json'], env);
    expect(JSON.parse(list.stdout).results[0].link.procountorId).toBe(productId);
    expect((await bridgeCli(['links', 'auto', ...base], env)).stdout).toContain('0 linked, 0 left');
    expect((await bridgeCli(['links', 'unlink', ...base, '--source-key', 'WORK'], env)).stdout).toContain('unlinked');
    const again = await bridgeCli(['links', 'unlink', ...base, '--source-key', 'WORK'], env);
    expect(again.code).toBe(1);
  });
});

describe('bridge registers push and schedule (CLI) [postgres]', { timeout: 120_000 }, () => {
  let database: TestDatabase;
  let procountor: TestProcountor;
  let connectionId: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    database = await createTestDatabase('postgres', { migrate: true });
    procountor = await startTestProcountor('Vientikomento Oy');
    const service = createConnectionService({ db: database.db, secretKey, logger: pino({ level: 'silent' }) });
    const created = await service.create({
      name: 'CLI push',
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
    env = { DATABASE_URL: database.connectionString as string };
  });
  afterAll(async () => {
    await procountor?.emulator.stop();
    await database?.destroy();
  });

  it('pushes customers and products from JSON files and prints what happened', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'bridge-push-'));
    const customers = path.join(folder, 'customers.json');
    const products = path.join(folder, 'products.json');
    await writeFile(
      customers,
      JSON.stringify([
        {
          name: 'Komento Asiakas Oy',
          businessId: businessIdFrom(4_000_001),
          customerNumber: 'CLI-C1',
          address: { street: 'Katu 1', postalCode: '00100', city: 'Helsinki', country: 'FI' },
        },
      ]),
    );
    await writeFile(products, JSON.stringify([{ code: 'CLI-P1', name: 'Työ', unit: 'h', unitPrice: 50 }]));
    const result = await bridgeCli(
      ['registers', 'push', '--connection', connectionId, '--customers', customers, '--products', products, '--json'],
      env,
    );
    expect(result.code).toBe(0);
    const outcomes = JSON.parse(result.stdout).map((entry: { sourceKey: string; outcome: string }) => [
      entry.sourceKey,
      entry.outcome,
    ]);
    expect(outcomes).toEqual([
      ['number:CLI-C1', 'created'],
      ['CLI-P1', 'created'],
    ]);
    const company = procountor.emulator.context.state.companies.get(procountor.company.companyId)!;
    expect([...company.products.values()].map((product) => product.code)).toContain('CLI-P1');

    await writeFile(products, JSON.stringify([{ code: 'CLI-P2' }]));
    const invalid = await bridgeCli(['registers', 'push', '--connection', connectionId, '--products', products], env);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('products.json');
  });

  it("refuses customers with the API's checks: a missing link key and a wrong business ID, and pushes none", async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'bridge-push-'));
    const customers = path.join(folder, 'customers.json');
    await writeFile(
      customers,
      JSON.stringify([
        { name: 'Linkitön Oy', address: { country: 'FI' } },
        { name: 'Väärä Oy', businessId: '1234567-8', customerNumber: 'CLI-BAD', address: { country: 'FI' } },
      ]),
    );
    const result = await bridgeCli(['registers', 'push', '--connection', connectionId, '--customers', customers], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('customers[0]: a customer needs a customerNumber or a businessId');
    expect(result.stderr).toContain("customers[1].businessId: '1234567-8': the check digit should be");
    const company = procountor.emulator.context.state.companies.get(procountor.company.companyId)!;
    expect([...company.businessPartners.values()].map((partner) => partner.name)).not.toContain('Väärä Oy');
  });

  it('sets and removes the sync schedule', async () => {
    const set = await bridgeCli(['registers', 'schedule', '--connection', connectionId, '--every', '30'], env);
    expect(set.stdout).toContain('every 30 minutes');
    const schedule = await database.db
      .selectFrom('register_sync_schedules')
      .select('every_minutes')
      .where('connection_id', '=', connectionId)
      .executeTakeFirst();
    expect(schedule?.every_minutes).toBe(30);
    expect((await bridgeCli(['registers', 'schedule', '--connection', connectionId, '--every', '1'], env)).code).toBe(
      1,
    );
    expect(
      (await bridgeCli(['registers', 'schedule', '--connection', connectionId, '--every', 'off'], env)).stdout,
    ).toContain('schedule removed');
  });
});

/** A Procountor access token for the emulator company (M2M token request). */
async function tokenFor(procountor: TestProcountor): Promise<string> {
  const response = await fetch(`${procountor.emulator.baseUrl}/oauth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'client_credentials',
      client_id: procountor.company.clientId,
      client_secret: procountor.company.clientSecret,
      api_key: procountor.company.apiKey,
    }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}
