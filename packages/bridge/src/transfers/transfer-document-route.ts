// GET …/transfers/{transferId}/document: the canonical document and the Procountor invoice built from it (the console's document page).
import { Type } from 'typebox';
import type { RouteModule } from '../server/bridge-app';
import { procountorInvoiceFor } from './steps/create-invoice';
import { requireTransfer } from './transfer-actions';
import type { TransferDeps } from './transfer-deps';
import { documentOf } from './transfer-document';
import { progressOf } from './transfer-repository';
import { TransferParams } from './transfer-schemas';

export function transferDocumentRoute(deps: TransferDeps): RouteModule {
  return (app) => {
    app.get(
      '/v1/connections/:connectionId/transfers/:transferId/document',
      {
        schema: {
          tags: ['transfers'],
          summary: "A transfer's document and its Procountor invoice",
          description:
            'The canonical document as stored, and the invoice body for Procountor built from it with what the steps learnt (partner id, product ids): what create_invoice sent, or will send if it has not run yet.',
          params: TransferParams,
          response: {
            200: Type.Object({
              document: Type.Unknown({
                description: 'The canonical sales invoice (for a credit invoice: the credit document).',
              }),
              procountorInvoice: Type.Unknown({
                description:
                  "The body of POST /invoices in Procountor's API; null for travel, expense and purchase documents.",
              }),
              sent: Type.Boolean({
                description: 'True once create_invoice has run: the body above went to Procountor.',
              }),
            }),
          },
        },
      },
      async (request) => {
        const { connectionId, transferId } = request.params;
        const row = await requireTransfer(deps, connectionId, transferId);
        const completed = (row.completed_steps ?? []) as string[];
        // Travel invoices, expense claims and purchase invoices have their own builders: their payload is shown as is.
        if (row.kind !== 'sales_invoice' && row.kind !== 'credit_invoice') {
          return { document: row.payload, procountorInvoice: null, sent: completed.includes('create_invoice') };
        }
        const connection = await deps.connections.find(connectionId);
        const document = documentOf(row);
        return {
          document,
          procountorInvoice: connection ? procountorInvoiceFor(document, connection, progressOf(row)) : null,
          sent: completed.includes('create_invoice'),
        };
      },
    );
  };
}
