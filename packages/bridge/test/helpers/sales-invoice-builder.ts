// Builds canonical sales invoices for tests: valid by default, with valid Finnish business IDs on demand.
import { createBusinessId } from '@procountor-bridge/client/finnish';
import type { SalesInvoiceInput } from '../../src/sales-invoices/sales-invoice-schema';

/** A valid Y-tunnus from seven digits, skipping digit sequences that have no check digit (remainder 1). */
export function businessIdFrom(seed: number): string {
  for (let n = seed; ; n += 1) {
    const created = createBusinessId(String(n % 10_000_000).padStart(7, '0'));
    if (created.valid) return created.value;
  }
}

let counter = 0;
/**
 * The seven digits of the last customer business ID handed out. Taken one past it each time: businessIdFrom maps
 * two neighbouring seeds to one ID where it skips, and files sharing a test process continue the count.
 */
let lastBusinessIdSeed = 1_234_560;

function nextCustomerBusinessId(): string {
  const businessId = businessIdFrom(lastBusinessIdSeed + 1);
  lastBusinessIdSeed = Number(businessId.slice(0, 7));
  return businessId;
}

/** A unique externalId, invoice number and customer per call, so tests sharing a database never collide. */
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
      businessId: nextCustomerBusinessId(),
      customerNumber: `C${counter}`,
      address: { street: 'Asiakaskatu 1', postalCode: '00100', city: 'Helsinki', country: 'FI' },
    },
    rows: [{ kind: 'item', name: 'Consulting', quantity: 2, unit: 'h', unitPrice: 100, vatPercent: 25.5 }],
    ...overrides,
  };
}
