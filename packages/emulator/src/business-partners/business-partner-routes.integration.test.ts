import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestCompany, startTestSession, type TestSession } from '../../test/helpers/test-session';
import { isValidAgainst } from '../http/contract-validator';

const customer = (overrides: Record<string, unknown> = {}) => ({
  name: 'Rakennus Virtanen Oy',
  type: 'CUSTOMER',
  address: { street: 'Hämeenkatu 5', zip: '33100', city: 'Tampere', country: 'FINLAND' },
  invoicingInfo: {
    identifier: '0737546-2',
    identifierType: 'FI',
    invoiceChannel: 'EMAIL',
    email: 'laskut@virtanen.fi',
    language: 'FINNISH',
  },
  paymentInfo: { paymentMethod: 'BANK_TRANSFER', currency: 'EUR', paymentTermDays: '14' },
  ...overrides,
});

describe('/api/businesspartners', () => {
  let session: TestSession;
  beforeAll(async () => {
    session = await startTestSession();
  });
  afterAll(() => session.emulator.stop());

  const create = async (body: unknown) => session.api('/businesspartners', { method: 'POST', body });
  const fields = async (response: Response) =>
    ((await response.json()) as { errors: Array<{ field?: string; message: string }> }).errors;

  it('creates a customer with id, version and a customer number, valid against the contract', async () => {
    const response = await create(customer());
    expect(response.status).toBe(200);
    const partner = await response.json();
    expect(isValidAgainst('BusinessPartner', partner)).toEqual({ valid: true, errors: [] });
    expect(partner.id).toBeTypeOf('number');
    expect(partner.invoicingInfo.customerNumber).toMatch(/^\d+$/);
    expect(Date.parse(partner.version)).not.toBeNaN();
    expect(partner.additionalInfo.invoiceLedger).toBe('INVOICE_LEDGER');
    const read = await session.api(`/businesspartners/${partner.id}`);
    expect(await read.json()).toEqual(partner);
  });

  it('rejects a missing name, a wrong enum, an over-long street and a bad business ID with field errors, storing nothing', async () => {
    const before = session.emulator.context.state.companies.get(session.company.companyId)!.businessPartners.size;
    const response = await create({
      type: 'CLIENT',
      address: { street: 'x'.repeat(81) },
      invoicingInfo: { identifier: '1234567-8', identifierType: 'FI' },
      paymentInfo: { paymentMethod: 'BANK_TRANSFER' },
    });
    expect(response.status).toBe(400);
    const errors = await fields(response);
    expect(errors).toEqual(
      expect.arrayContaining([
        { status: 400, field: 'name', message: 'must not be null' },
        expect.objectContaining({ field: 'type' }),
        { status: 400, field: 'address.street', message: 'size must be between 0 and 80' },
        { status: 400, field: 'invoicingInfo.identifier', message: 'ERROR_BRN_CODE' },
      ]),
    );
    expect(session.emulator.context.state.companies.get(session.company.companyId)!.businessPartners.size).toBe(before);
  });

  it('requires an address for a customer and refuses PERSON, an unknown operator and a bad OVT', async () => {
    const response = await create(
      customer({ address: undefined, invoicingInfo: { einvoiceAddress: '003712345678', einvoiceOperator: 'NOPE' } }),
    );
    expect((await fields(response)).map((entry) => entry.message)).toEqual(
      expect.arrayContaining(['must not be null', 'INVALID_OVT', 'ERROR_OPERATOR']),
    );
    expect((await create(customer({ type: 'PERSON' }))).status).toBe(400);
  });

  it('refuses a partner group that does not exist and accepts an existing one of the same type', async () => {
    const missing = await create(
      customer({ registryInfo: { partnerGroups: [{ id: 999999, name: 'X', type: 'CUSTOMER' }] } }),
    );
    expect(await fields(missing)).toEqual([
      { status: 400, field: 'registryInfo.partnerGroups[0].id', message: 'PARTNER_GROUP_NOT_FOUND' },
    ]);
    const group = await (
      await session.api('/businesspartners/groups', {
        method: 'POST',
        body: { name: 'Vientiasiakkaat', type: 'CUSTOMER' },
      })
    ).json();
    expect(isValidAgainst('BusinessPartnerGroup', group).valid).toBe(true);
    const ok = await create(
      customer({
        name: 'Export Oy',
        registryInfo: { partnerGroups: [{ id: group.id, name: group.name, type: 'CUSTOMER' }] },
      }),
    );
    expect(ok.status).toBe(200);
    const search = await session.api(`/businesspartners?partnerGroup=${encodeURIComponent('Vientiasiakkaat')}`);
    expect((await search.json()).results.map((result: { name: string }) => result.name)).toEqual(['Export Oy']);
  });

  it('refuses a cash discount term from the end of the month (Danish environments only)', async () => {
    const response = await create(
      customer({
        paymentInfo: {
          paymentMethod: 'BANK_TRANSFER',
          cashDiscount: { cashDiscountsTermType: 'FROM_END_OF_MONTH', optionList: [] },
        },
      }),
    );
    expect(response.status).toBe(400);
    expect(await fields(response)).toEqual([
      expect.objectContaining({ field: 'paymentInfo.cashDiscount.cashDiscountsTermType' }),
    ]);
  });

  it('refuses a group search by a type outside the contract enum, naming the parameter', async () => {
    const response = await session.api('/businesspartners/groups?type=VENDOR');
    expect(response.status).toBe(400);
    expect(await fields(response)).toEqual([
      { status: 400, field: 'type', message: 'must be one of CUSTOMER, SUPPLIER, PERSON' },
    ]);
  });

  it('answers several comma-separated ids, leaves unknown ones out, 404 when all unknown, 400 above 200 ids', async () => {
    const a = await (await create(customer({ name: 'A Oy' }))).json();
    const b = await (await create(customer({ name: 'B Oy' }))).json();
    const both = await (await session.api(`/businesspartners/${a.id},${b.id},999999`)).json();
    expect(both.map((partner: { id: number }) => partner.id)).toEqual([a.id, b.id]);
    expect((await session.api('/businesspartners/999998,999999')).status).toBe(404);
    const ids = Array.from({ length: 201 }, (_, index) => index + 1).join(',');
    expect((await session.api(`/businesspartners/${ids}`)).status).toBe(400);
    const twoHundred = Array.from({ length: 199 }, (_, index) => index + 1)
      .concat(a.id)
      .join(',');
    expect((await session.api(`/businesspartners/${twoHundred}`)).status).toBe(200);
  });

  it('PUT replaces the partner and moves its version on', async () => {
    const created = await (await create(customer({ name: 'Replace Oy' }))).json();
    const replaced = await session.api(`/businesspartners/${created.id}`, {
      method: 'PUT',
      body: customer({ name: 'Replaced Oy', invoicingInfo: { customerNumber: created.invoicingInfo.customerNumber } }),
    });
    const body = await replaced.json();
    expect(body.name).toBe('Replaced Oy');
    expect(body.invoicingInfo.email).toBeUndefined();
    expect(body.version > created.version).toBe(true);
    expect((await session.api('/businesspartners/999999', { method: 'PUT', body: customer() })).status).toBe(404);
  });

  it('PATCH needs the current version: stale or missing → 400, current → updated', async () => {
    const created = await (await create(customer({ name: 'Patch Oy' }))).json();
    const ok = await session.api(`/businesspartners/${created.id}`, {
      method: 'PATCH',
      body: { name: 'Patched Oy', version: created.version },
    });
    expect(ok.status).toBe(200);
    const patched = await ok.json();
    expect(patched).toMatchObject({ name: 'Patched Oy', invoicingInfo: { email: 'laskut@virtanen.fi' } });
    const stale = await session.api(`/businesspartners/${created.id}`, {
      method: 'PATCH',
      body: { name: 'Again Oy', version: created.version },
    });
    expect(stale.status).toBe(400);
    expect((await fields(stale))[0]).toMatchObject({ field: 'version' });
    const missing = await session.api(`/businesspartners/${created.id}`, {
      method: 'PATCH',
      body: { name: 'Again Oy' },
    });
    expect(missing.status).toBe(400);
    const viaQuery = await session.api(
      `/businesspartners/${created.id}?version=${encodeURIComponent(patched.version)}`,
      { method: 'PATCH', body: { name: 'Query Oy' } },
    );
    expect(viaQuery.status).toBe(200);
  });

  it('searches by type, customer number and the name and identifier headers, in the contract shape', async () => {
    await create({
      name: 'Toimittaja Ab',
      type: 'SUPPLIER',
      invoicingInfo: { customerNumber: 'S-77' },
      paymentInfo: { paymentMethod: 'BANK_TRANSFER' },
    });
    const suppliers = await (await session.api('/businesspartners?type=SUPPLIER&customerNumber=S-77')).json();
    expect(isValidAgainst('BusinessPartnerSearchResult', suppliers).valid).toBe(true);
    expect(suppliers.results.map((result: { name: string }) => result.name)).toEqual(['Toimittaja Ab']);
    const byName = await (await session.api('/businesspartners', { headers: { name: 'QUERY' } })).json();
    expect(byName.results.length).toBeGreaterThan(0);
    const byIdentifier = await (
      await session.api('/businesspartners?size=200', { headers: { identifier: '0737546-2' } })
    ).json();
    expect(
      byIdentifier.results.every(
        (result: { invoicingInfo: { identifier: string } }) => result.invoicingInfo.identifier === '0737546-2',
      ),
    ).toBe(true);
    expect(byIdentifier.meta.totalCount).toBe(byIdentifier.results.length);
  });

  it('pages with page/size and keyset previousId, refusing size above 200', async () => {
    const all = await (await session.api('/businesspartners?orderById=ASC&size=200')).json();
    expect(all.results.length).toBeGreaterThan(4);
    const page1 = await (await session.api('/businesspartners?orderById=ASC&size=2&page=1')).json();
    expect(page1.meta).toEqual({ pageNumber: 1, pageSize: 2, resultCount: 2, totalCount: all.meta.totalCount });
    expect(page1.results).toEqual(all.results.slice(2, 4));
    const after = await (
      await session.api(`/businesspartners?orderById=ASC&size=2&previousId=${all.results[1].id}`)
    ).json();
    expect(after.results).toEqual(all.results.slice(2, 4));
    const descending = await (await session.api('/businesspartners?size=1')).json();
    expect(descending.results[0].id).toBe(all.results.at(-1).id);
    const tooBig = await session.api('/businesspartners?size=201');
    expect(tooBig.status).toBe(400);
    expect((await fields(tooBig))[0]).toMatchObject({ field: 'size' });
  });

  it('filters by versionStartDate and hides inactive partners unless active=false', async () => {
    const created = await (await create(customer({ name: 'Inactive Oy', registryInfo: { active: false } }))).json();
    const inactive = await (await session.api('/businesspartners?active=false')).json();
    expect(inactive.results.map((result: { id: number }) => result.id)).toEqual([created.id]);
    const since = await (
      await session.api(`/businesspartners?active=false&versionStartDate=${encodeURIComponent(created.version)}`)
    ).json();
    expect(since.results).toHaveLength(1);
    const future = await (await session.api('/businesspartners?versionStartDate=2999-01-01T00:00')).json();
    expect(future.results).toHaveLength(0);
  });

  it("a token of another company cannot see this company's partners", async () => {
    const created = await (await create(customer({ name: 'Secret Oy' }))).json();
    const other = await addTestCompany(session.emulator, { name: 'Other Oy' });
    expect((await other.api(`/businesspartners/${created.id}`)).status).toBe(404);
    expect((await other.api('/businesspartners')).status).toBe(200);
    expect((await (await other.api('/businesspartners')).json()).meta.totalCount).toBe(0);
  });
});
