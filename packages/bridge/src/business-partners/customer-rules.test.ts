// The customer rules an invoice's customer and a pushed customer share, and the one business ID normalisation.
import { describe, expect, it } from 'vitest';
import type { CustomerInput } from '../sales-invoices/sales-invoice-schema';
import { customerProblems, normalizedCustomer } from './customer-rules';

const customer = (overrides: Partial<CustomerInput> = {}): CustomerInput => ({
  name: 'Asiakas Oy',
  businessId: '0737546-2',
  address: { country: 'FI' },
  ...overrides,
});
const rulesOf = (input: CustomerInput) =>
  customerProblems(input, 'customers[3]').map((problem) => `${problem.path}:${problem.rule}`);

describe('customerProblems', () => {
  it('names each field under the given prefix', () => {
    expect(
      rulesOf(
        customer({
          businessId: '0737546-3',
          vatNumber: 'XX',
          address: { country: 'QQ' },
          eInvoice: { address: 'x', operator: 'y' },
        }),
      ),
    ).toEqual([
      'customers[3].businessId:finnish_business_id',
      'customers[3].address.country:procountor_country',
      'customers[3].vatNumber:vat_number_country',
      'customers[3].eInvoice.operator:e_invoice_operator',
    ]);
  });

  it("checks a Finnish customer's e-invoice address as OVT or IBAN, and leaves other countries' own forms alone", () => {
    const eInvoice = { address: 'ABC1234567', operator: 'NDEAFIHH' };
    expect(rulesOf(customer({ eInvoice }))).toEqual(['customers[3].eInvoice.address:e_invoice_address']);
    expect(rulesOf(customer({ businessId: undefined, address: { country: 'SE' }, eInvoice }))).toEqual([]);
    // An OVT is checked in any country.
    const ovt = { address: '003712345678', operator: 'NDEAFIHH' };
    expect(rulesOf(customer({ businessId: undefined, address: { country: 'SE' }, eInvoice: ovt }))).toEqual([
      'customers[3].eInvoice.address:e_invoice_address',
    ]);
  });

  it('does not tie the VAT number to a business ID that is itself wrong (that one is named once)', () => {
    expect(rulesOf(customer({ businessId: '0737546-3', vatNumber: 'FI09853608' }))).toEqual([
      'customers[3].businessId:finnish_business_id',
    ]);
  });
});

describe('normalizedCustomer', () => {
  it('stores the business ID as 1234567-8, the VAT number compact and the e-invoice address trimmed', () => {
    const normalized = normalizedCustomer(
      customer({
        businessId: ' 07375462 ',
        vatNumber: 'fi 0737 5462',
        eInvoice: { address: ' fi21 1234 5600 0007 85 ', operator: ' NDEAFIHH ' },
      }),
    );
    expect(normalized).toMatchObject({
      businessId: '0737546-2',
      vatNumber: 'FI07375462',
      eInvoice: { address: 'FI2112345600000785', operator: 'NDEAFIHH' },
    });
  });
});
