// Maps a canonical sales invoice to the Procountor invoice the bridge POSTs (Visma Severa's field table, Taimer's notes
// on rows).
import type { components } from '@procountor-bridge/client/generated';
import { chooseInvoiceChannel, type InvoiceChannelSettings, invoiceEmailOf } from './choose-invoice-channel';
import { codelessProductKey, type DefaultCodes, defaultCodeOf } from './default-row-code';
import { MAX_ADDITIONAL_INFORMATION_CHARS, MAX_CONTACT_PERSON_CHARS, MAX_ROW_COMMENT_CHARS } from './field-limits';
import { toProcountorCountry } from './procountor-country';
import { toProcountorUnit } from './procountor-unit';
import { INVOICE_LANGUAGES, type SalesInvoiceInput, type SalesInvoiceRowInput } from './sales-invoice-schema';

export type ProcountorInvoice = components['schemas']['Invoice'];
type ProcountorInvoiceRow = components['schemas']['InvoiceRow'];

export interface InvoiceMappingContext extends InvoiceChannelSettings, DefaultCodes {
  partnerId?: number;
  /** Procountor product ids by code, where the product register has them. */
  productIdsByCode?: ReadonlyMap<string, number>;
  /** Procountor VAT status of domestic sales; 1 unless the company's VAT statuses say otherwise (assumption). */
  vatStatus?: number;
  /** The company's bank account for invoices (its IBAN): contract PaymentInfo.bankAccount, needed for bank transfer. */
  bankAccountIban?: string;
  /** Rows carry sales accounts or dimensions: Procountor then needs accounting by row (FACTS.md). */
  accountingByRow?: boolean;
}

function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Due date, or invoice date + payment term (default 14 days, an assumption for documents with neither). */
export function dueDateOf(invoice: SalesInvoiceInput): string {
  return invoice.dueDate ?? addDays(invoice.invoiceDate, invoice.paymentTermDays ?? 14);
}

/**
 * Visma Severa's field table: "The invoicing contact person and the Customer contact person are separated with a /
 * sign."
 */
export function contactPersonOf(invoice: SalesInvoiceInput): string | undefined {
  const names = [invoice.customer.billingContact, invoice.customer.contactPerson].filter(
    (name): name is string => !!name,
  );
  return names.length > 0 ? names.join(' / ').slice(0, MAX_CONTACT_PERSON_CHARS) : undefined;
}

/**
 * As in Visma Severa's field table: our reference, your reference, notes and the free texts share Procountor's
 * additionalInformation.
 */
export function joinAdditionalInformation(invoice: SalesInvoiceInput): string | undefined {
  const language = invoice.language ?? 'fi';
  const labels =
    language === 'fi' ? { our: 'Viitteemme', your: 'Viitteenne' } : { our: 'Our reference', your: 'Your reference' };
  const parts = [
    invoice.ourReference ? `${labels.our}: ${invoice.ourReference}` : undefined,
    invoice.yourReference ? `${labels.your}: ${invoice.yourReference}` : undefined,
    invoice.textAboveRows,
    invoice.notes,
    invoice.textBelowRows,
  ].filter((part): part is string => !!part);
  return parts.length > 0 ? parts.join('\n') : undefined;
}

/** What goes to Procountor: over 10,000 characters only when the connection opted to truncate (validation refuses it otherwise). */
export function additionalInformationOf(invoice: SalesInvoiceInput): string | undefined {
  return joinAdditionalInformation(invoice)?.slice(0, MAX_ADDITIONAL_INFORMATION_CHARS);
}

/**
 * As Taimer's integration does: "The first descriptive row of the invoice row is transferred as a comment on a row in
 * Procountor."
 */
function rowCommentOf(row: SalesInvoiceRowInput): string | undefined {
  const firstLine = row.description?.split(/\r?\n/).find((line) => line.trim().length > 0);
  return firstLine ? firstLine.slice(0, MAX_ROW_COMMENT_CHARS) : undefined;
}

function toProcountorRow(
  row: SalesInvoiceRowInput,
  context: InvoiceMappingContext,
  vatStatus: number,
): ProcountorInvoiceRow {
  const comment = rowCommentOf(row);
  if (row.kind === 'header' || row.kind === 'text') {
    // Taimer's help page: "There are no header rows in Procountor … regular invoice rows with zero values."
    return {
      product: row.name,
      quantity: 0,
      unit: 'NO_UNIT',
      unitPrice: 0,
      discountPercent: 0,
      vatPercent: row.vatPercent ?? 0,
      ...(comment ? { comment } : {}),
    };
  }
  // As Visma Severa's integration does: "Products without a code will be transferred with the default code" (work types
  // with theirs).
  const productCode = row.productCode ?? defaultCodeOf(row, context);
  const productId = context.productIdsByCode?.get(productCode ?? codelessProductKey(row.name));
  return {
    ...(productId !== undefined ? { productId } : {}),
    product: row.name,
    ...(productCode ? { productCode } : {}),
    quantity: row.quantity ?? 0,
    unit: toProcountorUnit(row.unit) ?? 'PIECE',
    unitPrice: row.unitPrice ?? 0,
    discountPercent: row.discountPercent ?? 0,
    vatPercent: row.vatPercent ?? 0,
    vatStatus,
    ...(comment ? { comment } : {}),
  };
}

/** The Procountor invoice for a validated canonical sales invoice. Pure: ids come in through the context. */
export function toProcountorInvoice(invoice: SalesInvoiceInput, context: InvoiceMappingContext): ProcountorInvoice {
  const { customer } = invoice;
  const vatStatus = context.vatStatus ?? 1;
  const contactPersonName = contactPersonOf(invoice);
  const additionalInformation = additionalInformationOf(invoice);
  const referenceCode = invoice.referenceCode?.replace(/\s/g, '');
  return {
    type: 'SALES_INVOICE',
    ...(context.partnerId !== undefined ? { partnerId: context.partnerId } : {}),
    date: invoice.invoiceDate,
    counterParty: {
      ...(contactPersonName ? { contactPersonName } : {}),
      ...(customer.businessId ? { identifier: customer.businessId } : {}),
      ...(customer.customerNumber ? { customerNumber: customer.customerNumber } : {}),
      ...(invoiceEmailOf(customer) ? { email: invoiceEmailOf(customer) } : {}),
      counterPartyAddress: {
        name: customer.name,
        ...(customer.address.street ? { street: customer.address.street } : {}),
        ...(customer.address.postalCode ? { zip: customer.address.postalCode } : {}),
        ...(customer.address.city ? { city: customer.address.city } : {}),
        country: toProcountorCountry(customer.address.country ?? 'FI'),
      },
      ...(customer.eInvoice
        ? { einvoiceAddress: { address: customer.eInvoice.address, operator: customer.eInvoice.operator } }
        : {}),
    } as ProcountorInvoice['counterParty'],
    paymentInfo: {
      paymentMethod: 'BANK_TRANSFER',
      currency: (invoice.currency ?? 'EUR') as ProcountorInvoice['paymentInfo']['currency'],
      dueDate: dueDateOf(invoice),
      // Assumption: the source gives amounts in the invoice currency; Procountor applies the rate for foreign currencies.
      currencyRate: 1,
      ...(context.bankAccountIban ? { bankAccount: { accountNumber: context.bankAccountIban } } : {}),
      // FACTS.md: "" asks Procountor to generate a reference; a given one must carry a valid check digit.
      bankReferenceCode: referenceCode ?? '',
      bankReferenceCodeType: referenceCode?.toUpperCase().startsWith('RF') ? 'RF' : 'FI',
    },
    extraInfo: { accountingByRow: context.accountingByRow ?? false, unitPricesIncludeVat: false },
    discountPercent: 0,
    ...(invoice.orderReference ? { orderReference: invoice.orderReference } : {}),
    invoiceRows: invoice.rows.map((row) => toProcountorRow(row, context, vatStatus)),
    vatStatus,
    // FACTS.md: Procountor assigns invoiceNumber; the source's number goes to originalInvoiceNumber (max 40).
    originalInvoiceNumber: invoice.invoiceNumber ?? invoice.externalId.slice(0, 40),
    invoiceChannel: chooseInvoiceChannel(customer, context),
    language: INVOICE_LANGUAGES[invoice.language ?? 'fi'],
    ...(invoice.penaltyInterestPercent !== undefined ? { penaltyPercent: invoice.penaltyInterestPercent } : {}),
    ...(additionalInformation ? { additionalInformation } : {}),
    ...(invoice.internalNotes ? { notes: invoice.internalNotes } : {}),
  };
}
