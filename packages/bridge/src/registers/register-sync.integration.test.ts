// Register sync against the emulator: a full import, then incremental runs that read only what changed.
import type { ProcountorClient } from '@procountor-bridge/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type RegisterTestKit, startRegisterTestKit } from '../../test/helpers/register-test-kit';
import { businessIdFrom } from '../../test/helpers/sales-invoice-builder';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import { toProcountorPartner } from '../transfers/steps/resolve-business-partner';
import { toProcountorProduct } from '../transfers/steps/resolve-products';

async function createCustomer(client: ProcountorClient, name: string, businessId: string, customerNumber: string) {
  return client.businessPartners.create(
    toProcountorPartner({
      name,
      businessId,
      customerNumber,
      address: { street: 'Katu 1', postalCode: '00100', city: 'Helsinki', country: 'FI' },
    }),
  );
}

async function createProduct(client: ProcountorClient, code: string, name: string) {
  return client.products.create(
    toProcountorProduct(
      code,
      { kind: 'item', name, quantity: 1, unit: 'h', unitPrice: 100, vatPercent: 25.5 } as never,
      'EUR',
    ),
  );
}

describeOnBothDatabases('register sync', (database) => {
  let kit: RegisterTestKit;

  beforeAll(async () => {
    kit = await startRegisterTestKit(database.db, 'Synkka Oy');
    await createCustomer(kit.procountorClient, 'Kahvila Aurinko Oy', businessIdFrom(1234567), '100');
    await createCustomer(kit.procountorClient, 'Rakennus Virtanen Ky', businessIdFrom(7654321), '200');
    await createCustomer(kit.procountorClient, 'Åbo Skärgård Ab', businessIdFrom(1111112), '300');
    await createProduct(kit.procountorClient, 'WORK', 'Consulting work');
    await createProduct(kit.procountorClient, 'LIC', 'Licence');
    const dimensions = await kit.procountorClient.dimensions.list();
    const first = dimensions[0];
    if (!first?.id) throw new Error('the emulator company has no dimension');
    await kit.procountorClient.dimensions.createItem(first.id, { codeName: 'P-1', description: 'Project one' });
  });
  afterAll(async () => {
    await kit?.stop();
  });

  it('imports every register in full and serves them with search and paging', async () => {
    const run = await kit.syncAndWait({ mode: 'full' });
    expect(run.state).toBe('succeeded');
    expect(run.errors).toEqual([]);
    expect(run.counts.business_partners).toMatchObject({ created: 3, updated: 0, unchanged: 0, failed: 0, done: true });
    expect(run.counts.products).toMatchObject({ created: 2, failed: 0 });
    expect(run.counts.dimension_items).toMatchObject({ created: 1 });
    expect(run.counts.ledger_accounts?.created).toBeGreaterThan(10);
    expect(run.counts.vat_percentages?.created).toBeGreaterThan(0);
    expect(run.counts.company).toMatchObject({ created: 4 });
    expect(run.procountorCalls).toBeGreaterThan(0);

    const base = `/v1/connections/${kit.connectionId}/registers`;
    const found = await kit.call('GET', `${base}/business-partners?search=skargard`);
    expect(found.status).toBe(200);
    expect(found.json.results).toHaveLength(1);
    expect(found.json.results[0]).toMatchObject({
      name: 'Åbo Skärgård Ab',
      code: '300',
      identifier: businessIdFrom(1111112),
    });

    const paged = await kit.call('GET', `${base}/business-partners?size=2&page=1`);
    expect(paged.json.meta).toEqual({ page: 1, size: 2, total: 3 });
    expect(paged.json.results).toHaveLength(1);

    const accounts = await kit.call('GET', `${base}/ledger-accounts?code=3000`);
    expect(accounts.json.results[0]?.code).toBe('3000');
    const items = await kit.call('GET', `${base}/dimension-items?search=project`);
    expect(items.json.results[0]).toMatchObject({ code: 'P-1', active: true });

    const overview = await kit.call('GET', base);
    const partners = overview.json.registers.find(
      (entry: { register: string }) => entry.register === 'business_partners',
    );
    expect(partners.records).toBe(3);
    expect(partners.watermark).not.toBeNull();
  });

  it('reads only the changes in an incremental run: new, changed and inactivated partners', async () => {
    const client = kit.procountorClient;
    const { results } = await client.businessPartners.search({ customerNumber: '200' });
    const virtanen = results?.[0];
    if (!virtanen?.id) throw new Error('partner 200 is missing');
    const full = await client.businessPartners.get(virtanen.id);
    await client.businessPartners.patch(virtanen.id, { name: 'Rakennus Virtanen Oy' } as never, {
      version: full.version as string,
    });
    const kahvila = (await client.businessPartners.search({ customerNumber: '100' })).results?.[0];
    const kahvilaFull = await client.businessPartners.get(kahvila?.id as number);
    const { id: _id, version: _version, ...rest } = kahvilaFull;
    await client.businessPartners.update(
      kahvila?.id as number,
      { ...rest, registryInfo: { ...rest.registryInfo, active: false } } as never,
    );
    await createCustomer(client, 'Uusi Asiakas Oy', businessIdFrom(2222223), '400');

    const run = await kit.syncAndWait({ mode: 'incremental' });
    expect(run.state).toBe('succeeded');
    const partners = run.counts.business_partners;
    expect(partners).toMatchObject({ created: 1, updated: 2, inactivated: 1, failed: 0 });
    // Changes only: the boundary record of the watermark may come back once (versionStartDate is inclusive).
    expect(partners?.fetched).toBeLessThanOrEqual(4);
    // One page of active partners and one of inactive ones.
    expect(partners?.calls).toBe(2);

    const base = `/v1/connections/${kit.connectionId}/registers`;
    const inactive = await kit.call('GET', `${base}/business-partners?active=false`);
    expect(inactive.json.results.map((record: { code: string }) => record.code)).toEqual(['100']);
    const renamed = await kit.call('GET', `${base}/business-partners?code=200`);
    expect(renamed.json.results[0].name).toBe('Rakennus Virtanen Oy');
  });

  it('an incremental run without changes creates and updates nothing', async () => {
    const run = await kit.syncAndWait({ mode: 'incremental', registers: ['business_partners', 'products'] });
    expect(run.state).toBe('succeeded');
    expect(run.counts.business_partners).toMatchObject({ created: 0, updated: 0 });
    expect(run.counts.products).toMatchObject({ created: 0, updated: 0 });
  });

  it('refuses a token of another connection and an unknown register', async () => {
    const other = await kit.call('POST', '/v1/connections', {
      name: 'Toinen',
      environment: 'custom',
      baseUrl: kit.procountor.emulator.baseUrl,
      clientId: 'x',
      clientSecret: 'y',
      apiKey: 'z',
    });
    const token = await kit.call('POST', '/v1/api-tokens', { name: 'other', connectionId: other.json.id });
    const refused = await kit.call(
      'GET',
      `/v1/connections/${kit.connectionId}/registers/products`,
      undefined,
      token.json.token,
    );
    expect(refused.status).toBe(404);
    const unknown = await kit.call('GET', `/v1/connections/${kit.connectionId}/registers/planets`);
    expect(unknown.status).toBe(400);
    expect(unknown.json.details[0]).toMatchObject({ path: 'register', rule: 'enum' });
  });
});
