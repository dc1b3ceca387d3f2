// The typed client against the emulator: the two packages agree on the contract, end to end over real HTTP.
import {
  OutcomeUnknownError,
  ProcountorBadRequestError,
  type ProcountorBusinessPartner,
  ProcountorClient,
  type ProcountorInvoice,
  TokenCache,
} from '@procountor-bridge/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CreatedCompany, createCompany } from '../src/companies/create-company';
import { type RunningEmulator, startEmulator } from '../src/start-emulator';

describe('ProcountorClient against the emulator', () => {
  let emulator: RunningEmulator;
  let company: CreatedCompany;
  let client: ProcountorClient;

  beforeAll(async () => {
    emulator = await startEmulator({ port: 0 });
    company = createCompany(emulator.context.state, { name: 'Client Test Oy' }, new Date().toISOString());
    client = new ProcountorClient({
      baseUrl: emulator.baseUrl,
      clientId: company.clientId,
      clientSecret: company.clientSecret,
      apiKey: company.apiKey,
      tokenCache: new TokenCache(),
      initialRetryDelayMs: 10,
      maxRetryDelayMs: 50,
    });
  });
  afterAll(() => emulator.stop());

  const admin = (path: string, body: unknown) =>
    fetch(`${emulator.url}/_emulator${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  async function createCustomer(name: string): Promise<ProcountorBusinessPartner> {
    return client.businessPartners.create({
      type: 'CUSTOMER',
      name,
      address: { name, country: 'FINLAND' },
      paymentInfo: { paymentMethod: 'BANK_TRANSFER' },
    });
  }

  async function invoiceFor(partnerId: number, originalInvoiceNumber: string): Promise<ProcountorInvoice> {
    const account = (await client.bankAccounts.list()).results?.[0];
    const today = new Date().toISOString().slice(0, 10);
    return {
      type: 'SALES_INVOICE',
      partnerId,
      date: today,
      counterParty: {
        counterPartyAddress: {
          name: 'Asiakas Oy',
          street: 'Katu 1',
          zip: '00100',
          city: 'Helsinki',
          country: 'FINLAND',
        },
      },
      paymentInfo: {
        paymentMethod: 'BANK_TRANSFER',
        currency: 'EUR',
        dueDate: today,
        currencyRate: 1,
        bankAccount: { accountNumber: account!.iban },
        bankReferenceCode: '',
      },
      extraInfo: { accountingByRow: false, unitPricesIncludeVat: false },
      discountPercent: 0,
      invoiceChannel: 'MAIL',
      language: 'FINNISH',
      vatStatus: 1,
      originalInvoiceNumber,
      invoiceRows: [
        { product: 'Työ', quantity: 1, unit: 'HOUR', unitPrice: 100, discountPercent: 0, vatPercent: 25.5 },
      ],
    };
  }

  it('reads the company through an M2M token', async () => {
    const info = await client.company.get();
    expect(info.name).toBe('Client Test Oy');
  });

  it('creates a customer and finds it by name given as an HTTP header', async () => {
    const created = await createCustomer('Äijälä Oy');
    const found = await client.businessPartners.search({ name: 'Äijälä Oy' });
    expect(found.results?.map((partner) => partner.id)).toContain(created.id);
  });

  it('walks every page of a large register', async () => {
    for (let index = 0; index < 230; index += 1) await createCustomer(`Sivutus ${index} Oy`);
    const ids = new Set<number>();
    for await (const partner of client.businessPartners.iterate({ type: 'CUSTOMER' })) ids.add(partner.id!);
    expect(ids.size).toBeGreaterThanOrEqual(230);
  });

  it('creates, approves and sends an invoice, and finds it by originalInvoiceNumber', async () => {
    const partner = await createCustomer('Lasku Oy');
    const created = await client.invoices.create(await invoiceFor(partner.id!, 'CLIENT-1'));
    expect(created.status).toBe('UNFINISHED');
    await client.invoices.approve(created.id!);
    await client.invoices.send(created.id!);
    const found = await client.invoices.search({ originalInvoiceNumber: 'CLIENT-1' });
    expect(found.results).toHaveLength(1);
    expect((await client.invoices.get(created.id!)).status).toBe('SENT');
  });

  it("decodes the emulator's field errors", async () => {
    const invoice = { ...(await invoiceFor(1, 'CLIENT-BAD')), invoiceNumber: 5 };
    const error = await client.invoices.create(invoice).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProcountorBadRequestError);
    expect((error as ProcountorBadRequestError).entries.map((entry) => entry.field)).toContain('partnerId');
  });

  it('raises OutcomeUnknownError when a POST is committed but the connection drops, and the invoice exists once', async () => {
    const partner = await createCustomer('Katkos Oy');
    await admin('/faults', { pathPattern: '/api/invoices', method: 'POST', count: 1, kind: 'commit-then-drop' });
    const error = await client.invoices
      .create(await invoiceFor(partner.id!, 'CLIENT-DROP'))
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OutcomeUnknownError);
    // The caller looks before it retries (DESIGN.md): the invoice is there, exactly once.
    const found = await client.invoices.search({ originalInvoiceNumber: 'CLIENT-DROP' });
    expect(found.results).toHaveLength(1);
  });

  it('retries a 503 and a 429 with Retry-After on a GET and succeeds', async () => {
    await admin('/faults', { pathPattern: '/api/company', method: 'GET', count: 1, kind: '503' });
    await admin('/faults', { pathPattern: '/api/company', method: 'GET', count: 1, kind: '429' });
    expect((await client.company.get()).name).toBe('Client Test Oy');
  });
});
