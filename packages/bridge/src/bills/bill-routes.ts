// HTTP surface of bills: received purchase invoices with routing hints, one bill, "Approve in Procountor".
import { Type } from 'typebox';
import type { ConnectionService } from '../connections/connection-record';
import { NotFoundError, ValidationFailedError } from '../errors/bridge-error';
import { withProcountorErrors } from '../purchase-invoices/procountor-request-failed';
import type { RouteModule } from '../server/bridge-app';
import { approveBill } from './approve-bill';
import { DEFAULT_BILL_STATUSES, listReceivedBills, readBills } from './list-received-bills';

export interface BillRouteDeps {
  connections: ConnectionService;
}

const TAGS = ['bills'];
const BILL_STATUSES = ['UNFINISHED', 'RECEIVED', 'VERIFIED', 'APPROVED'];
const Nullable = <T extends ReturnType<typeof Type.String | typeof Type.Number | typeof Type.Integer>>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const BillResponse = Type.Object({
  procountorInvoiceId: Type.Integer(),
  invoiceNumber: Nullable(Type.Integer()),
  originalInvoiceNumber: Nullable(Type.String()),
  procountorStatus: Type.String(),
  supplierName: Type.String(),
  supplierBusinessId: Nullable(Type.String()),
  date: Type.String(),
  dueDate: Nullable(Type.String()),
  totalAmount: Nullable(Type.Number()),
  currency: Type.String(),
  routing: Type.Object(
    {
      projectNumber: Nullable(Type.String({ description: 'A project code found on the bill.' })),
      projectNumberFoundIn: Nullable(Type.String({ description: '"ledgerReceipt.dimensions" or the invoice field.' })),
      personalIdentityCode: Nullable(
        Type.String({ description: 'A valid Finnish personal identity code on the bill.' }),
      ),
      personalIdentityCodeFoundIn: Nullable(Type.String()),
    },
    {
      description:
        'For routing in the source: the bill goes to the project (manager) or the person named on it, else to the default recipient.',
    },
  ),
});

/** The optional body's comment (no body schema: a POST without a body is the common case). */
function commentOf(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  const comment = (body as { comment?: unknown }).comment;
  if (comment === undefined) return undefined;
  if (typeof comment !== 'string' || comment.length > 100) {
    throw new ValidationFailedError([
      { path: 'comment', rule: 'max_length_100', message: 'must be a text of at most 100 characters (CheckingEvent)' },
    ]);
  }
  return comment;
}

export function billRoutes(deps: BillRouteDeps): RouteModule {
  return (app) => {
    app.get(
      '/v1/connections/:connectionId/bills',
      {
        schema: {
          tags: TAGS,
          summary:
            'Purchase invoices received in Procountor, with the project number and personal identity code found on them',
          description: 'Read live from Procountor, oldest first; page with `after` = the previous nextCursor.',
          params: Type.Object({ connectionId: Type.String() }),
          querystring: Type.Object(
            {
              statuses: Type.Optional(
                Type.String({
                  description: `Comma-separated Procountor statuses (${BILL_STATUSES.join(', ')}); default ${DEFAULT_BILL_STATUSES.join(',')}.`,
                }),
              ),
              after: Type.Optional(Type.Integer({ description: 'The nextCursor of the previous page.' })),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({ bills: Type.Array(BillResponse), nextCursor: Nullable(Type.Integer()) }),
          },
        },
      },
      async (request) => {
        const { connectionId } = request.params;
        const statuses = (request.query.statuses ?? DEFAULT_BILL_STATUSES.join(','))
          .split(',')
          .map((status) => status.trim())
          .filter(Boolean);
        const unknown = statuses.filter((status) => !BILL_STATUSES.includes(status));
        if (statuses.length === 0 || unknown.length > 0) {
          throw new ValidationFailedError([
            {
              path: 'statuses',
              rule: 'bill_status',
              message: `'${unknown.join(',')}' is not one of ${BILL_STATUSES.join(', ')}`,
            },
          ]);
        }
        const connection = await deps.connections.requireActive(connectionId);
        const client = await deps.connections.procountorClient(connection);
        return withProcountorErrors('The bills could not be read', () =>
          listReceivedBills(client, connection, {
            statuses,
            limit: request.query.limit ?? 50,
            ...(request.query.after !== undefined ? { afterId: request.query.after } : {}),
          }),
        );
      },
    );

    app.get(
      '/v1/connections/:connectionId/bills/:procountorInvoiceId',
      {
        schema: {
          tags: TAGS,
          summary: 'One bill, read live from Procountor, with its routing hints (the personal identity code whole)',
          params: Type.Object({ connectionId: Type.String(), procountorInvoiceId: Type.Integer() }),
          response: { 200: BillResponse },
        },
      },
      async (request) => {
        const { connectionId, procountorInvoiceId } = request.params;
        const connection = await deps.connections.requireActive(connectionId);
        const client = await deps.connections.procountorClient(connection);
        const [bill] = await withProcountorErrors(`Bill ${procountorInvoiceId} could not be read`, () =>
          readBills(client, connection, [procountorInvoiceId]),
        );
        if (!bill) throw new NotFoundError(`Bill ${procountorInvoiceId}`);
        return bill;
      },
    );

    app.post(
      '/v1/connections/:connectionId/bills/:procountorInvoiceId/approve',
      {
        schema: {
          tags: TAGS,
          summary: 'Approve the bill in Procountor; approving again is harmless',
          params: Type.Object({ connectionId: Type.String(), procountorInvoiceId: Type.Integer() }),
          description:
            'Body optional: `{ "comment": "…" }` (max 100 characters), stored with the approval in Procountor.',
          response: {
            200: Type.Object({
              procountorInvoiceId: Type.Integer(),
              procountorStatus: Type.String(),
              alreadyApproved: Type.Boolean({ description: 'It was approved (or further) before this call.' }),
            }),
          },
        },
      },
      async (request) => {
        const { connectionId, procountorInvoiceId } = request.params;
        const connection = await deps.connections.requireActive(connectionId);
        const client = await deps.connections.procountorClient(connection);
        const comment = commentOf(request.body);
        return withProcountorErrors(`Bill ${procountorInvoiceId} was not approved`, () =>
          approveBill(client, procountorInvoiceId, comment),
        );
      },
    );
  };
}
