// `bridge next-invoice-number` as a user runs it, against the emulator, on PostgreSQL: unknown before the company's
// first sales invoice, then the number after the latest one, always said to be a prediction.
import { ProcountorClient, type ProcountorInvoice } from '@procountor-bridge/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliTestSetup, startCliTestSetup } from '../../../test/helpers/bridge-cli';

/** A sales invoice as a user creates it in Procountor (not through the bridge). */
function salesInvoiceBody(): ProcountorInvoice {
  const today = new Date().toISOString().slice(0, 10);
  return {
    type: 'SALES_INVOICE',
    date: today,
    counterParty: {
      counterPartyAddress: { name: 'Asiakas Oy', street: 'Katu 1', zip: '00100', city: 'Helsinki', country: 'FINLAND' },
    },
    paymentInfo: {
      paymentMethod: 'BANK_TRANSFER',
      currency: 'EUR',
      dueDate: today,
      currencyRate: 1,
      bankAccount: { accountNumber: 'FI2112345600000785' },
    },
    extraInfo: { accountingByRow: false, unitPricesIncludeVat: false },
    discountPercent: 0,
    invoiceChannel: 'NO_SENDING',
    language: 'FINNISH',
    vatStatus: 1,
    invoiceRows: [{ product: 'Työ', quantity: 1, unit: 'HOUR', unitPrice: 100, discountPercent: 0, vatPercent: 25.5 }],
  } as ProcountorInvoice;
}

describe('bridge next-invoice-number (CLI) [postgres]', () => {
  let setup: CliTestSetup;
  beforeAll(async () => {
    setup = await startCliTestSetup('Numerointi Oy');
  });
  afterAll(async () => {
    await setup?.stop();
  });

  it('prints the predicted number with how it was found and its limits', { timeout: 120_000 }, async () => {
    const { cli, connectionId, procountor } = setup;
    const empty = await cli(['next-invoice-number', '--connection', connectionId]);
    expect(empty.code, empty.stderr).toBe(0);
    expect(empty.stdout).toMatch(/next invoice number:\s+unknown/);
    expect(empty.stdout).toContain('no sales invoice');

    const client = new ProcountorClient({
      baseUrl: procountor.emulator.baseUrl,
      clientId: procountor.company.clientId,
      clientSecret: procountor.company.clientSecret,
      apiKey: procountor.company.apiKey,
    });
    const latest = await client.invoices.create(salesInvoiceBody());
    const text = await cli(['next-invoice-number', '--connection', connectionId]);
    expect(text.stdout).toMatch(new RegExp(`next invoice number:\\s+${latest.invoiceNumber! + 1}\\n`));
    expect(text.stdout).toContain('not a reservation');
    const json = await cli(['next-invoice-number', '--connection', connectionId, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({
      predictedInvoiceNumber: latest.invoiceNumber! + 1,
      isReservation: false,
      fromCache: false,
      basis: { latestInvoiceNumber: latest.invoiceNumber, latestProcountorInvoiceId: latest.id },
    });

    const unknown = await cli(['next-invoice-number', '--connection', 'con_nope']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('con_nope');
  });
});
