// GET /api/invoices filters: every query parameter of the contract, as one predicate plus an ordering.
import { parseIntegerParam } from '../http/paging';
import type { Invoice } from '../state/contract-types';
import type { CompanyData } from '../state/emulator-state';
import { createdOf, invoiceRecordsOf } from './invoice-records';
import {
  booleanParam,
  dateParam,
  dateTimeParam,
  enumListParam,
  listParam,
  orderParam,
  type SortOrder,
  stringParam,
} from './search-query';

type Query = Record<string, unknown>;

const STATUSES = [
  'EMPTY',
  'UNFINISHED',
  'NOT_SENT',
  'SENT',
  'RECEIVED',
  'PAID',
  'PAYMENT_DENIED',
  'VERIFIED',
  'APPROVED',
  'INVALIDATED',
  'PAYMENT_QUEUED',
  'PARTLY_PAID',
  'PAYMENT_SENT_TO_BANK',
  'MARKED_PAID',
  'STARTED',
  'INVOICED',
  'OVERRIDDEN',
  'DELETED',
  'UNSAVED',
  'PAYMENT_TRANSACTION_REMOVED',
] as const;
const TYPES = [
  'PERIODIC_TAX_RETURN',
  'PURCHASE_INVOICE',
  'PURCHASE_ORDER',
  'SALES_INVOICE',
  'SALES_ORDER',
  'TRAVEL_INVOICE',
  'BILL_OF_CHARGES',
] as const;
const CHANNELS = ['EMAIL', 'MAIL', 'ELECTRONIC_INVOICE', 'EDIFACT', 'PAPER_INVOICE', 'NO_SENDING'] as const;

type Predicate = (invoice: Invoice) => boolean;

/** Builds the filter for one search; every parameter is parsed (and refused when malformed) before any scan. */
function buildPredicate(company: CompanyData, query: Query): Predicate {
  const checks: Predicate[] = [];
  const statuses = enumListParam(query, 'status', STATUSES);
  if (statuses) checks.push((invoice) => statuses.has(invoice.status ?? 'UNFINISHED'));
  const types = enumListParam(query, 'types', TYPES);
  if (types) checks.push((invoice) => types.has(invoice.type));
  const channels = enumListParam(query, 'invoiceChannel', CHANNELS);
  if (channels) checks.push((invoice) => channels.has(invoice.invoiceChannel));

  const startDate = dateParam(query, 'startDate');
  const endDate = dateParam(query, 'endDate');
  if (startDate) checks.push((invoice) => invoice.date >= startDate);
  if (endDate) checks.push((invoice) => invoice.date <= endDate);
  const dueStart = dateParam(query, 'dueStartDate');
  const dueEnd = dateParam(query, 'dueEndDate');
  if (dueStart) checks.push((invoice) => invoice.paymentInfo.dueDate >= dueStart);
  if (dueEnd) checks.push((invoice) => invoice.paymentInfo.dueDate <= dueEnd);
  const createdStart = dateTimeParam(query, 'createdStartDate');
  const createdEnd = dateTimeParam(query, 'createdEndDate');
  if (createdStart !== undefined) checks.push((invoice) => Date.parse(createdOf(company, invoice)!) >= createdStart);
  if (createdEnd !== undefined) checks.push((invoice) => Date.parse(createdOf(company, invoice)!) <= createdEnd);
  const versionStart = dateTimeParam(query, 'versionStartDate');
  const versionEnd = dateTimeParam(query, 'versionEndDate');
  if (versionStart !== undefined) checks.push((invoice) => Date.parse(invoice.version!) >= versionStart);
  if (versionEnd !== undefined) checks.push((invoice) => Date.parse(invoice.version!) <= versionEnd);

  const partnerId = parseIntegerParam(query, 'businessPartnerId');
  if (partnerId !== undefined) checks.push((invoice) => invoice.partnerId === partnerId);
  const factoringContractId = parseIntegerParam(query, 'factoringContractId');
  if (factoringContractId !== undefined) checks.push((invoice) => invoice.factoringContractId === factoringContractId);
  const invoiceNumber = parseIntegerParam(query, 'invoiceNumber');
  if (invoiceNumber !== undefined) checks.push((invoice) => invoice.invoiceNumber === invoiceNumber);
  const productIds = listParam(query, 'productId');
  if (productIds) {
    const wanted = new Set(productIds.map(Number));
    checks.push((invoice) =>
      invoice.invoiceRows.some((row) => row.productId !== undefined && wanted.has(row.productId)),
    );
  }
  // Contract: "Allows searching by counterpartyAddress.name, invoiceNumber and additionalInformation" (substring,
  // case-insensitive: assumption).
  const term = stringParam(query, 'searchTerm')?.toLowerCase();
  if (term) {
    checks.push(
      (invoice) =>
        invoice.counterParty.counterPartyAddress.name.toLowerCase().includes(term) ||
        String(invoice.invoiceNumber).includes(term) ||
        (invoice.additionalInformation ?? '').toLowerCase().includes(term),
    );
  }
  // Contract isOffer: "Supported only for SALES_ORDER type"; applied only when given.
  const isOffer = booleanParam(query, 'isOffer');
  if (isOffer !== undefined) checks.push((invoice) => (invoice.isOffer ?? false) === isOffer);
  return (invoice) => checks.every((check) => check(invoice));
}

/** Candidates: via the originalInvoiceNumber index when that filter is given (the duplicate check, FACTS.md). */
function candidates(company: CompanyData, query: Query): Iterable<Invoice> {
  const original = stringParam(query, 'originalInvoiceNumber');
  if (original === undefined) return company.invoices.values();
  const ids = invoiceRecordsOf(company).byOriginalNumber.get(original) ?? new Set<number>();
  return [...ids].sort((a, b) => a - b).map((id) => company.invoices.get(id)!);
}

/**
 * Matching invoices in the requested order. orderByDate, orderByCreated and orderByVersion sort first (the first one
 * given wins), then ids in orderById (default DESC); previousId keeps ids after it in id order (assumption for the
 * combination, README "Assumptions").
 */
export function searchInvoices(company: CompanyData, query: Query): Invoice[] {
  const predicate = buildPredicate(company, query);
  const idOrder = orderParam(query, 'orderById') ?? 'DESC';
  const previousId = parseIntegerParam(query, 'previousId');
  const byDate = orderParam(query, 'orderByDate');
  const byCreated = orderParam(query, 'orderByCreated');
  const byVersion = orderParam(query, 'orderByVersion');

  const matches: Invoice[] = [];
  for (const invoice of candidates(company, query)) {
    if (previousId !== undefined && (idOrder === 'ASC' ? invoice.id! <= previousId : invoice.id! >= previousId))
      continue;
    if (predicate(invoice)) matches.push(invoice);
  }
  // Ids only grow and Maps keep insertion order, so candidates are already in ascending id order.
  if (idOrder === 'DESC') matches.reverse();
  const sortKey = byDate
    ? { order: byDate, key: (invoice: Invoice) => invoice.date }
    : byCreated
      ? { order: byCreated, key: (invoice: Invoice) => createdOf(company, invoice) ?? '' }
      : byVersion
        ? { order: byVersion, key: (invoice: Invoice) => invoice.version ?? '' }
        : undefined;
  if (sortKey) sortStable(matches, sortKey.key, sortKey.order);
  return matches;
}

function sortStable(items: Invoice[], key: (invoice: Invoice) => string, order: SortOrder): void {
  const direction = order === 'ASC' ? 1 : -1;
  items.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka === kb ? 0 : ka < kb ? -direction : direction;
  });
}
