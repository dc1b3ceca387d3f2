// `bridge bills watch` as a user runs it, against the emulator, on PostgreSQL: the first look sets the baseline, the
// next announces the bill received since, once (the event waits in the outbox for the server's workers).
import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBridgeCli } from '../../test/helpers/bridge-cli';
import { receiveSupplierInvoice } from '../../test/helpers/supplier-invoices';
import { createTestDatabase, type TestDatabase } from '../../test/helpers/test-database';
import { createConnectionService } from '../connections/connection-service';
import { startTestProcountor, type TestProcountor } from '../server/start-test-bridge';

const secretKey = randomBytes(32);

describe('bridge bills watch (CLI) [postgres]', () => {
  let database: TestDatabase;
  let procountor: TestProcountor;
  let connectionId: string;
  let env: Record<string, string>;
  const cli = (args: string[]) => runBridgeCli(args, env, secretKey);

  beforeAll(async () => {
    database = await createTestDatabase('postgres', { migrate: true });
    procountor = await startTestProcountor('Komento Oy');
    const service = createConnectionService({ db: database.db, secretKey, logger: pino({ level: 'silent' }) });
    const created = await service.create({
      name: 'CLI bills',
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

  it('sets the baseline, then announces a new bill once', { timeout: 120_000 }, async () => {
    const first = await cli(['bills', 'watch', '--connection', connectionId, '--json']);
    expect(first.code, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ outcome: 'baseline_set', announced: 0 });

    const bill = await receiveSupplierInvoice(procountor.emulator, procountor.company.companyId);
    const second = await cli(['bills', 'watch', '--connection', connectionId]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toMatch(/announced:\s+1\n/);
    const again = await cli(['bills', 'watch', '--connection', connectionId, '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ announced: 0 });

    const events = await database.db
      .selectFrom('events')
      .select(['type', 'subject_id'])
      .where('connection_id', '=', connectionId)
      .execute();
    expect(events).toEqual([{ type: 'bill.received', subject_id: `bill_${bill.id}` }]);
  });
});
