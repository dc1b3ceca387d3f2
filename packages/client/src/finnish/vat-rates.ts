// Finnish VAT rates by date: the general, reduced and zero rates in force on a given day since 2010-07-01.
import { invalid, type ValidationResult, type ValueResult } from './validation-result';

/** One VAT percentage and, in brief, what it applies to. */
export interface FinnishVatRate {
  percent: number;
  appliesTo: string;
}

/** The Finnish VAT rates in force during one period. */
export interface FinnishVatRates {
  /** First day the rates apply, `YYYY-MM-DD`. */
  validFrom: string;
  /** Last day the rates apply, `YYYY-MM-DD`; undefined while they are in force. */
  validUntil: string | undefined;
  general: FinnishVatRate;
  /** Highest first. */
  reduced: readonly FinnishVatRate[];
  zero: FinnishVatRate;
  /** Every valid percentage, highest first: general, reduced, 0. */
  percents: readonly number[];
}

const ZERO_RATE: FinnishVatRate = {
  percent: 0,
  appliesTo: 'tax-free sales: exports outside the EU, intra-EU sales to VAT-registered buyers, reverse charge',
};

function period(
  validFrom: string,
  validUntil: string | undefined,
  general: FinnishVatRate,
  reduced: FinnishVatRate[],
): FinnishVatRates {
  const percents = [general.percent, ...reduced.map((rate) => rate.percent), ZERO_RATE.percent];
  return { validFrom, validUntil, general, reduced, zero: ZERO_RATE, percents };
}

const FOOD_AND_RESTAURANTS = 'food, animal feed, restaurant and catering services';
const CULTURE_TRANSPORT_MEDICINES =
  'books, medicines, physical exercise services, cultural and entertainment events, passenger transport, ' +
  'accommodation, public broadcasting, newspapers and magazines on subscription';

// What left the 10 % rate for 14 % on 2025-01-01, with the sanitary products that came down from 25.5 %.
const FORMERLY_AT_TEN =
  'books, medicines, sanitary products and diapers, physical exercise services, cultural and entertainment events, ' +
  'passenger transport, accommodation';

// Oldest first; each period ends the day before the next begins.
const PERIODS: readonly FinnishVatRates[] = [
  // Finnish Tax Administration, "Change in VAT rates as of 1 July 2010" (vero.fi detailed guidance 47792, issued
  // 2010-04-13): 22 → 23 %, food 12 → 13 %, restaurants 22 → 13 %, the 8 % rate → 9 %.
  period('2010-07-01', '2012-12-31', { percent: 23, appliesTo: 'most goods and services' }, [
    { percent: 13, appliesTo: FOOD_AND_RESTAURANTS },
    {
      percent: 9,
      appliesTo:
        'books, medicines, physical exercise services, cultural and entertainment events, passenger transport, ' +
        'accommodation, public broadcasting',
    },
  ]),
  // Finnish Tax Administration, "Change in VAT rates as of 1 January 2013" (vero.fi detailed guidance 47792, issued
  // 2012-12-20): 23 → 24 %, 13 → 14 %, 9 → 10 %. Electricity was temporarily taxed at 10 % from 2022-12-01 to
  // 2023-04-30 (see custom-components/nordpool PR #286); that changed no percentage, so it is not a period here.
  period('2013-01-01', '2024-08-31', { percent: 24, appliesTo: 'most goods and services' }, [
    { percent: 14, appliesTo: FOOD_AND_RESTAURANTS },
    { percent: 10, appliesTo: CULTURE_TRANSPORT_MEDICINES },
  ]),
  // vero.fi "Rates of VAT": "The general VAT rate is 25.5% starting 1 September 2024"; reduced rates unchanged.
  period('2024-09-01', '2024-12-31', { percent: 25.5, appliesTo: 'most goods and services' }, [
    { percent: 14, appliesTo: FOOD_AND_RESTAURANTS },
    { percent: 10, appliesTo: CULTURE_TRANSPORT_MEDICINES },
  ]),
  // vero.fi "Rates of VAT", "Changes to VAT rates as of 1 January 2025": most goods and services at 10 % move to 14 %
  // (books, pharmaceuticals, passenger transport, accommodation, culture, sports …); newspapers, magazines and public
  // broadcasting stay at 10 %; sanitary protection products and children's diapers move from 25.5 % to 14 %.
  period('2025-01-01', '2025-12-31', { percent: 25.5, appliesTo: 'most goods and services' }, [
    {
      percent: 14,
      appliesTo: `${FOOD_AND_RESTAURANTS}, ${FORMERLY_AT_TEN}`,
    },
    { percent: 10, appliesTo: 'newspapers, magazines, public broadcasting' },
  ]),
  // Government proposal HE 93/2025 vp (eduskunta.fi): the 14 % rate becomes 13.5 % from 2026-01-01 for everything it
  // covered, and public broadcasting moves from 10 % to 13.5 %. In force from 2026-01-01 as part of the 2026 budget
  // (vatapi.com news, 2026-01-01; vatcalc.com "Finland cuts reduced VAT to 13.5% Jan 2026").
  period('2026-01-01', undefined, { percent: 25.5, appliesTo: 'most goods and services' }, [
    {
      percent: 13.5,
      appliesTo: `${FOOD_AND_RESTAURANTS}, ${FORMERLY_AT_TEN}, public broadcasting`,
    },
    { percent: 10, appliesTo: 'newspapers and magazines' },
  ]),
];

const FIRST_COVERED_DAY = PERIODS[0]!.validFrom;

// Finnish VAT follows the Finnish calendar day: a Date is read in Helsinki time.
const HELSINKI_DAY = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Helsinki',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day `YYYY-MM-DD` of a date string or a Date (in Helsinki), or undefined when it is not a real day. */
function toCalendarDay(date: string | Date): string | undefined {
  if (date instanceof Date) {
    if (Number.isNaN(date.getTime())) return undefined;
    const parts = HELSINKI_DAY.formatToParts(date);
    const part = (type: string) => parts.find((p) => p.type === type)?.value;
    return `${part('year')}-${part('month')}-${part('day')}`;
  }
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!match) return undefined;
  const [, year, month, day] = match;
  const parsed = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  // Date.UTC rolls 2025-02-30 over to March; a real day survives the round trip.
  return parsed.toISOString().slice(0, 10) === match[0] ? match[0] : undefined;
}

/**
 * Returns the Finnish VAT rates in force on a day: a `YYYY-MM-DD` string (an invoice or delivery date) or a Date,
 * read as a Helsinki calendar day. Covers 2010-07-01 onwards; an earlier day or one that does not exist gives a
 * reason instead. Which day decides the rate (delivery, completion, advance payment) is the caller's choice.
 */
export function finnishVatRatesOn(date: string | Date): ValueResult<FinnishVatRates> {
  const day = toCalendarDay(date);
  if (day === undefined) return invalid('the date must be a real calendar day written YYYY-MM-DD');
  if (day < FIRST_COVERED_DAY) return invalid(`Finnish VAT rates before ${FIRST_COVERED_DAY} are not covered`);
  const rates = PERIODS.findLast((candidate) => candidate.validFrom <= day)!;
  return { valid: true, value: rates };
}

function listPercents(percents: readonly number[]): string {
  const written = percents.map((percent) => `${percent} %`);
  return `${written.slice(0, -1).join(', ')} and ${written.at(-1)}`;
}

/**
 * Validates a VAT percentage against the Finnish rates in force on a day (see {@link finnishVatRatesOn}), e.g. 24 is
 * refused on 2025-03-01 because the general rate was then 25.5. Whether the rate suits the product is not checked.
 */
export function validateFinnishVatRate(percent: number, date: string | Date): ValidationResult {
  if (!Number.isFinite(percent)) return invalid('the VAT percentage must be a number');
  const rates = finnishVatRatesOn(date);
  if (!rates.valid) return rates;
  if (rates.value.percents.includes(percent)) return { valid: true };
  const day = toCalendarDay(date)!;
  return invalid(
    `${percent} % is not a Finnish VAT rate on ${day} (the rates on that day: ${listPercents(rates.value.percents)})`,
  );
}

/** True when `percent` is one of the Finnish VAT rates in force on the day; see {@link validateFinnishVatRate}. */
export function isValidFinnishVatRate(percent: number, date: string | Date): boolean {
  return validateFinnishVatRate(percent, date).valid;
}
