// Validates a canonical sales invoice: schema first, then Finnish and Procountor rules; every problem by field path.
import {
  validateBusinessId,
  validateFinnishVatRate,
  validateIban,
  validateReferenceNumber,
  validateRfReference,
} from '@procountor-bridge/client/finnish';
import { contractSchemas } from '@procountor-bridge/client/generated';
import type { ErrorDetail } from '../errors/bridge-error';
import { compileDocumentCheck } from '../validation/check-document';
import { chooseInvoiceChannel, type InvoiceChannelSettings } from './choose-invoice-channel';
import {
  ALLOWED_ATTACHMENT_MEDIA_TYPES,
  MAX_ADDITIONAL_INFORMATION_CHARS,
  MAX_ATTACHMENT_BYTES,
  MAX_CONTACT_PERSON_CHARS,
  MAX_PAYMENT_TERM_DAYS,
  MAX_ROW_COMMENT_CHARS,
  type TruncatableField,
} from './field-limits';
import { findProcountorCountry } from './procountor-country';
import { toProcountorUnit } from './procountor-unit';
import { type SalesInvoiceInput, SalesInvoiceInputSchema } from './sales-invoice-schema';
import { joinAdditionalInformation } from './to-procountor-invoice';

/** The same check as a route body's (no coercion, text rules), for batch documents and dry runs too. */
const checkSchema = compileDocumentCheck(SalesInvoiceInputSchema);

const PROCOUNTOR_CURRENCIES: ReadonlySet<string> = new Set(
  (contractSchemas.PaymentInfo as { properties: { currency: { enum: string[] } } }).properties.currency.enum,
);

/** Seed 002: "The name of the file must not contain any special characters." */
const SAFE_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]*\.[A-Za-z0-9]{1,5}$/;

export interface SalesInvoiceRuleSettings extends InvoiceChannelSettings {
  /** Fields the connection truncates instead of rejecting. */
  truncateFields: readonly TruncatableField[];
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

function decodedBase64Bytes(content: string): number | undefined {
  const compact = content.replace(/\s/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact) || compact.length % 4 !== 0) return undefined;
  return (compact.length / 4) * 3 - (compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0);
}

function checkReferenceCode(code: string): string | undefined {
  const result = code.trim().toUpperCase().startsWith('RF') ? validateRfReference(code) : validateReferenceNumber(code);
  return result.valid ? undefined : result.reason;
}

function businessRuleProblems(invoice: SalesInvoiceInput, settings: SalesInvoiceRuleSettings): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const add = (path: string, rule: string, message: string) => problems.push({ path, rule, message });
  const truncates = (field: TruncatableField) => settings.truncateFields.includes(field);
  const { customer } = invoice;

  if (customer.businessId) {
    const result = validateBusinessId(customer.businessId);
    if (!result.valid) add('customer.businessId', 'finnish_business_id', `'${customer.businessId}': ${result.reason}`);
  }
  if (!findProcountorCountry(customer.address.country)) {
    add(
      'customer.address.country',
      'procountor_country',
      `'${customer.address.country}' is not a country Procountor knows`,
    );
  }
  if (!PROCOUNTOR_CURRENCIES.has(invoice.currency)) {
    add('currency', 'procountor_currency', `'${invoice.currency}' is not an ISO 4217 currency Procountor accepts`);
  }
  if (invoice.referenceCode) {
    const reason = checkReferenceCode(invoice.referenceCode);
    if (reason) add('referenceCode', 'reference_check_digit', `'${invoice.referenceCode}': ${reason}`);
  }
  if (customer.eInvoice && /^[A-Za-z]{2}/.test(customer.eInvoice.address)) {
    const result = validateIban(customer.eInvoice.address);
    if (!result.valid) add('customer.eInvoice.address', 'iban', `'${customer.eInvoice.address}': ${result.reason}`);
  }

  if (invoice.dueDate) {
    const term = daysBetween(invoice.invoiceDate, invoice.dueDate);
    if (term < 0)
      add('dueDate', 'due_date_not_before_invoice_date', 'the due date must not be before the invoice date');
    if (term > MAX_PAYMENT_TERM_DAYS)
      add('dueDate', 'payment_term_days', `the payment term is ${term} days; at most 999 (seed 002)`);
    if (invoice.paymentTermDays !== undefined && invoice.paymentTermDays !== term) {
      add(
        'paymentTermDays',
        'consistent_due_date',
        `is ${invoice.paymentTermDays} but dueDate is ${term} days after invoiceDate; give one of them`,
      );
    }
  }
  if (
    invoice.penaltyInterestPercent !== undefined &&
    !/^\d+(\.\d{1,2})?$/.test(String(invoice.penaltyInterestPercent))
  ) {
    add('penaltyInterestPercent', 'scale_2', 'at most 2 decimals (seed 002: scale 2)');
  }

  const channel = chooseInvoiceChannel(customer, settings);
  if (channel === 'MAIL' || channel === 'ELECTRONIC_INVOICE') {
    // Contract InvoiceCounterpartyAddress: street, zip and city are required for MAIL and ELECTRONIC_INVOICE.
    for (const [field, value] of [
      ['street', customer.address.street],
      ['postalCode', customer.address.postalCode],
      ['city', customer.address.city],
    ] as const) {
      if (!value)
        add(`customer.address.${field}`, 'required_for_channel', `is required when the invoice goes as ${channel}`);
    }
  }
  const contact = [customer.billingContact, customer.contactPerson].filter(Boolean).join(' / ');
  if (contact.length > MAX_CONTACT_PERSON_CHARS && !truncates('contactPerson')) {
    add(
      'customer.billingContact',
      'max_length_28',
      `billing and customer contact together ('${contact}') are ${contact.length} characters; Procountor takes 28 (seed 002)`,
    );
  }
  const additional = joinAdditionalInformation(invoice) ?? '';
  if (additional.length > MAX_ADDITIONAL_INFORMATION_CHARS && !truncates('additionalInformation')) {
    add(
      'notes',
      'max_length_10000',
      `references, notes and free texts together are ${additional.length} characters; Procountor takes 10,000 (seed 002)`,
    );
  }

  invoice.rows.forEach((row, index) => {
    const path = `rows[${index}]`;
    if (row.kind === 'item' || row.kind === undefined) {
      for (const field of ['quantity', 'unitPrice', 'vatPercent'] as const) {
        if (row[field] === undefined) add(`${path}.${field}`, 'required', 'is required on an item row');
      }
    }
    if (row.unit && !toProcountorUnit(row.unit))
      add(`${path}.unit`, 'procountor_unit', `'${row.unit}' is not a Procountor unit (e.g. HOUR, PIECE, DAY, h, kpl)`);
    if (
      row.vatPercent !== undefined &&
      row.kind !== 'header' &&
      row.kind !== 'text' &&
      customer.address.country === 'FI'
    ) {
      const result = validateFinnishVatRate(row.vatPercent, invoice.invoiceDate);
      if (!result.valid) add(`${path}.vatPercent`, 'finnish_vat_rate', result.reason);
    }
    const firstLine = row.description?.split(/\r?\n/).find((line) => line.trim()) ?? '';
    if (firstLine.length > MAX_ROW_COMMENT_CHARS && !truncates('rows.description')) {
      add(
        `${path}.description`,
        'max_length_512',
        `its first line becomes the row comment: ${firstLine.length} characters, Procountor takes 512`,
      );
    }
  });

  (invoice.attachments ?? []).forEach((attachment, index) => {
    const path = `attachments[${index}]`;
    if (!(ALLOWED_ATTACHMENT_MEDIA_TYPES as readonly string[]).includes(attachment.mediaType)) {
      add(
        `${path}.mediaType`,
        'attachment_type',
        `'${attachment.mediaType}' is not allowed; use PDF, JPEG or GIF (seed 002)`,
      );
    }
    if (!SAFE_FILE_NAME.test(attachment.fileName)) {
      add(
        `${path}.fileName`,
        'file_name_characters',
        `'${attachment.fileName}' has special characters; use letters, digits, '.', '-', '_' and an extension (seed 002)`,
      );
    }
    const bytes = decodedBase64Bytes(attachment.contentBase64);
    if (bytes === undefined) add(`${path}.contentBase64`, 'base64', 'is not valid base64');
    else if (bytes > MAX_ATTACHMENT_BYTES)
      add(`${path}.contentBase64`, 'max_attachment_bytes', `is ${bytes} bytes; at most 10,000,000 (Procountor)`);
  });
  return problems;
}

/**
 * Every problem of a submitted document, or [] when it can be accepted. No I/O; normalises `input` in place as a
 * route body is (null of an optional field removed, defaults filled), so pass a copy.
 */
export function validateSalesInvoice(input: unknown, settings: SalesInvoiceRuleSettings): ErrorDetail[] {
  const schemaProblems = checkSchema(input);
  if (schemaProblems.length > 0) return schemaProblems;
  return businessRuleProblems(input as SalesInvoiceInput, settings);
}
