// The purchase invoice import on both databases: a real emulator as Procountor, real HTTP, real jobs.
import type { ProcountorClient } from '@procountor-bridge/client';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { callAs, startTestApp } from '../../test/helpers/create-test-connection';
import { dimensionToProject, moveInvoiceStatus, receiveSupplierInvoice } from '../../test/helpers/supplier-invoices';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import { startTransferTestKit, type TransferTestKit } from '../../test/helpers/transfer-test-kit';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { BridgeApp } from '../server/bridge-app';
import { purchaseInvoiceRoutes } from './purchase-invoice-routes';
import { type PurchaseInvoiceImportDeps, runPurchaseInvoiceImport } from './run-purchase-invoice-import';
import { startPurchaseInvoiceImportWorkers } from './start-purchase-invoice-import-workers';

describeOnBothDatabases('purchase invoice import', (database) => {
  let kit: TransferTestKit;
  let app: BridgeApp;
  let baseUrl: string;
  let deps: PurchaseInvoiceImportDeps;

  beforeAll(async () => {
    kit = await startTransferTestKit(database.db);
    deps = { db: database.db, jobs: kit.jobs, connections: kit.connections, logger: pino({ level: 'silent' }) };
    await kit.jobs.createQueue(QUEUE_NAMES.sourceWebhookDeliver);
    await startPurchaseInvoiceImportWorkers(kit.jobs, deps, { sweep: false, pollingIntervalSeconds: 0.5 });
    ({ app, url: baseUrl } = await startTestApp([purchaseInvoiceRoutes({ ...deps, jobs: kit.jobs })]));
  });
  afterAll(async () => {
    await app.close();
    await kit.stop();
  });

  const newConnection = async () => {
    const { connectionId, companyId } = await kit.createTestConnection();
    const connection = await kit.connections.find(connectionId);
    const client = (await kit.connections.procountorClient(connection!)) as ProcountorClient;
    return { connectionId, companyId, client, api: callAs(baseUrl, `token-${connectionId}`) };
  };
  const importedEvents = (connectionId: string) =>
    database.db
      .selectFrom('events')
      .select(['event_id', 'subject_id', 'payload'])
      .where('connection_id', '=', connectionId)
      .where('type', '=', 'purchase_invoice.imported')
      .orderBy('id')
      .execute();

  it('imports an approved invoice dimensioned to a project once, with rows, dimensions and attachments', async () => {
    const { connectionId, companyId, client, api } = await newConnection();
    const invoice = await receiveSupplierInvoice(kit.emulator, companyId, { originalInvoiceNumber: 'SUP-77' });
    const invoiceId = invoice.id as number;
    await dimensionToProject(client, invoiceId, 'P-1001');
    const pdf = new TextEncoder().encode('%PDF-1.4 supplier invoice image');
    await client.attachments.upload({
      meta: { name: 'lasku.pdf', referenceType: 'INVOICE', referenceId: invoiceId, sendWithInvoice: false },
      file: pdf,
    });

    // RECEIVED is not an import status: nothing yet.
    const before = await api('POST', `/v1/connections/${connectionId}/purchase-invoice-import/runs`);
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ outcome: 'completed', imported: 0 });

    await client.invoices.approve(invoiceId, {});
    const run = await api('POST', `/v1/connections/${connectionId}/purchase-invoice-import/runs`);
    expect(run.body).toMatchObject({ outcome: 'completed', imported: 1, waitingForProject: 0 });

    const list = await api('GET', `/v1/connections/${connectionId}/purchase-invoices?acknowledged=false`);
    expect(list.status).toBe(200);
    expect(list.body.purchaseInvoices).toHaveLength(1);
    const imported = list.body.purchaseInvoices[0];
    expect(imported).toMatchObject({ procountorInvoiceId: invoiceId, acknowledgedAt: null });
    expect(imported.expense).toMatchObject({
      procountorStatus: 'APPROVED',
      originalInvoiceNumber: 'SUP-77',
      supplier: { name: 'Toimittaja Oy', businessId: '2980005-2' },
      projectCodes: ['P-1001'],
      rows: [
        expect.objectContaining({ product: 'Alihankinta', quantity: 3, unitPrice: 80 }),
        expect.objectContaining({ product: 'Tarvikkeet', quantity: 1, unitPrice: 40 }),
      ],
      attachments: [expect.objectContaining({ name: 'lasku.pdf' })],
    });
    expect(imported.expense.totalAmount).toBeCloseTo(351.4, 2);
    const dimensioned = imported.expense.accounting.filter(
      (transaction: { dimensions: unknown[] }) => transaction.dimensions.length > 0,
    );
    expect(dimensioned.length).toBeGreaterThan(0);
    expect(dimensioned[0].dimensions[0]).toMatchObject({ dimensionName: 'Projektit', itemCode: 'P-1001' });

    const events = await importedEvents(connectionId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ subject_id: imported.id, event_id: imported.eventId });
    expect(events[0]?.payload).toMatchObject({ procountorInvoiceId: invoiceId, projectCodes: ['P-1001'] });

    const attachmentId = imported.expense.attachments[0].attachmentId;
    const download = await fetch(
      `${baseUrl}/v1/connections/${connectionId}/purchase-invoices/${imported.id}/attachments/${attachmentId}`,
      { headers: { authorization: `Bearer token-${connectionId}` } },
    );
    expect(download.status).toBe(200);
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(pdf);

    // Later statuses (paid…) and later runs import nothing again.
    await moveInvoiceStatus(kit.emulator, invoiceId, 'PAYMENT_QUEUED');
    const again = await api('POST', `/v1/connections/${connectionId}/purchase-invoice-import/runs`);
    expect(again.body).toMatchObject({ imported: 0 });
    expect(await importedEvents(connectionId)).toHaveLength(1);

    const acknowledged = await api(
      'POST',
      `/v1/connections/${connectionId}/purchase-invoices/${imported.id}/acknowledge`,
    );
    expect(acknowledged.status).toBe(200);
    expect(acknowledged.body.acknowledgedAt).not.toBeNull();
    const open = await api('GET', `/v1/connections/${connectionId}/purchase-invoices?acknowledged=false`);
    expect(open.body.purchaseInvoices).toHaveLength(0);
    const read = await api('GET', `/v1/connections/${connectionId}/purchase-invoices/${imported.id}`);
    expect(read.body.acknowledgedAt).toBe(acknowledged.body.acknowledgedAt);
  });

  it('keeps an invoice without a project waiting and imports it once it is dimensioned', async () => {
    const { connectionId, companyId, client, api } = await newConnection();
    const invoice = await receiveSupplierInvoice(kit.emulator, companyId);
    await client.invoices.approve(invoice.id as number, {});

    const first = await api('POST', `/v1/connections/${connectionId}/purchase-invoice-import/runs`);
    expect(first.body).toMatchObject({ imported: 0, waitingForProject: 1 });
    expect((await api('GET', `/v1/connections/${connectionId}/purchase-invoices`)).body.purchaseInvoices).toEqual([]);

    await dimensionToProject(client, invoice.id as number, 'P-2002');
    const second = await api('POST', `/v1/connections/${connectionId}/purchase-invoice-import/runs`);
    expect(second.body).toMatchObject({ imported: 1, waitingForProject: 0 });
    expect(await importedEvents(connectionId)).toHaveLength(1);
  });

  it('loses and repeats nothing when the bridge stops in the middle of an import', async () => {
    const { connectionId, companyId, client } = await newConnection();
    const ids: number[] = [];
    for (let index = 0; index < 3; index += 1) {
      const invoice = await receiveSupplierInvoice(kit.emulator, companyId, { originalInvoiceNumber: `SUP-R${index}` });
      await dimensionToProject(client, invoice.id as number, 'P-3003');
      await client.invoices.approve(invoice.id as number, {});
      ids.push(invoice.id as number);
    }
    let handled = 0;
    const crashing = {
      ...deps,
      afterInvoice: () => {
        handled += 1;
        if (handled === 2) throw new Error('process killed');
      },
    };
    await expect(runPurchaseInvoiceImport(crashing, connectionId)).rejects.toThrow('process killed');
    expect(await importedEvents(connectionId)).toHaveLength(2);

    const resumed = await runPurchaseInvoiceImport(deps, connectionId);
    expect(resumed).toMatchObject({ imported: 1, alreadyImported: 2 });
    const events = await importedEvents(connectionId);
    expect(events.map((event) => (event.payload as { procountorInvoiceId: number }).procountorInvoiceId)).toEqual(ids);
    expect(new Set(events.map((event) => event.event_id)).size).toBe(3);
  });

  it('runs on its schedule once enabled, from the configured statuses only', async () => {
    const { connectionId, companyId, client, api } = await newConnection();
    const approved = await receiveSupplierInvoice(kit.emulator, companyId, { originalInvoiceNumber: 'SUP-A' });
    await dimensionToProject(client, approved.id as number, 'P-4004');
    await client.invoices.approve(approved.id as number, {});
    const queued = await receiveSupplierInvoice(kit.emulator, companyId, { originalInvoiceNumber: 'SUP-Q' });
    await dimensionToProject(client, queued.id as number, 'P-4004');
    await client.invoices.approve(queued.id as number, {});
    await moveInvoiceStatus(kit.emulator, queued.id as number, 'PAYMENT_QUEUED');

    const saved = await api('PUT', `/v1/connections/${connectionId}/purchase-invoice-import`, {
      enabled: true,
      statuses: ['PAYMENT_QUEUED'],
    });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ enabled: true, statuses: ['PAYMENT_QUEUED'], intervalMinutes: 5 });

    await expect
      .poll(async () => (await importedEvents(connectionId)).length, { timeout: 15_000, interval: 200 })
      .toBe(1);
    const list = await api('GET', `/v1/connections/${connectionId}/purchase-invoices`);
    expect(list.body.purchaseInvoices.map((row: { procountorInvoiceId: number }) => row.procountorInvoiceId)).toEqual([
      queued.id,
    ]);
    const settings = await api('GET', `/v1/connections/${connectionId}/purchase-invoice-import`);
    expect(settings.body.lastResult).toMatchObject({ imported: 1 });
    expect(settings.body.versionCursor).not.toBeNull();
  });

  it('refuses bad settings naming the field, and another connection’s token', async () => {
    const { connectionId, api } = await newConnection();
    const bad = await api('PUT', `/v1/connections/${connectionId}/purchase-invoice-import`, { statuses: ['SENT'] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('statuses');
    const other = await newConnection();
    const foreign = await other.api('GET', `/v1/connections/${connectionId}/purchase-invoices`);
    expect(foreign.status).toBe(404);
    const foreignRun = await other.api('POST', `/v1/connections/${connectionId}/purchase-invoice-import/runs`);
    expect(foreignRun.status).toBe(404);
  });
});
