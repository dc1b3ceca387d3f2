import { describe, expect, it } from 'vitest';
import type { SalesInvoiceInput } from './sales-invoice-schema';
import { toProcountorInvoice } from './to-procountor-invoice';
import { truncateOptedFields } from './truncate-opted-fields';
import { validateSalesInvoice } from './validate-sales-invoice';

const longName = `Pitkänimisen Asiakasyrityksen Kansainvälinen Konsultointi- ja Palveluyhtiö Osakeyhtiö Oy`;
const invoice: SalesInvoiceInput = {
  externalId: 'long-1',
  invoiceDate: '2026-11-02',
  paymentTermDays: 14,
  currency: 'EUR',
  language: 'fi',
  customer: { name: longName, address: { street: 'Katu 1', postalCode: '00100', city: 'Helsinki', country: 'FI' } },
  notes: 'x'.repeat(6_000),
  textBelowRows: 'y'.repeat(6_000),
  rows: [{ kind: 'item', name: 'Työ', quantity: 1, unit: 'h', unitPrice: 1, vatPercent: 25.5 }],
};
const rules = (
  truncateFields: SalesInvoiceInput extends never ? never : Parameters<typeof truncateOptedFields>[1],
) => ({
  sendingDisabled: false,
  emailSendingEnabled: false,
  truncateFields,
});

describe('truncateOptedFields', () => {
  it('rejects an over-long customer name, and notes and free texts over 10,000 together, without the opt-in', () => {
    expect(validateSalesInvoice(invoice, rules([])).map((problem) => problem.rule)).toEqual(['max_length_80']);
    const shortName = { ...invoice, customer: { ...invoice.customer, name: 'Asiakas Oy' } };
    expect(validateSalesInvoice(shortName, rules([])).map((problem) => problem.rule)).toEqual(['max_length_10000']);
  });

  it('cuts opted fields to their limits so the document validates and maps within them', () => {
    const fields = ['customer.name', 'additionalInformation'] as const;
    const document = truncateOptedFields(invoice, fields) as SalesInvoiceInput;
    expect(document.customer.name).toHaveLength(80);
    expect(invoice.customer.name.length).toBeGreaterThan(80);
    expect(validateSalesInvoice(document, rules(fields))).toEqual([]);
    const mapped = toProcountorInvoice(document, { sendingDisabled: false, emailSendingEnabled: false });
    expect(mapped.counterParty.counterPartyAddress.name).toHaveLength(80);
    expect(mapped.additionalInformation).toHaveLength(10_000);
  });
});

describe('truncateOptedFields at a surrogate pair', () => {
  it('cuts before an emoji the limit would halve, so the cut name is still valid text', () => {
    const name = `${'N'.repeat(79)}😀 Oy`;
    const withName = {
      ...invoice,
      notes: undefined,
      textBelowRows: undefined,
      customer: { ...invoice.customer, name },
    };
    const cut = truncateOptedFields(JSON.parse(JSON.stringify(withName)), ['customer.name']) as {
      customer: { name: string };
    };
    expect(cut.customer.name).toBe('N'.repeat(79));
    expect(validateSalesInvoice(cut, rules(['customer.name']))).toEqual([]);
  });
});
