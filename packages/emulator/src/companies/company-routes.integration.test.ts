import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addTestCompany, startTestSession, type TestSession } from '../../test/helpers/test-session';
import { isValidAgainst } from '../http/contract-validator';

describe('company, session, status and bank account routes', () => {
  let session: TestSession;
  beforeAll(async () => {
    session = await startTestSession({ name: 'Yritys Oy' });
  });
  afterAll(() => session.emulator.stop());
  const json = async (path: string) => (await session.api(path)).json();

  it('answers company info, usage settings, e-invoice address, delivery terms and templates in the contract shapes', async () => {
    expect(isValidAgainst('Company', await json('/company')).valid).toBe(true);
    expect(isValidAgainst('CompanyUsageSettings', await json('/company/usagesettings')).valid).toBe(true);
    const einvoice = await json('/company/einvoiceaddresses');
    expect(isValidAgainst('EInvoiceData', einvoice).valid).toBe(true);
    expect(einvoice.receivingAddress).toBe('003729800052');
    expect(isValidAgainst('DeliveryTerms', await json('/company/deliveryterms')).valid).toBe(true);
    expect(isValidAgainst('InvoiceTemplate', await json('/company/invoicetemplates'))).toEqual({
      valid: true,
      errors: [],
    });
    const sessionInfo = await json('/sessioninfo');
    expect(isValidAgainst('SessionInfo', sessionInfo).valid).toBe(true);
    expect(sessionInfo.companyId).toBe(session.company.companyId);
  });

  it('answers GET /status without a token', async () => {
    const status = await (await fetch(`${session.emulator.baseUrl}/status`)).json();
    expect(status).toMatchObject({ version: '26.04', status: 'OK' });
    expect(isValidAgainst('Status', status).valid).toBe(true);
  });

  it('updates the company name with PUT /company and refuses a missing name', async () => {
    const info = await json('/company');
    const ok = await session.api('/company', { method: 'PUT', body: { ...info, name: 'Uusi Nimi Oy' } });
    expect(isValidAgainst('InfoMessage', await ok.json()).valid).toBe(true);
    expect((await json('/company')).name).toBe('Uusi Nimi Oy');
    const bad = await session.api('/company', { method: 'PUT', body: { id: info.id } });
    expect((await bad.json()).errors).toEqual([{ status: 400, field: 'name', message: 'must not be null' }]);
  });

  it('lists the default bank account and creates, reads and updates another (version required, IBAN checked)', async () => {
    const list = await json('/bankaccounts');
    expect(isValidAgainst('CompanyBankAccountSearchResult', list).valid).toBe(true);
    expect(list.results[0]).toMatchObject({ currency: 'EUR', defaultForInvoice: true, status: 'ACTIVE' });
    const account = {
      iban: 'FI2112345600000785',
      currency: 'EUR',
      defaultForInvoice: true,
      defaultForPayment: false,
      status: 'ACTIVE',
      ledgerAccount: '1910',
      showAccountOnInvoice: true,
      allowPayments: true,
      allowForeignPayments: false,
    };
    const bad = await session.api('/bankaccounts', {
      method: 'POST',
      body: { ...account, iban: 'FI2112345600000786', status: 'OPEN' },
    });
    expect((await bad.json()).errors.map((entry: { field: string }) => entry.field)).toEqual(
      expect.arrayContaining(['iban', 'status']),
    );
    const created = await (await session.api('/bankaccounts', { method: 'POST', body: account })).json();
    expect(isValidAgainst('CompanyBankAccount', created).valid).toBe(true);
    expect((await session.api('/bankaccounts', { method: 'POST', body: account })).status).toBe(409);
    expect((await json(`/bankaccounts/${list.results[0].id}`)).defaultForInvoice).toBe(false);
    const stale = await session.api(`/bankaccounts/${created.id}`, {
      method: 'PUT',
      body: { ...account, bankName: 'Nordea', version: '2000-01-01T00:00:00Z' },
    });
    expect(stale.status).toBe(400);
    const updated = await session.api(`/bankaccounts/${created.id}`, {
      method: 'PUT',
      body: { ...account, bankName: 'Nordea', version: created.version },
    });
    expect((await updated.json()).bankName).toBe('Nordea');
  });

  it("a token of another company cannot read this company's bank account", async () => {
    const list = await json('/bankaccounts');
    const other = await addTestCompany(session.emulator);
    expect((await other.api(`/bankaccounts/${list.results[0].id}`)).status).toBe(404);
  });
});
