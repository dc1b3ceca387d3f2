// Character and value limits of the canonical sales invoice, from the contract and Visma Severa's field table.

/**
 * Visma Severa's field table: contact person 28 characters (billing and customer contact joined with " / "). The
 * contract's CounterParty.contactPersonName allows 70; the bridge keeps to the shorter limit the integration reports.
 */
export const MAX_CONTACT_PERSON_CHARS = 28;
/** Contract InvoiceCounterpartyAddress.name maxLength 80. */
export const MAX_CUSTOMER_NAME_CHARS = 80;
/** Contract InvoiceCounterpartyAddress.street maxLength 80. */
export const MAX_STREET_CHARS = 80;
/** Contract InvoiceCounterpartyAddress.city maxLength 40. */
export const MAX_CITY_CHARS = 40;
/** Contract InvoiceCounterpartyAddress.zip maxLength 20. */
export const MAX_POSTAL_CODE_CHARS = 20;
/** Contract Invoice.orderReference maxLength 70. */
export const MAX_ORDER_REFERENCE_CHARS = 70;
/** Contract Invoice.additionalInformation maxLength 10,000 (our/your reference, notes, free texts together). */
export const MAX_ADDITIONAL_INFORMATION_CHARS = 10_000;
/** Contract Invoice.notes: 10,000 (not visible on the invoice). */
export const MAX_NOTES_CHARS = 10_000;
/** Contract Invoice.originalInvoiceNumber: 40 (FACTS.md: the external number). */
export const MAX_SOURCE_INVOICE_NUMBER_CHARS = 40;
/** Contract InvoiceRow.comment: 512. */
export const MAX_ROW_COMMENT_CHARS = 512;
/** Contract PaymentInfo.dueDate: "The payment term can be 0-999 days." */
export const MAX_PAYMENT_TERM_DAYS = 999;
/** Contract Invoice.penaltyPercent: "Scale: 2". */
export const PENALTY_PERCENT_SCALE = 2;
/** Contract POST /attachments: at most 10,000,000 bytes. */
export const MAX_ATTACHMENT_BYTES = 10_000_000;
/**
 * Procountor accepts sales and travel invoice attachments as GIF, JPEG or PDF (its rule as Visma Severa's help page
 * states it, FACTS.md; the contract itself names no type).
 */
export const ALLOWED_ATTACHMENT_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/gif'] as const;
/** A batch submit takes at most this many documents per request (issue #4). */
export const MAX_DOCUMENTS_PER_BATCH = 1_000;

/** Fields a connection may opt into truncating instead of rejecting (setting `truncateFields`). */
export const TRUNCATABLE_FIELDS = [
  'customer.name',
  'customer.address.street',
  'customer.address.city',
  'contactPerson',
  'orderReference',
  'additionalInformation',
  'rows.description',
] as const;
export type TruncatableField = (typeof TRUNCATABLE_FIELDS)[number];
