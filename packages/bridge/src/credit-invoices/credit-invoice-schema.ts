// The credit invoice request: credit a transferred invoice in whole or in part, optionally with its correction.
import { type Static, Type } from 'typebox';
import { SalesInvoiceBodySchema } from '../sales-invoices/sales-invoice-body-schema';
import { SalesInvoiceRowSchema } from '../sales-invoices/sales-invoice-schema';

export const CreditInvoiceInputSchema = Type.Object(
  {
    externalId: Type.String({
      minLength: 1,
      maxLength: 100,
      description: "The credit invoice's id in the source; a submit is idempotent on it.",
    }),
    creditsExternalId: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'externalId of the sales invoice being credited; it must have been transferred to Procountor.',
    }),
    whole: Type.Optional(
      Type.Literal(true, { description: 'Credit every row of the original invoice (negative quantities).' }),
    ),
    rows: Type.Optional(
      Type.Array(SalesInvoiceRowSchema, {
        minItems: 1,
        maxItems: 1_000,
        description: 'The rows to credit, when not the whole invoice; quantities are made negative.',
      }),
    ),
    invoiceNumber: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 40,
        description:
          "The source's number of the credit invoice (Procountor's originalInvoiceNumber); default externalId.",
      }),
    ),
    invoiceDate: Type.Optional(
      Type.String({ format: 'date', description: 'Date of the credit invoice; default today.' }),
    ),
    reason: Type.Optional(
      Type.String({
        maxLength: 500,
        multiline: true,
        description: "Why the invoice is credited; goes to Procountor's notes.",
      }),
    ),
    correctedInvoice: Type.Optional(
      Type.Unsafe<Static<typeof SalesInvoiceBodySchema>>({
        ...SalesInvoiceBodySchema,
        description: 'The corrected invoice, submitted as a new sales invoice once the credit invoice succeeded.',
      }),
    ),
  },
  { additionalProperties: false },
);

export type CreditInvoiceInput = Static<typeof CreditInvoiceInputSchema>;
