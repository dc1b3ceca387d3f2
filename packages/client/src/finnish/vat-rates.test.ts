// Finnish VAT rates by date checked against the Finnish Tax Administration's announcements.
import { describe, expect, it } from 'vitest';
import { finnishVatRatesOn, isValidFinnishVatRate, validateFinnishVatRate } from './vat-rates';

function percentsOn(date: string | Date): readonly number[] | string {
  const result = finnishVatRatesOn(date);
  return result.valid ? result.value.percents : result.reason;
}

describe('finnishVatRatesOn', () => {
  it.each([
    // vero.fi "Change in VAT rates as of 1 July 2010": 23 %, 13 % (food, restaurants), 9 %.
    ['2010-07-01', [23, 13, 9, 0]],
    ['2012-12-31', [23, 13, 9, 0]],
    // vero.fi "Change in VAT rates as of 1 January 2013": 24 %, 14 %, 10 %.
    ['2013-01-01', [24, 14, 10, 0]],
    ['2024-08-31', [24, 14, 10, 0]],
    // vero.fi "Rates of VAT": the general rate is 25.5 % starting 1 September 2024.
    ['2024-09-01', [25.5, 14, 10, 0]],
    // vero.fi "Changes to VAT rates as of 1 January 2025": most 10 % goods and services move to 14 %; the rates
    // themselves stay 25.5, 14 and 10.
    ['2025-01-01', [25.5, 14, 10, 0]],
    ['2025-12-31', [25.5, 14, 10, 0]],
    // HE 93/2025 vp: the 14 % rate becomes 13.5 % from 1 January 2026.
    ['2026-01-01', [25.5, 13.5, 10, 0]],
    ['2030-06-15', [25.5, 13.5, 10, 0]],
  ])('gives the rates on %s', (date, percents) => {
    expect(percentsOn(date)).toEqual(percents);
  });

  it('tells what each rate applies to and when the period starts and ends', () => {
    const result = finnishVatRatesOn('2025-03-01');
    expect(result.valid).toBe(true);
    if (!result.valid) return;
    expect(result.value.validFrom).toBe('2025-01-01');
    expect(result.value.validUntil).toBe('2025-12-31');
    expect(result.value.general.percent).toBe(25.5);
    // vero.fi: from 2025 books and pharmaceuticals are at 14 %; newspapers, magazines and public broadcasting at 10 %.
    expect(result.value.reduced[0]!.appliesTo).toContain('books');
    expect(result.value.reduced[0]!.appliesTo).toContain('medicines');
    expect(result.value.reduced[1]!.appliesTo).toBe('newspapers, magazines, public broadcasting');
    expect(result.value.zero.percent).toBe(0);
  });

  it('books moved from 10 % to 14 % on 2025-01-01', () => {
    const before = finnishVatRatesOn('2024-12-31');
    const after = finnishVatRatesOn('2025-01-01');
    expect(before.valid && before.value.reduced.find((rate) => rate.appliesTo.includes('books'))?.percent).toBe(10);
    expect(after.valid && after.value.reduced.find((rate) => rate.appliesTo.includes('books'))?.percent).toBe(14);
  });

  it('has the current period open-ended', () => {
    const result = finnishVatRatesOn('2026-01-01');
    expect(result.valid && result.value.validUntil).toBeUndefined();
  });

  it('reads a Date as a Helsinki calendar day', () => {
    // 2024-08-31T21:30Z is already 2024-09-01 00:30 in Helsinki (UTC+3 in summer).
    expect(percentsOn(new Date('2024-08-31T21:30:00Z'))).toEqual([25.5, 14, 10, 0]);
    expect(percentsOn(new Date('2024-08-31T20:30:00Z'))).toEqual([24, 14, 10, 0]);
  });

  it.each([
    ['2010-06-30', 'Finnish VAT rates before 2010-07-01 are not covered'],
    ['', 'the date must be a real calendar day written YYYY-MM-DD'],
    ['2025-02-30', 'the date must be a real calendar day written YYYY-MM-DD'],
    ['2025-13-01', 'the date must be a real calendar day written YYYY-MM-DD'],
    ['1.1.2025', 'the date must be a real calendar day written YYYY-MM-DD'],
    ['2025-01-01T00:00:00Z', 'the date must be a real calendar day written YYYY-MM-DD'],
  ])('refuses %j: %s', (date, reason) => {
    expect(finnishVatRatesOn(date)).toEqual({ valid: false, reason });
  });

  it('refuses an invalid Date', () => {
    expect(finnishVatRatesOn(new Date('nonsense'))).toEqual({
      valid: false,
      reason: 'the date must be a real calendar day written YYYY-MM-DD',
    });
  });
});

describe('validateFinnishVatRate', () => {
  it('accepts every rate in force on the day', () => {
    for (const percent of [25.5, 13.5, 10, 0]) {
      expect(validateFinnishVatRate(percent, '2026-02-01')).toEqual({ valid: true });
    }
  });

  it('refuses a rate of another period and lists the rates of the day', () => {
    expect(validateFinnishVatRate(24, '2025-03-01')).toEqual({
      valid: false,
      reason: '24 % is not a Finnish VAT rate on 2025-03-01 (the rates on that day: 25.5 %, 14 %, 10 % and 0 %)',
    });
    expect(validateFinnishVatRate(14, '2026-01-01')).toEqual({
      valid: false,
      reason: '14 % is not a Finnish VAT rate on 2026-01-01 (the rates on that day: 25.5 %, 13.5 %, 10 % and 0 %)',
    });
    expect(validateFinnishVatRate(25.5, '2024-08-31')).toEqual({
      valid: false,
      reason: '25.5 % is not a Finnish VAT rate on 2024-08-31 (the rates on that day: 24 %, 14 %, 10 % and 0 %)',
    });
  });

  it('refuses something that is not a number, and passes date problems through', () => {
    expect(validateFinnishVatRate(Number.NaN, '2025-01-01')).toEqual({
      valid: false,
      reason: 'the VAT percentage must be a number',
    });
    expect(validateFinnishVatRate(24, '2009-01-01')).toEqual({
      valid: false,
      reason: 'Finnish VAT rates before 2010-07-01 are not covered',
    });
  });
});

describe('isValidFinnishVatRate', () => {
  it('answers the same question as a boolean', () => {
    expect(isValidFinnishVatRate(25.5, '2024-09-01')).toBe(true);
    expect(isValidFinnishVatRate(24, '2024-09-01')).toBe(false);
    expect(isValidFinnishVatRate(24, '2024-08-31')).toBe(true);
    expect(isValidFinnishVatRate(13.5, '2025-12-31')).toBe(false);
    expect(isValidFinnishVatRate(13.5, '2026-01-01')).toBe(true);
    expect(isValidFinnishVatRate(23, '2012-06-01')).toBe(true);
  });
});
