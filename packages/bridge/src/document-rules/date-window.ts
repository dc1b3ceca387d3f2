// The dates a document may carry: invoice dates inside a documented window, due dates within Procountor's payment term.
import type { ErrorDetail } from '../errors/bridge-error';
import { MAX_PAYMENT_TERM_DAYS } from '../sales-invoices/field-limits';

/**
 * The earliest invoice date accepted: the first day whose Finnish VAT rates the bridge knows
 * (client finnish/vat-rates.ts starts on 2010-07-01), so every accepted row's VAT rate can be checked. Procountor
 * itself books a document only into an open fiscal period (CLOSED_FISCAL_PERIOD, FACTS.md), which older dates miss.
 */
export const EARLIEST_DOCUMENT_DATE = '2010-07-01';

/**
 * How far ahead of today an invoice date may be: one year. A date further ahead is a typo (2999 for 2026); a company
 * opens its fiscal years one at a time, so Procountor has no period to book it into (assumption, docs/errors.md).
 */
export const MAX_DOCUMENT_DATE_DAYS_AHEAD = 366;

const DAY_MS = 86_400_000;

/** Days from one YYYY-MM-DD date to another. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Today's date in UTC, YYYY-MM-DD. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The problem with an invoice date outside [EARLIEST_DOCUMENT_DATE, today + MAX_DOCUMENT_DATE_DAYS_AHEAD]. */
export function documentDateProblem(path: string, date: string, today: string): ErrorDetail | undefined {
  const latest = addDays(today, MAX_DOCUMENT_DATE_DAYS_AHEAD);
  if (date < EARLIEST_DOCUMENT_DATE) {
    return {
      path,
      rule: 'date_window',
      message: `${date} is before ${EARLIEST_DOCUMENT_DATE}, the first day whose Finnish VAT rates are known; check the year`,
    };
  }
  if (date > latest) {
    return {
      path,
      rule: 'date_window',
      message: `${date} is more than a year ahead (after ${latest}); check the year`,
    };
  }
  return undefined;
}

/** True when a document date passed documentDateProblem: rules that read the date (VAT rates) may run. */
export function isInDocumentDateWindow(date: string, today: string): boolean {
  return documentDateProblem('', date, today) === undefined;
}

/** The problems with a due date: not before the invoice date, at most 999 days after it. */
export function dueDateProblems(path: string, invoiceDate: string, dueDate: string): ErrorDetail[] {
  const term = daysBetween(invoiceDate, dueDate);
  if (term < 0) {
    return [
      {
        path,
        rule: 'due_date_not_before_invoice_date',
        message: 'must not be before the invoice date (Procountor DUE_DATE_BEFORE_BILL_DATE)',
      },
    ];
  }
  if (term > MAX_PAYMENT_TERM_DAYS) {
    return [
      {
        path,
        rule: 'payment_term_days',
        message: `the payment term is ${term} days; Procountor takes 0–999 (the contract, PaymentInfo.dueDate)`,
      },
    ];
  }
  return [];
}
