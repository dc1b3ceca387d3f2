// HTTP surface of sales invoices: submit, dry run, batch, replace ("fix and resend"), read by externalId, and the
// next invoice number.
import { Type } from 'typebox';
import type { BridgeApp } from '../server/bridge-app';
import {
  DocumentParams,
  idempotencyOf,
  readTransferByExternalId,
  requireExternalIdOfPath,
} from '../transfers/document-requests';
import type { TransferDeps } from '../transfers/transfer-deps';
import {
  ConnectionParams,
  IdempotencyHeaders,
  SubmissionResponseSchema,
  TransferResponseSchema,
} from '../transfers/transfer-schemas';
import { registerBatchSalesInvoicesRoute } from './batch-sales-invoices-route';
import { dryRunSalesInvoice } from './dry-run-sales-invoice';
import { createNextInvoiceNumberPredictor } from './next-invoice-number';
import { registerNextInvoiceNumberRoute } from './next-invoice-number-route';
import { SalesInvoiceBodySchema } from './sales-invoice-body-schema';
import { submitSalesInvoice } from './submit-sales-invoice';

const tags = ['sales invoices'];

export async function registerSalesInvoiceRoutes(app: BridgeApp, deps: TransferDeps): Promise<void> {
  // One per bridge: the route and the dry run share its short cache.
  const nextInvoiceNumber = createNextInvoiceNumberPredictor(deps);
  app.post(
    '/v1/connections/:connectionId/sales-invoices',
    {
      schema: {
        tags,
        summary: 'Submit a sales invoice',
        description:
          'Validates the document (every problem by field path, nothing stored on error), stores it and queues its transfer. Idempotent on externalId and on the Idempotency-Key header.',
        params: ConnectionParams,
        headers: IdempotencyHeaders,
        body: SalesInvoiceBodySchema,
        response: { 200: SubmissionResponseSchema, 202: SubmissionResponseSchema },
      },
    },
    async (request, reply) => {
      const { connectionId } = request.params;
      const result = await submitSalesInvoice(deps, connectionId, request.body, {
        mode: 'create',
        ...idempotencyOf(request),
      });
      return reply.status(result.statusCode as 202).send(result.body as never);
    },
  );

  app.post(
    '/v1/connections/:connectionId/sales-invoices/validate',
    {
      schema: {
        tags,
        summary: 'Dry run a sales invoice',
        description:
          'Everything a transfer does except writing to Procountor: validation, partner, product and dimension look-ups showing what would be matched or created, and `nextInvoiceNumber`, the number Procountor will most likely give it (a prediction, as GET …/next-invoice-number).',
        params: ConnectionParams,
        body: Type.Unknown({ description: 'A SalesInvoiceInput, as for POST sales-invoices.' }),
      },
    },
    async (request) => {
      return dryRunSalesInvoice(deps, request.params.connectionId, request.body, nextInvoiceNumber);
    },
  );

  registerNextInvoiceNumberRoute(app, nextInvoiceNumber);

  registerBatchSalesInvoicesRoute(app, deps);

  app.put(
    '/v1/connections/:connectionId/sales-invoices/:externalId',
    {
      schema: {
        tags,
        summary: 'Replace a sales invoice (fix and resend)',
        description:
          'Replaces the document of a transfer not yet in Procountor (waiting, queued, failed or cancelled) and starts it again; creates it when new. 409 once the invoice may be in Procountor.',
        params: DocumentParams,
        headers: IdempotencyHeaders,
        body: SalesInvoiceBodySchema,
        response: { 200: SubmissionResponseSchema, 202: SubmissionResponseSchema },
      },
    },
    async (request, reply) => {
      const { connectionId, externalId } = request.params;
      requireExternalIdOfPath(request.body.externalId, externalId, 'The sales invoice');
      const result = await submitSalesInvoice(deps, connectionId, request.body, {
        mode: 'replace',
        ...idempotencyOf(request),
      });
      return reply.status(result.statusCode as 202).send(result.body as never);
    },
  );

  app.get(
    '/v1/connections/:connectionId/sales-invoices/:externalId',
    {
      schema: {
        tags,
        summary: 'Read a sales invoice transfer',
        description:
          'State, current step, Procountor invoice id, invoice number, reference code, status, the last error with its fix, and the timeline.',
        params: DocumentParams,
        response: { 200: TransferResponseSchema },
      },
    },
    async (request) => {
      const { connectionId, externalId } = request.params;
      return readTransferByExternalId(deps, connectionId, 'sales_invoice', externalId, `Sales invoice ${externalId}`);
    },
  );
}
