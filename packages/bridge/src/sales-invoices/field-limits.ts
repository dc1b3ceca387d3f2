// Character and value limits of the canonical sales invoice, from seed 002's field table and the contract.

/** Seed 002 field table: "contactPersonName … 28" (billing and customer contact joined with " / "). */
export const MAX_CONTACT_PERSON_CHARS = 28;
/** Seed 002 and contract InvoiceCounterpartyAddress.name: 80. */
export const MAX_CUSTOMER_NAME_CHARS = 80;
/** Seed 002 and contract InvoiceCounterpartyAddress.street: 80. */
export const MAX_STREET_CHARS = 80;
/** Seed 002 and contract InvoiceCounterpartyAddress.city: 40. */
export const MAX_CITY_CHARS = 40;
/** Seed 002 and contract InvoiceCounterpartyAddress.zip: 20. */
export const MAX_POSTAL_CODE_CHARS = 20;
/** Seed 002 and contract Invoice.orderReference: 70. */
export const MAX_ORDER_REFERENCE_CHARS = 70;
/** Seed 002 and contract Invoice.additionalInformation: 10,000 (our/your reference, notes, free texts together). */
export const MAX_ADDITIONAL_INFORMATION_CHARS = 10_000;
/** Contract Invoice.notes: 10,000 (not visible on the invoice). */
export const MAX_NOTES_CHARS = 10_000;
/** Contract Invoice.originalInvoiceNumber: 40 (FACTS.md: the external number). */
export const MAX_SOURCE_INVOICE_NUMBER_CHARS = 40;
/** Contract InvoiceRow.comment: 512. */
export const MAX_ROW_COMMENT_CHARS = 512;
/** Contract PaymentInfo.dueDate: "The payment term can be 0-999 days." */
export const MAX_PAYMENT_TERM_DAYS = 999;
/** Seed 002: penalty interest scale 2. */
export const PENALTY_PERCENT_SCALE = 2;
/** Contract: attachments at most 10,000,000 bytes (also seed 002: 10 MB). */
export const MAX_ATTACHMENT_BYTES = 10_000_000;
/** Seed 002: sales and travel invoice attachments must be GIF, JPEG or PDF. */
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
