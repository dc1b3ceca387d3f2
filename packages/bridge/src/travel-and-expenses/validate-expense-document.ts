// The business rules a travel invoice, expense claim or purchase invoice must pass before it is accepted.
import {
  formatBusinessId,
  normaliseIban,
  validateFinnishVatRate,
  validateIban,
  validatePersonalIdentityCode,
  validateReferenceNumber,
  validateRfReference,
} from '@procountor-bridge/client/finnish';
import { businessIdProblem } from '../business-partners/customer-rules';
import { attachmentContentProblems, mediaTypeOfFileName } from '../document-rules/attachment-content';
import { documentDateProblem, dueDateProblems, isInDocumentDateWindow, todayUtc } from '../document-rules/date-window';
import { currencyProblem } from '../document-rules/invoice-currency';
import {
  amountProblem,
  numberProblem,
  ROW_QUANTITY_LIMIT,
  ROW_UNIT_PRICE_LIMIT,
  VAT_PERCENT_LIMIT,
} from '../document-rules/number-limits';
import type { ErrorDetail } from '../errors/bridge-error';
import { toProcountorUnit } from '../sales-invoices/procountor-unit';
import { type ExpenseDocumentInput, type ExpenseDocumentKind, personOf, supplierOf } from './expense-document-schema';

/** Visma Severa's help page: "Sales and travel invoice attachments must be in GIF, JPEG, or PDF form… no special characters". */
const TRAVEL_ATTACHMENT_EXTENSIONS = /\.(gif|jpe?g|pdf)$/i;
const FILE_NAME_CHARACTERS = /^[\p{L}\p{N} ._()-]+$/u;

function referenceProblem(path: string, code: string): ErrorDetail | undefined {
  const result = code.trim().toUpperCase().startsWith('RF') ? validateRfReference(code) : validateReferenceNumber(code);
  return result.valid ? undefined : { path, rule: 'reference_check_digit', message: `'${code}': ${result.reason}` };
}

/** Every problem of the document, or [] when it can be accepted. Pure: `today` (YYYY-MM-DD) dates the window. */
export function validateExpenseDocument(
  kind: ExpenseDocumentKind,
  document: ExpenseDocumentInput,
  today: string = todayUtc(),
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const add = (path: string, rule: string, message: string) => problems.push({ path, rule, message });
  const push = (problem: ErrorDetail | undefined) => {
    if (problem) problems.push(problem);
  };

  const person = personOf(document);
  if (person) {
    // Visma Severa's and Taimer's help pages: without the personal identity code the person cannot be found in Procountor.
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
    if (supplier.businessId !== undefined) push(businessIdProblem('supplier.businessId', supplier.businessId));
    if (supplier.referenceCode) push(referenceProblem('supplier.referenceCode', supplier.referenceCode));
  }

  if (document.currency !== undefined) push(currencyProblem('currency', document.currency));
  push(documentDateProblem('invoiceDate', document.invoiceDate, today));
  const dateIsKnown = isInDocumentDateWindow(document.invoiceDate, today);
  if (document.dueDate) problems.push(...dueDateProblems('dueDate', document.invoiceDate, document.dueDate));

  let total = 0;
  for (const [index, row] of document.rows.entries()) {
    const path = `rows[${index}]`;
    push(numberProblem(`${path}.quantity`, row.quantity, ROW_QUANTITY_LIMIT));
    push(numberProblem(`${path}.unitPrice`, row.unitPrice, ROW_UNIT_PRICE_LIMIT));
    const vatProblem = numberProblem(`${path}.vatPercent`, row.vatPercent, VAT_PERCENT_LIMIT);
    push(vatProblem);
    const net = row.quantity * row.unitPrice;
    total += net * (1 + row.vatPercent / 100);
    push(amountProblem(`${path}.unitPrice`, 'the row amount (quantity × unit price)', net));
    // Taimer's help page: "Check that the VAT percentages are the same on Taimer and Procountor".
    if (!vatProblem && dateIsKnown) {
      const vat = validateFinnishVatRate(row.vatPercent, document.invoiceDate);
      if (!vat.valid) add(`${path}.vatPercent`, 'finnish_vat_rate', `${row.vatPercent} %: ${vat.reason}`);
    }
    if (row.unit !== undefined && toProcountorUnit(row.unit) === undefined) {
      add(`${path}.unit`, 'procountor_unit', `'${row.unit}' is not a Procountor unit (KILOMETER, DAY, PIECE…)`);
    }
  }
  if (!problems.some((problem) => problem.rule === 'amount_limits')) {
    push(amountProblem('rows', 'the invoice total with VAT', total));
  }

  for (const [index, attachment] of (document.attachments ?? []).entries()) {
    const path = `attachments[${index}]`;
    if (!FILE_NAME_CHARACTERS.test(attachment.fileName)) {
      add(
        `${path}.fileName`,
        'file_name_characters',
        'only letters, digits, space and . _ - ( ) (Procountor refuses special characters in file names)',
      );
    }
    if (kind === 'travel_invoice' && !TRAVEL_ATTACHMENT_EXTENSIONS.test(attachment.fileName)) {
      add(
        `${path}.fileName`,
        'travel_attachment_type',
        'a travel invoice attachment must be GIF, JPEG or PDF (Procountor)',
      );
    }
    const mediaType = attachment.mediaType ?? mediaTypeOfFileName(attachment.fileName);
    problems.push(...attachmentContentProblems(`${path}.contentBase64`, attachment.contentBase64, mediaType));
  }
  return problems;
}

/** The document as stored and sent, once it passed: the supplier's business ID in its official 1234567-8 form. */
export function normalizedExpenseDocument<T extends ExpenseDocumentInput>(document: T): T {
  const supplier = supplierOf(document);
  const businessId = supplier?.businessId === undefined ? undefined : formatBusinessId(supplier.businessId);
  if (!supplier || !businessId?.valid) return document;
  return { ...document, supplier: { ...supplier, businessId: businessId.value } };
}
