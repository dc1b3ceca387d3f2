// Finnish VAT percentages by date and the VAT statuses a Finnish company offers (GET /vats/default, /vats/country).
import { finnishVatRatesOn } from '@procountor-bridge/client/finnish';
import type { components } from '@procountor-bridge/client/generated';

type VatStatusInfo = components['schemas']['VatStatusInfo'];

/** VAT percentages valid in Finland on a date (YYYY-MM-DD): the general rate, the reduced rates and zero. */
export function finnishVatPercentagesOn(date: string): number[] {
  const rates = finnishVatRatesOn(date);
  return rates.valid ? [...rates.value.percents] : [];
}

/** Every percentage of the current and the two previous rate periods: older invoices keep their rates (24 %, 14 %). */
export const FINNISH_VAT_PERCENTAGES = [25.5, 24, 14, 13.5, 10, 0];

/**
 * VAT statuses of a Finnish environment. Assumption (README "Assumptions"): the contract gives only the
 * shape (VatStatusInfo), not the ids; these ids and descriptions follow Procountor's Finnish VAT handling.
 */
export const FINNISH_VAT_STATUSES: VatStatusInfo[] = [
  { vatStatus: 1, description: 'Domestic sales and purchases (Kotimaan myynti ja ostot)', sales: true, purchase: true },
  {
    vatStatus: 2,
    description: 'Sales of goods to other EU countries (Tavaramyynti muihin EU-maihin)',
    sales: true,
    purchase: false,
  },
  {
    vatStatus: 3,
    description: 'Sales of services to other EU countries (Palvelumyynti muihin EU-maihin)',
    sales: true,
    purchase: false,
  },
  {
    vatStatus: 4,
    description: 'Purchases of goods from other EU countries (Tavaraostot muista EU-maista)',
    sales: false,
    purchase: true,
  },
  {
    vatStatus: 5,
    description: 'Purchases of services from other EU countries (Palveluostot muista EU-maista)',
    sales: false,
    purchase: true,
  },
  {
    vatStatus: 6,
    description: 'Construction services, reverse charge (Rakentamispalvelut, käännetty verovelvollisuus)',
    sales: true,
    purchase: true,
  },
  { vatStatus: 9, description: 'Sales outside the EU (Myynti EU:n ulkopuolelle)', sales: true, purchase: false },
  {
    vatStatus: 10,
    description: 'Purchases from outside the EU (Ostot EU:n ulkopuolelta)',
    sales: false,
    purchase: true,
  },
  { vatStatus: 12, description: 'Tax-free sales and purchases (Veroton myynti ja ostot)', sales: true, purchase: true },
];

/**
 * Why a VAT status cannot be used on a sales or purchase document, or undefined when it can. Contract
 * LedgerReceipt.vatStatus: "The VAT status used must be enabled for the current receipt type (sales/purchase)".
 */
export function vatStatusProblem(vatStatus: number, vatType: 'SALES' | 'PURCHASE' | undefined): string | undefined {
  const known = FINNISH_VAT_STATUSES.find((status) => status.vatStatus === vatStatus);
  if (!known) return 'ERROR_VATSTATUS_VATPERC';
  if (vatType === 'SALES' && !known.sales)
    return `ERROR_VATSTATUS_VATPERC: VAT status ${vatStatus} is not enabled for sales`;
  if (vatType === 'PURCHASE' && !known.purchase)
    return `ERROR_VATSTATUS_VATPERC: VAT status ${vatStatus} is not enabled for purchases`;
  return undefined;
}

/**
 * Standard and reduced VAT rates by ISO 3166-1 alpha-2 code for GET /vats/country (assumption: a table of the
 * EU and Nordic countries, rates as in 2025; other well-formed codes answer 400 like an unknown country).
 */
export const VAT_PERCENTAGES_BY_COUNTRY: Record<string, number[]> = {
  FI: [25.5, 13.5, 10, 0],
  SE: [25, 12, 6, 0],
  DK: [25, 0],
  NO: [25, 15, 12, 0],
  EE: [24, 13, 9, 0],
  LV: [21, 12, 5, 0],
  LT: [21, 9, 5, 0],
  DE: [19, 7, 0],
  FR: [20, 10, 5.5, 2.1, 0],
  NL: [21, 9, 0],
  BE: [21, 12, 6, 0],
  AT: [20, 13, 10, 0],
  IE: [23, 13.5, 9, 4.8, 0],
  IT: [22, 10, 5, 4, 0],
  ES: [21, 10, 4, 0],
  PT: [23, 13, 6, 0],
  PL: [23, 8, 5, 0],
  CZ: [21, 12, 0],
  SK: [23, 19, 5, 0],
  SI: [22, 9.5, 5, 0],
  HU: [27, 18, 5, 0],
  RO: [21, 11, 0],
  BG: [20, 9, 0],
  HR: [25, 13, 5, 0],
  GR: [24, 13, 6, 0],
  EL: [24, 13, 6, 0],
  CY: [19, 9, 5, 0],
  MT: [18, 7, 5, 0],
  LU: [17, 14, 8, 3, 0],
};
