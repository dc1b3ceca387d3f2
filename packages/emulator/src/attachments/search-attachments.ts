// GET /api/attachments filters (contract query parameters) over the company's attachments, as Document entries.
import { parseIntegerParam } from '../http/paging';
import { dateParam, enumListParam, orderParam, stringParam } from '../invoices/search-query';
import type { CompanyData, StoredAttachment } from '../state/emulator-state';
import { attachmentFacts } from './attachment-records';

type Query = Record<string, unknown>;

const TYPES = [
  'SALES_INVOICE',
  'SALES_ORDER',
  'OFFER',
  'PURCHASE_INVOICE',
  'PURCHASE_ORDER',
  'TRAVEL_INVOICE',
  'BILL_OF_CHARGES',
  'JOURNAL',
  'SALARY',
  'PERIODIC_TAX_RETURN',
  'REFERENCE_PAYMENT',
  'BANK_STATEMENT_AS_RECEIPT',
  'VAT_SUMMARY',
  'BANK_STATEMENT_EVENT',
  'SALES_PRODUCT_REGISTER',
  'PURCHASE_PRODUCT_REGISTER',
  'CUSTOMER_BUSINESS_PARTNER_REGISTER',
  'SUPPLIER_BUSINESS_PARTNER_REGISTER',
  'PERSON_BUSINESS_PARTNER_REGISTER',
  'EMPLOYEE_INFO',
  'ENVIRONMENT',
  'NETS_COLLECTION',
  'COST_RECEIPT',
  'REFERENCE_PAYMENT_EVENT',
] as const;

/** The search `type` of an attachment: its invoice's or receipt's type, otherwise its reference type (assumption). */
function typeOf(company: CompanyData, stored: StoredAttachment): string {
  const { referenceType, referenceId } = stored.meta;
  if (referenceType === 'INVOICE') return company.invoices.get(referenceId)?.type ?? 'JOURNAL';
  if (referenceType === 'LEDGERRECEIPT') return company.ledgerReceipts.get(referenceId)?.type ?? 'JOURNAL';
  if (referenceType === 'BANKSTATEMENTEVENT') return 'BANK_STATEMENT_EVENT';
  return referenceType;
}

function sizeOf(stored: StoredAttachment): number {
  return Buffer.byteLength(stored.contentBase64, 'base64');
}

/** The contract's Document entry of GET /attachments. */
function toDocument(company: CompanyData, stored: StoredAttachment) {
  const facts = attachmentFacts(company).get(stored.meta.id!);
  return {
    attachmentId: stored.meta.id,
    name: stored.meta.name,
    size: sizeOf(stored),
    ...(facts ? { user: facts.user, attached: facts.attached } : {}),
    referenceId: stored.meta.referenceId,
    referenceType: stored.meta.referenceType,
  };
}

export function searchAttachments(company: CompanyData, query: Query) {
  const checks: Array<(stored: StoredAttachment) => boolean> = [];
  const attachedDay = (stored: StoredAttachment) =>
    attachmentFacts(company).get(stored.meta.id!)?.attached.slice(0, 10) ?? '';
  const createdStart = dateParam(query, 'createdStartDate');
  const createdEnd = dateParam(query, 'createdEndDate');
  if (createdStart) checks.push((stored) => attachedDay(stored) >= createdStart);
  if (createdEnd) checks.push((stored) => attachedDay(stored) <= createdEnd);
  const minSize = parseIntegerParam(query, 'minSize');
  const maxSize = parseIntegerParam(query, 'maxSize');
  if (minSize !== undefined) checks.push((stored) => sizeOf(stored) >= minSize);
  if (maxSize !== undefined) checks.push((stored) => sizeOf(stored) <= maxSize);
  // Contract `name`: "Name of the attachment file"; matched as a case-insensitive substring (assumption).
  const name = stringParam(query, 'name')?.toLowerCase();
  if (name) checks.push((stored) => stored.meta.name.toLowerCase().includes(name));
  const types = enumListParam(query, 'type', TYPES);
  if (types) checks.push((stored) => types.has(typeOf(company, stored) as (typeof TYPES)[number]));
  const referenceId = parseIntegerParam(query, 'referenceId');
  if (referenceId !== undefined) checks.push((stored) => stored.meta.referenceId === referenceId);

  const idOrder = orderParam(query, 'orderById') ?? 'DESC';
  const previousId = parseIntegerParam(query, 'previousId');
  const matches = [...company.attachments.values()].filter(
    (stored) =>
      (previousId === undefined || (idOrder === 'ASC' ? stored.meta.id! > previousId : stored.meta.id! < previousId)) &&
      checks.every((check) => check(stored)),
  );
  matches.sort((a, b) => (idOrder === 'ASC' ? a.meta.id! - b.meta.id! : b.meta.id! - a.meta.id!));
  const orderings: Array<[string | undefined, (stored: StoredAttachment) => string | number]> = [
    [orderParam(query, 'orderByCreatedDate'), attachedDay],
    [orderParam(query, 'orderByName'), (stored) => stored.meta.name.toLowerCase()],
    [orderParam(query, 'orderBySize'), sizeOf],
  ];
  const [order, key] = orderings.find(([given]) => given !== undefined) ?? [undefined, undefined];
  if (order && key) {
    const direction = order === 'ASC' ? 1 : -1;
    matches.sort((a, b) => (key(a) === key(b) ? 0 : key(a) < key(b) ? -direction : direction));
  }
  return matches.map((stored) => toDocument(company, stored));
}
