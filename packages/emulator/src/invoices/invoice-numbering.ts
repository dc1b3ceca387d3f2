// Procountor's invoice numbers: one increasing series per company per kind of invoice (README "Invoices", assumption).
import type { Invoice } from '../state/contract-types';
import type { CompanyData } from '../state/emulator-state';
import type { InvoiceNumberCounters, NumberSeries } from './invoice-number-series';
import type { InvoiceType } from './invoice-types';

const SERIES_OF_TYPE: Record<InvoiceType, NumberSeries> = {
  SALES_INVOICE: 'SALES_INVOICES',
  SALES_ORDER: 'SALES_ORDERS',
  PURCHASE_INVOICE: 'PURCHASE_INVOICES',
  PURCHASE_ORDER: 'PURCHASE_ORDERS',
  TRAVEL_INVOICE: 'TRAVEL_AND_EXPENSE_INVOICES',
  BILL_OF_CHARGES: 'TRAVEL_AND_EXPENSE_INVOICES',
  PERIODIC_TAX_RETURN: 'PERIODIC_TAX_RETURNS',
};

export function numberSeriesOf(type: InvoiceType): NumberSeries {
  return SERIES_OF_TYPE[type];
}

/**
 * The next number of every series used so far: the highest stored number + 1. State files saved while the emulator
 * numbered all types from one counter (`nextInvoiceNumber`) carry no series counters; they are derived this way once.
 */
function countersFromInvoices(invoices: Iterable<Invoice>): InvoiceNumberCounters {
  const counters: InvoiceNumberCounters = {};
  for (const invoice of invoices) {
    if (typeof invoice.invoiceNumber !== 'number') continue;
    const series = numberSeriesOf(invoice.type);
    counters[series] = Math.max(counters[series] ?? 1, invoice.invoiceNumber + 1);
  }
  return counters;
}

export function invoiceNumberCountersOf(company: CompanyData): InvoiceNumberCounters {
  if (!company.nextInvoiceNumbers) {
    company.nextInvoiceNumbers = countersFromInvoices(company.invoices.values());
    // The single counter of older state files: replaced by the series counters above.
    delete (company as { nextInvoiceNumber?: number }).nextInvoiceNumber;
  }
  return company.nextInvoiceNumbers;
}

/**
 * Takes the next number of the invoice type's series, from 1. Synchronous, so invoices created at once (requests are
 * handled one at a time between awaits) get distinct numbers in the order they are handled.
 */
export function takeInvoiceNumber(company: CompanyData, type: InvoiceType): number {
  const counters = invoiceNumberCountersOf(company);
  const series = numberSeriesOf(type);
  const number = counters[series] ?? 1;
  counters[series] = number + 1;
  return number;
}
