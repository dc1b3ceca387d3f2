// Builds canonical sales invoices for tests: valid by default, with valid Finnish business IDs on demand.
import type { SalesInvoiceInput } from '../../src/sales-invoices/sales-invoice-schema';

/** A valid Y-tunnus from seven digits: weights 7,9,10,5,8,4,2; remainder 1 has no check digit, so it is skipped. */
export function businessIdFrom(seed: number): string {
  for (let n = seed; ; n += 1) {
    const digits = String(n % 10_000_000).padStart(7, '0');
    const weights = [7, 9, 10, 5, 8, 4, 2];
    const remainder = [...digits].reduce((sum, digit, i) => sum + Number(digit) * weights[i]!, 0) % 11;
    if (remainder === 1) continue;
    return `${digits}-${remainder === 0 ? 0 : 11 - remainder}`;
  }
}

let counter = 0;

/** A unique externalId and invoice number per call, so tests sharing a database never collide. */
export function buildSalesInvoice(overrides: Partial<SalesInvoiceInput> = {}): SalesInvoiceInput {
  counter += 1;
  const id = `${Date.now().toString(36)}-${process.pid}-${counter}`;
  return {
    externalId: `INV-${id}`,
    invoiceNumber: `S-${id}`.slice(0, 40),
    invoiceDate: new Date().toISOString().slice(0, 10),
    paymentTermDays: 14,
    currency: 'EUR',
    language: 'fi',
    customer: {
      name: 'Asiakas Oy',
      businessId: businessIdFrom(1_234_560 + counter),
      customerNumber: `C${counter}`,
      address: { street: 'Asiakaskatu 1', postalCode: '00100', city: 'Helsinki', country: 'FI' },
    },
    rows: [{ kind: 'item', name: 'Consulting', quantity: 2, unit: 'h', unitPrice: 100, vatPercent: 25.5 }],
    ...overrides,
  };
}
