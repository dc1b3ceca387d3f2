// The mark-paid request's own checks: amounts Procountor can hold, payment dates that are calendar days in the window.
import { describe, expect, it } from 'vitest';
import { markPaidInputProblems } from './mark-paid';

const today = '2026-12-04';

describe('markPaidInputProblems', () => {
  it('accepts an amount of 2 decimals, a negative one for a credit, and no fields at all', () => {
    expect(markPaidInputProblems({ amount: 125.5, paymentDate: '2026-12-01' }, today)).toEqual([]);
    expect(markPaidInputProblems({ amount: -80.25 }, today)).toEqual([]);
    expect(markPaidInputProblems({}, today)).toEqual([]);
  });

  it('refuses an amount beyond ±999,999,999.99 or with more than 2 decimals, naming amount', () => {
    for (const amount of [1e308, -1e12, 10.001, 1e-7]) {
      expect(markPaidInputProblems({ amount }, today)).toEqual([
        expect.objectContaining({ path: 'amount', rule: 'amount_limits' }),
      ]);
    }
  });

  it('refuses a payment date that is no calendar day, or outside the document date window', () => {
    expect(markPaidInputProblems({ paymentDate: '2026-13-01' }, today)).toEqual([
      expect.objectContaining({ path: 'paymentDate', rule: 'date' }),
    ]);
    expect(markPaidInputProblems({ paymentDate: '2026-02-30' }, today)[0]).toMatchObject({ rule: 'date' });
    expect(markPaidInputProblems({ paymentDate: '1800-01-01' }, today)[0]).toMatchObject({
      path: 'paymentDate',
      rule: 'date_window',
    });
  });
});
