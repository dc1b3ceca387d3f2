// The invoice date window and the due date's payment term.
import { describe, expect, it } from 'vitest';
import { documentDateProblem, dueDateProblems, EARLIEST_DOCUMENT_DATE } from './date-window';

describe('documentDateProblem', () => {
  const today = '2026-12-04';
  it('accepts the first known VAT day up to a year ahead', () => {
    expect(documentDateProblem('invoiceDate', EARLIEST_DOCUMENT_DATE, today)).toBeUndefined();
    expect(documentDateProblem('invoiceDate', '2027-12-05', today)).toBeUndefined();
  });
  it('refuses the day before, the day after and typo years, naming the field', () => {
    expect(documentDateProblem('invoiceDate', '2010-06-30', today)).toMatchObject({
      path: 'invoiceDate',
      rule: 'date_window',
    });
    expect(documentDateProblem('invoiceDate', '2027-12-06', today)).toMatchObject({ rule: 'date_window' });
    expect(documentDateProblem('invoiceDate', '2999-01-01', today)).toMatchObject({ rule: 'date_window' });
    expect(documentDateProblem('invoiceDate', '1800-01-01', today)).toMatchObject({ rule: 'date_window' });
  });
});

describe('dueDateProblems', () => {
  it('allows 0 to 999 days', () => {
    expect(dueDateProblems('dueDate', '2026-01-01', '2026-01-01')).toEqual([]);
    expect(dueDateProblems('dueDate', '2026-01-01', '2028-09-26')).toEqual([]);
    expect(dueDateProblems('dueDate', '2026-01-01', '2028-09-27')).toEqual([
      expect.objectContaining({ rule: 'payment_term_days' }),
    ]);
    expect(dueDateProblems('dueDate', '2026-01-02', '2026-01-01')).toEqual([
      expect.objectContaining({ rule: 'due_date_not_before_invoice_date' }),
    ]);
  });
});
