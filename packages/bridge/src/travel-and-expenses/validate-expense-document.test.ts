import { createPersonalIdentityCode } from '@procountor-bridge/client/finnish';
import { describe, expect, it } from 'vitest';
import type { SourcePurchaseInvoiceInput, TravelInvoiceInput } from './expense-document-schema';
import { toProcountorExpenseInvoice } from './to-procountor-expense-invoice';
import { normalizedExpenseDocument, validateExpenseDocument } from './validate-expense-document';

const made = createPersonalIdentityCode('010203', 'A', '456');
if (!made.valid) throw new Error(made.reason);
const HETU = made.value;

const travel = (overrides: Partial<TravelInvoiceInput> = {}): TravelInvoiceInput => ({
  externalId: 'T-1',
  invoiceDate: '2026-03-04',
  person: { name: 'Liisa Laine', personalIdentityCode: HETU },
  rows: [{ description: 'Päiväraha', quantity: 1, unit: 'pv', unitPrice: 53, vatPercent: 0 }],
  ...overrides,
});

describe('validateExpenseDocument', () => {
  it('accepts a complete travel invoice', () => {
    expect(validateExpenseDocument('travel_invoice', travel())).toEqual([]);
  });

  it('names the person whose personal identity code is missing or wrong', () => {
    const missing = validateExpenseDocument('travel_invoice', travel({ person: { name: 'Liisa Laine' } }));
    expect(missing).toEqual([
      expect.objectContaining({ path: 'person.personalIdentityCode', message: expect.stringContaining('Liisa Laine') }),
    ]);
    const wrong = validateExpenseDocument(
      'expense_claim',
      travel({ person: { name: 'Liisa Laine', personalIdentityCode: `${HETU.slice(0, -1)}0` } }),
    );
    expect(wrong[0]).toMatchObject({ rule: 'personal_identity_code', message: expect.stringContaining('Liisa Laine') });
  });

  it('checks VAT rates on the invoice date, units, due date and travel attachment types', () => {
    const problems = validateExpenseDocument(
      'travel_invoice',
      travel({
        dueDate: '2026-03-01',
        rows: [{ description: 'Hotelli', quantity: 1, unit: 'yö?', unitPrice: 120, vatPercent: 24 }],
        attachments: [{ fileName: 'kuitit.docx', contentBase64: 'AA==' }],
        currency: 'XXX',
      }),
    );
    expect(problems.map((problem) => `${problem.path} ${problem.rule}`)).toEqual([
      'currency procountor_currency',
      'dueDate due_date_not_before_invoice_date',
      'rows[0].vatPercent finnish_vat_rate',
      'rows[0].unit procountor_unit',
      'attachments[0].fileName travel_attachment_type',
    ]);
  });

  it("checks a supplier's IBAN and business ID", () => {
    const invoice: SourcePurchaseInvoiceInput = {
      externalId: 'F-1',
      invoiceDate: '2026-03-04',
      supplier: { name: 'Toiminimi', businessId: '1234567-2', iban: 'FI00 1234' },
      rows: [{ description: 'Työ', quantity: 1, unitPrice: 100, vatPercent: 25.5 }],
    };
    expect(validateExpenseDocument('purchase_invoice', invoice).map((problem) => problem.path)).toEqual([
      'supplier.iban',
      'supplier.businessId',
    ]);
  });
});

describe('toProcountorExpenseInvoice', () => {
  it('maps a travel invoice: the person as partner, no VAT status, the default code on rows without one', () => {
    const invoice = toProcountorExpenseInvoice(
      'travel_invoice',
      travel({ travel: [{ departure: '1.3.', arrival: '2.3.', places: 'Oulu', purpose: 'Koulutus' }] }),
      {
        personId: 7,
        payeeIban: 'FI21 1234 5600 0007 85',
        products: { PVR: { id: 70, code: 'PVR' } },
        defaultExpenseCode: 'PVR',
      },
    );
    expect(invoice).toMatchObject({
      type: 'TRAVEL_INVOICE',
      partnerId: 7,
      invoiceChannel: 'NO_SENDING',
      originalInvoiceNumber: 'T-1',
      paymentInfo: { bankAccount: { accountNumber: 'FI2112345600000785' } },
      travelInformationItems: [{ places: 'Oulu' }],
      invoiceRows: [{ productId: 70, productCode: 'PVR', unit: 'DAY', vatPercent: 0 }],
    });
    expect(invoice.vatStatus).toBeUndefined();
  });

  it('maps a purchase invoice with the supplier as counterparty and VAT status 1', () => {
    const invoice = toProcountorExpenseInvoice(
      'purchase_invoice',
      {
        externalId: 'F-2',
        invoiceNumber: 'INV-9',
        invoiceDate: '2026-03-04',
        supplier: { name: 'Toiminimi', businessId: '2980005-2', iban: 'FI2112345600000785', referenceCode: '1 2344' },
        rows: [{ description: 'Työ', quantity: 2, unit: 'h', unitPrice: 50, vatPercent: 25.5 }],
      },
      { products: {} },
    );
    expect(invoice).toMatchObject({
      type: 'PURCHASE_INVOICE',
      vatStatus: 1,
      originalInvoiceNumber: 'INV-9',
      counterParty: { identifier: '2980005-2', counterPartyAddress: { name: 'Toiminimi' } },
      paymentInfo: { bankReferenceCode: '12344' },
      invoiceRows: [{ unit: 'HOUR', quantity: 2 }],
    });
    expect(invoice.partnerId).toBeUndefined();
  });

  it("refuses numbers outside Procountor's limits and dates outside the window, naming the field", () => {
    const problems = validateExpenseDocument(
      'travel_invoice',
      travel({
        invoiceDate: '1800-01-01',
        rows: [
          { description: 'Km', quantity: 1e308, unitPrice: 0.53, vatPercent: 0 },
          { description: 'Hotelli', quantity: 1, unitPrice: 1e-7, vatPercent: 0 },
          { description: 'Taksi', quantity: 1, unitPrice: -1e15, vatPercent: 0 },
        ],
      }),
      '2026-12-04',
    );
    expect(problems.map((problem) => `${problem.path} ${problem.rule}`)).toEqual([
      'invoiceDate date_window',
      'rows[0].quantity quantity_limits',
      'rows[0].unitPrice amount_limits',
      'rows[1].unitPrice unit_price_limits',
      'rows[2].unitPrice unit_price_limits',
      'rows[2].unitPrice amount_limits',
    ]);
  });

  it('refuses a travel invoice attachment whose base64 does not decode to its type', () => {
    const notPdf = Buffer.from('just text, not a PDF').toString('base64');
    const problems = validateExpenseDocument(
      'travel_invoice',
      travel({
        attachments: [
          { fileName: 'matkalasku.pdf', contentBase64: notPdf },
          { fileName: 'kuitti.jpg', contentBase64: 'not base64!' },
          { fileName: 'kuitti.gif', mediaType: 'image/gif', contentBase64: Buffer.from('GIF89a..').toString('base64') },
        ],
      }),
    );
    expect(problems.map((problem) => `${problem.path} ${problem.rule}`)).toEqual([
      'attachments[0].contentBase64 attachment_content_type',
      'attachments[1].contentBase64 base64',
    ]);
  });

  it("checks a supplier's payment reference and normalises its business ID", () => {
    const invoice: SourcePurchaseInvoiceInput = {
      externalId: 'F-2',
      invoiceDate: '2026-03-04',
      supplier: { name: 'Toiminimi', businessId: ' 07375462', iban: 'FI2112345600000785', referenceCode: '1234' },
      rows: [{ description: 'Työ', quantity: 1, unitPrice: 100, vatPercent: 25.5 }],
    };
    expect(validateExpenseDocument('purchase_invoice', invoice).map((problem) => problem.path)).toEqual([
      'supplier.referenceCode',
    ]);
    const fixed = { ...invoice, supplier: { ...invoice.supplier, referenceCode: '1232' } };
    expect(validateExpenseDocument('purchase_invoice', fixed)).toEqual([]);
    expect(normalizedExpenseDocument(fixed).supplier.businessId).toBe('0737546-2');
  });
});
