// Decimal places as the source wrote them, and the limits of quantities, prices and percentages.
import { describe, expect, it } from 'vitest';
import { amountProblem, decimalPlacesOf, numberProblem, ROW_QUANTITY_LIMIT, VAT_PERCENT_LIMIT } from './number-limits';

describe('decimalPlacesOf', () => {
  it.each([
    [1, 0],
    [0.1, 1],
    [12.34567, 5],
    [1e-7, 7],
    [1.5e-7, 8],
    [12e3, 0],
    [1e300, 0],
    [-0.25, 2],
  ])('%s has %i decimal places', (value, places) => {
    expect(decimalPlacesOf(value)).toBe(places);
  });
});

describe('numberProblem', () => {
  it('accepts the bounds and refuses one step past them, citing the source', () => {
    expect(numberProblem('q', 999_999_999.99, ROW_QUANTITY_LIMIT)).toBeUndefined();
    expect(numberProblem('q', -999_999_999.99, ROW_QUANTITY_LIMIT)).toBeUndefined();
    expect(numberProblem('q', 1_000_000_000, ROW_QUANTITY_LIMIT)).toMatchObject({
      path: 'q',
      rule: 'quantity_limits',
      message: expect.stringContaining('SalarySlipRow.quantity'),
    });
    expect(numberProblem('v', 25.5, VAT_PERCENT_LIMIT)).toBeUndefined();
    expect(numberProblem('v', 25.505, VAT_PERCENT_LIMIT)).toMatchObject({ rule: 'vat_percent_limits' });
    expect(numberProblem('v', -1, VAT_PERCENT_LIMIT)).toMatchObject({ rule: 'vat_percent_limits' });
  });
});

describe('amountProblem', () => {
  it('refuses amounts past ±999,999,999.99 and non-finite ones', () => {
    expect(amountProblem('rows', 'total', -999_999_999.99)).toBeUndefined();
    expect(amountProblem('rows', 'total', 1e10)).toMatchObject({ rule: 'amount_limits' });
    expect(amountProblem('rows', 'total', Number.POSITIVE_INFINITY)).toMatchObject({ rule: 'amount_limits' });
  });
});
