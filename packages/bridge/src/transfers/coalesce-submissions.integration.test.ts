// Group commit of single submissions: POSTs of one connection that wait together are stored in one transaction, and
// each is still answered as if it had come alone; a document the database refuses does not fail its group.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildSalesInvoice } from '../../test/helpers/sales-invoice-builder';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import { startTransferTestKit, type TransferTestKit } from '../../test/helpers/transfer-test-kit';
import { registerReadsOf } from '../registers/register-reads';
import type { SalesInvoiceInput } from '../sales-invoices/sales-invoice-schema';
import { prepareSalesInvoice } from '../sales-invoices/submit-sales-invoice';
import { toDocumentToStore } from './accept-transfer';
import { submitInGroup } from './coalesce-submissions';
import type { TransferDeps } from './transfer-deps';
import { ExternalIdConflictError } from './transfer-errors';
import { findTransferByExternalId, listTimeline } from './transfer-repository';

describeOnBothDatabases('group commit of single submissions', (database) => {
  let kit: TransferTestKit;
  beforeAll(async () => {
    kit = await startTransferTestKit(database.db);
  });
  afterAll(async () => {
    await kit.stop();
  });

  /** The kit's deps, counting how many times jobs were inserted (once per stored group). */
  function countingDeps(): { deps: TransferDeps; groupsStored: () => number } {
    let calls = 0;
    const jobs = kit.deps.jobs;
    const deps: TransferDeps = {
      ...kit.deps,
      jobs: {
        ...jobs,
        sendInTransaction: jobs.sendInTransaction.bind(jobs),
        sendManyInTransaction: (trx, queue, data) => {
          calls += 1;
          return jobs.sendManyInTransaction(trx, queue, data);
        },
      },
    };
    return { deps, groupsStored: () => calls };
  }

  async function submit(deps: TransferDeps, connectionId: string, invoice: unknown, poison = false) {
    const connection = await kit.deps.connections.requireActive(connectionId);
    return submitInGroup(deps, connectionId, async () => {
      const accept = await prepareSalesInvoice(registerReadsOf(deps.db, connectionId), connection, invoice);
      const document = toDocumentToStore(accept);
      // A value the database itself refuses (not a date), as a stand-in for any statement error.
      return poison ? { ...document, columns: { ...document.columns, invoice_date: 'not a date' } } : document;
    });
  }

  it('stores the POSTs waiting together in one transaction and answers each as alone', async () => {
    const { connectionId } = await kit.createTestConnection();
    const { deps, groupsStored } = countingDeps();
    const invoices = Array.from({ length: 20 }, () => buildSalesInvoice());
    const first = invoices[0] as SalesInvoiceInput;
    const connection = await kit.deps.connections.requireActive(connectionId);
    // All of them join before the first group is stored (the same tick), as concurrent requests do.
    const pending = [
      ...invoices.map((invoice) =>
        submitInGroup(deps, connectionId, async (reads) =>
          toDocumentToStore(await prepareSalesInvoice(reads, connection, invoice)),
        ),
      ),
      submitInGroup(deps, connectionId, async (reads) =>
        toDocumentToStore(await prepareSalesInvoice(reads, connection, first)),
      ),
      submitInGroup(deps, connectionId, async (reads) =>
        toDocumentToStore(await prepareSalesInvoice(reads, connection, { ...first, notes: 'other content' })),
      ),
    ];
    const outcomes = await Promise.all(pending);
    expect(groupsStored()).toBe(1);
    const statuses = outcomes.map((outcome) => (outcome instanceof ExternalIdConflictError ? 409 : outcome.statusCode));
    expect(statuses).toEqual([...invoices.map(() => 202), 200, 409]);
    const firstTransfer = await findTransferByExternalId(database.db, connectionId, 'sales_invoice', first.externalId);
    expect((outcomes[20] as { body: { transferId: string } }).body.transferId).toBe(firstTransfer?.id);
    for (const invoice of invoices) {
      const row = await findTransferByExternalId(database.db, connectionId, 'sales_invoice', invoice.externalId);
      expect(row).toMatchObject({ state: 'queued' });
      expect(await listTimeline(database.db, row?.id as string)).toHaveLength(1);
    }
  });

  it('answers a document refused by the register checks or by the database alone; the others are stored', async () => {
    const { connectionId } = await kit.createTestConnection();
    const { deps } = countingDeps();
    const good = [buildSalesInvoice(), buildSalesInvoice()];
    const poisoned = buildSalesInvoice();
    const results = await Promise.allSettled([
      submit(deps, connectionId, good[0]),
      submit(deps, connectionId, poisoned, true),
      submit(deps, connectionId, { ...buildSalesInvoice(), currency: 'EURO' }),
      submit(deps, connectionId, good[1]),
    ]);
    expect(results.map((result) => result.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseRejectedResult).reason).toMatchObject({ statusCode: 400 });
    for (const invoice of good) {
      expect(
        await findTransferByExternalId(database.db, connectionId, 'sales_invoice', invoice.externalId),
      ).toBeDefined();
    }
    expect(
      await findTransferByExternalId(database.db, connectionId, 'sales_invoice', poisoned.externalId),
    ).toBeUndefined();
  });
});
