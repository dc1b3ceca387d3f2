import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  addPartner,
  createInvoice,
  purchaseInvoice,
  salesInvoice,
} from '../../test/helpers/invoice-test-builders';
import { addTestCompany, startTestSession, type TestSession } from '../../test/helpers/test-session';
import { isValidAgainst } from '../http/contract-validator';
import type { Invoice } from '../state/contract-types';

describe('GET /api/invoices and GET /api/invoices/{ids}', () => {
  let session: TestSession;
  let customerId: number;
  let supplierId: number;
  let first: Invoice;
  let second: Invoice;
  let purchase: Invoice;

  beforeAll(async () => {
    session = await startTestSession();
    customerId = addPartner(session, 'CUSTOMER');
    supplierId = addPartner(session, 'SUPPLIER');
    const today = session.emulator.context.today();
    first = await createInvoice(
      session,
      salesInvoice(session, customerId, { originalInvoiceNumber: 'CRM-1', date: addDays(today, -10) }),
    );
    second = await createInvoice(
      session,
      salesInvoice(session, customerId, {
        originalInvoiceNumber: 'CRM-2',
        invoiceChannel: 'MAIL',
        additionalInformation: 'Projekti Aurora',
      }),
    );
    purchase = await createInvoice(session, purchaseInvoice(session, supplierId, { originalInvoiceNumber: 'SUP-9' }));
    await session.api(`/invoices/${second.id}/approve`, { method: 'PUT', body: {} });
  });
  afterAll(() => session.emulator.stop());

  async function ids(query: string): Promise<number[]> {
    const response = await session.api(`/invoices?${query}`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(isValidAgainst('InvoiceSearchResult', body)).toEqual({ valid: true, errors: [] });
    return body.results.map((entry: { id: number }) => entry.id);
  }

  it('lists newest first by default with meta', async () => {
    const body = await (await session.api('/invoices')).json();
    expect(body.results.map((entry: { id: number }) => entry.id)).toEqual([purchase.id, second.id, first.id]);
    expect(body.meta).toEqual({ pageNumber: 0, pageSize: 50, resultCount: 3, totalCount: 3 });
  });

  it.each([
    ['originalInvoiceNumber=CRM-1', () => [first.id]],
    ['status=NOT_SENT', () => [second.id]],
    ['status=UNFINISHED,NOT_SENT&types=SALES_INVOICE', () => [second.id, first.id]],
    ['types=PURCHASE_INVOICE', () => [purchase.id]],
    ['invoiceChannel=MAIL', () => [second.id]],
    ['searchTerm=aurora', () => [second.id]],
    ['orderById=ASC', () => [first.id, second.id, purchase.id]],
    ['orderByDate=ASC&types=SALES_INVOICE', () => [first.id, second.id]],
    ['size=1&page=1', () => [second.id]],
  ])('filters by %s', async (query, expected) => {
    expect(await ids(query)).toEqual(expected());
  });

  it('filters by partner, invoice number, dates, versions and previousId', async () => {
    expect(await ids(`businessPartnerId=${supplierId}`)).toEqual([purchase.id]);
    // Sales and purchase invoices are numbered in series of their own: the first of each shares number 1.
    expect(purchase.invoiceNumber).toBe(first.invoiceNumber);
    expect(await ids(`invoiceNumber=${first.invoiceNumber}`)).toEqual([purchase.id, first.id]);
    expect(await ids(`invoiceNumber=${first.invoiceNumber}&types=SALES_INVOICE`)).toEqual([first.id]);
    const today = session.emulator.context.today();
    expect(await ids(`endDate=${addDays(today, -1)}`)).toEqual([first.id]);
    expect(await ids(`startDate=${today}&types=SALES_INVOICE`)).toEqual([second.id]);
    expect(await ids(`dueStartDate=${addDays(today, 14)}&dueEndDate=${addDays(today, 14)}`)).toEqual([
      purchase.id,
      second.id,
      first.id,
    ]);
    const secondNow = (await (await session.api(`/invoices/${second.id}`)).json()) as Invoice;
    expect(await ids(`versionStartDate=${encodeURIComponent(secondNow.version!)}`)).toEqual([second.id]);
    expect(await ids(`createdEndDate=${encodeURIComponent(first.version!)}`)).toEqual([first.id]);
    expect(await ids(`previousId=${purchase.id}`)).toEqual([second.id, first.id]);
    expect(await ids(`orderById=ASC&previousId=${first.id}`)).toEqual([second.id, purchase.id]);
  });

  it('refuses malformed filters and a page size over 200 with field errors', async () => {
    for (const query of ['status=LOST', 'startDate=31.12.2025', 'size=201', 'orderById=UP', 'businessPartnerId=abc']) {
      const response = await session.api(`/invoices?${query}`);
      expect(response.status, query).toBe(400);
      expect((await response.json()).errors[0].field).toBe(query.split('=')[0]);
    }
  });

  it('answers one invoice, several comma-separated, and 404 when none exist', async () => {
    const one = await (await session.api(`/invoices/${first.id}`)).json();
    expect(isValidAgainst('Invoice', one).valid).toBe(true);
    const many = await (await session.api(`/invoices/${first.id},${second.id},999999`)).json();
    expect(many.map((invoice: Invoice) => invoice.id)).toEqual([first.id, second.id]);
    expect((await session.api('/invoices/999999')).status).toBe(404);
    const tooMany = Array.from({ length: 201 }, (_, i) => i + 1).join(',');
    expect((await session.api(`/invoices/${tooMany}`)).status).toBe(400);
  });

  it('never shows another company its invoices', async () => {
    const other = await addTestCompany(session.emulator);
    expect((await other.api(`/invoices/${first.id}`)).status).toBe(404);
    expect((await (await other.api('/invoices')).json()).results).toEqual([]);
  });
});
