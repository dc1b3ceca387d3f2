// HTTP surface of transfers of every kind: list, read, resend, cancel, "Send to Procountor", retry every failed one.
import { Type } from 'typebox';
import type { BridgeApp } from '../server/bridge-app';
import { listTransfers } from './list-transfers';
import {
  cancelTransfer,
  requireTransfer,
  resendTransfer,
  retryFailedTransfers,
  sendTransfer,
} from './transfer-actions';
import type { TransferDeps } from './transfer-deps';
import { listTimeline } from './transfer-repository';
import { toTransferResponse } from './transfer-response';
import {
  ConnectionParams,
  TransferKindSchema,
  TransferListQuerySchema,
  TransferListResponseSchema,
  TransferParams,
  TransferResponseSchema,
} from './transfer-schemas';

const tags = ['transfers'];

export async function registerTransferRoutes(app: BridgeApp, deps: TransferDeps): Promise<void> {
  app.get(
    '/v1/connections/:connectionId/transfers',
    {
      schema: {
        tags,
        summary: 'List transfers',
        description: 'Transfers of every kind, newest first, with filters; paged by cursor or by page number.',
        params: ConnectionParams,
        querystring: TransferListQuerySchema,
        response: { 200: TransferListResponseSchema },
      },
    },
    async (request) => {
      return listTransfers(deps.db, request.params.connectionId, request.query);
    },
  );

  app.get(
    '/v1/connections/:connectionId/transfers/:transferId',
    {
      schema: {
        tags,
        summary: 'Read a transfer',
        description: 'State, current step, Procountor ids, last error with its fix, and the timeline.',
        params: TransferParams,
        response: { 200: TransferResponseSchema },
      },
    },
    async (request) => {
      const { connectionId, transferId } = request.params;
      const row = await requireTransfer(deps, connectionId, transferId);
      return toTransferResponse(row, await listTimeline(deps.db, row.id));
    },
  );

  const action = (
    name: string,
    summary: string,
    description: string,
    run: (
      deps: TransferDeps,
      connectionId: string,
      transferId: string,
    ) => Promise<Parameters<typeof toTransferResponse>[0]>,
  ) =>
    app.post(
      `/v1/connections/:connectionId/transfers/:transferId/${name}`,
      { schema: { tags, summary, description, params: TransferParams, response: { 200: TransferResponseSchema } } },
      async (request) => {
        const { connectionId, transferId } = request.params;
        const row = await run(deps, connectionId, transferId);
        return toTransferResponse(row, await listTimeline(deps.db, row.id));
      },
    );

  action(
    'resend',
    'Resend a transfer',
    'A failed transfer runs again from the step where it stopped; a retrying one runs now. 409 for other states.',
    resendTransfer,
  );
  action(
    'cancel',
    'Cancel a transfer',
    'Only while nothing of the invoice reached Procountor; afterwards credit it instead. 409 otherwise.',
    cancelTransfer,
  );
  action(
    'send',
    'Send to Procountor',
    'Starts a transfer waiting in a connection with manual transfer mode.',
    sendTransfer,
  );

  app.post(
    '/v1/connections/:connectionId/transfers/retry-failed',
    {
      schema: {
        tags,
        summary: 'Retry every failed transfer',
        description: 'Queues every failed transfer of the connection again (optionally of one kind).',
        params: ConnectionParams,
        body: Type.Optional(Type.Object({ kind: Type.Optional(TransferKindSchema) }, { additionalProperties: false })),
        response: {
          200: Type.Object({ count: Type.Integer(), transferIds: Type.Array(Type.String()) }),
        },
      },
    },
    async (request) => {
      return retryFailedTransfers(deps, request.params.connectionId, request.body?.kind);
    },
  );
}
