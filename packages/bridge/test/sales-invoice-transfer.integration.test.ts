// What reaches Procountor: partner matching, invoice channel, header rows and comments, products, events.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { customerSourceKey } from '../src/business-partners/customer-source-key';
import type { ConnectionSettings } from '../src/connections/connection-settings';
import { recordLinkIfFree } from '../src/registers/register-links';
import type { SalesInvoiceInput } from '../src/sales-invoices/sales-invoice-schema';
import { submitSalesInvoice } from '../src/sales-invoices/submit-sales-invoice';
import { createTransferRunner } from '../src/transfers/run-transfer';
import { startTransferWorkers } from '../src/transfers/start-transfer-workers';
import { toProcountorPartner } from '../src/transfers/steps/resolve-business-partner';
import { resendTransfer } from '../src/transfers/transfer-actions';
import { findTransfer } from '../src/transfers/transfer-repository';
import { buildSalesInvoice, businessIdFrom } from './helpers/sales-invoice-builder';
import { describeOnBothDatabases } from './helpers/test-database';
import { startTransferTestKit, type TransferTestKit } from './helpers/transfer-test-kit';

describeOnBothDatabases('sales invoice transfer', (database) => {
  let kit: TransferTestKit;
  beforeAll(async () => {
    kit = await startTransferTestKit(database.db);
  });
  afterAll(() => kit.stop());

  /** Submits and runs one document in a fresh connection (and emulator company) with these settings. */
  const transfer = async (
    invoice: SalesInvoiceInput,
    settings: Partial<ConnectionSettings> = {},
    existingPartners: SalesInvoiceInput['customer'][] = [],
  ) => {
    const { connectionId, companyId } = await kit.createTestConnection(settings);
    const connection = await kit.connections.requireActive(connectionId);
    const client = await kit.connections.procountorClient(connection);
    const partnerIds: number[] = [];
    for (const customer of existingPartners) {
      partnerIds.push((await client.businessPartners.create(toProcountorPartner(customer))).id as number);
    }
    const { body } = await submitSalesInvoice(kit.deps, connectionId, invoice, { mode: 'create' });
    const transferId = (body as { transferId: string }).transferId;
    const outcome = await createTransferRunner(kit.deps).run(transferId);
    const company = kit.company(companyId);
    const created = [...company.invoices.values()];
    return { outcome, row: await findTransfer(database.db, transferId), company, created, partnerIds, client };
  };

  it('reuses the partner with the same business ID and customer number (matching rule 1)', async () => {
    const invoice = buildSalesInvoice();
    const result = await transfer(invoice, {}, [invoice.customer]);
    expect(result.outcome).toBe('succeeded');
    expect(result.created[0]?.partnerId).toBe(result.partnerIds[0]);
    expect(result.company.businessPartners.size).toBe(1);
  });

  it('creates a new partner for the same business ID with another customer number (matching rule 2)', async () => {
    const invoice = buildSalesInvoice();
    const result = await transfer(invoice, {}, [{ ...invoice.customer, customerNumber: 'OTHER-1' }]);
    expect(result.outcome).toBe('succeeded');
    expect(result.company.businessPartners.size).toBe(2);
    expect(result.created[0]?.partnerId).not.toBe(result.partnerIds[0]);
  });

  it('fails with a readable error and no invoice for the same number with another business ID (rule 3)', async () => {
    const invoice = buildSalesInvoice();
    const result = await transfer(invoice, {}, [{ ...invoice.customer, businessId: businessIdFrom(7_654_321) }]);
    expect(result.outcome).toBe('failed');
    expect(result.created).toEqual([]);
    const error = result.row?.last_error as { code: string; message: string; fix: string };
    expect(error.code).toBe('business_partner_conflict');
    expect(error.message).toContain(`Procountor partner ${result.partnerIds[0]}`);
    expect(error.message).toContain(invoice.customer.businessId!);
  });

  it('matches by customer number when the customer has no business ID', async () => {
    const invoice = buildSalesInvoice();
    const { businessId: _none, ...customer } = invoice.customer;
    const result = await transfer({ ...invoice, customer }, {}, [customer]);
    expect(result.outcome).toBe('succeeded');
    expect(result.created[0]?.partnerId).toBe(result.partnerIds[0]);
  });

  it('reuses a partner with the same business ID despite another number when set so (as Click2Contract does)', async () => {
    const invoice = buildSalesInvoice();
    const result = await transfer(invoice, { reuseCustomerWithSameBusinessId: true }, [
      { ...invoice.customer, customerNumber: 'OTHER-2' },
    ]);
    expect(result.outcome).toBe('succeeded');
    expect(result.company.businessPartners.size).toBe(1);
    expect(result.created[0]?.partnerId).toBe(result.partnerIds[0]);
  });

  it('sends only for a linked customer with requireCustomerLink, and lists the customer for linking', async () => {
    const invoice = buildSalesInvoice();
    const result = await transfer(invoice, { requireCustomerLink: true }, [invoice.customer]);
    expect(result.outcome).toBe('failed');
    expect(result.row?.last_error).toMatchObject({ code: 'customer_not_linked' });
    expect(result.created).toEqual([]);
    const connectionId = result.row!.connection_id;
    const sourceKey = customerSourceKey(invoice.customer)!;
    const listed = await database.db
      .selectFrom('source_records')
      .select('source_key')
      .where('connection_id', '=', connectionId)
      .execute();
    expect(listed.map((record) => record.source_key)).toContain(sourceKey);

    await recordLinkIfFree(database.db, connectionId, {
      kind: 'customer',
      sourceKey,
      procountorId: result.partnerIds[0]!,
      origin: 'manual',
    });
    await resendTransfer(kit.deps, connectionId, result.row!.id);
    expect(await createTransferRunner(kit.deps).run(result.row!.id)).toBe('succeeded');
    expect([...result.company.invoices.values()][0]?.partnerId).toBe(result.partnerIds[0]);
    expect(result.company.businessPartners.size).toBe(1);
  });

  it('fails when no partner matches and creating customers is off', async () => {
    const result = await transfer(buildSalesInvoice(), { createCustomersInProcountor: false });
    expect(result.outcome).toBe('failed');
    expect(result.row?.last_error).toMatchObject({ code: 'business_partner_not_found' });
  });

  it('picks the invoice channel: e-invoice, then e-mail when enabled, else mail', async () => {
    const base = buildSalesInvoice();
    const eInvoice = await transfer({
      ...base,
      customer: { ...base.customer, eInvoice: { address: 'FI4819503000000010', operator: 'NDEAFIHH' } },
    });
    expect(eInvoice.created[0]?.invoiceChannel).toBe('ELECTRONIC_INVOICE');
    const other = buildSalesInvoice();
    const email = await transfer(
      { ...other, customer: { ...other.customer, email: 'laskut@asiakas.fi' } },
      { emailSending: true },
    );
    expect(email.created[0]?.invoiceChannel).toBe('EMAIL');
    const contact = await transfer(
      {
        ...other,
        externalId: `${other.externalId}-contact`,
        customer: { ...other.customer, email: 'laskut@asiakas.fi', contactEmail: 'maija@asiakas.fi' },
      },
      { emailSending: true },
    );
    expect(contact.created[0]).toMatchObject({
      invoiceChannel: 'EMAIL',
      counterParty: expect.objectContaining({ email: 'maija@asiakas.fi' }),
    });
  });

  it('sends header rows as zero-value rows and the first description line as the row comment', async () => {
    const invoice = buildSalesInvoice({
      rows: [
        { kind: 'header', name: 'Phase 1' },
        {
          kind: 'item',
          name: 'Design',
          description: '\nFirst line\nsecond line',
          quantity: 3,
          unit: 'h',
          unitPrice: 80,
          vatPercent: 25.5,
        },
      ],
    });
    const result = await transfer(invoice);
    const rows = result.created[0]?.invoiceRows ?? [];
    expect(rows[0]).toMatchObject({ product: 'Phase 1', quantity: 0, unitPrice: 0 });
    expect(rows[1]).toMatchObject({ product: 'Design', quantity: 3, unit: 'HOUR', comment: 'First line' });
  });

  it("puts each row's sales account on its ledger receipt transaction", async () => {
    const invoice = buildSalesInvoice({
      rows: [
        { kind: 'item', name: 'Design', quantity: 1, unit: 'h', unitPrice: 80, vatPercent: 25.5, salesAccount: '3300' },
        { kind: 'item', name: 'Travel', quantity: 1, unit: 'pcs', unitPrice: 20, vatPercent: 25.5 },
      ],
    });
    const result = await transfer(invoice);
    expect(result.row?.state).toBe('succeeded');
    const receipt = result.company.ledgerReceipts.get(result.created[0]!.ledgerReceiptId!)!;
    const entries = receipt.transactions.filter((transaction) => transaction.transactionType === 'ENTRY');
    expect(entries.map((transaction) => transaction.account)).toEqual(['3300', '3000']);
  });

  it("gives the invoice's own sales account and cost centre to its rows without theirs", async () => {
    const invoice = buildSalesInvoice({
      salesAccount: '3300',
      dimensions: { costCenter: 'CC-10' },
      rows: [
        { kind: 'item', name: 'Design', quantity: 1, unit: 'h', unitPrice: 80, vatPercent: 25.5 },
        { kind: 'item', name: 'Travel', quantity: 1, unitPrice: 20, vatPercent: 25.5, salesAccount: '3000' },
      ],
    });
    const result = await transfer(invoice, { costCenterDimension: 'Kustannuspaikat' });
    expect(result.row?.state).toBe('succeeded');
    const receipt = result.company.ledgerReceipts.get(result.created[0]!.ledgerReceiptId!)!;
    const entries = receipt.transactions.filter((transaction) => transaction.transactionType === 'ENTRY');
    expect(entries.map((transaction) => transaction.account)).toEqual(['3300', '3000']);
    const item = [...result.company.dimensions.values()]
      .flatMap((dimension) => dimension.items ?? [])
      .find((candidate) => candidate.codeName === 'CC-10');
    expect(item).toBeDefined();
    for (const entry of entries) {
      expect(entry.dimensionItemValues?.map((value) => value.itemId)).toEqual([item!.id]);
    }
  });

  it('finds products by code, creates them where allowed, and uses the default code otherwise', async () => {
    const row = (productCode: string | undefined) => ({
      kind: 'item' as const,
      name: `Row ${productCode}`,
      ...(productCode ? { productCode } : {}),
      quantity: 1,
      unitPrice: 10,
      vatPercent: 25.5,
    });
    const created = await transfer(buildSalesInvoice({ rows: [row('NEW-A')] }), { createProductsInProcountor: true });
    const product = [...created.company.products.values()].find((candidate) => candidate.code === 'NEW-A');
    expect(product).toBeDefined();
    expect(created.created[0]?.invoiceRows[0]).toMatchObject({ productId: product!.id, productCode: 'NEW-A' });

    const { connectionId, companyId } = await kit.createTestConnection({ defaultProductCode: 'DEFAULT' });
    const client = await kit.connections.procountorClient(await kit.connections.requireActive(connectionId));
    const known = await client.products.create({
      type: 'SALES',
      name: 'Known',
      code: 'KNOWN',
      price: 10,
      discount: 0,
      vat: 25.5,
      active: true,
      currency: 'EUR',
    });
    const fallback = await client.products.create({
      type: 'SALES',
      name: 'Default',
      code: 'DEFAULT',
      price: 0,
      discount: 0,
      vat: 25.5,
      active: true,
      currency: 'EUR',
    });
    const invoice = buildSalesInvoice({ rows: [row('KNOWN'), row('UNKNOWN'), row(undefined)] });
    const { body } = await submitSalesInvoice(kit.deps, connectionId, invoice, { mode: 'create' });
    expect(await createTransferRunner(kit.deps).run((body as { transferId: string }).transferId)).toBe('succeeded');
    const rows = [...kit.company(companyId).invoices.values()][0]?.invoiceRows ?? [];
    expect(rows.map((sent) => [sent.productId, sent.productCode])).toEqual([
      [known.id, 'KNOWN'],
      [fallback.id, 'DEFAULT'],
      [fallback.id, 'DEFAULT'],
    ]);
    expect(kit.company(companyId).products.size).toBe(2);
  });

  it('matches a row without a code to a product of the same name, else creates one, where products may be created', async () => {
    const { connectionId, companyId } = await kit.createTestConnection({ createProductsInProcountor: true });
    const client = await kit.connections.procountorClient(await kit.connections.requireActive(connectionId));
    const existing = await client.products.create({
      type: 'SALES',
      name: 'Konsultointi',
      price: 100,
      discount: 0,
      vat: 25.5,
      active: true,
      currency: 'EUR',
    });
    const row = (name: string) => ({ kind: 'item' as const, name, quantity: 1, unitPrice: 10, vatPercent: 25.5 });
    const send = async () => {
      const invoice = buildSalesInvoice({ rows: [row('konsultointi '), row('Uusi palvelu')] });
      const { body } = await submitSalesInvoice(kit.deps, connectionId, invoice, { mode: 'create' });
      expect(await createTransferRunner(kit.deps).run((body as { transferId: string }).transferId)).toBe('succeeded');
      return [...kit.company(companyId).invoices.values()].at(-1)?.invoiceRows ?? [];
    };
    const firstRows = await send();
    const created = [...kit.company(companyId).products.values()].find((product) => product.name === 'Uusi palvelu');
    expect(created).toBeDefined();
    expect(firstRows.map((sent) => sent.productId)).toEqual([existing.id, created!.id]);
    // The next invoice finds the product the first one created: no second one.
    expect((await send()).map((sent) => sent.productId)).toEqual([existing.id, created!.id]);
    expect(kit.company(companyId).products.size).toBe(2);
  });

  it('gives work-type rows without a code the default work type code, product rows the product default', async () => {
    const { connectionId, companyId } = await kit.createTestConnection({
      defaultProductCode: 'GOODS',
      defaultWorkTypeCode: 'HOURS',
    });
    const client = await kit.connections.procountorClient(await kit.connections.requireActive(connectionId));
    const product = (code: string) =>
      client.products.create({
        type: 'SALES',
        name: code,
        code,
        price: 0,
        discount: 0,
        vat: 25.5,
        active: true,
        currency: 'EUR',
      });
    const goods = await product('GOODS');
    const hours = await product('HOURS');
    const row = (itemType: 'product' | 'work_type', productCode?: string) => ({
      kind: 'item' as const,
      itemType,
      name: `Row ${itemType} ${productCode ?? ''}`,
      ...(productCode ? { productCode } : {}),
      quantity: 1,
      unitPrice: 10,
      vatPercent: 25.5,
    });
    const invoice = buildSalesInvoice({
      rows: [row('work_type'), row('product'), row('work_type', 'NOT-THERE')],
    });
    const { body } = await submitSalesInvoice(kit.deps, connectionId, invoice, { mode: 'create' });
    expect(await createTransferRunner(kit.deps).run((body as { transferId: string }).transferId)).toBe('succeeded');
    const rows = [...kit.company(companyId).invoices.values()][0]?.invoiceRows ?? [];
    expect(rows.map((sent) => [sent.productId, sent.productCode])).toEqual([
      [hours.id, 'HOURS'],
      [goods.id, 'GOODS'],
      [hours.id, 'HOURS'],
    ]);
  });

  it('approves and sends when statusAfterTransfer is SENT, and records transfer.succeeded in the outbox', async () => {
    const result = await transfer(buildSalesInvoice(), { statusAfterTransfer: 'SENT' });
    expect(result.created[0]?.status).toBe('SENT');
    expect(result.row?.procountor_status).toBe('SENT');
    const events = await database.db
      .selectFrom('events')
      .selectAll()
      .where('subject_id', '=', result.row!.id)
      .execute();
    expect(events.map((event) => event.type)).toEqual(['transfer.succeeded']);
    expect(events[0]?.payload).toMatchObject({ procountorInvoiceNumber: result.created[0]?.invoiceNumber });
  });

  it('runs transfers through pg-boss workers from submit to success', async () => {
    const { connectionId, companyId } = await kit.createTestConnection();
    const stopWorkers = await startTransferWorkers(kit.jobs, kit.deps, { pollingIntervalSeconds: 0.5 });
    try {
      const invoices = [buildSalesInvoice(), buildSalesInvoice(), buildSalesInvoice()];
      const ids: string[] = [];
      for (const invoice of invoices) {
        const { body } = await submitSalesInvoice(kit.deps, connectionId, invoice, { mode: 'create' });
        ids.push((body as { transferId: string }).transferId);
      }
      await expect
        .poll(async () => Promise.all(ids.map(async (id) => (await findTransfer(database.db, id))?.state)), {
          timeout: 20_000,
          interval: 250,
        })
        .toEqual(['succeeded', 'succeeded', 'succeeded']);
      expect(kit.company(companyId).invoices.size).toBe(3);
    } finally {
      await stopWorkers();
    }
  });
});
