// GET /api/ledgerreceipts filters and ordering (contract query parameters), and the LedgerReceiptBasicInfo entry.
import { parseIntegerParam } from '../http/paging';
import { dateParam, dateTimeParam, enumListParam, orderParam, stringParam } from '../invoices/search-query';
import type { LedgerReceipt } from '../state/contract-types';
import type { CompanyData } from '../state/emulator-state';
import { receiptCreatedOf } from './ledger-receipt-records';

type Query = Record<string, unknown>;

const TYPES = [
  'JOURNAL',
  'PURCHASE_INVOICE',
  'SALES_INVOICE',
  'PERIODIC_TAX_RETURN',
  'TRAVEL_INVOICE',
  'BILL_OF_CHARGES',
  'VAT_FORM',
  'SALARY',
  'EMPLOYER_CONTRIBUTION',
  'PURCHASE_ORDER',
  'SALES_ORDER',
  'BANK_STATEMENT_AS_RECEIPT',
  'RECEIPT_FOR_OPENING_ACCOUNTS',
  'REFERENCE_PAYMENT',
  'TRACKING_PERIOD_OPENING_RECEIPT',
] as const;

export function toLedgerReceiptBasicInfo(company: CompanyData, receipt: LedgerReceipt) {
  return {
    id: receipt.id,
    type: receipt.type,
    status: receipt.status,
    name: receipt.name,
    receiptDate: receipt.receiptDate,
    receiptNumber: receipt.receiptNumber,
    invoiceNumber: receipt.invoiceNumber,
    created: receiptCreatedOf(company, receipt.id!, receipt.version),
    version: receipt.version,
  };
}

/** Matching receipts; ordering as for invoices: a date ordering first if given, then id (default DESC). */
export function searchLedgerReceipts(company: CompanyData, query: Query): LedgerReceipt[] {
  const checks: Array<(receipt: LedgerReceipt) => boolean> = [];
  const types = enumListParam(query, 'types', TYPES);
  if (types) checks.push((receipt) => types.has(receipt.type as (typeof TYPES)[number]));
  // Contract `status` is a plain string (no enum); compared as given.
  const status = stringParam(query, 'status');
  if (status) checks.push((receipt) => receipt.status === status);
  const startDate = dateParam(query, 'startDate');
  const endDate = dateParam(query, 'endDate');
  if (startDate) checks.push((receipt) => receipt.receiptDate >= startDate);
  if (endDate) checks.push((receipt) => receipt.receiptDate <= endDate);
  const created = (receipt: LedgerReceipt) => Date.parse(receiptCreatedOf(company, receipt.id!, receipt.version) ?? '');
  const createdStart = dateTimeParam(query, 'createdStartDate');
  const createdEnd = dateTimeParam(query, 'createdEndDate');
  if (createdStart !== undefined) checks.push((receipt) => created(receipt) >= createdStart);
  if (createdEnd !== undefined) checks.push((receipt) => created(receipt) <= createdEnd);
  const versionStart = dateTimeParam(query, 'versionStartDate');
  const versionEnd = dateTimeParam(query, 'versionEndDate');
  if (versionStart !== undefined) checks.push((receipt) => Date.parse(receipt.version ?? '') >= versionStart);
  if (versionEnd !== undefined) checks.push((receipt) => Date.parse(receipt.version ?? '') <= versionEnd);

  const idOrder = orderParam(query, 'orderById') ?? 'DESC';
  const previousId = parseIntegerParam(query, 'previousId');
  const matches = [...company.ledgerReceipts.values()].filter(
    (receipt) =>
      (previousId === undefined || (idOrder === 'ASC' ? receipt.id! > previousId : receipt.id! < previousId)) &&
      checks.every((check) => check(receipt)),
  );
  matches.sort((a, b) => (idOrder === 'ASC' ? a.id! - b.id! : b.id! - a.id!));
  const byDate = orderParam(query, 'orderByDate');
  const byCreated = orderParam(query, 'orderByCreated');
  const byVersion = orderParam(query, 'orderByVersion');
  const key = byDate
    ? (receipt: LedgerReceipt) => receipt.receiptDate
    : byCreated
      ? (receipt: LedgerReceipt) => receiptCreatedOf(company, receipt.id!, receipt.version) ?? ''
      : byVersion
        ? (receipt: LedgerReceipt) => receipt.version ?? ''
        : undefined;
  if (key) {
    const direction = (byDate ?? byCreated ?? byVersion) === 'ASC' ? 1 : -1;
    matches.sort((a, b) => (key(a) === key(b) ? 0 : key(a) < key(b) ? -direction : direction));
  }
  return matches;
}
