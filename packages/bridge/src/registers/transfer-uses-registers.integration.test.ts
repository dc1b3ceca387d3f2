// Transfers use the links and the synced registers: a known customer, product or dimension item costs no Procountor call.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RegisterTestKit, startRegisterTestKit } from '../../test/helpers/register-test-kit';
import { buildSalesInvoice } from '../../test/helpers/sales-invoice-builder';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import type { SalesInvoiceInput } from '../sales-invoices/sales-invoice-schema';
import { toProcountorPartner } from '../transfers/steps/resolve-business-partner';

describeOnBothDatabases('transfers with registers and links', (database) => {
  let kit: RegisterTestKit;

  /** Procountor requests since `after`, as "METHOD /path". */
  async function procountorCallsAfter(after: number): Promise<string[]> {
    const response = await fetch(`${kit.procountor.emulator.url}/_emulator/requests?after=${after}`);
    const { entries } = (await response.json()) as { entries: Array<{ method: string; path: string }> };
    return entries.map((entry) => `${entry.method} ${entry.path}`);
  }
  async function lastSequence(): Promise<number> {
    const response = await fetch(`${kit.procountor.emulator.url}/_emulator/requests?limit=1`);
    const { entries } = (await response.json()) as { entries: Array<{ sequence: number }> };
    return entries.at(-1)?.sequence ?? 0;
  }
  async function transferAndWait(invoice: SalesInvoiceInput) {
    const base = `/v1/connections/${kit.connectionId}/sales-invoices`;
    const submitted = await kit.call('POST', base, invoice);
    expect(submitted.status).toBe(202);
    for (let attempt = 0; attempt < 600; attempt += 1) {
      const transfer = await kit.call('GET', `${base}/${invoice.externalId}`);
      if (transfer.json.state === 'succeeded') return transfer.json;
      if (transfer.json.state === 'failed') throw new Error(`transfer failed: ${transfer.text}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the transfer did not finish');
  }

  beforeAll(async () => {
    kit = await startRegisterTestKit(database.db, 'Linkki Oy', {
      createCustomersInProcountor: true,
      createProductsInProcountor: true,
      projectDimension: 'Projektit',
      rowsCarryProjects: true,
    });
  });
  afterAll(async () => {
    await kit?.stop();
  });

  it('links the customer and product a first transfer created, and a second transfer searches for neither', async () => {
    const first = buildSalesInvoice({
      rows: [
        { kind: 'item', name: 'Work', productCode: 'WORK', quantity: 1, unit: 'h', unitPrice: 90, vatPercent: 25.5 },
      ],
    });
    await transferAndWait(first);
    const links = await kit.call('GET', `/v1/connections/${kit.connectionId}/customer-links?status=linked`);
    expect(links.status).toBe(200);
    expect(links.json.results).toHaveLength(1);
    expect(links.json.results[0].link).toMatchObject({ origin: 'transfer' });

    const before = await lastSequence();
    await transferAndWait(
      buildSalesInvoice({
        customer: first.customer,
        rows: [
          { kind: 'item', name: 'Work', productCode: 'WORK', quantity: 3, unit: 'h', unitPrice: 90, vatPercent: 25.5 },
        ],
      }),
    );
    const calls = await procountorCallsAfter(before);
    expect(calls.filter((call) => call.startsWith('GET /api/businesspartners'))).toEqual([]);
    expect(calls.filter((call) => call.startsWith('GET /api/products'))).toEqual([]);
    expect(calls.filter((call) => call === 'POST /api/invoices')).toHaveLength(1);
  });

  it('matches a customer from the synced register by business ID and customer number, without searching Procountor', async () => {
    const invoice = buildSalesInvoice();
    await kit.procountorClient.businessPartners.create(toProcountorPartner(invoice.customer));
    const run = await kit.syncAndWait({ mode: 'full', registers: ['business_partners', 'products'] });
    expect(run.state).toBe('succeeded');
    const before = await lastSequence();
    await transferAndWait(invoice);
    const calls = await procountorCallsAfter(before);
    expect(calls.filter((call) => call.startsWith('GET /api/businesspartners'))).toEqual([]);
    expect(calls.filter((call) => call === 'POST /api/businesspartners')).toEqual([]);
  });

  it('refuses from the register the same customer number with another business ID (matching rule 3)', async () => {
    const known = buildSalesInvoice();
    await kit.procountorClient.businessPartners.create(toProcountorPartner(known.customer));
    await kit.syncAndWait({ mode: 'incremental', registers: ['business_partners'] });
    const conflicting = buildSalesInvoice({
      customer: { ...buildSalesInvoice().customer, customerNumber: known.customer.customerNumber },
    });
    const base = `/v1/connections/${kit.connectionId}/sales-invoices`;
    expect((await kit.call('POST', base, conflicting)).status).toBe(202);
    let transfer: { state: string; lastError?: { code?: string } } | undefined;
    for (let attempt = 0; attempt < 600; attempt += 1) {
      transfer = (await kit.call('GET', `${base}/${conflicting.externalId}`)).json;
      if (transfer && ['failed', 'succeeded'].includes(transfer.state)) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(transfer?.state).toBe('failed');
    expect(JSON.stringify(transfer)).toContain('business_partner_conflict');
  });

  it('takes a project item from the synced register without reading the dimensions from Procountor', async () => {
    const projects = (await kit.procountorClient.dimensions.list()).find((dimension) => dimension.name === 'Projektit');
    const item = await kit.procountorClient.dimensions.createItem(projects?.id as number, {
      codeName: 'PRJ-1',
      description: 'Project one',
    });
    expect((await kit.syncAndWait({ registers: ['dimension_items'] })).state).toBe('succeeded');
    const before = await lastSequence();
    const done = await transferAndWait(
      buildSalesInvoice({
        rows: [
          {
            kind: 'item',
            name: 'Work',
            quantity: 1,
            unit: 'h',
            unitPrice: 90,
            vatPercent: 25.5,
            dimensions: { project: 'PRJ-1' },
          },
        ],
      }),
    );
    const calls = await procountorCallsAfter(before);
    expect(calls.filter((call) => call.startsWith('GET /api/dimensions'))).toEqual([]);
    expect(calls.filter((call) => call.startsWith('POST /api/dimensions'))).toEqual([]);
    const receipt = [
      ...kit.procountor.emulator.context.state.companies.get(kit.procountor.company.companyId)!.ledgerReceipts.values(),
    ].find((candidate) => candidate.invoiceId === done.procountor?.invoiceId);
    const itemValues = (receipt?.transactions ?? []).flatMap(
      (transaction) => (transaction as { dimensionItemValues?: Array<{ itemId: number }> }).dimensionItemValues ?? [],
    );
    expect(itemValues.map((value) => value.itemId)).toContain(item.id);
  });
});
