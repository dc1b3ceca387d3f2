import { describe, expect, it } from 'vitest';
import type { SalesInvoiceInput } from './sales-invoice-schema';
import { validateSalesInvoice } from './validate-sales-invoice';

const settings = { sendingDisabled: false, emailSendingEnabled: false, truncateFields: [] };
const valid: SalesInvoiceInput = {
  externalId: 'doc-1',
  invoiceDate: '2026-11-02',
  dueDate: '2026-11-16',
  currency: 'EUR',
  language: 'fi',
  customer: {
    name: 'Asiakas Oy',
    businessId: '0737546-2',
    address: { street: 'Katu 1', postalCode: '00100', city: 'Helsinki', country: 'FI' },
  },
  rows: [{ kind: 'item', name: 'Konsultointi', quantity: 2, unit: 'h', unitPrice: 100, vatPercent: 25.5 }],
};
const withChanges = (change: (invoice: SalesInvoiceInput) => void): SalesInvoiceInput => {
  const copy = structuredClone(valid);
  change(copy);
  return copy;
};
const problemsOf = (invoice: unknown) => validateSalesInvoice(invoice, settings);
const pdf = (bytes: number) => Buffer.alloc(bytes, 1).toString('base64');

describe('validateSalesInvoice', () => {
  it('accepts a complete invoice', () => {
    expect(problemsOf(valid)).toEqual([]);
  });

  it('names a missing required field and an unknown one', () => {
    const { invoiceDate: _dropped, ...withoutDate } = valid;
    expect(problemsOf({ ...withoutDate, colour: 'red' })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'invoiceDate', rule: 'required' }),
        expect.objectContaining({ path: 'colour', rule: 'no_unknown_fields' }),
      ]),
    );
  });

  it('rejects a business ID with a wrong check digit, naming the expected digit', () => {
    const [problem] = problemsOf(withChanges((invoice) => (invoice.customer.businessId = '0737546-3')));
    expect(problem).toMatchObject({ path: 'customer.businessId', rule: 'finnish_business_id' });
    expect(problem?.message).toContain('2');
  });

  it('rejects a reference code with a bad check digit, Finnish and RF', () => {
    expect(problemsOf(withChanges((invoice) => (invoice.referenceCode = '12345')))[0]).toMatchObject({
      path: 'referenceCode',
      rule: 'reference_check_digit',
    });
    expect(problemsOf(withChanges((invoice) => (invoice.referenceCode = 'RF19 5390 0754 7034')))[0]).toMatchObject({
      path: 'referenceCode',
    });
    expect(problemsOf(withChanges((invoice) => (invoice.referenceCode = '12345 67800')))).toEqual([]);
  });

  it('rejects an e-invoice IBAN address that fails the mod-97 check', () => {
    const problems = problemsOf(
      withChanges((invoice) => (invoice.customer.eInvoice = { address: 'FI2112345600000786', operator: 'NDEAFIHH' })),
    );
    expect(problems[0]).toMatchObject({ path: 'customer.eInvoice.address', rule: 'iban' });
  });

  it('rejects over-long fields with the limit in the rule', () => {
    const problems = problemsOf(withChanges((invoice) => (invoice.customer.address.city = 'x'.repeat(41))));
    expect(problems[0]).toMatchObject({ path: 'customer.address.city', rule: 'max_length_40' });
  });

  it('rejects the joined contact person over 28 characters unless the connection truncates it', () => {
    const long = withChanges((invoice) => {
      invoice.customer.billingContact = 'Maija-Liisa Meikäläinen';
      invoice.customer.contactPerson = 'Matti Virtanen';
    });
    expect(problemsOf(long)[0]).toMatchObject({ path: 'customer.billingContact', rule: 'max_length_28' });
    expect(validateSalesInvoice(long, { ...settings, truncateFields: ['contactPerson'] })).toEqual([]);
  });

  it('rejects an unknown currency', () => {
    expect(problemsOf(withChanges((invoice) => (invoice.currency = 'XYZ')))[0]).toMatchObject({
      path: 'currency',
      rule: 'procountor_currency',
    });
  });

  it('rejects an attachment over 10,000,000 bytes, of another type, or with special characters in its name', () => {
    const problems = problemsOf(
      withChanges((invoice) => {
        invoice.attachments = [
          { fileName: 'big.pdf', mediaType: 'application/pdf', contentBase64: pdf(10_000_001) },
          { fileName: 'notes.docx', mediaType: 'application/msword', contentBase64: pdf(10) },
          { fileName: 'lasku*?.pdf', mediaType: 'application/pdf', contentBase64: pdf(10) },
        ];
      }),
    );
    expect(problems.map((problem) => `${problem.path}:${problem.rule}`)).toEqual([
      'attachments[0].contentBase64:max_attachment_bytes',
      'attachments[1].mediaType:attachment_type',
      'attachments[2].fileName:file_name_characters',
    ]);
  });

  it('accepts an attachment of exactly 10,000,000 bytes', () => {
    const invoice = withChanges((copy) => {
      copy.attachments = [{ fileName: 'liite.pdf', mediaType: 'application/pdf', contentBase64: pdf(10_000_000) }];
    });
    expect(problemsOf(invoice)).toEqual([]);
  });

  it('requires quantity, price and VAT on item rows, and a Finnish VAT rate valid on the invoice date', () => {
    const problems = problemsOf(
      withChanges((invoice) => {
        invoice.rows = [
          { kind: 'item', name: 'Ilman hintaa', quantity: 1, vatPercent: 25.5 },
          { kind: 'item', name: 'Vanha alv', quantity: 1, unitPrice: 1, vatPercent: 24 },
          { kind: 'header', name: 'Otsikko' },
        ];
      }),
    );
    expect(problems.map((problem) => `${problem.path}:${problem.rule}`)).toEqual([
      'rows[0].unitPrice:required',
      'rows[1].vatPercent:finnish_vat_rate',
    ]);
  });

  it('requires a street, postal code and city when the invoice goes by mail', () => {
    const problems = problemsOf(withChanges((invoice) => (invoice.customer.address = { country: 'FI' })));
    expect(problems.map((problem) => problem.path)).toEqual([
      'customer.address.street',
      'customer.address.postalCode',
      'customer.address.city',
    ]);
  });

  it('refuses a due date before the invoice date and a payment term over 999 days', () => {
    expect(problemsOf(withChanges((invoice) => (invoice.dueDate = '2026-11-01')))[0]).toMatchObject({
      path: 'dueDate',
      rule: 'due_date_not_before_invoice_date',
    });
    expect(problemsOf(withChanges((invoice) => (invoice.dueDate = '2029-11-01')))[0]).toMatchObject({
      path: 'dueDate',
      rule: 'payment_term_days',
    });
  });
});
