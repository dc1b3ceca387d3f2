// The emulator in its own process for the register benchmark, with one company holding N business partners and M
// products put straight into its state (50,000 POSTs would take minutes); prints its credentials as one JSON line.
import { parseArgs } from 'node:util';
import { createCompany, startEmulator } from '@procountor-bridge/emulator';

const { values } = parseArgs({ options: { partners: { type: 'string' }, products: { type: 'string' } } });
const PARTNERS = Number(values.partners ?? 50_000);
const PRODUCTS = Number(values.products ?? 10_000);

const emulator = await startEmulator({ port: 0 });
const { state } = emulator.context;
const now = Date.now();
const company = createCompany(state, { name: 'Rekisterit Oy', businessId: '2980005-2' }, new Date(now).toISOString());
const data = state.companies.get(company.companyId);
if (!data) throw new Error('the company was not created');
const nextId = () => {
  state.nextId += 1;
  return state.nextId;
};
// Versions a few minutes in the past and increasing, as records made over time would have.
const version = (index: number) => new Date(now - 600_000 + index).toISOString();
for (let index = 0; index < PARTNERS; index += 1) {
  const id = nextId();
  const name = `Asiakas ${index} Oy`;
  data.businessPartners.set(id, {
    id,
    type: 'CUSTOMER',
    name,
    address: { name, street: `Katu ${index}`, zip: '00100', city: 'Helsinki', country: 'FINLAND' },
    invoicingInfo: { customerNumber: String(100_000 + index) },
    paymentInfo: { paymentMethod: 'BANK_TRANSFER', currency: 'EUR' },
    registryInfo: { active: true },
    version: version(index),
  } as never);
}
for (let index = 0; index < PRODUCTS; index += 1) {
  const id = nextId();
  data.products.set(id, {
    id,
    type: 'SALES',
    name: `Tuote ${index}`,
    code: `P${index}`,
    unit: 'PIECE',
    price: 10,
    discount: 0,
    vat: 25.5,
    active: true,
    currency: 'EUR',
    version: version(index),
  } as never);
}
process.stdout.write(
  `${JSON.stringify({
    url: emulator.url,
    baseUrl: emulator.baseUrl,
    clientId: company.clientId,
    clientSecret: company.clientSecret,
    apiKey: company.apiKey,
  })}\n`,
);
const stop = async () => {
  await emulator.stop();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
