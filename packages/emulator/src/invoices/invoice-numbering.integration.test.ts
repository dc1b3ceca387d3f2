import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartner, createInvoice, purchaseInvoice, salesInvoice } from '../../test/helpers/invoice-test-builders';
import { addTestCompany, startTestSession, type TestSession } from '../../test/helpers/test-session';
import type { Invoice } from '../state/contract-types';

type Api = TestSession['api'];

describe('invoice numbers: per company, increasing, distinct under concurrent POSTs', () => {
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

  it('the latest sales invoice number + 1 is the next one, until another invoice type takes a number', async () => {
    const predicted = (await latestSalesNumber(session.api))! + 1;
    expect((await post(session.api, salesInvoice(session, customerId))).invoiceNumber).toBe(predicted);
    // One sequence for every invoice type (README, Assumptions): a purchase invoice takes the next number too.
    const supplierId = addPartner(session, 'SUPPLIER');
    const purchase = await post(session.api, purchaseInvoice(session, supplierId));
    expect(purchase.invoiceNumber).toBe(predicted + 1);
    expect((await post(session.api, salesInvoice(session, customerId))).invoiceNumber).toBe(predicted + 2);
  });
});
