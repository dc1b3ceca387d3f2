import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestClient, type FakeProcountor, sendJson, startFakeProcountor } from './fake-procountor';

const ids = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => ({ id: from + i }));

describe('paging', () => {
  let fake: FakeProcountor;
  beforeEach(async () => {
    fake = await startFakeProcountor();
  });
  afterEach(() => fake.close());

  it('walks page/size pages until meta.totalCount is covered', async () => {
    const all = ids(1, 5);
    fake.route('GET', '/invoices', (req, res) => {
      const page = Number(req.query.get('page'));
      const size = Number(req.query.get('size'));
      const results = all.slice(page * size, page * size + size);
      sendJson(res, 200, {
        results,
        meta: { pageNumber: page, pageSize: size, resultCount: results.length, totalCount: all.length },
      });
    });
    const client = createTestClient(fake);
    const seen: number[] = [];
    for await (const invoice of client.invoices.iterate({ status: ['SENT', 'PAID'] }, { size: 2 }))
      seen.push(invoice.id!);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    expect(
      fake.apiRequests().map((r) => `${r.query.get('page')}/${r.query.get('size')}/${r.query.get('status')}`),
    ).toEqual(['0/2/SENT,PAID', '1/2/SENT,PAID', '2/2/SENT,PAID']);
  });

  it('stops without an extra request when a full last page reaches totalCount', async () => {
    fake.route('GET', '/invoices', (req, res) => {
      const page = Number(req.query.get('page'));
      sendJson(res, 200, {
        results: ids(page * 2 + 1, page * 2 + 2),
        meta: { pageNumber: page, pageSize: 2, resultCount: 2, totalCount: 4 },
      });
    });
    const client = createTestClient(fake);
    const seen: number[] = [];
    for await (const invoice of client.invoices.iterate({}, { size: 2 })) seen.push(invoice.id!);
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(fake.apiRequests()).toHaveLength(2);
  });

  it('fetches no further page once the caller stops iterating', async () => {
    fake.route('GET', '/invoices', (req, res) => {
      const page = Number(req.query.get('page'));
      sendJson(res, 200, {
        results: ids(page * 2 + 1, page * 2 + 2),
        meta: { pageSize: 2, resultCount: 2, totalCount: 100 },
      });
    });
    const client = createTestClient(fake);
    for await (const invoice of client.invoices.iterate({}, { size: 2 })) if (invoice.id === 3) break;
    expect(fake.apiRequests()).toHaveLength(2);
  });

  it('walks products by previousId (keyset) in id order', async () => {
    const all = ids(10, 14);
    fake.route('GET', '/products', (req, res) => {
      const previousId = Number(req.query.get('previousId') ?? 0);
      const size = Number(req.query.get('size'));
      const results = all.filter((p) => p.id > previousId).slice(0, size);
      sendJson(res, 200, { results, meta: { pageSize: size, resultCount: results.length, totalCount: all.length } });
    });
    const client = createTestClient(fake);
    const seen: number[] = [];
    for await (const product of client.products.iterate({ active: true }, { size: 2 })) seen.push(product.id!);
    expect(seen).toEqual([10, 11, 12, 13, 14]);
    expect(fake.apiRequests().map((r) => r.query.get('previousId'))).toEqual([null, '11', '13']);
    expect(
      fake.apiRequests().every((r) => r.query.get('orderById') === 'ASC' && r.query.get('active') === 'true'),
    ).toBe(true);
  });

  it('walks business partners by previousId and asks once more after a full page', async () => {
    fake.route('GET', '/businesspartners', (req, res) => {
      const previousId = Number(req.query.get('previousId') ?? 0);
      const results = ids(1, 4)
        .filter((p) => p.id > previousId)
        .slice(0, 2);
      sendJson(res, 200, { results, meta: { pageSize: 2, resultCount: results.length } });
    });
    const client = createTestClient(fake);
    const seen: number[] = [];
    for await (const partner of client.businessPartners.iterateByPreviousId({ type: 'CUSTOMER' }, { size: 2 })) {
      seen.push(partner.id!);
    }
    expect(seen).toEqual([1, 2, 3, 4]);
    expect(fake.apiRequests().map((r) => r.query.get('previousId'))).toEqual([null, '2', '4']);
  });

  it('refuses a page size above 200 before any request', async () => {
    const client = createTestClient(fake);
    const iterator = client.invoices.iterate({}, { size: 201 });
    await expect(iterator.next()).rejects.toThrow(RangeError);
    expect(fake.requests).toHaveLength(0);
  });
});
