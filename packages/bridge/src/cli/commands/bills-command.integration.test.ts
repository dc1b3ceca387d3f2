// `bridge bills watch` as a user runs it, against the emulator, on PostgreSQL: the first look sets the baseline, the
// next announces the bill received since, once (the event waits in the outbox for the server's workers).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliTestSetup, startCliTestSetup } from '../../../test/helpers/bridge-cli';
import { receiveSupplierInvoice } from '../../../test/helpers/supplier-invoices';

describe('bridge bills watch (CLI) [postgres]', () => {
  let setup: CliTestSetup;
  beforeAll(async () => {
    setup = await startCliTestSetup('Komento Oy');
  });
  afterAll(async () => {
    await setup?.stop();
  });

  it('sets the baseline, then announces a new bill once', { timeout: 120_000 }, async () => {
    const { cli, connectionId, procountor, database } = setup;
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
