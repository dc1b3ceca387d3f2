// HTTP surface of credit invoices (corrections as Linear makes them): credit a transferred invoice, then optionally
// send its correction.
import { Type } from 'typebox';
import type { BridgeApp } from '../server/bridge-app';
import { idempotencyOf, readTransferByExternalId } from '../transfers/document-requests';
import type { TransferDeps } from '../transfers/transfer-deps';
import {
  ConnectionParams,
  IdempotencyHeaders,
  SubmissionResponseSchema,
  TransferResponseSchema,
} from '../transfers/transfer-schemas';
import { CreditInvoiceInputSchema } from './credit-invoice-schema';
import { submitCreditInvoice } from './submit-credit-invoice';

const tags = ['credit invoices'];

export async function registerCreditInvoiceRoutes(app: BridgeApp, deps: TransferDeps): Promise<void> {
  app.post(
    '/v1/connections/:connectionId/credit-invoices',
    {
      schema: {
        tags,
        summary: 'Credit a transferred sales invoice',
        description:
          'Creates a credit invoice (negative rows of the whole original, or the given rows) linked to the original, with notes naming its Procountor invoice number; a correctedInvoice is submitted once the credit succeeded.',
        params: ConnectionParams,
        headers: IdempotencyHeaders,
        body: CreditInvoiceInputSchema,
        response: { 200: SubmissionResponseSchema, 202: SubmissionResponseSchema },
      },
    },
    async (request, reply) => {
      const { connectionId } = request.params;
      const result = await submitCreditInvoice(deps, connectionId, request.body, idempotencyOf(request));
      return reply.status(result.statusCode as 202).send(result.body as never);
    },
  );

  app.get(
    '/v1/connections/:connectionId/credit-invoices/:externalId',
    {
      schema: {
        tags,
        summary: 'Read a credit invoice transfer',
        description: 'Like a sales invoice transfer, with creditsTransferId and correctedTransferId.',
        params: Type.Object({ connectionId: Type.String(), externalId: Type.String() }),
        response: { 200: TransferResponseSchema },
      },
    },
    async (request) => {
      const { connectionId, externalId } = request.params;
      return readTransferByExternalId(deps, connectionId, 'credit_invoice', externalId, `Credit invoice ${externalId}`);
    },
  );
}
