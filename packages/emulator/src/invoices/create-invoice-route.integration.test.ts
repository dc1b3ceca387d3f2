import { validateReferenceNumber, validateRfReference } from '@procountor-bridge/client/finnish';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  addPartner,
  companyData,
  createInvoice,
  purchaseInvoice,
  salesInvoice,
  travelInvoice,
} from '../../test/helpers/invoice-test-builders';
import { startTestSession, type TestSession } from '../../test/helpers/test-session';
import { isValidAgainst } from '../http/contract-validator';
import type { Invoice } from '../state/contract-types';

describe('POST /api/invoices', () => {
  let session: TestSession;
  let customerId: number;

  beforeAll(async () => {
    session = await startTestSession();
    customerId = addPartner(session, 'CUSTOMER');
  });
  afterAll(() => session.emulator.stop());

  const post = (body: unknown) => session.api('/invoices', { method: 'POST', body });
  async function fieldsOfRefusal(body: unknown): Promise<Array<{ field?: string; message: string }>> {
    const response = await post(body);
    expect(response.status).toBe(400);
    const json = await response.json();
    expect(isValidAgainst('ErrorMessages', json).valid).toBe(true);
    return json.errors;
  }

  it('creates an UNFINISHED sales invoice with number, version, sums, generated reference and ledger receipt', async () => {
    const invoice = await createInvoice(session, salesInvoice(session, customerId));
    expect(isValidAgainst('Invoice', invoice)).toEqual({ valid: true, errors: [] });
    expect(invoice.status).toBe('UNFINISHED');
    expect(invoice.invoiceNumber).toBeGreaterThan(0);
    expect(invoice.version).toBeTruthy();
    expect(validateReferenceNumber(invoice.paymentInfo.bankReferenceCode!).valid).toBe(true);
    // 2 × 100 at 25.5 % and 45 (50 − 10 %) at 0 %.
    expect(invoice.invoiceSumInfo).toEqual([
      { currency: 'EUR', inAccountingCurrency: true, excludingVatTotal: 245, vatSumTotal: 51, invoiceSumTotal: 296 },
    ]);
    expect(invoice.billingAddress).toEqual(invoice.counterParty.counterPartyAddress);
    const receipt = companyData(session).ledgerReceipts.get(invoice.ledgerReceiptId!)!;
    expect(receipt.invoiceId).toBe(invoice.id);
    // accountingByRow: one transaction per row after the receivable.
    expect(receipt.transactions.map((t) => t.accountingValue)).toEqual([296, -200, -45]);
  });

  it('numbers invoices from a per-company sequence', async () => {
    const first = await createInvoice(session, salesInvoice(session, customerId));
    const second = await createInvoice(session, salesInvoice(session, customerId));
    expect(second.invoiceNumber).toBe(first.invoiceNumber! + 1);
  });

  it('keeps a valid given reference, generates an RF one on request and assigns none when omitted', async () => {
    const given = await createInvoice(
      session,
      salesInvoice(session, customerId, {
        paymentInfo: { ...salesInvoice(session, customerId).paymentInfo, bankReferenceCode: '1232' },
      }),
    );
    expect(given.paymentInfo.bankReferenceCode).toBe('1232');
    const rf = await createInvoice(
      session,
      salesInvoice(session, customerId, {
        paymentInfo: { ...salesInvoice(session, customerId).paymentInfo, bankReferenceCodeType: 'RF' },
      }),
    );
    expect(validateRfReference(rf.paymentInfo.bankReferenceCode!).valid).toBe(true);
    const { bankReferenceCode: _omitted, ...withoutReference } = salesInvoice(session, customerId).paymentInfo;
    const none = await createInvoice(session, salesInvoice(session, customerId, { paymentInfo: withoutReference }));
    expect(none.paymentInfo.bankReferenceCode).toBeUndefined();
  });

  it('aggregates accounting per VAT percentage when accountingByRow is false', async () => {
    const invoice = await createInvoice(
      session,
      salesInvoice(session, customerId, { extraInfo: { accountingByRow: false, unitPricesIncludeVat: false } }),
    );
    const receipt = companyData(session).ledgerReceipts.get(invoice.ledgerReceiptId!)!;
    expect(receipt.transactions).toHaveLength(3);
  });

  it('accepts a credit invoice as a sales invoice with negative amounts', async () => {
    const credit = salesInvoice(session, customerId);
    credit.invoiceRows = [
      { product: 'Hyvitys', quantity: -2, unit: 'HOUR', unitPrice: 100, discountPercent: 0, vatPercent: 25.5 },
    ];
    const invoice = await createInvoice(session, credit);
    expect(invoice.invoiceSumInfo![0]!.invoiceSumTotal).toBe(-251);
  });

  it('accepts a 28-character contact person, an empty deliveryAddress and a delivery address with a country', async () => {
    const base = salesInvoice(session, customerId);
    const counterParty = { ...base.counterParty, contactPersonName: 'x'.repeat(28) };
    const empty = await createInvoice(session, { ...base, counterParty, deliveryAddress: {} });
    expect(empty.counterParty.contactPersonName).toHaveLength(28);
    const address = { name: 'Varasto', street: 'Katu 2', zip: '00100', city: 'Helsinki', country: 'FINLAND' as const };
    const withCountry = await createInvoice(session, { ...base, deliveryAddress: address });
    expect(withCountry.deliveryAddress).toMatchObject(address);
  });

  it('keeps the first three cash discount options in ascending days, term type FROM_INV_DATE by default', async () => {
    const base = salesInvoice(session, customerId);
    const days = [14, 7, 10, 3];
    const optionList = days.map((numberOfDays) => ({ numberOfDays, discountPercentage: 1 }));
    const invoice = await createInvoice(session, {
      ...base,
      paymentInfo: { ...base.paymentInfo, cashDiscount: { optionList } },
    });
    expect(invoice.paymentInfo.cashDiscount).toEqual({
      cashDiscountsTermType: 'FROM_INV_DATE',
      optionList: [7, 10, 14].map((numberOfDays) => ({ numberOfDays, discountPercentage: 1 })),
    });
  });

  it('creates purchase and travel invoices with their own rules', async () => {
    const supplierId = addPartner(session, 'SUPPLIER');
    const purchase = await createInvoice(session, purchaseInvoice(session, supplierId));
    expect(purchase.status).toBe('UNFINISHED');
    const personId = addPartner(session, 'PERSON', 'Matti Meikäläinen');
    const travel = await createInvoice(session, travelInvoice(session, personId));
    expect(isValidAgainst('Invoice', travel).valid).toBe(true);
    expect(travel.travelInformationItems).toHaveLength(1);
  });

  it.each<[string, (body: Invoice) => unknown, string, string?]>([
    ['a missing required field', (body) => ({ ...body, date: undefined }), 'date', 'must not be null'],
    ['a wrong enum value', (body) => ({ ...body, invoiceChannel: 'FAX' }), 'invoiceChannel'],
    ['an over-long string', (body) => ({ ...body, originalInvoiceNumber: 'x'.repeat(41) }), 'originalInvoiceNumber'],
    ['too many decimals', (body) => ({ ...body, penaltyPercent: 7.125 }), 'penaltyPercent'],
    ['no rows', (body) => ({ ...body, invoiceRows: [] }), 'invoiceRows', 'must not be empty'],
    ['an invoiceNumber', (body) => ({ ...body, invoiceNumber: 12 }), 'invoiceNumber', 'must be null'],
    ['an unknown partnerId', (body) => ({ ...body, partnerId: 999_999 }), 'partnerId'],
    ['EDIFACT', (body) => ({ ...body, invoiceChannel: 'EDIFACT' }), 'invoiceChannel'],
    ['PAPER_INVOICE', (body) => ({ ...body, invoiceChannel: 'PAPER_INVOICE' }), 'invoiceChannel'],
    ['a missing language', (body) => ({ ...body, language: undefined }), 'language', 'must not be null'],
    ['a missing vatStatus', (body) => ({ ...body, vatStatus: undefined }), 'vatStatus', 'must not be null'],
    [
      'a bad FI check digit',
      (body) => ({ ...body, paymentInfo: { ...body.paymentInfo, bankReferenceCode: '1233' } }),
      'paymentInfo.bankReferenceCode',
    ],
    [
      'a bad RF reference',
      (body) => ({
        ...body,
        paymentInfo: { ...body.paymentInfo, bankReferenceCode: 'RF00123', bankReferenceCodeType: 'RF' },
      }),
      'paymentInfo.bankReferenceCode',
    ],
    [
      'a reference type not allowed in Finland',
      (body) => ({ ...body, paymentInfo: { ...body.paymentInfo, bankReferenceCodeType: 'KID' } }),
      'paymentInfo.bankReferenceCodeType',
    ],
    [
      'a bad IBAN',
      (body) => ({
        ...body,
        paymentInfo: { ...body.paymentInfo, bankAccount: { accountNumber: 'FI2112345600000786' } },
      }),
      'paymentInfo.bankAccount.accountNumber',
    ],
    [
      'a due date before the invoice date',
      (body) => ({ ...body, paymentInfo: { ...body.paymentInfo, dueDate: addDays(body.date, -1) } }),
      'paymentInfo.dueDate',
      'DUE_DATE_BEFORE_BILL_DATE',
    ],
    [
      'a payment term over 999 days',
      (body) => ({ ...body, paymentInfo: { ...body.paymentInfo, dueDate: addDays(body.date, 1000) } }),
      'paymentInfo.dueDate',
    ],
    [
      'a VAT percentage not in use',
      (body) => ({ ...body, invoiceRows: [{ ...body.invoiceRows[0]!, vatPercent: 23 }] }),
      'invoiceRows[0].vatPercent',
    ],
    [
      'EMAIL without counterParty.email',
      (body) => ({ ...body, counterParty: { ...body.counterParty, email: undefined } }),
      'counterParty.email',
      'must not be null',
    ],
    ['deliveryMethod OTHER on a sales invoice', (body) => ({ ...body, deliveryMethod: 'OTHER' }), 'deliveryMethod'],
    ['PERIODIC_TAX_RETURN', (body) => ({ ...body, type: 'PERIODIC_TAX_RETURN' }), 'type'],
    [
      'a contact person over 28 characters (FACTS.md field limits)',
      (body) => ({ ...body, counterParty: { ...body.counterParty, contactPersonName: 'x'.repeat(29) } }),
      'counterParty.contactPersonName',
      'size must be between 0 and 28',
    ],
    [
      'a delivery address without a country',
      (body) => ({ ...body, deliveryAddress: { name: 'Varasto', street: 'Katu 2', zip: '00100', city: 'Helsinki' } }),
      'deliveryAddress.country',
      'deliveryAddress.country cannot be blank',
    ],
    [
      'a cash discount term from the end of the month (Danish environments only)',
      (body) => ({
        ...body,
        paymentInfo: {
          ...body.paymentInfo,
          cashDiscount: { cashDiscountsTermType: 'FROM_END_OF_MONTH', optionList: [] },
        },
      }),
      'paymentInfo.cashDiscount.cashDiscountsTermType',
    ],
    ['a purchase-only VAT status on a sales invoice', (body) => ({ ...body, vatStatus: 4 }), 'vatStatus'],
    [
      'a VAT status /vats/default does not list',
      (body) => ({ ...body, vatStatus: 99 }),
      'vatStatus',
      'ERROR_VATSTATUS_VATPERC',
    ],
  ])('refuses %s with a field error', async (_name, change, field, message) => {
    const errors = await fieldsOfRefusal(change(salesInvoice(session, customerId)));
    const entry = errors.find((candidate) => candidate.field === field);
    expect(entry, JSON.stringify(errors)).toBeDefined();
    if (message) expect(entry!.message).toBe(message);
  });

  it('refuses a date in a closed fiscal period with CLOSED_FISCAL_PERIOD', async () => {
    const closedYear = Number(session.emulator.context.today().slice(0, 4)) - 3;
    const date = `${closedYear}-06-01`;
    const body = salesInvoice(session, customerId, { date });
    body.paymentInfo.dueDate = addDays(date, 14);
    body.invoiceRows = [{ ...body.invoiceRows[0]!, vatPercent: 24 }];
    const errors = await fieldsOfRefusal(body);
    expect(errors).toContainEqual({ status: 400, field: 'date', message: 'CLOSED_FISCAL_PERIOD' });
  });

  it('refuses ELECTRONIC_INVOICE without address, e-invoice address and operator, listing every problem', async () => {
    const body = salesInvoice(session, customerId, {
      invoiceChannel: 'ELECTRONIC_INVOICE',
      counterParty: { counterPartyAddress: { name: 'Asiakas Oy' } },
    });
    const fields = (await fieldsOfRefusal(body)).map((entry) => entry.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'counterParty.counterPartyAddress.street',
        'counterParty.counterPartyAddress.zip',
        'counterParty.counterPartyAddress.city',
        'counterParty.einvoiceAddress.address',
        'counterParty.einvoiceAddress.operator',
      ]),
    );
  });

  it('refuses a malformed OVT and operator with INVALID_OVT and ERROR_OPERATOR', async () => {
    const body = salesInvoice(session, customerId, { invoiceChannel: 'ELECTRONIC_INVOICE' });
    body.counterParty.einvoiceAddress = { address: '003729800053', operator: 'bad operator' };
    const errors = await fieldsOfRefusal(body);
    expect(errors).toContainEqual({
      status: 400,
      field: 'counterParty.einvoiceAddress.address',
      message: 'INVALID_OVT',
    });
    expect(errors).toContainEqual({
      status: 400,
      field: 'counterParty.einvoiceAddress.operator',
      message: 'ERROR_OPERATOR',
    });
  });

  it('refuses a customer id on a purchase invoice and a travel invoice without a person', async () => {
    expect((await fieldsOfRefusal(purchaseInvoice(session, customerId))).map((e) => e.field)).toContain('partnerId');
    const { partnerId: _none, ...travel } = travelInvoice(session, customerId);
    expect((await fieldsOfRefusal(travel)).map((e) => e.field)).toContain('partnerId');
  });

  it('stores nothing when refused and refuses without a token', async () => {
    const before = companyData(session).invoices.size;
    await fieldsOfRefusal({ ...salesInvoice(session, customerId), invoiceRows: [] });
    expect(companyData(session).invoices.size).toBe(before);
    const anonymous = await fetch(`${session.emulator.baseUrl}/invoices`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
  });
});
