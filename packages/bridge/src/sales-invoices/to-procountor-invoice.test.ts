import { isValidAgainst } from '@procountor-bridge/emulator';
import { describe, expect, it } from 'vitest';
import { findProcountorCountry } from './procountor-country';
import { toProcountorUnit } from './procountor-unit';
import type { SalesInvoiceInput } from './sales-invoice-schema';
import { toProcountorInvoice } from './to-procountor-invoice';

const invoice: SalesInvoiceInput = {
  externalId: 'inv-1',
  invoiceNumber: 'S-1001',
  invoiceDate: '2026-11-02',
  paymentTermDays: 14,
  currency: 'EUR',
  language: 'fi',
  customer: {
    name: 'Asiakas Oy',
    businessId: '1234567-1',
    customerNumber: '100',
    address: { street: 'Katu 1', postalCode: '00100', city: 'Helsinki', country: 'FI' },
    billingContact: 'Maija Meikäläinen',
    contactPerson: 'Matti Virtanen',
  },
  ourReference: 'Pekka',
  yourReference: 'PO-77',
  notes: 'Kiitos tilauksesta',
  rows: [
    { kind: 'header', name: 'Syyskuun työt' },
    {
      kind: 'item',
      productCode: 'WORK',
      name: 'Konsultointi',
      description: '\nSprint 12\nlisätiedot',
      quantity: 7.5,
      unit: 'h',
      unitPrice: 120,
      vatPercent: 25.5,
    },
  ],
};
const context = {
  partnerId: 42,
  sendingDisabled: false,
  emailSendingEnabled: false,
  productIdsByCode: new Map([['WORK', 7]]),
};

describe('toProcountorInvoice', () => {
  it('produces an invoice the contract accepts', () => {
    const result = isValidAgainst('Invoice', toProcountorInvoice(invoice, context));
    expect(result.errors).toEqual([]);
  });

  it('computes the due date from the payment term and keeps the source number in originalInvoiceNumber', () => {
    const mapped = toProcountorInvoice(invoice, context);
    expect(mapped.paymentInfo.dueDate).toBe('2026-11-16');
    expect(mapped.originalInvoiceNumber).toBe('S-1001');
    expect(mapped.invoiceNumber).toBeUndefined();
  });

  it('sends header rows as zero-value rows and the first descriptive line as the row comment', () => {
    const [header, item] = toProcountorInvoice(invoice, context).invoiceRows;
    expect(header).toMatchObject({ product: 'Syyskuun työt', quantity: 0, unitPrice: 0 });
    expect(item).toMatchObject({ productId: 7, productCode: 'WORK', unit: 'HOUR', comment: 'Sprint 12' });
  });

  it('joins billing and customer contact with " / " within 28 characters (Visma Severa\'s field table)', () => {
    const name = toProcountorInvoice(invoice, context).counterParty.contactPersonName!;
    expect(name.startsWith('Maija Meikäläinen / ')).toBe(true);
    expect(name.length).toBeLessThanOrEqual(28);
  });

  it('puts our and your reference and notes into additionalInformation', () => {
    expect(toProcountorInvoice(invoice, context).additionalInformation).toBe(
      'Viitteemme: Pekka\nViitteenne: PO-77\nKiitos tilauksesta',
    );
  });

  it('asks Procountor to generate a reference code when the source gives none', () => {
    expect(toProcountorInvoice(invoice, context).paymentInfo.bankReferenceCode).toBe('');
  });
});

describe('units and countries', () => {
  it('accepts Procountor unit names and Finnish short forms, and nothing else', () => {
    expect(toProcountorUnit('kpl')).toBe('PIECE');
    expect(toProcountorUnit('HOUR')).toBe('HOUR');
    expect(toProcountorUnit('parsec')).toBeUndefined();
  });

  it("maps ISO country codes to Procountor's names", () => {
    expect(findProcountorCountry('FI')).toBe('FINLAND');
    expect(findProcountorCountry('US')).toBe('UNITED_STATES_OF_AMERICA');
    expect(findProcountorCountry('GB')).toBe('UNITED_KINGDOM_OF_GREAT_BRITAIN_AND_NORTHERN_IRELAND');
    expect(findProcountorCountry('XX')).toBeUndefined();
  });
});
