// Deterministic exchange rates for GET /currencies/latest and /currencies/exchangerate (assumption: fixed table).

/** Units of each currency per 1 EUR. Fixed, so tests can assert amounts (README "Assumptions"). */
export const UNITS_PER_EUR: Record<string, number> = {
  EUR: 1,
  USD: 1.08,
  GBP: 0.85,
  SEK: 11.5,
  NOK: 11.7,
  DKK: 7.46,
  CHF: 0.95,
  JPY: 160,
  PLN: 4.3,
  CAD: 1.47,
};

/** Contract rateType of GET /currencies/exchangerate, in the order of GET /currencies/latest's codes 1–6. */
export const RATE_TYPES = [
  'PROCOUNTOR_ACCOUNTING_EXCHANGE_RATE',
  'ACCOUNT_CURRENCY_AVERAGE_RATE',
  'ACCOUNT_CURRENCY_BUYING_RATE',
  'ACCOUNT_CURRENCY_SELLING_RATE',
  'CASH_BUYING_RATE',
  'CASH_CURRENCY_SALE_EXCHANGE_RATE',
] as const;

// Buying and selling rates differ from the middle rate by a fixed spread (assumption).
const SPREAD_BY_RATE_TYPE = [0, 0, 0.01, -0.01, 0.02, -0.02];

/** Units of `currency` per one unit of `baseCurrency`, rounded to 6 decimals; undefined when either is unknown. */
export function exchangeRate(baseCurrency: string, currency: string, rateTypeIndex = 0): number | undefined {
  const base = UNITS_PER_EUR[baseCurrency];
  const target = UNITS_PER_EUR[currency];
  if (base === undefined || target === undefined) return undefined;
  const middle = target / base;
  return Math.round(middle * (1 + (SPREAD_BY_RATE_TYPE[rateTypeIndex] ?? 0)) * 1e6) / 1e6;
}
