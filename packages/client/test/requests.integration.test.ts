import { afterEach, beforeEach, describe, expect, expectTypeOf, it } from 'vitest';
import type { ProcountorVatInformation } from '../src';
import { createTestClient, type FakeProcountor, sendJson, startFakeProcountor } from './fake-procountor';

describe('request shape', () => {
  let fake: FakeProcountor;
  beforeEach(async () => {
    fake = await startFakeProcountor();
  });
  afterEach(() => fake.close());

  it('never sends a body with a GET, across resources', async () => {
    fake.route('GET', '/invoices', (_, res) => sendJson(res, 200, { results: [], meta: { totalCount: 0 } }));
    fake.route('GET', '/vats/default', (_, res) => sendJson(res, 200, { vatInformation: [] }));
    fake.route('GET', '/businesspartners', (_, res) => sendJson(res, 200, { results: [] }));
    fake.route('GET', '/coa', (_, res) => sendJson(res, 200, { ledgerAccounts: [] }));
    const client = createTestClient(fake);
    await client.invoices.search({ originalInvoiceNumber: 'SRC-1' });
    await client.vats.default();
    await client.businessPartners.search({ name: 'Demo Oy' });
    await client.chartOfAccounts.get();
    const gets = fake.apiRequests().filter((r) => r.method === 'GET');
    expect(gets).toHaveLength(4);
    for (const get of gets) {
      expect(get.body.byteLength).toBe(0);
      expect(get.headers['content-length'] ?? '0').toBe('0');
      expect(get.headers['transfer-encoding']).toBeUndefined();
    }
  });

  it('refuses a GET with a body before sending anything', async () => {
    const client = createTestClient(fake);
    await expect(client.request('get', '/vats/default', { body: { oops: true } } as never)).rejects.toThrow(
      'must not have a body',
    );
    expect(fake.requests).toHaveLength(0);
  });

  it('sends path, query and JSON body of the typed generic request', async () => {
    fake.route('PUT', '/invoices/12/notes', (req, res) => sendJson(res, 200, { message: req.body.toString('utf8') }));
    const client = createTestClient(fake);
    const answer = await client.request('put', '/invoices/{invoiceId}/notes', {
      path: { invoiceId: 12 },
      body: { notes: 'Paid in cash' },
    });
    expect(answer.message).toBe('{"notes":"Paid in cash"}');
    expect(fake.apiRequests()[0]?.headers['content-type']).toBe('application/json');
  });

  it('takes no options argument where the operation needs none, and types the answer from the contract', async () => {
    fake.route('GET', '/vats/default', (_, res) => sendJson(res, 200, { countryCode: 'FI' }));
    const client = createTestClient(fake);
    const vats = await client.request('get', '/vats/default');
    expectTypeOf(vats).toEqualTypeOf<ProcountorVatInformation>();
    expect(vats).toEqual({ countryCode: 'FI' });
  });

  it('sends every invoice search filter in the query, arrays comma-separated', async () => {
    fake.route('GET', '/invoices', (_, res) => sendJson(res, 200, { results: [] }));
    const client = createTestClient(fake);
    await client.invoices.search({
      status: ['NOT_SENT', 'SENT'],
      types: ['SALES_INVOICE'],
      originalInvoiceNumber: 'SRC 1/2',
      versionStartDate: '2026-01-01T00:00:00',
      productId: [1, 2],
      isOffer: false,
      orderById: 'ASC',
      page: 1,
      size: 200,
    });
    const query = fake.apiRequests()[0]?.query;
    expect(Object.fromEntries(query ?? [])).toEqual({
      status: 'NOT_SENT,SENT',
      types: 'SALES_INVOICE',
      originalInvoiceNumber: 'SRC 1/2',
      versionStartDate: '2026-01-01T00:00:00',
      productId: '1,2',
      isOffer: 'false',
      orderById: 'ASC',
      page: '1',
      size: '200',
    });
  });

  it('passes business partner name and identifier as HTTP headers, not in the query', async () => {
    fake.route('GET', '/businesspartners', (_, res) => sendJson(res, 200, { results: [{ id: 1 }] }));
    const client = createTestClient(fake);
    await client.businessPartners.search({ name: 'Äijälä Oy', identifier: '1234567-8', customerNumber: 'C-1' });
    const request = fake.apiRequests()[0];
    expect(request?.headers.name).toBe('Äijälä Oy');
    expect(request?.headers.identifier).toBe('1234567-8');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({ customerNumber: 'C-1' });
  });

  it('refuses a partner name an HTTP header cannot carry, before sending', async () => {
    const client = createTestClient(fake);
    await expect(client.businessPartners.search({ name: 'Łódź Sp. z o.o.' })).rejects.toThrow('ISO-8859-1');
    expect(fake.requests).toHaveLength(0);
  });

  it('gets many invoices with comma-separated ids and always returns an array', async () => {
    fake.route('GET', '/invoices/1,2', (_, res) => sendJson(res, 200, [{ id: 1 }, { id: 2 }]));
    fake.route('GET', '/invoices/3', (_, res) => sendJson(res, 200, { id: 3 }));
    const client = createTestClient(fake);
    await expect(client.invoices.getMany([1, 2])).resolves.toEqual([{ id: 1 }, { id: 2 }]);
    await expect(client.invoices.getMany([3])).resolves.toEqual([{ id: 3 }]);
    await expect(client.invoices.getMany(Array.from({ length: 201 }, (_, i) => i))).rejects.toThrow('at most 200');
    expect(fake.apiRequests()).toHaveLength(2);
  });

  it('patches a business partner with its version in the query, and refuses a patch without one', async () => {
    fake.route('PATCH', '/businesspartners/4', (_, res) => sendJson(res, 200, {}));
    const client = createTestClient(fake);
    expect(() => client.businessPartners.patch(4, { name: 'New' } as never)).toThrow('version');
    await client.businessPartners.patch(4, { name: 'New' } as never, { version: '2026-05-01T10:00:00' });
    expect(fake.apiRequests()[0]?.query.get('version')).toBe('2026-05-01T10:00:00');
  });

  it('adds and updates dimension items with POST and PUT /dimensions/{id}/items', async () => {
    fake.route('POST', '/dimensions/3/items', (req, res) =>
      sendJson(res, 200, { id: 30, ...JSON.parse(String(req.body)) }),
    );
    fake.route('PUT', '/dimensions/3/items', (req, res) => sendJson(res, 200, JSON.parse(String(req.body))));
    const client = createTestClient(fake);
    await expect(client.dimensions.createItem(3, { codeName: 'P-100' })).resolves.toEqual({
      id: 30,
      codeName: 'P-100',
    });
    await expect(client.dimensions.updateItem(3, { id: 30, codeName: 'P-101' })).resolves.toEqual({
      id: 30,
      codeName: 'P-101',
    });
  });
});
