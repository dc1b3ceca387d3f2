// TypeBox schemas of the purchase invoice routes: the imported expense as the source reads it, and the import settings.
import { Type } from 'typebox';
import { IMPORTABLE_STATUSES } from './purchase-invoice-import-settings';

const Nullable = <T extends ReturnType<typeof Type.String | typeof Type.Number | typeof Type.Integer>>(schema: T) =>
  Type.Union([schema, Type.Null()]);

export const ProjectExpenseSchema = Type.Object(
  {
    procountorInvoiceId: Type.Integer(),
    invoiceNumber: Nullable(Type.Integer()),
    originalInvoiceNumber: Nullable(Type.String()),
    procountorStatus: Type.String({ description: 'The status in Procountor when imported.' }),
    supplier: Type.Object({
      partnerId: Nullable(Type.Integer()),
      name: Type.String(),
      businessId: Nullable(Type.String()),
    }),
    date: Type.String(),
    dueDate: Nullable(Type.String()),
    currency: Type.String(),
    totalAmount: Nullable(Type.Number()),
    netAmount: Nullable(Type.Number()),
    vatAmount: Nullable(Type.Number()),
    projectCodes: Type.Array(Type.String(), { description: 'Project dimension items (codes) the cost belongs to.' }),
    rows: Type.Array(
      Type.Object({
        product: Type.String(),
        productCode: Nullable(Type.String()),
        quantity: Type.Number(),
        unit: Type.String(),
        unitPrice: Type.Number(),
        vatPercent: Type.Number(),
        comment: Nullable(Type.String()),
      }),
    ),
    accounting: Type.Array(
      Type.Object({
        transactionId: Nullable(Type.Integer()),
        account: Nullable(Type.String()),
        amount: Nullable(Type.Number()),
        vatPercent: Nullable(Type.Number()),
        description: Nullable(Type.String()),
        dimensions: Type.Array(
          Type.Object({
            dimensionId: Type.Integer(),
            dimensionName: Nullable(Type.String()),
            itemId: Type.Integer(),
            itemCode: Nullable(Type.String()),
            amount: Nullable(Type.Number()),
          }),
        ),
      }),
      { description: "The ledger receipt's transactions with their dimensions (accounts, amounts, projects…)." },
    ),
    attachments: Type.Array(
      Type.Object({ attachmentId: Type.Integer(), name: Type.String(), mimeType: Nullable(Type.String()) }),
      { description: 'Download each one from .../attachments/{attachmentId}.' },
    ),
  },
  { description: 'A Procountor purchase invoice as a project expense.' },
);

export const PurchaseInvoiceResponse = Type.Object({
  id: Type.String({ description: 'The import id (pin_…), also the subjectId of its purchase_invoice.imported event.' }),
  connectionId: Type.String(),
  procountorInvoiceId: Type.Integer(),
  eventId: Nullable(Type.String()),
  importedAt: Type.String(),
  acknowledgedAt: Nullable(Type.String()),
  expense: ProjectExpenseSchema,
});

export const PurchaseInvoiceListResponse = Type.Object({
  purchaseInvoices: Type.Array(PurchaseInvoiceResponse),
  nextCursor: Nullable(Type.String({ description: 'Pass as `after` for the next page; null on the last page.' })),
});

export const ImportSettingsResponse = Type.Object({
  enabled: Type.Boolean(),
  statuses: Type.Array(Type.Union(IMPORTABLE_STATUSES.map((status) => Type.Literal(status)))),
  intervalMinutes: Type.Integer(),
  billReceivedEvents: Type.Boolean({
    description: 'The schedule also looks for new bills (bill.received); GET …/bills/watch shows what it found.',
  }),
  versionCursor: Nullable(Type.String({ description: 'The next run lists invoices changed since this version.' })),
  lastRunAt: Nullable(Type.String()),
  lastResult: Type.Union([Type.Unknown(), Type.Null()], { description: 'What the last run did.' }),
});

export const ImportRunResponse = Type.Object({
  outcome: Type.String({ description: 'completed, or skipped with a reason.' }),
  reason: Type.Optional(Type.String()),
  seen: Type.Integer({ description: 'Invoices in the statuses listed as new or changed since the last run.' }),
  imported: Type.Integer({ description: 'Imported now (each also a purchase_invoice.imported event).' }),
  waitingForProject: Type.Integer({
    description: 'In a status but not dimensioned to a project yet; looked at again.',
  }),
  alreadyImported: Type.Integer(),
});
