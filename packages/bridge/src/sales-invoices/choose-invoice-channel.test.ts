import { describe, expect, it } from 'vitest';
import { chooseInvoiceChannel, invoiceEmailOf } from './choose-invoice-channel';
import type { CustomerInput } from './sales-invoice-schema';

const base: CustomerInput = {
  name: 'Asiakas Oy',
  address: { country: 'FI', street: 'Katu 1', postalCode: '00100', city: 'Helsinki' },
};
const eInvoice = { address: '003712345678', operator: '003721291126' };
const on = { sendingDisabled: false, emailSendingEnabled: true };
const off = { sendingDisabled: false, emailSendingEnabled: false };

describe('chooseInvoiceChannel', () => {
  it('chooses ELECTRONIC_INVOICE when both the e-invoice address and operator are present, even with an e-mail', () => {
    expect(chooseInvoiceChannel({ ...base, eInvoice, email: 'a@example.fi' }, on)).toBe('ELECTRONIC_INVOICE');
  });

  it('chooses EMAIL only when e-mail sending is on and an address exists', () => {
    expect(chooseInvoiceChannel({ ...base, email: 'a@example.fi' }, on)).toBe('EMAIL');
    expect(chooseInvoiceChannel({ ...base, email: 'a@example.fi' }, off)).toBe('MAIL');
  });

  it("chooses EMAIL for the chosen contact person's e-mail too, which the invoice then goes to", () => {
    const customer = { ...base, contactEmail: 'contact@example.fi' };
    expect(chooseInvoiceChannel(customer, on)).toBe('EMAIL');
    expect(chooseInvoiceChannel(customer, off)).toBe('MAIL');
    expect(invoiceEmailOf({ ...customer, email: 'billing@example.fi' })).toBe('contact@example.fi');
    expect(invoiceEmailOf({ ...base, email: 'billing@example.fi' })).toBe('billing@example.fi');
  });

  it('falls back to MAIL without e-invoice details or e-mail', () => {
    expect(chooseInvoiceChannel(base, on)).toBe('MAIL');
  });

  it('chooses NO_SENDING when the connection disables sending', () => {
    expect(chooseInvoiceChannel({ ...base, eInvoice }, { ...on, sendingDisabled: true })).toBe('NO_SENDING');
  });
});
