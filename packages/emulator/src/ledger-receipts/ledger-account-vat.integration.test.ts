import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPartner, createInvoice, salesInvoice } from '../../test/helpers/invoice-test-builders';
import { startTestSession, type TestSession } from '../../test/helpers/test-session';
import { ERROR_LEDGERACCOUNT_VATPERCENTAGE_COMBINATION } from '../companies/finnish-chart-of-accounts';
import type { LedgerReceipt, Product } from '../state/contract-types';

type Errors = { errors: Array<{ field?: string; message: string }> };

describe('ERROR_LEDGERACCOUNT_VATPERCENTAGE_COMBINATION: a VAT percentage on an account that takes no VAT', () => {
  let session: TestSession;
  let customerId: number;
  beforeAll(async () => {
    session = await startTestSession();
    customerId = addPartner(session, 'CUSTOMER');
  });
  afterAll(() => session.emulator.stop());

  const product = (overrides: Partial<Product>) => ({
    name: 'Ennakkomaksu',
    type: 'SALES',
    price: 100,
    vat: 0,
    vatStatus: 1,
    unit: 'HOUR',
    discount: 0,
    active: true,
    currency: 'EUR',
    defaultAccount: '2870',
    ...overrides,
  });
  const refusal = async (response: Response) => {
    expect(response.status).toBe(400);
    return ((await response.json()) as Errors).errors;
  };

  it('refuses a ledger receipt transaction at 25.5 % on the bank account and accepts it at 0 %', async () => {
    const invoice = await createInvoice(session, salesInvoice(session, customerId));
    const receipt = (await (await session.api(`/ledgerreceipts/${invoice.ledgerReceiptId}`)).json()) as LedgerReceipt;
    const withEntryOn = (account: string, vatPercent: number) => ({
      ...receipt,
      transactions: receipt.transactions.map((transaction, i) =>
        i === 1 ? { ...transaction, account, vatPercent } : transaction,
      ),
    });
    const put = (body: unknown) => session.api(`/ledgerreceipts/${receipt.id}`, { method: 'PUT', body });
    expect(await refusal(await put(withEntryOn('1910', 25.5)))).toEqual([
      { status: 400, field: 'transactions[1].vatPercent', message: ERROR_LEDGERACCOUNT_VATPERCENTAGE_COMBINATION },
    ]);
    expect(await refusal(await put(withEntryOn('2939', 13.5)))).toEqual([
      expect.objectContaining({ message: ERROR_LEDGERACCOUNT_VATPERCENTAGE_COMBINATION }),
    ]);
    expect((await put(withEntryOn('1910', 0))).status).toBe(200);
  });

  it('refuses a product whose default account takes no VAT with a VAT percentage', async () => {
    const response = await session.api('/products', { method: 'POST', body: product({ vat: 25.5 }) });
    expect(await refusal(response)).toEqual([
      { status: 400, field: 'vat', message: ERROR_LEDGERACCOUNT_VATPERCENTAGE_COMBINATION },
    ]);
    expect((await session.api('/products', { method: 'POST', body: product({ vat: 0 }) })).status).toBe(200);
  });

  it('refuses an invoice row booked by row on such a product account with VAT, not without accounting by row', async () => {
    const created = await (await session.api('/products', { method: 'POST', body: product({}) })).json();
    const rows = [
      {
        product: 'Ennakkomaksu',
        productId: created.id,
        quantity: 1,
        unit: 'HOUR',
        unitPrice: 100,
        discountPercent: 0,
        vatPercent: 25.5,
      },
    ];
    const byRow = salesInvoice(session, customerId, { invoiceRows: rows as never });
    const response = await session.api('/invoices', { method: 'POST', body: byRow });
    expect(await refusal(response)).toEqual([
      { status: 400, field: 'invoiceRows[0].vatPercent', message: ERROR_LEDGERACCOUNT_VATPERCENTAGE_COMBINATION },
    ]);
    // Without accounting by row every row books on the default sales account, which takes the rate.
    const summed = { ...byRow, extraInfo: { accountingByRow: false, unitPricesIncludeVat: false } };
    expect((await session.api('/invoices', { method: 'POST', body: summed })).status).toBe(200);
    const atZero = salesInvoice(session, customerId, { invoiceRows: [{ ...rows[0]!, vatPercent: 0 }] as never });
    expect((await session.api('/invoices', { method: 'POST', body: atZero })).status).toBe(200);
  });
});
