// Every event type the bridge emits to sources (webhooks and the feed), defined once with its payload schema.
import { type Static, type TSchema, Type } from 'typebox';

/** Every transfer kind (issue #6 added travel invoices, expense claims and purchase invoices from the source). */
const TransferKindSchema = Type.Union([
  Type.Literal('sales_invoice'),
  Type.Literal('credit_invoice'),
  Type.Literal('travel_invoice'),
  Type.Literal('expense_claim'),
  Type.Literal('purchase_invoice'),
]);

const TransferIdentity = {
  transferId: Type.String({ description: 'The bridge transfer the event is about (also the event subjectId).' }),
  kind: Type.Optional(TransferKindSchema),
  externalId: Type.String({ description: "The document's id in the source application." }),
  sourceInvoiceNumber: Type.Optional(Type.Union([Type.String(), Type.Null()])),
};

/** Extra fields are allowed: the transfer engine may add detail without breaking older sources. */
export const TransferSucceededPayloadSchema = Type.Object({
  ...TransferIdentity,
  procountorInvoiceId: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  procountorInvoiceNumber: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
  referenceCode: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  procountorStatus: Type.Optional(Type.Union([Type.String(), Type.Null()])),
});

export const TransferFailedPayloadSchema = Type.Object({
  ...TransferIdentity,
  error: Type.Optional(
    Type.Object({
      code: Type.String({ description: 'Stable snake_case code (docs/errors.md).' }),
      message: Type.String({ description: "What went wrong, in an accountant's words." }),
    }),
  ),
  problems: Type.Optional(
    Type.Array(Type.Object({ path: Type.String(), rule: Type.String(), message: Type.String() })),
  ),
});

/** Issue #6: one payment counted on a transferred invoice (docs/payments.md); the event id is stable per payment. */
const InvoicePaymentPayload = {
  transferId: Type.String(),
  kind: Type.Optional(Type.Union([Type.Literal('sales_invoice'), Type.Literal('credit_invoice')])),
  externalId: Type.String(),
  procountorInvoiceId: Type.Optional(Type.Integer()),
  procountorPaymentEventId: Type.Optional(
    Type.Integer({ description: "Procountor's payment event id: one event per payment, however often it is seen." }),
  ),
  amount: Type.Optional(Type.Number({ description: 'This payment, in the invoice currency (negative on a credit).' })),
  paymentDate: Type.Optional(Type.String({ description: 'Date of this payment (YYYY-MM-DD).' })),
  paymentType: Type.Optional(Type.String({ description: 'Procountor PaymentEvent.type, e.g. REFERENCEPAYMENT.' })),
  origin: Type.Optional(
    Type.Union([Type.Literal('webhook'), Type.Literal('reconciliation'), Type.Literal('source_mark_paid')], {
      description: "How the bridge learnt of it: Procountor's webhook, the reconciliation poll, or your mark-paid.",
    }),
  ),
  amountPaid: Type.Optional(Type.Number({ description: 'Paid so far, in the invoice currency.' })),
  amountOpen: Type.Optional(
    Type.Union([Type.Number(), Type.Null()], { description: 'Still open, in the invoice currency.' }),
  ),
  currency: Type.Optional(Type.String()),
  paidAt: Type.Optional(Type.String({ description: 'Date of the last payment (YYYY-MM-DD).' })),
};
export const InvoicePaidPayloadSchema = Type.Object(InvoicePaymentPayload);
export const InvoicePartiallyPaidPayloadSchema = Type.Object(InvoicePaymentPayload);
/** `amount` is the payment taken back; amountPaid and amountOpen are after it. */
export const InvoicePaymentRemovedPayloadSchema = Type.Object(InvoicePaymentPayload);

/**
 * Issue #6 (as Visma Severa imports project expenses): a purchase invoice dimensioned to a project reached a configured
 * status in Procountor.
 */
export const PurchaseInvoiceImportedPayloadSchema = Type.Object({
  purchaseInvoiceId: Type.String({
    description:
      'The import (also the event subjectId): GET /v1/connections/{id}/purchase-invoices/{purchaseInvoiceId}.',
  }),
  procountorInvoiceId: Type.Integer(),
  invoiceNumber: Type.Union([Type.Integer(), Type.Null()]),
  procountorStatus: Type.String(),
  supplierName: Type.String(),
  projectCodes: Type.Array(Type.String(), {
    description: 'The project dimension items (codes) the invoice is dimensioned to.',
  }),
  totalAmount: Type.Union([Type.Number(), Type.Null()]),
  currency: Type.String(),
});

const NullableString = Type.Union([Type.String(), Type.Null()]);

/** A bill (a purchase invoice received in Procountor) appeared: its routing hints, the personal identity code masked. */
export const BillReceivedPayloadSchema = Type.Object({
  procountorInvoiceId: Type.Integer({
    description: 'Also the event subjectId (bill_{id}); GET /v1/connections/{id}/bills/{procountorInvoiceId} reads it.',
  }),
  invoiceNumber: Type.Union([Type.Integer(), Type.Null()]),
  originalInvoiceNumber: NullableString,
  procountorStatus: Type.String(),
  supplierName: Type.String(),
  supplierBusinessId: NullableString,
  date: Type.String(),
  dueDate: NullableString,
  totalAmount: Type.Union([Type.Number(), Type.Null()]),
  currency: Type.String(),
  routing: Type.Object({
    projectNumber: NullableString,
    projectNumberFoundIn: NullableString,
    personalIdentityCode: Type.Union([Type.String(), Type.Null()], {
      description: 'Masked ("******123A"); the whole code is in GET …/bills/{procountorInvoiceId}.',
    }),
    personalIdentityCodeFoundIn: NullableString,
  }),
});

export const EVENT_TYPES = {
  transferSucceeded: 'transfer.succeeded',
  transferFailed: 'transfer.failed',
  invoicePaid: 'invoice.paid',
  invoicePartiallyPaid: 'invoice.partially_paid',
  invoicePaymentRemoved: 'invoice.payment_removed',
  purchaseInvoiceImported: 'purchase_invoice.imported',
  billReceived: 'bill.received',
} as const;

export type EventType = (typeof EVENT_TYPES)[keyof typeof EVENT_TYPES];

export interface EventTypeDefinition {
  type: EventType;
  description: string;
  payload: TSchema;
}

export const EVENT_TYPE_DEFINITIONS: Record<EventType, EventTypeDefinition> = {
  'transfer.succeeded': {
    type: 'transfer.succeeded',
    description: 'The document is in Procountor: invoice id, invoice number and reference code are known.',
    payload: TransferSucceededPayloadSchema,
  },
  'transfer.failed': {
    type: 'transfer.failed',
    description: 'The transfer stopped on a permanent problem; fix the document or settings and resend it.',
    payload: TransferFailedPayloadSchema,
  },
  'invoice.paid': {
    type: 'invoice.paid',
    description: 'A payment settled the transferred invoice in full in Procountor (issue #6, docs/payments.md).',
    payload: InvoicePaidPayloadSchema,
  },
  'invoice.partially_paid': {
    type: 'invoice.partially_paid',
    description: 'A payment covered part of the transferred invoice; amountOpen is what remains (issue #6).',
    payload: InvoicePartiallyPaidPayloadSchema,
  },
  'invoice.payment_removed': {
    type: 'invoice.payment_removed',
    description:
      'A payment counted before was removed in Procountor (its PAYMENT_DELETED webhook or the reconciliation poll, whichever first); amountPaid and amountOpen are after it.',
    payload: InvoicePaymentRemovedPayloadSchema,
  },
  'purchase_invoice.imported': {
    type: 'purchase_invoice.imported',
    description: 'A purchase invoice dimensioned to a project reached an import status in Procountor.',
    payload: PurchaseInvoiceImportedPayloadSchema,
  },
  'bill.received': {
    type: 'bill.received',
    description:
      'A new bill (purchase invoice) was received in Procountor, with the project number and personal identity code (masked) found on it.',
    payload: BillReceivedPayloadSchema,
  },
};

export const ALL_EVENT_TYPES = Object.values(EVENT_TYPES) as EventType[];

export function isEventType(value: string): value is EventType {
  return (ALL_EVENT_TYPES as string[]).includes(value);
}

export type TransferSucceededPayload = Static<typeof TransferSucceededPayloadSchema>;
export type TransferFailedPayload = Static<typeof TransferFailedPayloadSchema>;

/** TypeBox union of the type strings, for route schemas (filters, endpoint subscriptions). */
export const EventTypeSchema = Type.Union(ALL_EVENT_TYPES.map((type) => Type.Literal(type)));
