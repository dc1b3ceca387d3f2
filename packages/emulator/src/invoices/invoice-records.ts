// Per-company facts about invoices that the contract's Invoice has no field for: created time, action history, indexes.
import type { EmulatorContext } from '../emulator-context';
import { ProcountorApiError } from '../http/procountor-error';
import type { Invoice } from '../state/contract-types';
import type { CompanyData } from '../state/emulator-state';

/** One entry of GET /invoices/{id}/transactions (contract InvoiceTransaction). */
export interface InvoiceHistoryEntry {
  action: string;
  name: string;
  date: string;
  details?: string;
}

interface InvoiceRecords {
  created: Map<number, string>;
  /** Each invoice's history as JSON text: a third of the memory of the entry objects (README "Speed"). */
  history: Map<number, string>;
  /**
   * originalInvoiceNumber → invoice ids: the lookup a client makes after a create with an unknown outcome (FACTS.md).
   * An array, nearly always of one id: a Set per invoice would cost four times the memory.
   */
  byOriginalNumber: Map<string, number[]>;
  lastVersionMs: number;
}

// Kept beside CompanyData (not in it) so the core state shape stays as the other domains know it. Rebuilt from
// company.invoices when missing, e.g. after loading a --state snapshot (created then falls back to the version).
const recordsByCompany = new WeakMap<CompanyData, InvoiceRecords>();

export function invoiceRecordsOf(company: CompanyData): InvoiceRecords {
  let records = recordsByCompany.get(company);
  if (!records) {
    records = { created: new Map(), history: new Map(), byOriginalNumber: new Map(), lastVersionMs: 0 };
    for (const invoice of company.invoices.values()) indexOriginalNumber(records, invoice);
    recordsByCompany.set(company, records);
  }
  return records;
}

function indexOriginalNumber(records: InvoiceRecords, invoice: Invoice): void {
  if (invoice.originalInvoiceNumber === undefined || invoice.id === undefined) return;
  const ids = records.byOriginalNumber.get(invoice.originalInvoiceNumber);
  if (!ids) records.byOriginalNumber.set(invoice.originalInvoiceNumber, [invoice.id]);
  else if (!ids.includes(invoice.id)) ids.push(invoice.id);
}

/** Stores an invoice (new or replaced) and keeps the originalInvoiceNumber index in step. */
export function storeInvoice(company: CompanyData, invoice: Invoice, previous?: Invoice): void {
  const records = invoiceRecordsOf(company);
  if (
    previous?.originalInvoiceNumber !== undefined &&
    previous.originalInvoiceNumber !== invoice.originalInvoiceNumber
  ) {
    const ids = records.byOriginalNumber.get(previous.originalInvoiceNumber);
    const index = ids?.indexOf(invoice.id!) ?? -1;
    if (index >= 0) ids!.splice(index, 1);
  }
  company.invoices.set(invoice.id!, invoice);
  indexOriginalNumber(records, invoice);
}

/**
 * A new version timestamp (contract Invoice.version: date-time, required on PUT). Strictly increasing per company,
 * so two changes in the same millisecond still give a stale version a different value.
 */
export function nextVersion(context: EmulatorContext, company: CompanyData): string {
  const records = invoiceRecordsOf(company);
  const ms = Math.max(context.now(), records.lastVersionMs + 1);
  records.lastVersionMs = ms;
  return new Date(ms).toISOString();
}

export function createdOf(company: CompanyData, invoice: Invoice): string | undefined {
  return invoiceRecordsOf(company).created.get(invoice.id!) ?? invoice.version;
}

export function recordCreated(company: CompanyData, invoiceId: number, created: string): void {
  invoiceRecordsOf(company).created.set(invoiceId, created);
}

/** Appends to the invoice's action history (contract InvoiceTransaction.action enum values). */
export function recordHistory(
  context: EmulatorContext,
  company: CompanyData,
  invoiceId: number,
  action: string,
  name: string,
  details?: string,
): void {
  const entries = historyOf(company, invoiceId);
  entries.push({ action, name, date: new Date(context.now()).toISOString(), ...(details ? { details } : {}) });
  invoiceRecordsOf(company).history.set(invoiceId, JSON.stringify(entries));
}

export function historyOf(company: CompanyData, invoiceId: number): InvoiceHistoryEntry[] {
  const text = invoiceRecordsOf(company).history.get(invoiceId);
  return text === undefined ? [] : (JSON.parse(text) as InvoiceHistoryEntry[]);
}

/** The invoice named by a path parameter, or Procountor's 404 ("Invoice not found"). */
export function findInvoiceOr404(company: CompanyData, rawId: string): Invoice {
  const invoice = /^\d+$/.test(rawId) ? company.invoices.get(Number(rawId)) : undefined;
  if (!invoice) throw ProcountorApiError.notFound('Invoice');
  return invoice;
}
