// The benchmark's documents: known customers and products, created in the emulator first, and invoices that use them.
import { ProcountorClient } from '@procountor-bridge/client';
import type { CustomerInput, SalesInvoiceInput } from '../../src/sales-invoices/sales-invoice-schema';
import { toProcountorPartner } from '../../src/transfers/steps/resolve-business-partner';
import { toProcountorProduct } from '../../src/transfers/steps/resolve-products';
import { businessIdFrom } from '../../test/helpers/sales-invoice-builder';
import type { EmulatorChild } from './emulator-child';

export interface KnownMasterData {
  customers: CustomerInput[];
  productCodes: string[];
}

const PRODUCT_ROWS = [
  { name: 'Konsultointi', unit: 'h', unitPrice: 120, vatPercent: 25.5 },
  { name: 'Ylläpito', unit: 'kk', unitPrice: 450, vatPercent: 25.5 },
  { name: 'Koulutus', unit: 'h', unitPrice: 95, vatPercent: 25.5 },
] as const;

/**
 * Creates the customers and products in the emulator through its API, with the same mapping the transfer engine
 * uses when it creates them (toProcountorPartner, toProcountorProduct), so every invoice finds them and none is created.
 */
export async function createKnownMasterData(emulator: EmulatorChild, customerCount: number): Promise<KnownMasterData> {
  const client = new ProcountorClient({
    baseUrl: emulator.baseUrl,
    clientId: emulator.clientId,
    clientSecret: emulator.clientSecret,
    apiKey: emulator.apiKey,
  });
  const customers: CustomerInput[] = [];
  for (let index = 0; index < customerCount; index += 1) {
    const customer: CustomerInput = {
      name: `Penkki ${index + 1} Oy`,
      businessId: businessIdFrom(2_345_000 + index * 7),
      customerNumber: `BENCH-C${index + 1}`,
      address: { street: 'Penkkikatu 1', postalCode: '00100', city: 'Helsinki', country: 'FI' },
    };
    await client.businessPartners.create(toProcountorPartner(customer));
    customers.push(customer);
  }
  const productCodes: string[] = [];
  for (const [index, row] of PRODUCT_ROWS.entries()) {
    const code = `BENCH-P${index + 1}`;
    await client.products.create(toProcountorProduct(code, { kind: 'item', quantity: 1, ...row }, 'EUR'));
    productCodes.push(code);
  }
  return { customers, productCodes };
}

/** A valid sales invoice of a known customer with one row of a known product. */
export function benchSalesInvoice(prefix: string, index: number, known: KnownMasterData): SalesInvoiceInput {
  const row = PRODUCT_ROWS[index % PRODUCT_ROWS.length]!;
  return {
    externalId: `${prefix}-${index}`,
    invoiceNumber: `${prefix}-${index}`,
    invoiceDate: new Date().toISOString().slice(0, 10),
    paymentTermDays: 14,
    currency: 'EUR',
    language: 'fi',
    customer: known.customers[index % known.customers.length]!,
    rows: [{ kind: 'item', productCode: known.productCodes[index % known.productCodes.length]!, quantity: 2, ...row }],
  };
}
