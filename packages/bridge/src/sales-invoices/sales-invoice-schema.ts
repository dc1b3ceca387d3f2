// The canonical sales invoice a source application submits: one JSON shape for every source, documented field by field.
import { type Static, Type } from 'typebox';
import {
  MAX_CITY_CHARS,
  MAX_CUSTOMER_NAME_CHARS,
  MAX_ORDER_REFERENCE_CHARS,
  MAX_PAYMENT_TERM_DAYS,
  MAX_POSTAL_CODE_CHARS,
  MAX_SOURCE_INVOICE_NUMBER_CHARS,
  MAX_STREET_CHARS,
} from './field-limits';

const IsoDate = Type.String({ format: 'date', description: 'ISO 8601 date, YYYY-MM-DD.' });
const Text = (description: string, maxLength = 10_000) => Type.String({ maxLength, description });
/** Text of several lines: tab, CR and LF allowed (validation/storable-text.ts); every other string is one line. */
const MultilineText = (description: string, maxLength = 10_000) =>
  Type.String({ maxLength, multiline: true, description });

/** Invoice languages Procountor supports (contract Invoice.language). */
export const INVOICE_LANGUAGES = {
  fi: 'FINNISH',
  sv: 'SWEDISH',
  en: 'ENGLISH',
  et: 'ESTONIAN',
  no: 'NORWEGIAN',
  da: 'DANISH',
} as const;
export type InvoiceLanguageCode = keyof typeof INVOICE_LANGUAGES;

export const AddressSchema = Type.Object(
  {
    street: Type.Optional(
      Type.String({
        maxLength: MAX_STREET_CHARS,
        description: 'Street address; required when the invoice goes by mail or as an e-invoice.',
      }),
    ),
    postalCode: Type.Optional(Type.String({ maxLength: MAX_POSTAL_CODE_CHARS, description: 'Postal code.' })),
    city: Type.Optional(Type.String({ maxLength: MAX_CITY_CHARS, description: 'City.' })),
    country: Type.String({
      pattern: '^[A-Z]{2}$',
      default: 'FI',
      description: 'ISO 3166-1 alpha-2 country code, e.g. FI, SE.',
    }),
  },
  { additionalProperties: false },
);

export const CustomerSchema = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: MAX_CUSTOMER_NAME_CHARS,
      description: 'Customer name on the invoice.',
    }),
    businessId: Type.Optional(
      Type.String({
        description:
          'Finnish business ID (Y-tunnus) such as 1234567-8, checked with its check digit; also taken without the hyphen, stored as 1234567-8.',
      }),
    ),
    customerNumber: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        description: 'Customer number in the source; matched in Procountor.',
      }),
    ),
    vatNumber: Type.Optional(
      Type.String({
        maxLength: 20,
        description:
          'VAT number with its country prefix, e.g. FI12345678; checked by country (a Finnish one against businessId).',
      }),
    ),
    address: AddressSchema,
    eInvoice: Type.Optional(
      Type.Object(
        {
          address: Type.String({
            minLength: 1,
            maxLength: 35,
            description: 'E-invoice address: an OVT identifier (0037 + business ID digits, checked) or an IBAN.',
          }),
          operator: Type.String({
            minLength: 1,
            maxLength: 35,
            description: "E-invoice operator code, e.g. 003721291126 (an operator's OVT) or NDEAFIHH (a bank's BIC).",
          }),
        },
        { additionalProperties: false },
      ),
    ),
    email: Type.Optional(
      Type.String({ format: 'email', maxLength: 255, description: "The customer's invoice e-mail address." }),
    ),
    contactEmail: Type.Optional(
      Type.String({
        format: 'email',
        maxLength: 255,
        description:
          "E-mail of the contact person chosen for this invoice; with emailSending on it receives the invoice before the customer's email.",
      }),
    ),
    billingContact: Type.Optional(Type.String({ maxLength: 70, description: 'Billing contact person.' })),
    contactPerson: Type.Optional(Type.String({ maxLength: 70, description: 'Customer contact person.' })),
  },
  { additionalProperties: false },
);

export const RowDimensionsSchema = Type.Object(
  {
    project: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'Project code (dimension item).' })),
    costCenter: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'Cost centre code.' })),
    businessUnit: Type.Optional(Type.String({ minLength: 1, maxLength: 50, description: 'Business unit code.' })),
  },
  { additionalProperties: false },
);

export const SalesInvoiceRowSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal('item'), Type.Literal('header'), Type.Literal('text')], {
      default: 'item',
      description:
        'item: a priced row; header: a heading (Procountor has none: sent as a zero-value row); text: a free-text row (sent as a zero-value row).',
    }),
    itemType: Type.Optional(
      Type.Union([Type.Literal('product'), Type.Literal('work_type')], {
        description:
          "What an item row bills: a product (default) or hours of a work type. A row without productCode takes the connection's defaultProductCode, or defaultWorkTypeCode for a work type.",
      }),
    ),
    productCode: Type.Optional(Type.String({ maxLength: 50, description: 'Product or work type code in Procountor.' })),
    name: Type.String({ minLength: 1, maxLength: 200, description: 'Row name (product name), or the header/text.' }),
    description: Type.Optional(
      Type.String({
        maxLength: 2_000,
        multiline: true,
        description: 'Descriptive text; its first line becomes the row comment.',
      }),
    ),
    quantity: Type.Optional(
      Type.Number({
        description: 'Quantity; negative on credit rows. Required for item rows. At most 5 decimals, ±999,999,999.99.',
      }),
    ),
    unit: Type.Optional(
      Type.String({ description: 'Unit: a Procountor unit (HOUR, PIECE, DAY…) or h, pcs, kpl, pv, kk, km.' }),
    ),
    unitPrice: Type.Optional(
      Type.Number({
        description: 'Unit price without VAT. Required for item rows. At most 5 decimals, ±999,999,999.99.',
      }),
    ),
    vatPercent: Type.Optional(
      Type.Number({
        minimum: 0,
        maximum: 100,
        description: 'VAT %, at most 2 decimals (e.g. 25.5). Required for item rows.',
      }),
    ),
    discountPercent: Type.Optional(
      Type.Number({ minimum: 0, maximum: 100, default: 0, description: 'Row discount %, at most 4 decimals.' }),
    ),
    salesAccount: Type.Optional(
      Type.String({ pattern: '^[0-9]{3,8}$', description: 'Sales ledger account, e.g. 3000.' }),
    ),
    dimensions: Type.Optional(RowDimensionsSchema),
  },
  { additionalProperties: false },
);

export const AttachmentInputSchema = Type.Object(
  {
    fileName: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'File name with extension, no special characters.',
    }),
    mediaType: Type.String({
      description:
        'application/pdf, image/jpeg or image/gif: the types Procountor accepts for sales and travel invoice attachments.',
    }),
    contentBase64: Type.String({
      minLength: 1,
      // Base64 is often wrapped in lines of 76 characters (MIME); the whitespace is ignored when decoding.
      multiline: true,
      description: 'File content, base64; at most 10,000,000 bytes decoded.',
    }),
    kind: Type.Optional(
      Type.Union([Type.Literal('invoice-pdf'), Type.Literal('breakdown'), Type.Literal('attachment')], {
        default: 'attachment',
        description: "What the file is, for the connection's attachment mode.",
      }),
    ),
  },
  { additionalProperties: false },
);

export const SalesInvoiceInputSchema = Type.Object(
  {
    externalId: Type.String({
      minLength: 1,
      maxLength: 100,
      description: "The document's id in the source application; a submit is idempotent on it.",
    }),
    invoiceNumber: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: MAX_SOURCE_INVOICE_NUMBER_CHARS,
        description:
          "The source's invoice number; kept in Procountor's originalInvoiceNumber (Procountor numbers the invoice).",
      }),
    ),
    invoiceDate: IsoDate,
    dueDate: Type.Optional(IsoDate),
    paymentTermDays: Type.Optional(
      Type.Integer({ minimum: 0, maximum: MAX_PAYMENT_TERM_DAYS, description: 'Payment term in days, if no dueDate.' }),
    ),
    currency: Type.String({
      pattern: '^[A-Z]{3}$',
      default: 'EUR',
      description: 'ISO 4217 currency code in circulation (not XXX, metals or withdrawn currencies).',
    }),
    language: Type.Union(
      [
        Type.Literal('fi'),
        Type.Literal('sv'),
        Type.Literal('en'),
        Type.Literal('et'),
        Type.Literal('no'),
        Type.Literal('da'),
      ],
      { default: 'fi', description: 'Invoice language: fi, sv, en, et, no or da.' },
    ),
    customer: CustomerSchema,
    orderReference: Type.Optional(
      Type.String({ maxLength: MAX_ORDER_REFERENCE_CHARS, description: 'Order reference.' }),
    ),
    ourReference: Type.Optional(Text('Our reference (goes to the additional information).')),
    yourReference: Type.Optional(Text('Your reference (goes to the additional information).')),
    notes: Type.Optional(MultilineText('Notes shown on the invoice (additional information).')),
    textAboveRows: Type.Optional(MultilineText('Free text above the rows.')),
    textBelowRows: Type.Optional(MultilineText('Free text below the rows.')),
    internalNotes: Type.Optional(MultilineText("Notes not visible on the invoice (Procountor's notes).")),
    penaltyInterestPercent: Type.Optional(
      Type.Number({ minimum: 0, maximum: 100, description: 'Late interest %, scale 2.' }),
    ),
    referenceCode: Type.Optional(
      Type.String({ description: 'Finnish or RF reference; Procountor generates one when omitted.' }),
    ),
    salesAccount: Type.Optional(
      Type.String({
        pattern: '^[0-9]{3,8}$',
        description:
          'Sales account of the whole invoice, e.g. 3000: given to every item row without its own salesAccount.',
      }),
    ),
    dimensions: Type.Optional(
      Type.Object(RowDimensionsSchema.properties, {
        additionalProperties: false,
        description:
          'Project, cost centre and business unit of the whole invoice: given to every item row that has none of that kind.',
      }),
    ),
    rows: Type.Array(SalesInvoiceRowSchema, {
      minItems: 1,
      maxItems: 1_000,
      description: 'Invoice rows, at least one.',
    }),
    attachments: Type.Optional(Type.Array(AttachmentInputSchema, { maxItems: 20 })),
  },
  { additionalProperties: false, $id: 'SalesInvoiceInput' },
);

export type SalesInvoiceInput = Static<typeof SalesInvoiceInputSchema>;
export type SalesInvoiceRowInput = Static<typeof SalesInvoiceRowSchema>;
export type CustomerInput = Static<typeof CustomerSchema>;
export type AttachmentInput = Static<typeof AttachmentInputSchema>;
