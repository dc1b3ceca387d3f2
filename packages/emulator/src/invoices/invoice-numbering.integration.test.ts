import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addPartner,
  createInvoice,
  purchaseInvoice,
  salesInvoice,
  travelInvoice,
} from '../../test/helpers/invoice-test-builders';
import { addTestCompany, startTestSession, type TestSession } from '../../test/helpers/test-session';
import type { Invoice } from '../state/contract-types';

type Api = TestSession['api'];

describe('invoice numbers: per company and series, increasing, distinct under concurrent POSTs', () => {
  let session: TestSession;
  let other: TestSession;
  let customerId: number;
  let otherCustomerId: number;

  beforeAll(async () => {
    session = await startTestSession();
    customerId = addPartner(session, 'CUSTOMER');
    other = { ...session, ...(await addTestCompany(session.emulator, { name: 'Toinen Oy' })) };
    otherCustomerId = addPartner(other, 'CUSTOMER');
  });
  afterAll(() => session.emulator.stop());

  const post = async (api: Api, body: Invoice): Promise<Invoice> => {
    const response = await api('/invoices', { method: 'POST', body });
    expect(response.status).toBe(200);
    return (await response.json()) as Invoice;
  };
  /** A supplier sends the company a purchase invoice (admin surface): it arrives RECEIVED. */
  const receive = async (invoice: Invoice): Promise<Invoice> => {
    const response = await fetch(`${session.emulator.url}/_emulator/purchase-invoices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ companyId: session.company.companyId, invoice }),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Invoice;
  };
  /** What the bridge reads to predict the next number: the latest sales invoice by id. */
  const latestSalesNumber = async (api: Api): Promise<number | undefined> => {
    const page = await (await api('/invoices?types=SALES_INVOICE&orderById=DESC&size=1')).json();
    return page.results[0]?.invoiceNumber;
  };

  it('gives invoices sent at once distinct numbers that increase with creation, continuing the sequence', async () => {
    const before = await createInvoice(session, salesInvoice(session, customerId));
    const batch = await Promise.all(
      Array.from({ length: 20 }, () => post(session.api, salesInvoice(session, customerId))),
    );
    const numbers = batch.map((invoice) => invoice.invoiceNumber!);
    expect(new Set(numbers).size).toBe(20);
    const byId = [...batch].sort((a, b) => a.id! - b.id!).map((invoice) => invoice.invoiceNumber!);
    expect(byId).toEqual(Array.from({ length: 20 }, (_, i) => before.invoiceNumber! + 1 + i));
  });

  it('keeps one sequence per company: a second company starts at 1 and interleaved POSTs never mix', async () => {
    expect((await post(other.api, salesInvoice(other, otherCustomerId))).invoiceNumber).toBe(1);
    const latestFirst = (await latestSalesNumber(session.api))!;
    const both = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? post(session.api, salesInvoice(session, customerId)).then((invoice) => ['first', invoice] as const)
          : post(other.api, salesInvoice(other, otherCustomerId)).then((invoice) => ['other', invoice] as const),
      ),
    );
    const numbersOf = (which: string) =>
      both
        .filter(([company]) => company === which)
        .map(([, invoice]) => invoice.invoiceNumber!)
        .sort((a, b) => a - b);
    expect(numbersOf('first')).toEqual([1, 2, 3, 4, 5].map((n) => latestFirst + n));
    expect(numbersOf('other')).toEqual([2, 3, 4, 5, 6]);
  });

  it('numbers each series on its own: a purchase invoice or bill in between leaves the next sales number alone', async () => {
    const predicted = (await latestSalesNumber(session.api))! + 1;
    expect((await post(session.api, salesInvoice(session, customerId))).invoiceNumber).toBe(predicted);
    // Purchase invoices created through the API and received from a supplier share their own series (README).
    const supplierId = addPartner(session, 'SUPPLIER');
    const purchase = await post(session.api, purchaseInvoice(session, supplierId));
    expect(purchase.invoiceNumber).toBe(1);
    expect((await receive(purchaseInvoice(session, supplierId))).invoiceNumber).toBe(2);
    // Travel invoices and bills of charges share another one.
    const personId = addPartner(session, 'PERSON', 'Matti Meikäläinen');
    expect((await post(session.api, travelInvoice(session, personId))).invoiceNumber).toBe(1);
    const bill = travelInvoice(session, personId, { type: 'BILL_OF_CHARGES', travelInformationItems: [] });
    expect((await post(session.api, bill)).invoiceNumber).toBe(2);
    // A credit note is a sales invoice with negative sums: it takes the next sales number, and so does the next one.
    const credit = salesInvoice(session, customerId, {
      invoiceRows: [
        { product: 'Hyvitys', quantity: -1, unit: 'PIECE', unitPrice: 100, discountPercent: 0, vatPercent: 25.5 },
      ],
    });
    expect((await post(session.api, credit)).invoiceNumber).toBe(predicted + 1);
    expect((await latestSalesNumber(session.api))! + 1).toBe(predicted + 2);
    expect((await post(session.api, salesInvoice(session, customerId))).invoiceNumber).toBe(predicted + 2);
  });

  it('keeps every series gapless and distinct when sales, purchase and received invoices are created at once', async () => {
    const supplierId = addPartner(session, 'SUPPLIER');
    const latestSales = (await latestSalesNumber(session.api))!;
    const latestPurchase = (await (await session.api('/invoices?types=PURCHASE_INVOICE&orderById=DESC&size=1')).json())
      .results[0].invoiceNumber as number;
    const created = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        i % 3 === 0
          ? post(session.api, salesInvoice(session, customerId))
          : i % 3 === 1
            ? post(session.api, purchaseInvoice(session, supplierId))
            : receive(purchaseInvoice(session, supplierId)),
      ),
    );
    const numbersOf = (type: Invoice['type']) =>
      created
        .filter((invoice) => invoice.type === type)
        .sort((a, b) => a.id! - b.id!)
        .map((invoice) => invoice.invoiceNumber!);
    expect(numbersOf('SALES_INVOICE')).toEqual(Array.from({ length: 10 }, (_, i) => latestSales + 1 + i));
    expect(numbersOf('PURCHASE_INVOICE')).toEqual(Array.from({ length: 20 }, (_, i) => latestPurchase + 1 + i));
  });
});
