// Whether a date falls in a closed fiscal year or tracking period: Procountor refuses such dates (CLOSED_FISCAL_PERIOD).
import { fiscalPeriodStatusOn } from '../registers/fiscal-periods';
import type { CompanyData } from '../state/emulator-state';

/** FACTS.md "Errors": CLOSED_FISCAL_PERIOD — date in a closed period. */
export const CLOSED_FISCAL_PERIOD = 'CLOSED_FISCAL_PERIOD';

/**
 * True when `date` (YYYY-MM-DD) lies in a closed fiscal year or tracking period (contract FiscalYear, TrackingPeriod).
 * A date outside every fiscal year is accepted (assumption, README "Assumptions").
 */
export function isInClosedFiscalPeriod(company: CompanyData, date: string | undefined): boolean {
  if (!date) return false;
  return fiscalPeriodStatusOn(company.fiscalYears, date) === 'CLOSED';
}
