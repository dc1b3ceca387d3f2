// Test builders for invoice-domain integration tests: valid invoice bodies per type and partners in a company.

import type { BusinessPartner, Invoice } from '../../src/state/contract-types';
import { type CompanyData, nextId } from '../../src/state/emulator-state';
import type { TestSession } from './test-session';

/** A valid Finnish IBAN (the standard example) and an OVT address for business ID 2980005-2. */
export const TEST_IBAN = 'FI2112345600000785';
export const TEST_OVT = '003729800052';
export const TEST_OPERATOR = '003721291126';

export function companyData(session: TestSession): CompanyData {
  return session.emulator.context.state.companies.get(session.company.companyId)!;
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Inserts a business partner straight into the company (set-up, not under test). */
export function addPartner(session: TestSession, type: BusinessPartner['type'], name = `${type} Oy`): number {
  const company = companyData(session);
  const id = nextId(session.emulator.context.state);
  company.businessPartners.set(id, {
    id,
    name,
    type,
    paymentInfo: { paymentMethod: 'BANK_TRANSFER' },
  } as BusinessPartner);
  return id;
}

export function salesInvoice(session: TestSession, partnerId: number, overrides: Partial<Invoice> = {}): Invoice {
  const today = session.emulator.context.today();
  return {
    type: 'SALES_INVOICE',
    partnerId,
    date: today,
    counterParty: {
      counterPartyAddress: { name: 'Asiakas Oy', street: 'Katu 1', zip: '00100', city: 'Helsinki', country: 'FINLAND' },
      email: 'laskut@asiakas.fi',
      einvoiceAddress: { address: TEST_OVT, operator: TEST_OPERATOR },
    },
    paymentInfo: {
      paymentMethod: 'BANK_TRANSFER',
      currency: 'EUR',
      dueDate: addDays(today, 14),
      currencyRate: 1,
      bankAccount: { accountNumber: TEST_IBAN },
      bankReferenceCode: '',
      bankReferenceCodeType: 'FI',
    },
    extraInfo: { accountingByRow: true, unitPricesIncludeVat: false },
    discountPercent: 0,
    invoiceChannel: 'EMAIL',
    language: 'FINNISH',
    vatStatus: 1,
    originalInvoiceNumber: `EXT-${partnerId}`,
    invoiceRows: [
      { product: 'Konsultointi', quantity: 2, unit: 'HOUR', unitPrice: 100, discountPercent: 0, vatPercent: 25.5 },
      { product: 'Matkat', quantity: 1, unit: 'PIECE', unitPrice: 50, discountPercent: 10, vatPercent: 0 },
    ],
    ...overrides,
  };
}

export function purchaseInvoice(session: TestSession, partnerId: number, overrides: Partial<Invoice> = {}): Invoice {
  const sales = salesInvoice(session, partnerId);
  const { language: _language, ...rest } = sales;
  return {
    ...rest,
    type: 'PURCHASE_INVOICE',
    counterParty: { counterPartyAddress: { name: 'Toimittaja Oy', street: 'Tie 2', zip: '00200', city: 'Espoo' } },
    invoiceChannel: 'NO_SENDING',
    originalInvoiceNumber: `SUP-${partnerId}`,
    ...overrides,
  };
}

export function travelInvoice(session: TestSession, personId: number, overrides: Partial<Invoice> = {}): Invoice {
  const sales = salesInvoice(session, personId);
  const { language: _language, vatStatus: _vatStatus, ...rest } = sales;
  return {
    ...rest,
    type: 'TRAVEL_INVOICE',
    counterParty: { counterPartyAddress: { name: 'Matti Meikäläinen' } },
    invoiceChannel: 'NO_SENDING',
    originalInvoiceNumber: `TRAVEL-${personId}`,
    travelInformationItems: [{ departure: '1.3.', arrival: '3.3.', places: 'Tampere', purpose: 'Asiakastapaaminen' }],
    invoiceRows: [{ product: 'Päiväraha', quantity: 2, unit: 'DAY', unitPrice: 53, discountPercent: 0, vatPercent: 0 }],
    ...overrides,
  };
}

/** POSTs an invoice and returns the created body (throws with the errors when refused). */
export async function createInvoice(session: TestSession, body: Invoice): Promise<Invoice> {
  const response = await session.api('/invoices', { method: 'POST', body });
  const json = await response.json();
  if (response.status !== 200) throw new Error(`invoice refused: ${JSON.stringify(json)}`);
  return json as Invoice;
}
