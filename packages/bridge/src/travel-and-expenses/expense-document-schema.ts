// The canonical documents a source sends for travel invoices, expense claims and purchase invoices.
import { type Static, Type } from 'typebox';

/** The transfer kinds of this domain and the Procountor invoice type each becomes (contract Invoice.type). */
export const EXPENSE_DOCUMENT_KINDS = {
  travel_invoice: 'TRAVEL_INVOICE',
  expense_claim: 'BILL_OF_CHARGES',
  purchase_invoice: 'PURCHASE_INVOICE',
} as const;
export type ExpenseDocumentKind = keyof typeof EXPENSE_DOCUMENT_KINDS;

/** URL path of each kind under /v1/connections/{connectionId}/ (also transfers/transfer-response.ts links). */
export const EXPENSE_DOCUMENT_PATHS: Record<ExpenseDocumentKind, string> = {
  travel_invoice: 'travel-invoices',
  expense_claim: 'expense-claims',
  purchase_invoice: 'source-purchase-invoices',
};

export function isExpenseDocumentKind(kind: string): kind is ExpenseDocumentKind {
  return kind in EXPENSE_DOCUMENT_KINDS;
}

const DateString = (description: string) => Type.String({ format: 'date', description });

const DimensionsSchema = Type.Object(
  {
    project: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    costCenter: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    businessUnit: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  },
  {
    additionalProperties: false,
    description: "The row's project, cost centre and business unit codes, set on its ledger transaction.",
  },
);

export const ExpenseRowSchema = Type.Object(
  {
    expenseCode: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        description:
          "Travel expense code (Procountor's travel expense register, type TRAVEL) or purchase product code. Travel and expense rows without one use the connection's defaultTravelExpenseCode.",
      }),
    ),
    description: Type.String({ minLength: 1, maxLength: 200, description: 'What was spent (Procountor row product).' }),
    quantity: Type.Number({ description: 'e.g. kilometres, days, pieces; at most 5 decimals, ±999,999,999.99.' }),
    unit: Type.Optional(
      Type.String({ description: 'Procountor unit (KILOMETER, DAY, PIECE…) or a short form; default PIECE.' }),
    ),
    unitPrice: Type.Number({ description: 'At most 5 decimals, ±999,999,999.99.' }),
    vatPercent: Type.Number({
      description: 'Must be a Finnish VAT rate in force on invoiceDate.',
    }),
    comment: Type.Optional(Type.String({ maxLength: 512, multiline: true })),
    dimensions: Type.Optional(DimensionsSchema),
  },
  { additionalProperties: false },
);

export const ExpenseAttachmentSchema = Type.Object(
  {
    fileName: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'With its extension; letters, digits, space . _ - ( ).',
    }),
    mediaType: Type.Optional(Type.String({ description: 'Default from the extension.' })),
    contentBase64: Type.String({
      minLength: 1,
      multiline: true,
      description: 'The file, base64; at most 10,000,000 bytes decoded.',
    }),
  },
  { additionalProperties: false },
);

const PersonSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 160, description: 'Named in every error about this person.' }),
    personalIdentityCode: Type.Optional(
      Type.String({
        description:
          "Finnish personal identity code (HETU): the person is found in Procountor's person register by it.",
      }),
    ),
    iban: Type.Optional(
      Type.String({ description: "Where the reimbursement is paid; default: the person's account in Procountor." }),
    ),
  },
  { additionalProperties: false },
);

const SupplierSchema = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 80 }),
    businessId: Type.Optional(
      Type.String({ description: 'Finnish business ID (Y-tunnus) of the freelancer or supplier.' }),
    ),
    street: Type.Optional(Type.String({ maxLength: 80 })),
    zip: Type.Optional(Type.String({ maxLength: 20 })),
    city: Type.Optional(Type.String({ maxLength: 40 })),
    iban: Type.String({ description: 'The account the invoice is paid to.' }),
    referenceCode: Type.Optional(Type.String({ description: 'Payment reference (Finnish or RF).' })),
  },
  { additionalProperties: false },
);

const TravelSchema = Type.Object(
  {
    departure: Type.String({
      maxLength: 40,
      description: 'Departure date, free text (contract TravelInformationItem).',
    }),
    arrival: Type.String({ maxLength: 40, description: 'Return date, free text.' }),
    places: Type.String({ maxLength: 255 }),
    purpose: Type.String({ maxLength: 255, multiline: true }),
  },
  { additionalProperties: false },
);

const StatusAfterTransfer = Type.Union(
  [Type.Literal('UNFINISHED'), Type.Literal('RECEIVED'), Type.Literal('APPROVED')],
  {
    description:
      "Procountor status after transfer: UNFINISHED (recommended: edit and check in Procountor), RECEIVED (sent to circulation) or APPROVED. Default: the connection's setting, else UNFINISHED.",
  },
);

const Common = {
  externalId: Type.String({
    minLength: 1,
    maxLength: 100,
    description: "The document's id in the source: idempotency key.",
  }),
  invoiceNumber: Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 40,
      description: "The source's number, to Procountor's originalInvoiceNumber.",
    }),
  ),
  invoiceDate: DateString('Invoice date (YYYY-MM-DD).'),
  dueDate: Type.Optional(DateString('Due date; default the invoice date.')),
  currency: Type.Optional(Type.String({ minLength: 3, maxLength: 3, description: 'Default EUR.' })),
  notes: Type.Optional(
    Type.String({ maxLength: 10000, multiline: true, description: 'Procountor notes (not on the invoice).' }),
  ),
  rows: Type.Array(ExpenseRowSchema, { minItems: 1, maxItems: 500 }),
  attachments: Type.Optional(Type.Array(ExpenseAttachmentSchema, { maxItems: 20 })),
  statusAfterTransfer: Type.Optional(StatusAfterTransfer),
};

export const TravelInvoiceInputSchema = Type.Object(
  {
    ...Common,
    person: PersonSchema,
    travel: Type.Optional(Type.Array(TravelSchema, { maxItems: 50 })),
  },
  {
    additionalProperties: false,
    description:
      'A travel invoice / reimbursement: the travel invoice and its attachments as one file in `attachments`.',
  },
);

export const ExpenseClaimInputSchema = Type.Object(
  { ...Common, person: PersonSchema },
  {
    additionalProperties: false,
    description: 'An expense claim paid to a person, Procountor BILL_OF_CHARGES.',
  },
);

export const SourcePurchaseInvoiceInputSchema = Type.Object(
  { ...Common, supplier: SupplierSchema },
  {
    additionalProperties: false,
    description: "A freelancer's invoice or the source's own bill as a Procountor purchase invoice.",
  },
);

export type ExpenseRowInput = Static<typeof ExpenseRowSchema>;
export type TravelInvoiceInput = Static<typeof TravelInvoiceInputSchema>;
export type ExpenseClaimInput = Static<typeof ExpenseClaimInputSchema>;
export type SourcePurchaseInvoiceInput = Static<typeof SourcePurchaseInvoiceInputSchema>;
/** Any of the three, as the steps read it. */
export type ExpenseDocumentInput = TravelInvoiceInput | ExpenseClaimInput | SourcePurchaseInvoiceInput;

export const SCHEMA_OF: Record<
  ExpenseDocumentKind,
  typeof TravelInvoiceInputSchema | typeof ExpenseClaimInputSchema | typeof SourcePurchaseInvoiceInputSchema
> = {
  travel_invoice: TravelInvoiceInputSchema,
  expense_claim: ExpenseClaimInputSchema,
  purchase_invoice: SourcePurchaseInvoiceInputSchema,
};

export function personOf(document: ExpenseDocumentInput) {
  return 'person' in document ? document.person : undefined;
}

export function supplierOf(document: ExpenseDocumentInput) {
  return 'supplier' in document ? document.supplier : undefined;
}
