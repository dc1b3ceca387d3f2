// Source → Procountor: customers under every case of the matching rules, products by code, dimension items
// with inactivation, all checked in the emulator's state.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RegisterTestKit, startRegisterTestKit } from '../../test/helpers/register-test-kit';
import { businessIdFrom } from '../../test/helpers/sales-invoice-builder';
import { describeOnBothDatabases } from '../../test/helpers/test-database';

const address = { street: 'Katu 1', postalCode: '00100', city: 'Helsinki', country: 'FI' };

describeOnBothDatabases('pushing master data to Procountor', (database) => {
  let kit: RegisterTestKit;
  let base: string;
  const company = () => kit.procountor.emulator.context.state.companies.get(kit.procountor.company.companyId)!;
  const partnersNumbered = (number: string) =>
    [...company().businessPartners.values()].filter((partner) => partner.invoicingInfo?.customerNumber === number);

  beforeAll(async () => {
    kit = await startRegisterTestKit(database.db, 'Vienti Oy', {
      projectDimension: 'Projektit',
      reuseCustomerWithSameBusinessId: false,
    });
    base = `/v1/connections/${kit.connectionId}`;
  });
  afterAll(async () => {
    await kit?.stop();
  });

  const push = (customers: unknown[]) => kit.call('POST', `${base}/source-customers/push`, { customers });

  it('creates a new customer, then leaves it unchanged, then updates what changed', async () => {
    const customer = { name: 'Pusku Oy', businessId: businessIdFrom(3_000_001), customerNumber: 'P-1', address };
    const created = await push([customer]);
    expect(created.status).toBe(200);
    expect(created.json.results[0]).toMatchObject({ outcome: 'created', sourceKey: 'number:P-1' });
    expect(partnersNumbered('P-1')).toHaveLength(1);

    expect((await push([customer])).json.results[0].outcome).toBe('unchanged');

    const renamed = await push([{ ...customer, name: 'Pusku Group Oy', address: { ...address, city: 'Espoo' } }]);
    expect(renamed.json.results[0].outcome).toBe('updated');
    const [stored] = partnersNumbered('P-1');
    expect(stored?.name).toBe('Pusku Group Oy');
    expect(stored?.address?.city).toBe('Espoo');
  });

  it('matches a partner made in Procountor with the same business ID and customer number (rule 1)', async () => {
    const businessId = businessIdFrom(3_000_100);
    await kit.procountorClient.businessPartners.create({
      type: 'CUSTOMER',
      name: 'Olemassa Oy',
      address: { name: 'Olemassa Oy', country: 'FINLAND' },
      invoicingInfo: { identifier: businessId, identifierType: 'FI', customerNumber: 'P-2' },
      paymentInfo: { paymentMethod: 'BANK_TRANSFER' },
    } as never);
    const result = await push([{ name: 'Olemassa Oy', businessId, customerNumber: 'P-2', address }]);
    expect(result.json.results[0].outcome).toBe('updated');
    expect(result.json.results[0].message).toBe('same business ID and customer number');
    expect(partnersNumbered('P-2')).toHaveLength(1);
  });

  it('creates a new partner for the same business ID with another customer number (rule 2)', async () => {
    const businessId = businessIdFrom(3_000_001);
    const result = await push([{ name: 'Pusku Oy', businessId, customerNumber: 'P-1B', address }]);
    expect(result.json.results[0]).toMatchObject({
      outcome: 'created',
      message: 'same business ID with another customer number: new partner',
    });
  });

  it('reports the same customer number with another business ID as a conflict and creates nothing (rule 3)', async () => {
    const result = await push([
      { name: 'Joku Muu Oy', businessId: businessIdFrom(3_000_200), customerNumber: 'P-2', address },
    ]);
    expect(result.json.results[0].outcome).toBe('failed');
    expect(result.json.results[0].message).toMatch(/business ID \d{7}-\d, not /);
    expect(result.json.counts).toEqual({ created: 0, updated: 0, unchanged: 0, failed: 1 });
    expect(partnersNumbered('P-2')).toHaveLength(1);
  });

  it('reports rule 3 also for an unlinked customer whose number Procountor has with another business ID', async () => {
    await kit.procountorClient.businessPartners.create({
      type: 'CUSTOMER',
      name: 'Toinen Oy',
      address: { name: 'Toinen Oy', country: 'FINLAND' },
      invoicingInfo: { identifier: businessIdFrom(3_000_300), identifierType: 'FI', customerNumber: 'P-9' },
      paymentInfo: { paymentMethod: 'BANK_TRANSFER' },
    } as never);
    const result = await push([
      { name: 'Kolmas Oy', businessId: businessIdFrom(3_000_400), customerNumber: 'P-9', address },
    ]);
    expect(result.json.results[0].outcome).toBe('failed');
    expect(result.json.results[0].message).toContain('customer number P-9 belongs in Procountor to partner');
    expect(partnersNumbered('P-9')).toHaveLength(1);
  });

  it('refuses a customer with neither customer number nor business ID', async () => {
    const result = await push([{ name: 'Nimetön', address }]);
    expect(result.status).toBe(400);
    expect(result.json.details[0]).toMatchObject({ path: 'customers[0]', rule: 'link_key' });
  });

  it('refuses a customer the invoices would refuse: business ID, VAT number, e-invoice address and operator, and pushes nothing', async () => {
    const before = partnersNumbered('P-BAD').length;
    const result = await push([
      { name: 'Hyvä Oy', customerNumber: 'P-OK', address },
      {
        name: 'Huono Oy',
        customerNumber: 'P-BAD',
        businessId: '1234567-8',
        vatNumber: 'FI12',
        eInvoice: { address: '003712345678', operator: 'XX' },
        address,
      },
    ]);
    expect(result.status).toBe(400);
    expect(
      result.json.details.map((detail: { path: string; rule: string }) => `${detail.path}:${detail.rule}`),
    ).toEqual([
      'customers[1].businessId:finnish_business_id',
      'customers[1].vatNumber:vat_number',
      'customers[1].eInvoice.address:e_invoice_address',
      'customers[1].eInvoice.operator:e_invoice_operator',
    ]);
    expect(partnersNumbered('P-OK')).toHaveLength(0);
    expect(partnersNumbered('P-BAD')).toHaveLength(before);
  });

  it('creates, updates and inactivates products by code', async () => {
    const url = `${base}/source-products/push`;
    const product = { code: 'PUSH-1', name: 'Työ', unit: 'h', unitPrice: 80, vatPercent: 25.5, salesAccount: '3000' };
    expect((await kit.call('POST', url, { products: [product] })).json.results[0].outcome).toBe('created');
    expect((await kit.call('POST', url, { products: [product] })).json.results[0].outcome).toBe('unchanged');
    expect((await kit.call('POST', url, { products: [{ ...product, unitPrice: 95 }] })).json.results[0].outcome).toBe(
      'updated',
    );
    expect(
      (await kit.call('POST', url, { products: [{ ...product, unitPrice: 95, active: false }] })).json.results[0]
        .outcome,
    ).toBe('updated');
    const stored = [...company().products.values()].filter((candidate) => candidate.code === 'PUSH-1');
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ price: 95, active: false, defaultAccount: '3000', unit: 'HOUR' });
  });

  it('creates a project item, inactivates it when closed in the source, and reactivates it', async () => {
    const url = `${base}/dimension-items`;
    const itemIn = () =>
      [...company().dimensions.values()]
        .find((dimension) => dimension.name === 'Projektit')
        ?.items?.find((item) => item.codeName === 'PRJ-7');
    const created = await kit.call('PUT', url, {
      items: [{ kind: 'project', code: 'PRJ-7', name: 'Talo', active: true }],
    });
    expect(created.json.results[0].outcome).toBe('created');
    expect(itemIn()?.status).toBeUndefined();

    const closed = await kit.call('PUT', url, { items: [{ kind: 'project', code: 'PRJ-7', active: false }] });
    expect(closed.json.results[0].outcome).toBe('updated');
    expect(itemIn()?.status).toBe('P');
    expect(itemIn()?.description).toBe('Talo');

    const items = await kit.call('GET', `${base}/registers/dimension-items?search=PRJ-7`);
    expect(items.json.results[0]).toMatchObject({ code: 'PRJ-7', active: false });

    const reopened = await kit.call('PUT', url, { items: [{ kind: 'project', code: 'PRJ-7', active: true }] });
    expect(reopened.json.results[0].outcome).toBe('updated');
    expect(itemIn()?.status).toBeUndefined();
  });

  it('names the missing setting for a kind the connection has no dimension for', async () => {
    const result = await kit.call('PUT', `${base}/dimension-items`, {
      items: [{ kind: 'costCenter', code: 'CC-1', active: true }],
    });
    expect(result.json.results[0]).toMatchObject({ outcome: 'failed' });
    expect(result.json.results[0].message).toContain('costCenterDimension');
  });
});
