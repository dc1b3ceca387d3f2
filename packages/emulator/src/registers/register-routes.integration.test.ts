import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSession, type TestSession } from '../../test/helpers/test-session';
import { isValidAgainst } from '../http/contract-validator';

describe('register routes (VATs, chart of accounts, fiscal years, currencies)', () => {
  let session: TestSession;
  beforeAll(async () => {
    session = await startTestSession();
  });
  afterAll(() => session.emulator.stop());
  const get = (path: string) => session.api(path);

  it('answers Finnish VATs and statuses in the contract shapes', async () => {
    const vats = await (await get('/vats/default')).json();
    expect(isValidAgainst('VatInformation', vats).valid).toBe(true);
    // The rates in force since 2026-01-01 (HE 93/2025 vp: 14 % became 13.5 %).
    expect(vats.vatInformation[0].percentages.map((vat: { vatPercent: number }) => vat.vatPercent)).toEqual([
      25.5, 13.5, 10, 0,
    ]);
    expect(isValidAgainst('VatSettings', await (await get('/vats/settings')).json()).valid).toBe(true);
    expect(await (await get('/vats/country?countryCode=SE')).json()).toEqual({ vatPercentages: [25, 12, 6, 0] });
    expect((await get('/vats/country?countryCode=XX')).status).toBe(400);
    expect((await get('/vats/country')).status).toBe(400);
  });

  it('answers the chart of accounts with sales, receivables, payables and VAT accounts', async () => {
    const coa = await (await get('/coa')).json();
    expect(isValidAgainst('LedgerAccounts', coa).valid).toBe(true);
    const codes = coa.ledgerAccounts.map((account: { ledgerAccountCode: string }) => account.ledgerAccountCode);
    expect(codes).toEqual(expect.arrayContaining(['3000', '1700', '2870', '2937', '1763']));
  });

  it('lists fiscal years newest first: this year open, the one three years back closed', async () => {
    const { fiscalYears } = await (await get('/fiscalyears')).json();
    expect(isValidAgainst('FiscalYears', { fiscalYears }).valid).toBe(true);
    const year = new Date().getUTCFullYear();
    expect(
      fiscalYears.map((fiscalYear: { startDate: string; isOpen: boolean }) => [
        fiscalYear.startDate,
        fiscalYear.isOpen,
      ]),
    ).toEqual([
      [`${year}-01-01`, true],
      [`${year - 1}-01-01`, true],
      [`${year - 2}-01-01`, true],
      [`${year - 3}-01-01`, false],
    ]);
    expect(fiscalYears[3].trackingPeriods.every((period: { status: string }) => period.status === 'CLOSED')).toBe(true);
  });

  it('answers currencies and deterministic exchange rates, refusing bad parameters', async () => {
    expect(isValidAgainst('Currencies', await (await get('/currencies')).json()).valid).toBe(true);
    expect(await (await get('/currencies/company')).json()).toEqual({ companyCurrency: 'EUR' });
    const latest = await (await get('/currencies/latest')).json();
    expect(isValidAgainst('CurrencyGroupRates', latest).valid).toBe(true);
    expect(latest.rates).toContainEqual({ currencyCode: 'USD', currencyRate: 1.08 });
    expect((await get('/currencies/latest?rateType=7')).status).toBe(400);
    const rate = await (
      await get(
        '/currencies/exchangerate?baseCurrency=EUR&currency=SEK&day=2025-03-03&rateType=PROCOUNTOR_ACCOUNTING_EXCHANGE_RATE',
      )
    ).json();
    expect(isValidAgainst('CurrencyExchangeRate', rate).valid).toBe(true);
    expect(rate.rate).toBe(11.5);
    const missing = await get('/currencies/exchangerate?baseCurrency=EUR');
    expect((await missing.json()).errors.map((entry: { field: string }) => entry.field)).toEqual([
      'currency',
      'day',
      'rateType',
    ]);
    expect(
      (await get('/currencies/exchangerate?baseCurrency=EUR&currency=XYZ&day=2025-03-03&rateType=CASH_BUYING_RATE'))
        .status,
    ).toBe(404);
  });
});
