// The business rules a travel invoice, expense claim or purchase invoice must pass before it is accepted.
import {
  normaliseIban,
  validateBusinessId,
  validateFinnishVatRate,
  validateIban,
  validatePersonalIdentityCode,
} from '@procountor-bridge/client/finnish';
import type { ErrorDetail } from '../errors/bridge-error';
import { MAX_ATTACHMENT_BYTES } from '../sales-invoices/field-limits';
import { toProcountorUnit } from '../sales-invoices/procountor-unit';
import { type ExpenseDocumentInput, type ExpenseDocumentKind, personOf, supplierOf } from './expense-document-schema';

/** Seed 002: "Sales and travel invoice attachments must be in GIF, JPEG, or PDF form… no special characters". */
const TRAVEL_ATTACHMENT_EXTENSIONS = /\.(gif|jpe?g|pdf)$/i;
const FILE_NAME_CHARACTERS = /^[\p{L}\p{N} ._()-]+$/u;

export function validateExpenseDocument(kind: ExpenseDocumentKind, document: ExpenseDocumentInput): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const add = (path: string, rule: string, message: string) => problems.push({ path, rule, message });

  const person = personOf(document);
  if (person) {
    // Seeds 002 and 004: without the personal identity code the person cannot be found in Procountor.
    if (!person.personalIdentityCode) {
      add(
        'person.personalIdentityCode',
        'personal_identity_code_required',
        `${person.name} has no personal identity code in the source; add it to the person's profile there`,
      );
    } else {
      const check = validatePersonalIdentityCode(person.personalIdentityCode);
      if (!check.valid) {
        add(
          'person.personalIdentityCode',
          'personal_identity_code',
          `${person.name}'s personal identity code: ${check.reason}`,
        );
      }
    }
    if (person.iban && !validateIban(normaliseIban(person.iban)).valid) {
      add('person.iban', 'iban', `'${person.iban}' is not a valid IBAN`);
    }
  }
  const supplier = supplierOf(document);
  if (supplier) {
    const iban = validateIban(normaliseIban(supplier.iban));
    if (!iban.valid) add('supplier.iban', 'iban', `'${supplier.iban}': ${iban.reason}`);
    if (supplier.businessId) {
      const businessId = validateBusinessId(supplier.businessId);
      if (!businessId.valid)
        add('supplier.businessId', 'business_id', `'${supplier.businessId}': ${businessId.reason}`);
    }
  }

  if (document.dueDate && document.dueDate < document.invoiceDate) {
    add(
      'dueDate',
      'due_date_after_invoice_date',
      'must not be before invoiceDate (Procountor DUE_DATE_BEFORE_BILL_DATE)',
    );
  }
  for (const [index, row] of document.rows.entries()) {
    // Seed 004: "Check that the VAT percentages are the same on Taimer and Procountor".
    const vat = validateFinnishVatRate(row.vatPercent, document.invoiceDate);
    if (!vat.valid) add(`rows[${index}].vatPercent`, 'vat_rate', `${row.vatPercent} %: ${vat.reason}`);
    if (row.unit !== undefined && toProcountorUnit(row.unit) === undefined) {
      add(`rows[${index}].unit`, 'procountor_unit', `'${row.unit}' is not a Procountor unit (KILOMETER, DAY, PIECE…)`);
    }
  }
  for (const [index, attachment] of (document.attachments ?? []).entries()) {
    const path = `attachments[${index}]`;
    if (!FILE_NAME_CHARACTERS.test(attachment.fileName)) {
      add(`${path}.fileName`, 'file_name_characters', 'only letters, digits, space and . _ - ( ) (seed 002)');
    }
    if (kind === 'travel_invoice' && !TRAVEL_ATTACHMENT_EXTENSIONS.test(attachment.fileName)) {
      add(
        `${path}.fileName`,
        'travel_attachment_type',
        'a travel invoice attachment must be GIF, JPEG or PDF (seed 002)',
      );
    }
    if (Buffer.from(attachment.contentBase64, 'base64').byteLength > MAX_ATTACHMENT_BYTES) {
      add(`${path}.contentBase64`, 'max_attachment_bytes', 'larger than 10,000,000 bytes (Procountor limit)');
    }
  }
  return problems;
}
