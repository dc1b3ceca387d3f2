import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../src/start-emulator';
import type { Invoice } from '../src/state/contract-types';
import { addPartner, createInvoice, purchaseInvoice, salesInvoice } from './helpers/invoice-test-builders';
import { addTestCompany, apiWithToken, requestToken, type TestSession } from './helpers/test-session';

describe('startEmulator({ statePath })', () => {
  const directory = mkdtempSync(join(tmpdir(), 'emulator-state-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('keeps a company created through the admin surface across a stop and a start from the file', async () => {
    const statePath = join(directory, 'state.json');
    const first = await startEmulator({ port: 0, statePath });
    const created = await (
      await fetch(`${first.url}/_emulator/companies`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Pysyvä Oy' }),
      })
    ).json();
    await first.stop();

    const second = await startEmulator({ port: 0, statePath });
    try {
      const tokenResponse = await fetch(`${second.baseUrl}/oauth/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: created.clientId,
          client_secret: created.clientSecret,
          api_key: created.apiKey,
        }).toString(),
      });
      expect(tokenResponse.status).toBe(200);
      const { access_token: token } = await tokenResponse.json();
      const company = await (
        await fetch(`${second.baseUrl}/company`, { headers: { authorization: `Bearer ${token}` } })
      ).json();
      expect(company).toMatchObject({ id: created.companyId, name: 'Pysyvä Oy' });
    } finally {
      await second.stop();
    }
  });

  it('loads a state file from before number series: the series counters follow the stored invoices', async () => {
    const statePath = join(directory, 'one-counter.json');
    const first = await startEmulator({ port: 0, statePath });
    const session: TestSession = { emulator: first, ...(await addTestCompany(first)) };
    const customerId = addPartner(session, 'CUSTOMER');
    const supplierId = addPartner(session, 'SUPPLIER');
    await createInvoice(session, salesInvoice(session, customerId));
    await createInvoice(session, purchaseInvoice(session, supplierId));
    await createInvoice(session, salesInvoice(session, customerId));
    await first.stop();

    // Rewritten as the emulator saved it while one counter numbered every type: sales 1, purchase 2, sales 3, next 4.
    const saved = JSON.parse(readFileSync(statePath, 'utf8'));
    const company = saved.companies.$map.find(([id]: [number]) => id === session.company.companyId)[1];
    delete company.nextInvoiceNumbers;
    company.nextInvoiceNumber = 4;
    company.invoices.$map.forEach(([, invoice]: [number, Invoice], index: number) => {
      invoice.invoiceNumber = index + 1;
    });
    writeFileSync(statePath, JSON.stringify(saved));

    const second = await startEmulator({ port: 0, statePath });
    try {
      const token = await requestToken(second, session.company);
      const reopened: TestSession = {
        emulator: second,
        company: session.company,
        token,
        api: apiWithToken(second, token),
      };
      expect((await createInvoice(reopened, salesInvoice(reopened, customerId))).invoiceNumber).toBe(4);
      expect((await createInvoice(reopened, purchaseInvoice(reopened, supplierId))).invoiceNumber).toBe(3);
      expect((await createInvoice(reopened, salesInvoice(reopened, customerId))).invoiceNumber).toBe(5);
    } finally {
      await second.stop();
    }
    const resaved = JSON.parse(readFileSync(statePath, 'utf8'));
    const afterwards = resaved.companies.$map.find(([id]: [number]) => id === session.company.companyId)[1];
    expect(afterwards.nextInvoiceNumbers).toEqual({ SALES_INVOICES: 6, PURCHASE_INVOICES: 4 });
    expect(afterwards).not.toHaveProperty('nextInvoiceNumber');
  });
});
