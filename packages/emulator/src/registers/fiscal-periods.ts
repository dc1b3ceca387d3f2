// Fiscal years with monthly tracking periods, and the question invoices and ledger receipts ask: is this date closed?
import type { FiscalYear } from '../state/contract-types';

function lastDayOfMonth(year: number, month: number): string {
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
}

/** A calendar fiscal year with twelve tracking periods, all OPEN or all CLOSED. */
export function calendarFiscalYear(year: number, isOpen: boolean, nextId: () => number, modified: string): FiscalYear {
  const trackingPeriods = Array.from({ length: 12 }, (_, index) => ({
    id: nextId(),
    startDate: `${year}-${String(index + 1).padStart(2, '0')}-01`,
    endDate: lastDayOfMonth(year, index + 1),
    status: isOpen ? ('OPEN' as const) : ('CLOSED' as const),
    modified,
  }));
  return { id: nextId(), startDate: `${year}-01-01`, endDate: `${year}-12-31`, modified, isOpen, trackingPeriods };
}

export type FiscalPeriodStatus = 'OPEN' | 'PENDING' | 'CLOSED' | 'NO_FISCAL_YEAR';

/**
 * The status of the period a date (YYYY-MM-DD) falls in. Booking into a CLOSED one is what Procountor refuses with
 * CLOSED_FISCAL_PERIOD (FACTS.md, Errors); a date outside every fiscal year answers NO_FISCAL_YEAR.
 */
export function fiscalPeriodStatusOn(fiscalYears: readonly FiscalYear[], date: string): FiscalPeriodStatus {
  const year = fiscalYears.find((candidate) => candidate.startDate! <= date && date <= candidate.endDate!);
  if (!year) return 'NO_FISCAL_YEAR';
  if (!year.isOpen) return 'CLOSED';
  const period = year.trackingPeriods?.find((candidate) => candidate.startDate! <= date && date <= candidate.endDate!);
  return period?.status ?? 'OPEN';
}
