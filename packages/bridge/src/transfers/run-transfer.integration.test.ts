// The transfer engine against the emulator on both databases: the happy path, crashes between steps, Procountor faults.
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runUntilSettled } from '../../test/helpers/run-until-settled';
import { buildSalesInvoice } from '../../test/helpers/sales-invoice-builder';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import { startTransferTestKit, type TransferTestKit } from '../../test/helpers/transfer-test-kit';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { SalesInvoiceInput } from '../sales-invoices/sales-invoice-schema';
import { submitSalesInvoice } from '../sales-invoices/submit-sales-invoice';
import { enqueueTransferRun } from './accept-transfer';
import { createTransferRunner, SimulatedCrash } from './run-transfer';
import { findTransfer, listTimeline } from './transfer-repository';
import { SALES_INVOICE_STEPS } from './transfer-states';

describeOnBothDatabases('run-transfer', (database) => {
  let kit: TransferTestKit;
  beforeAll(async () => {
    kit = await startTransferTestKit(database.db);
  });
  afterAll(() => kit.stop());

  const runner = () => createTransferRunner(kit.deps, { retry: { baseDelayMs: 0 }, staleInProgressMs: 0 });
  const submit = async (connectionId: string, invoice: SalesInvoiceInput) => {
    const { body } = await submitSalesInvoice(kit.deps, connectionId, invoice, { mode: 'create' });
    return (body as { transferId: string }).transferId;
  };
  /** The emulator's request log: the newest sequence now, and "METHOD path" of every request after one. */
  const lastRequestSequence = async () => {
    const log = (await (await fetch(`${kit.emulator.url}/_emulator/requests?limit=1`)).json()) as {
      entries: { sequence: number }[];
    };
    return log.entries.at(-1)?.sequence ?? 0;
  };
  const requestsAfter = async (sequence: number) => {
    const log = (await (await fetch(`${kit.emulator.url}/_emulator/requests?after=${sequence}`)).json()) as {
      entries: { method: string; path: string }[];
    };
    return log.entries.map((entry) => `${entry.method} ${entry.path}`);
  };
  /** What pg-boss does when a worker fetches the transfer's job (a dead process's job stays so for 15 minutes). */
  const markFetched = (transferId: string, startedOn: ReturnType<typeof sql>) =>
    sql`update pgboss.job set state = 'active', started_on = ${startedOn}
      where name = ${QUEUE_NAMES.transferRun} and data->>'transferId' = ${transferId}`.execute(database.db);
  const invoicesOf = (companyId: number, originalInvoiceNumber: string) =>
    [...kit.company(companyId).invoices.values()].filter(
      (invoice) => invoice.originalInvoiceNumber === originalInvoiceNumber,
    );

  it('transfers a sales invoice: partner created, invoice created, number and reference recorded, timeline kept', async () => {
    const { connectionId, companyId } = await kit.createTestConnection();
    const invoice = buildSalesInvoice();
    const transferId = await submit(connectionId, invoice);
    expect(await runUntilSettled(runner(), database.db, transferId)).toEqual(['succeeded']);

    const row = await findTransfer(database.db, transferId);
    expect(row).toMatchObject({ state: 'succeeded', completed_steps: [...SALES_INVOICE_STEPS] });
    const [created] = invoicesOf(companyId, invoice.invoiceNumber!);
    expect(created).toMatchObject({ status: 'UNFINISHED', invoiceChannel: 'MAIL' });
    expect(row?.procountor_invoice_id).toBe(created!.id);
    expect(row?.procountor_invoice_number).toBe(created!.invoiceNumber);
    expect(row?.procountor_reference_code).toBe(created!.paymentInfo.bankReferenceCode);
    const partner = kit.company(companyId).businessPartners.get(created!.partnerId!);
    expect(partner?.invoicingInfo?.identifier).toBe(invoice.customer.businessId);
    const timeline = (await listTimeline(database.db, transferId)).map((event) => event.message);
    expect(timeline.join('\n')).toContain(`Customer Asiakas Oy created in Procountor as partner ${partner!.id}`);
    expect(timeline.at(-1)).toContain('Transfer succeeded');
  });

  for (const [index, step] of SALES_INVOICE_STEPS.slice(0, -1).entries()) {
    it(`resumes after a crash following step ${index + 1} (${step}) with exactly one invoice`, async () => {
      const { connectionId, companyId } = await kit.createTestConnection({
        statusAfterTransfer: 'APPROVED',
        projectDimension: 'Projektit',
      });
      const invoice = buildSalesInvoice({
        rows: [
          {
            kind: 'item',
            name: 'Work',
            quantity: 1,
            unitPrice: 50,
            vatPercent: 25.5,
            dimensions: { project: `P-${index}` },
          },
        ],
        attachments: [{ fileName: 'breakdown.pdf', mediaType: 'application/pdf', contentBase64: 'JVBERi0xLjQK' }],
      });
      const transferId = await submit(connectionId, invoice);
      const crashing = createTransferRunner(kit.deps, {
        afterStep: (done) => {
          if (done === step) throw new SimulatedCrash(`crash after ${step}`);
        },
      });
      await expect(crashing.run(transferId)).rejects.toThrow(SimulatedCrash);
      expect((await findTransfer(database.db, transferId))?.state).toBe('in_progress');

      expect(await runUntilSettled(runner(), database.db, transferId)).toEqual(['succeeded']);
      const created = invoicesOf(companyId, invoice.invoiceNumber!);
      expect(created).toHaveLength(1);
      expect(created[0]).toMatchObject({ status: 'NOT_SENT' });
      expect(kit.company(companyId).attachments.size).toBe(1);
      expect(kit.company(companyId).businessPartners.size).toBe(1);
      const receipt = kit.company(companyId).ledgerReceipts.get(created[0]!.ledgerReceiptId!);
      const entry = receipt?.transactions.find((transaction) => transaction.transactionType === 'ENTRY');
      expect(entry?.dimensionItemValues).toHaveLength(1);
    });
  }

  for (const kind of ['500', '503', '429', 'timeout', 'commit-then-drop'] as const) {
    it(`never duplicates or loses the invoice when POST /api/invoices meets a ${kind} fault`, async () => {
      const { connectionId, companyId } = await kit.createTestConnection();
      const invoice = buildSalesInvoice();
      const transferId = await submit(connectionId, invoice);
      const fault = await fetch(`${kit.emulator.url}/_emulator/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ pathPattern: '/api/invoices', method: 'POST', count: 1, kind, holdMs: 3_000 }),
      });
      expect(fault.status).toBe(201);
      const outcomes = await runUntilSettled(runner(), database.db, transferId);
      expect(outcomes.at(-1)).toBe('succeeded');
      expect(invoicesOf(companyId, invoice.invoiceNumber!)).toHaveLength(1);
      if (kind === '500' || kind === 'timeout') expect(outcomes[0]).toBe('retrying');
    });
  }

  it('waits for a free connection slot instead of exceeding maxConcurrentTransfers', async () => {
    const { connectionId } = await kit.createTestConnection({ maxConcurrentTransfers: 1 });
    const transferId = await submit(connectionId, buildSalesInvoice());
    const { acquireConnectionSlot, releaseConnectionSlot } = await import('./connection-slots');
    const lease = await acquireConnectionSlot(database.db, connectionId, 1, 'other-process', 60_000);
    expect(lease).toBeDefined();
    expect(await runner().run(transferId)).toBe('no_slot');
    expect((await findTransfer(database.db, transferId))?.state).toBe('queued');
    await releaseConnectionSlot(database.db, lease!);
    expect(await runner().run(transferId)).toBe('succeeded');
  });

  it('retries notify_source when writing the event fails, without touching Procountor again', async () => {
    const { connectionId, companyId } = await kit.createTestConnection();
    const invoice = buildSalesInvoice();
    const transferId = await submit(connectionId, invoice);
    let calls = 0;
    const flaky = createTransferRunner(
      {
        ...kit.deps,
        recordEvent: async () => {
          calls += 1;
          if (calls === 1) throw new Error('outbox unavailable');
          return { eventId: 'evt_test' };
        },
      },
      { retry: { baseDelayMs: 0 } },
    );
    expect(await runUntilSettled(flaky, database.db, transferId)).toEqual(['retrying', 'succeeded']);
    expect(invoicesOf(companyId, invoice.invoiceNumber!)).toHaveLength(1);
    const timeline = (await listTimeline(database.db, transferId)).map((event) => `${event.step}: ${event.message}`);
    expect(timeline.some((line) => line.startsWith('notify_source: Attempt 1 of 8 did not finish'))).toBe(true);
  });

  it('takes number, reference, status and ledger receipt from the create answer: no GET of the invoice', async () => {
    const { connectionId, companyId } = await kit.createTestConnection({ projectDimension: 'Projektit' });
    const invoice = buildSalesInvoice({
      rows: [
        { kind: 'item', name: 'Work', quantity: 2, unitPrice: 40, vatPercent: 25.5, dimensions: { project: 'P-GET' } },
      ],
    });
    const transferId = await submit(connectionId, invoice);
    const since = await lastRequestSequence();
    expect(await runUntilSettled(runner(), database.db, transferId)).toEqual(['succeeded']);

    const [created] = invoicesOf(companyId, invoice.invoiceNumber!);
    const row = await findTransfer(database.db, transferId);
    expect(row).toMatchObject({
      procountor_invoice_id: created!.id,
      procountor_invoice_number: created!.invoiceNumber,
      procountor_reference_code: created!.paymentInfo.bankReferenceCode,
      procountor_status: 'UNFINISHED',
    });
    const calls = await requestsAfter(since);
    expect(calls).toContain('POST /api/invoices');
    // The dimensions went on the receipt the create answer named, without reading the invoice first.
    expect(calls.some((call) => call.startsWith('PUT /api/ledgerreceipts/'))).toBe(true);
    expect(calls.filter((call) => /^GET \/api\/invoices\/\d+$/.test(call))).toEqual([]);
  });

  it('approves from the status the create answered, reading the invoice only after the approve', async () => {
    const { connectionId, companyId } = await kit.createTestConnection({ statusAfterTransfer: 'APPROVED' });
    const invoice = buildSalesInvoice();
    const transferId = await submit(connectionId, invoice);
    const since = await lastRequestSequence();
    expect(await runUntilSettled(runner(), database.db, transferId)).toEqual(['succeeded']);
    const [created] = invoicesOf(companyId, invoice.invoiceNumber!);
    expect((await findTransfer(database.db, transferId))?.procountor_status).toBe(created!.status);
    expect(created!.status).toBe('NOT_SENT');
    const calls = await requestsAfter(since);
    expect(calls.filter((call) => /^GET \/api\/invoices\/\d+$/.test(call))).toHaveLength(1);
  });

  it('queues again a queued transfer whose job was lost, but not one whose job still waits', async () => {
    const { connectionId } = await kit.createTestConnection({ transferMode: 'manual' });
    const lost = await submit(connectionId, buildSalesInvoice());
    const waiting = await submit(connectionId, buildSalesInvoice());
    const longAgo = new Date(Date.now() - 600_000);
    await database.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('transfers')
        .set({ state: 'queued', updated_at: longAgo })
        .where('id', 'in', [lost, waiting])
        .execute();
      // Its turn comes later (a long queue): the job exists, just not yet due.
      await enqueueTransferRun(trx, kit.deps.jobs, waiting, new Date(Date.now() + 3_600_000));
    });
    const { recoverStrandedTransfers } = await import('./recover-stranded-transfers');
    const recovered = await recoverStrandedTransfers(kit.deps, 300_000);
    expect(recovered).toContain(lost);
    expect(recovered).not.toContain(waiting);
    // Now the lost one has its job again: a second sweep leaves it alone too.
    expect(await recoverStrandedTransfers(kit.deps, 300_000)).not.toContain(lost);
  });

  it('queues again a queued transfer whose job a dead process fetched and never claimed, not one fetched just now', async () => {
    const { connectionId } = await kit.createTestConnection({ transferMode: 'manual' });
    const abandoned = await submit(connectionId, buildSalesInvoice());
    const fetchedNow = await submit(connectionId, buildSalesInvoice());
    await database.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('transfers')
        .set({ state: 'queued', updated_at: sql<Date>`now() - interval '10 minutes'` })
        .where('id', 'in', [abandoned, fetchedNow])
        .execute();
      // Jobs no worker of this kit may take (an hour ahead), fetched below by hand the way pg-boss fetches.
      for (const id of [abandoned, fetchedNow]) {
        await enqueueTransferRun(trx, kit.deps.jobs, id, new Date(Date.now() + 3_600_000));
      }
    });
    // pg-boss keeps a dead process's job active for 15 minutes; this one was fetched 5 minutes ago.
    await markFetched(abandoned, sql`now() - interval '5 minutes'`);
    await markFetched(fetchedNow, sql`now()`);
    const { recoverStrandedTransfers } = await import('./recover-stranded-transfers');
    const recovered = await recoverStrandedTransfers(kit.deps, 60_000);
    expect(recovered).toContain(abandoned);
    expect(recovered).not.toContain(fetchedNow);
    expect(await recoverStrandedTransfers(kit.deps, 60_000)).not.toContain(abandoned);
  });

  it('two sweeps at once queue a stranded transfer once', async () => {
    const { connectionId } = await kit.createTestConnection({ transferMode: 'manual' });
    const lost = await submit(connectionId, buildSalesInvoice());
    await database.db
      .updateTable('transfers')
      .set({ state: 'queued', updated_at: sql<Date>`now() - interval '10 minutes'` })
      .where('id', '=', lost)
      .execute();
    const { recoverStrandedTransfers } = await import('./recover-stranded-transfers');
    const sweeps = await Promise.all([1, 2, 3].map(() => recoverStrandedTransfers(kit.deps, 60_000)));
    expect(sweeps.flat().filter((id) => id === lost)).toHaveLength(1);
    const { rows } = await sql<{ jobs: number }>`select count(*)::int as jobs from pgboss.job
      where name = ${QUEUE_NAMES.transferRun} and data->>'transferId' = ${lost}`.execute(database.db);
    expect(rows[0]?.jobs).toBe(1);
  });

  it('queues again a transfer a dead process left in_progress', async () => {
    const { connectionId, companyId } = await kit.createTestConnection();
    const invoice = buildSalesInvoice();
    const transferId = await submit(connectionId, invoice);
    await database.db
      .updateTable('transfers')
      .set({ state: 'in_progress', updated_at: new Date(Date.now() - 600_000) })
      .where('id', '=', transferId)
      .execute();
    await markFetched(transferId, sql`now() - interval '10 minutes'`);
    const { recoverStrandedTransfers } = await import('./recover-stranded-transfers');
    expect(await recoverStrandedTransfers(kit.deps, 300_000)).toContain(transferId);
    const fresh = createTransferRunner(kit.deps, { staleInProgressMs: 300_000 });
    expect(await fresh.run(transferId)).toBe('succeeded');
    expect(invoicesOf(companyId, invoice.invoiceNumber!)).toHaveLength(1);
  });
});
