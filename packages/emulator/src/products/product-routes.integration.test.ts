import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestCompany, startTestSession, type TestSession } from '../../test/helpers/test-session';
import { isValidAgainst } from '../http/contract-validator';

const product = (overrides: Record<string, unknown> = {}) => ({
  type: 'SALES',
  name: 'Konsultointi',
  code: 'KONS',
  unit: 'HOUR',
  price: 120,
  vat: 25.5,
  vatStatus: 1,
  discount: 0,
  active: true,
  currency: 'EUR',
  defaultAccount: '3000',
  ...overrides,
});

describe('/api/products', () => {
  let session: TestSession;
  beforeAll(async () => {
    session = await startTestSession();
  });
  afterAll(() => session.emulator.stop());
  const post = (body: unknown) => session.api('/products', { method: 'POST', body });

  it('creates, reads (also in batch), replaces and deletes a product, valid against the contract', async () => {
    const created = await (await post(product())).json();
    expect(isValidAgainst('Product', created)).toEqual({ valid: true, errors: [] });
    const other = await (await post(product({ name: 'Asennus', code: 'ASE' }))).json();
    const batch = await (await session.api(`/products/${created.id},${other.id}`)).json();
    expect(batch.map((item: { id: number }) => item.id)).toEqual([created.id, other.id]);
    expect((await session.api('/products/1,2')).status).toBe(404);
    expect((await session.api(`/products/${Array.from({ length: 201 }, (_, i) => i + 1).join(',')}`)).status).toBe(400);
    const replaced = await (
      await session.api(`/products/${created.id}`, { method: 'PUT', body: product({ price: 130 }) })
    ).json();
    expect(replaced).toMatchObject({ id: created.id, price: 130 });
    expect(replaced.version > created.version).toBe(true);
    expect((await session.api(`/products/${other.id}`, { method: 'DELETE' })).status).toBe(204);
    expect((await session.api(`/products/${other.id}`)).status).toBe(404);
  });

  it('rejects missing required fields, a wrong unit, an over-long name, an unknown account and VAT', async () => {
    const response = await post({
      type: 'SALES',
      name: 'x'.repeat(101),
      unit: 'BUCKET',
      vat: 23,
      defaultAccount: '9999',
      price: 1,
      discount: 0,
      active: true,
    });
    expect(response.status).toBe(400);
    const fields = (await response.json()).errors.map((entry: { field: string }) => entry.field);
    expect(fields).toEqual(expect.arrayContaining(['currency', 'unit', 'name', 'vat', 'defaultAccount']));
  });

  it('searches by name and code substring, type, version and pages by previousId', async () => {
    await post(product({ type: 'PURCHASE', name: 'Paperi', code: 'PAP-1', defaultAccount: '4000' }));
    const purchases = await (await session.api('/products?type=PURCHASE&name=pape')).json();
    expect(isValidAgainst('ProductSearchResult', purchases).valid).toBe(true);
    expect(purchases.results.map((item: { code: string }) => item.code)).toEqual(['PAP-1']);
    const all = await (await session.api('/products')).json();
    const next = await (await session.api(`/products?size=1&previousId=${all.results[0].id}`)).json();
    expect(next.results[0].id).toBe(all.results[1].id);
    expect((await (await session.api('/products?versionStartDate=2999-01-01T00:00:00')).json()).results).toEqual([]);
    expect((await session.api('/products?size=201')).status).toBe(400);
  });

  it('refuses a product type outside the contract enum, naming the parameter', async () => {
    const response = await session.api('/products?type=SERVICE');
    expect(response.status).toBe(400);
    const body = await response.json();
    expect(isValidAgainst('ErrorMessages', body).valid).toBe(true);
    expect(body.errors[0]).toMatchObject({ field: 'type', message: 'must be one of SALES, PURCHASE, TRAVEL' });
  });

  it('manages product groups and refuses removing a group with products (409)', async () => {
    const group = await (
      await session.api('/products/groups', { method: 'POST', body: { name: 'Palvelut', type: 'SALES' } })
    ).json();
    expect(isValidAgainst('ProductGroup', group).valid).toBe(true);
    await post(product({ name: 'Tuki', productGroupId: group.id }));
    const groups = await (await session.api('/products/groups')).json();
    expect(isValidAgainst('ProductGroups', groups).valid).toBe(true);
    expect((await session.api(`/products/groups/${group.id}`, { method: 'DELETE' })).status).toBe(409);
    expect((await post(product({ productGroupId: 424242 }))).status).toBe(400);
  });

  it("a token of another company cannot see this company's products", async () => {
    const created = await (await post(product({ name: 'Oma' }))).json();
    const other = await addTestCompany(session.emulator);
    expect((await other.api(`/products/${created.id}`)).status).toBe(404);
  });
});
