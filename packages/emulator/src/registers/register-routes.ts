// Reference data: VATs (GET /vats/*), chart of accounts (GET /coa), fiscal years and currencies (contract 26.04).
import type { FastifyInstance } from 'fastify';
import { companyOf } from '../auth/bearer-auth';
import type { EmulatorContext } from '../emulator-context';
import { ProcountorApiError } from '../http/procountor-error';
import { fieldProblem } from '../http/validate-body';
import { exchangeRate, RATE_TYPES, UNITS_PER_EUR } from './exchange-rates';
import { FINNISH_VAT_STATUSES, finnishVatPercentagesOn, VAT_PERCENTAGES_BY_COUNTRY } from './finnish-vat';

type Query = Record<string, string | undefined>;

export function registerRegisterRoutes(app: FastifyInstance, context: EmulatorContext): void {
  app.get('/api/vats/settings', async (request) => companyOf(request, context).vatSettings);

  // The rates valid today (25.5 % general rate since 2024-09-01), each usable in sales and purchases.
  app.get('/api/vats/default', async (request) => {
    companyOf(request, context);
    const percentages = finnishVatPercentagesOn(context.today()).map((vatPercent) => ({
      vatPercent,
      sales: true,
      purchase: true,
    }));
    return { vatInformation: [{ country: 'FINLAND', percentages }], vatStatuses: FINNISH_VAT_STATUSES };
  });

  app.get('/api/vats/country', async (request) => {
    companyOf(request, context);
    const { countryCode } = request.query as Query;
    if (!countryCode) throw ProcountorApiError.badRequest('countryCode', 'must not be null');
    const percentages = VAT_PERCENTAGES_BY_COUNTRY[countryCode.toUpperCase()];
    // Contract: "400 The country code is invalid."
    if (!percentages)
      throw ProcountorApiError.badRequest('countryCode', `The country code is invalid: '${countryCode}'`);
    return { vatPercentages: percentages };
  });

  app.get('/api/coa', async (request) => ({ ledgerAccounts: companyOf(request, context).ledgerAccounts }));

  // Contract: "ordered by their start date, from newest to oldest"; tracking periods chronological.
  app.get('/api/fiscalyears', async (request) => {
    const fiscalYears = [...companyOf(request, context).fiscalYears].sort((a, b) =>
      (b.startDate ?? '').localeCompare(a.startDate ?? ''),
    );
    return { fiscalYears };
  });

  app.get('/api/currencies', async (request) => ({ currencies: companyOf(request, context).currencies }));

  app.get('/api/currencies/company', async (request) => ({
    companyCurrency: companyOf(request, context).info.companyCurrency,
  }));

  app.get('/api/currencies/latest', async (request) => {
    const company = companyOf(request, context);
    const raw = (request.query as Query).rateType ?? '1';
    // Contract: "Only the following numbers can be used: 1, 2, 3, 4, 5, 6", else 400.
    if (!/^[1-6]$/.test(raw))
      throw ProcountorApiError.badRequest('rateType', `Allowed only: [1,2,3,4,5,6]; got '${raw}'`);
    const base = company.info.companyCurrency ?? 'EUR';
    const rates = Object.keys(UNITS_PER_EUR)
      .filter((code) => code !== base)
      .map((currencyCode) => ({ currencyCode, currencyRate: exchangeRate(base, currencyCode, Number(raw) - 1)! }));
    return { baseCurrency: base, currencyDate: context.today(), rates };
  });

  app.get('/api/currencies/exchangerate', async (request) => {
    companyOf(request, context);
    const query = request.query as Query;
    const problems = (['baseCurrency', 'currency', 'day', 'rateType'] as const)
      .filter((name) => !query[name])
      .map((name) => fieldProblem(name, 'must not be null'));
    if (query.day && !/^\d{4}-\d{2}-\d{2}$/.test(query.day))
      problems.push(fieldProblem('day', 'must be a date (YYYY-MM-DD)'));
    const rateTypeIndex = RATE_TYPES.indexOf(query.rateType as (typeof RATE_TYPES)[number]);
    if (query.rateType && rateTypeIndex < 0)
      problems.push(fieldProblem('rateType', `must be one of ${RATE_TYPES.join(', ')}`));
    if (problems.length > 0) throw new ProcountorApiError(400, problems);
    const rate = exchangeRate(query.baseCurrency!, query.currency!, rateTypeIndex);
    if (rate === undefined) throw ProcountorApiError.notFound(`Exchange rate ${query.baseCurrency}/${query.currency}`);
    // The table is fixed, so the rate of the asked day is the rate (assumption: no weekend fallback to an earlier day).
    return { queryDay: query.day, currency: query.currency, day: query.day, rate };
  });
}
