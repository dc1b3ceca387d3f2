import { describe, expect, it } from 'vitest';
import type { SalesInvoiceInput } from './sales-invoice-schema';
import { validateSalesInvoice } from './validate-sales-invoice';

const settings = { sendingDisabled: false, emailSendingEnabled: false, truncateFields: [], today: '2026-12-04' };
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
/** A file of `bytes` bytes that starts like a PDF. */
const pdf = (bytes: number) =>
  Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(bytes - 9, 1)]).toString('base64');
const pathsAndRules = (problems: { path: string; rule: string }[]) =>
  problems.map((problem) => `${problem.path}:${problem.rule}`);

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
    // An empty reference asks Procountor to generate one (the contract, PaymentInfo.bankReferenceCode).
    expect(problemsOf(withChanges((invoice) => (invoice.referenceCode = '')))).toEqual([]);
  });

  it('rejects an e-invoice IBAN address that fails the mod-97 check', () => {
    const problems = problemsOf(
      withChanges((invoice) => (invoice.customer.eInvoice = { address: 'FI2112345600000786', operator: 'NDEAFIHH' })),
    );
    expect(problems[0]).toMatchObject({ path: 'customer.eInvoice.address', rule: 'e_invoice_address' });
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
    const onlyContactPerson = withChanges((invoice) => (invoice.customer.contactPerson = 'x'.repeat(29)));
    expect(problemsOf(onlyContactPerson)[0]).toMatchObject({ path: 'customer.contactPerson', rule: 'max_length_28' });
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

  it('refuses numbers no invoice has: huge or negative magnitudes and too many decimals, naming each field', () => {
    const problems = problemsOf(
      withChanges((invoice) => {
        invoice.rows = [
          { kind: 'item', name: 'a', quantity: 1e308, unitPrice: 1, vatPercent: 25.5 },
          { kind: 'item', name: 'b', quantity: 1, unitPrice: 1e300, vatPercent: 25.5 },
          { kind: 'item', name: 'c', quantity: 1, unitPrice: 1e-7, vatPercent: 25.5 },
          { kind: 'item', name: 'd', quantity: 1, unitPrice: -1e15, vatPercent: 25.5 },
          { kind: 'item', name: 'e', quantity: 0.123456, unitPrice: 1, vatPercent: 25.555, discountPercent: 0.00001 },
        ];
      }),
    );
    expect(pathsAndRules(problems)).toEqual([
      'rows[0].quantity:quantity_limits',
      'rows[0].unitPrice:amount_limits',
      'rows[1].unitPrice:unit_price_limits',
      'rows[1].unitPrice:amount_limits',
      'rows[2].unitPrice:unit_price_limits',
      'rows[3].unitPrice:unit_price_limits',
      'rows[3].unitPrice:amount_limits',
      'rows[4].quantity:quantity_limits',
      'rows[4].discountPercent:discount_percent_limits',
      'rows[4].vatPercent:vat_percent_limits',
    ]);
    expect(problems[4]!.message).toContain('7 decimal places, at most 5');
  });

  it('accepts the limits themselves: 5 decimals, ±999,999,999.99, negative credit quantities', () => {
    const invoice = withChanges((copy) => {
      copy.rows = [
        { kind: 'item', name: 'a', quantity: 0.00001, unitPrice: 999_999_999.99, vatPercent: 25.5 },
        { kind: 'item', name: 'b', quantity: -1, unitPrice: 12.34567, vatPercent: 13.5, discountPercent: 12.3456 },
      ];
    });
    expect(problemsOf(invoice)).toEqual([]);
  });

  it("refuses a row total or an invoice total over Procountor's amounts", () => {
    const problems = problemsOf(
      withChanges((invoice) => {
        invoice.rows = [
          { kind: 'item', name: 'a', quantity: 2, unitPrice: 600_000_000, vatPercent: 25.5 },
          { kind: 'item', name: 'b', quantity: 1, unitPrice: 999_999_999, vatPercent: 0 },
        ];
      }),
    );
    expect(pathsAndRules(problems)).toEqual(['rows[0].unitPrice:amount_limits']);
    const total = problemsOf(
      withChanges((invoice) => {
        invoice.rows = [
          { kind: 'item', name: 'a', quantity: 1, unitPrice: 900_000_000, vatPercent: 0 },
          { kind: 'item', name: 'b', quantity: 1, unitPrice: 900_000_000, vatPercent: 0 },
        ];
      }),
    );
    expect(pathsAndRules(total)).toEqual(['rows:amount_limits']);
  });

  it('keeps invoice dates inside the documented window and names invoiceDate, not the VAT rate', () => {
    const datedOn = (date: string) =>
      problemsOf(
        withChanges((invoice) => {
          invoice.invoiceDate = date;
          delete invoice.dueDate;
        }),
      );
    expect(pathsAndRules(datedOn('1800-01-01'))).toEqual(['invoiceDate:date_window']);
    const far = datedOn('2999-01-01');
    expect(pathsAndRules(far)).toEqual(['invoiceDate:date_window']);
    expect(far[0]!.message).toContain('more than a year ahead');
    const edges = [
      ['2010-07-01', 23],
      ['2027-12-05', 25.5],
    ].map(([date, vatPercent]) =>
      problemsOf(
        withChanges((invoice) => {
          invoice.invoiceDate = date as string;
          delete invoice.dueDate;
          invoice.rows[0]!.vatPercent = vatPercent as number;
        }),
      ),
    );
    expect(edges).toEqual([[], []]);
  });

  it('refuses currencies nobody invoices in, such as XXX, XAU and the markka', () => {
    for (const currency of ['XXX', 'XAU', 'FIM']) {
      expect(pathsAndRules(problemsOf(withChanges((invoice) => (invoice.currency = currency))))).toEqual([
        'currency:procountor_currency',
      ]);
    }
    expect(problemsOf(withChanges((invoice) => (invoice.currency = 'SEK')))).toEqual([]);
  });

  it('checks the VAT number by its country, and a Finnish one against the business ID', () => {
    const vat = (vatNumber: string) =>
      pathsAndRules(problemsOf(withChanges((invoice) => (invoice.customer.vatNumber = vatNumber))));
    expect(vat('FI07375462')).toEqual([]);
    expect(vat('FI 0737 5462')).toEqual([]);
    expect(vat('SE556188840401')).toEqual([]);
    expect(vat('FI12')).toEqual(['customer.vatNumber:vat_number']);
    expect(vat('FI07375461')).toEqual(['customer.vatNumber:vat_number']);
    expect(vat('XX')).toEqual(['customer.vatNumber:vat_number_country']);
    // 0985360-8 is valid on its own, but not this customer's business ID 0737546-2.
    expect(vat('FI09853608')).toEqual(['customer.vatNumber:vat_number_business_id']);
  });

  it('checks the e-invoice address (OVT with its business ID, or an IBAN) and the operator code', () => {
    const eInvoice = (address: string, operator: string) =>
      pathsAndRules(problemsOf(withChanges((invoice) => (invoice.customer.eInvoice = { address, operator }))));
    expect(eInvoice('003707375462', '003721291126')).toEqual([]);
    expect(eInvoice('FI2112345600000785', 'NDEAFIHH')).toEqual([]);
    expect(eInvoice('003707375463', '003721291126')).toEqual(['customer.eInvoice.address:e_invoice_address']);
    expect(eInvoice('abc', 'XX')).toEqual([
      'customer.eInvoice.address:e_invoice_address',
      'customer.eInvoice.operator:e_invoice_operator',
    ]);
  });

  it('accepts a business ID without its hyphen or with spaces around it', () => {
    expect(problemsOf(withChanges((invoice) => (invoice.customer.businessId = ' 07375462 ')))).toEqual([]);
    expect(pathsAndRules(problemsOf(withChanges((invoice) => (invoice.customer.businessId = '0737 546-2'))))).toEqual([
      'customer.businessId:finnish_business_id',
    ]);
  });

  it('refuses attachment content that is not strict base64 or not of its declared type', () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00').toString('base64');
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]).toString('base64');
    const problems = problemsOf(
      withChanges((invoice) => {
        invoice.attachments = [
          { fileName: 'a.pdf', mediaType: 'application/pdf', contentBase64: 'JVBERi0x*Lj' },
          { fileName: 'b.pdf', mediaType: 'application/pdf', contentBase64: gif },
          { fileName: 'c.jpg', mediaType: 'image/jpeg', contentBase64: pdf(20) },
          { fileName: 'd.gif', mediaType: 'image/gif', contentBase64: gif },
          { fileName: 'e.jpg', mediaType: 'image/jpeg', contentBase64: jpeg },
        ];
      }),
    );
    expect(pathsAndRules(problems)).toEqual([
      'attachments[0].contentBase64:base64',
      'attachments[1].contentBase64:attachment_content_type',
      'attachments[2].contentBase64:attachment_content_type',
    ]);
  });
});
