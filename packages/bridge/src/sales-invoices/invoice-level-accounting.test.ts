import { describe, expect, it } from 'vitest';
import { withInvoiceLevelAccounting } from './invoice-level-accounting';
import type { SalesInvoiceInput } from './sales-invoice-schema';

const invoice = {
  externalId: 'inv-1',
  invoiceDate: '2026-11-02',
  currency: 'EUR',
  language: 'fi',
  customer: { name: 'Asiakas Oy', address: { country: 'FI' } },
  salesAccount: '3300',
  dimensions: { costCenter: 'CC-10', project: 'P-1' },
  rows: [
    { kind: 'header', name: 'Otsikko' },
    { kind: 'item', name: 'A', quantity: 1, unitPrice: 1, vatPercent: 25.5 },
    {
      kind: 'item',
      name: 'B',
      quantity: 1,
      unitPrice: 1,
      vatPercent: 25.5,
      salesAccount: '3000',
      dimensions: { project: 'P-2' },
    },
  ],
} as SalesInvoiceInput;

describe('withInvoiceLevelAccounting', () => {
  it("gives item rows the invoice's sales account and dimensions; a row's own value wins, kind by kind", () => {
    const [header, plain, own] = withInvoiceLevelAccounting(invoice).rows;
    expect(header).toEqual({ kind: 'header', name: 'Otsikko' });
    expect(plain).toMatchObject({ salesAccount: '3300', dimensions: { costCenter: 'CC-10', project: 'P-1' } });
    expect(own).toMatchObject({ salesAccount: '3000', dimensions: { costCenter: 'CC-10', project: 'P-2' } });
  });

  it('leaves an invoice without its own accounting as it is', () => {
    const { salesAccount: _account, dimensions: _dimensions, ...plain } = invoice;
    expect(withInvoiceLevelAccounting(plain as SalesInvoiceInput)).toBe(plain);
  });
});
