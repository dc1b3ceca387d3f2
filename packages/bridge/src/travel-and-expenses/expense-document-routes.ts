// HTTP surface of travel invoices, expense claims and purchase invoices from the source: submit, dry run, replace, read.
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
import { dryRunExpenseDocument } from './dry-run-expense-document';
import {
  EXPENSE_DOCUMENT_PATHS,
  ExpenseClaimInputSchema,
  type ExpenseDocumentInput,
  SourcePurchaseInvoiceInputSchema,
  TravelInvoiceInputSchema,
} from './expense-document-schema';
import { SUBJECTS, submitExpenseDocument } from './submit-expense-document';

const ROUTES = [
  {
    kind: 'travel_invoice' as const,
    schema: TravelInvoiceInputSchema,
    tag: 'travel invoices',
    what: 'a travel invoice (reimbursement), Procountor TRAVEL_INVOICE',
  },
  {
    kind: 'expense_claim' as const,
    schema: ExpenseClaimInputSchema,
    tag: 'expense claims',
    what: 'an expense claim, Procountor BILL_OF_CHARGES',
  },
  {
    kind: 'purchase_invoice' as const,
    schema: SourcePurchaseInvoiceInputSchema,
    tag: 'purchase invoices from the source',
    what: "a freelancer's invoice or the source's own bill, Procountor PURCHASE_INVOICE (a draft: UNFINISHED)",
  },
];

export async function registerExpenseDocumentRoutes(app: BridgeApp, deps: TransferDeps): Promise<void> {
  for (const { kind, schema, tag, what } of ROUTES) {
    const base = `/v1/connections/:connectionId/${EXPENSE_DOCUMENT_PATHS[kind]}`;
    const tags = [tag];

    app.post(
      base,
      {
        schema: {
          tags,
          summary: `Submit ${what}`,
          description:
            'Validates (every problem by field path; nothing stored on error), stores and queues the transfer. Idempotent on externalId and on the Idempotency-Key header. docs/travel-and-expenses.md.',
          params: ConnectionParams,
          headers: IdempotencyHeaders,
          body: schema,
          response: { 200: SubmissionResponseSchema, 202: SubmissionResponseSchema },
        },
      },
      async (request, reply) => {
        const { connectionId } = request.params;
        const result = await submitExpenseDocument(deps, connectionId, kind, request.body as ExpenseDocumentInput, {
          mode: 'create',
          ...idempotencyOf(request),
        });
        return reply.status(result.statusCode as 202).send(result.body as never);
      },
    );

    app.post(
      `${base}/validate`,
      {
        schema: {
          tags,
          summary: `Dry run ${what}`,
          description:
            'Validation, the person by personal identity code and the travel expense codes, and the Procountor invoice that would be created; nothing is written anywhere.',
          params: ConnectionParams,
          body: schema,
        },
      },
      async (request) => {
        return dryRunExpenseDocument(deps, request.params.connectionId, kind, request.body as ExpenseDocumentInput);
      },
    );

    app.put(
      `${base}/:externalId`,
      {
        schema: {
          tags,
          summary: `Replace ${what} (fix and resend)`,
          description:
            'Replaces the document of a transfer not yet in Procountor (waiting, queued, failed or cancelled) and starts it again; creates it when new. 409 once it may be in Procountor.',
          params: DocumentParams,
          headers: IdempotencyHeaders,
          body: schema,
          response: { 200: SubmissionResponseSchema, 202: SubmissionResponseSchema },
        },
      },
      async (request, reply) => {
        const { connectionId, externalId } = request.params;
        const document = request.body as ExpenseDocumentInput;
        requireExternalIdOfPath(document.externalId, externalId, SUBJECTS[kind]);
        const result = await submitExpenseDocument(deps, connectionId, kind, document, {
          mode: 'replace',
          ...idempotencyOf(request),
        });
        return reply.status(result.statusCode as 202).send(result.body as never);
      },
    );

    app.get(
      `${base}/:externalId`,
      {
        schema: {
          tags,
          summary: `Read the transfer of ${what}`,
          description:
            'State, steps, Procountor invoice id, number and status, the last error with its fix, the timeline.',
          params: DocumentParams,
          response: { 200: TransferResponseSchema },
        },
      },
      async (request) => {
        const { connectionId, externalId } = request.params;
        const what = `${SUBJECTS[kind].replace('The ', '')} ${externalId}`;
        return readTransferByExternalId(deps, connectionId, kind, externalId, what);
      },
    );
  }
}
