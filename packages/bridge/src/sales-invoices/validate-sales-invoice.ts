// Validates a canonical sales invoice: schema first, then Finnish and Procountor rules; every problem by field path.
import {
  validateFinnishVatRate,
  validateReferenceNumber,
  validateRfReference,
} from '@procountor-bridge/client/finnish';
import { customerProblems } from '../business-partners/customer-rules';
import { attachmentContentProblems } from '../document-rules/attachment-content';
import {
  daysBetween,
  documentDateProblem,
  dueDateProblems,
  isInDocumentDateWindow,
  todayUtc,
} from '../document-rules/date-window';
import { currencyProblem } from '../document-rules/invoice-currency';
import {
  amountProblem,
  DISCOUNT_PERCENT_LIMIT,
  numberProblem,
  ROW_QUANTITY_LIMIT,
  ROW_UNIT_PRICE_LIMIT,
  VAT_PERCENT_LIMIT,
} from '../document-rules/number-limits';
import type { ErrorDetail } from '../errors/bridge-error';
import { compileDocumentCheck } from '../validation/check-document';
import { chooseInvoiceChannel, type InvoiceChannelSettings } from './choose-invoice-channel';
import {
  ALLOWED_ATTACHMENT_MEDIA_TYPES,
  MAX_ADDITIONAL_INFORMATION_CHARS,
  MAX_CONTACT_PERSON_CHARS,
  MAX_ROW_COMMENT_CHARS,
  type TruncatableField,
} from './field-limits';
import { toProcountorUnit } from './procountor-unit';
import { type SalesInvoiceInput, SalesInvoiceInputSchema } from './sales-invoice-schema';
import { joinAdditionalInformation } from './to-procountor-invoice';

/** The same check as a route body's (no coercion, text rules), for batch documents and dry runs too. */
const checkSchema = compileDocumentCheck(SalesInvoiceInputSchema);

/** Visma Severa's help page: "The name of the file must not contain any special characters." */
const SAFE_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._ -]*\.[A-Za-z0-9]{1,5}$/;

export interface SalesInvoiceRuleSettings extends InvoiceChannelSettings {
  /** Fields the connection truncates instead of rejecting. */
  truncateFields: readonly TruncatableField[];
  /** Today (YYYY-MM-DD), for the invoice date window; default the current UTC date. */
  today?: string;
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

  const push = (problem: ErrorDetail | undefined) => {
    if (problem) problems.push(problem);
  };
  const today = settings.today ?? todayUtc();

  problems.push(...customerProblems(customer, 'customer'));
  push(currencyProblem('currency', invoice.currency));
  if (invoice.referenceCode) {
    const reason = checkReferenceCode(invoice.referenceCode);
    if (reason) add('referenceCode', 'reference_check_digit', `'${invoice.referenceCode}': ${reason}`);
  }

  push(documentDateProblem('invoiceDate', invoice.invoiceDate, today));
  // Rules that read the invoice date (VAT rates) run only on a date inside the window, so the refusal names the date.
  const dateIsKnown = isInDocumentDateWindow(invoice.invoiceDate, today);
  if (invoice.dueDate) {
    problems.push(...dueDateProblems('dueDate', invoice.invoiceDate, invoice.dueDate));
    const term = daysBetween(invoice.invoiceDate, invoice.dueDate);
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
    add('penaltyInterestPercent', 'scale_2', 'at most 2 decimals (the contract, Invoice.penaltyPercent: scale 2)');
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
    // Name the field the source actually sent: the billing contact when given, else the contact person.
    add(
      customer.billingContact ? 'customer.billingContact' : 'customer.contactPerson',
      'max_length_28',
      `billing and customer contact together ('${contact}') are ${contact.length} characters; Procountor takes 28 (Visma Severa's field table)`,
    );
  }
  const additional = joinAdditionalInformation(invoice) ?? '';
  if (additional.length > MAX_ADDITIONAL_INFORMATION_CHARS && !truncates('additionalInformation')) {
    add(
      'notes',
      'max_length_10000',
      `references, notes and free texts together are ${additional.length} characters; Procountor takes 10,000 (the contract, Invoice.additionalInformation)`,
    );
  }

  let total = 0;
  invoice.rows.forEach((row, index) => {
    const path = `rows[${index}]`;
    const isItem = row.kind === 'item' || row.kind === undefined;
    if (isItem) {
      for (const field of ['quantity', 'unitPrice', 'vatPercent'] as const) {
        if (row[field] === undefined) add(`${path}.${field}`, 'required', 'is required on an item row');
      }
    }
    if (row.quantity !== undefined) push(numberProblem(`${path}.quantity`, row.quantity, ROW_QUANTITY_LIMIT));
    if (row.unitPrice !== undefined) push(numberProblem(`${path}.unitPrice`, row.unitPrice, ROW_UNIT_PRICE_LIMIT));
    if (row.discountPercent !== undefined) {
      push(numberProblem(`${path}.discountPercent`, row.discountPercent, DISCOUNT_PERCENT_LIMIT));
    }
    const vatProblem =
      row.vatPercent === undefined ? undefined : numberProblem(`${path}.vatPercent`, row.vatPercent, VAT_PERCENT_LIMIT);
    push(vatProblem);
    if (isItem && row.quantity !== undefined && row.unitPrice !== undefined) {
      const net = row.quantity * row.unitPrice * (1 - (row.discountPercent ?? 0) / 100);
      total += net * (1 + (row.vatPercent ?? 0) / 100);
      push(amountProblem(`${path}.unitPrice`, 'the row amount (quantity × unit price)', net));
    }
    if (row.unit && !toProcountorUnit(row.unit))
      add(`${path}.unit`, 'procountor_unit', `'${row.unit}' is not a Procountor unit (e.g. HOUR, PIECE, DAY, h, kpl)`);
    if (
      row.vatPercent !== undefined &&
      !vatProblem &&
      dateIsKnown &&
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
  if (!problems.some((problem) => problem.rule === 'amount_limits')) {
    push(amountProblem('rows', 'the invoice total with VAT', total));
  }

  (invoice.attachments ?? []).forEach((attachment, index) => {
    const path = `attachments[${index}]`;
    if (!(ALLOWED_ATTACHMENT_MEDIA_TYPES as readonly string[]).includes(attachment.mediaType)) {
      add(
        `${path}.mediaType`,
        'attachment_type',
        `'${attachment.mediaType}' is not allowed; Procountor accepts PDF, JPEG and GIF`,
      );
    }
    if (!SAFE_FILE_NAME.test(attachment.fileName)) {
      add(
        `${path}.fileName`,
        'file_name_characters',
        `'${attachment.fileName}' has special characters; use letters, digits, '.', '-', '_' and an extension (Procountor refuses special characters in file names)`,
      );
    }
    const mediaTypeIsAllowed = (ALLOWED_ATTACHMENT_MEDIA_TYPES as readonly string[]).includes(attachment.mediaType);
    problems.push(
      ...attachmentContentProblems(
        `${path}.contentBase64`,
        attachment.contentBase64,
        mediaTypeIsAllowed ? attachment.mediaType : '',
      ),
    );
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
