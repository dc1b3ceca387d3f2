// HTTP surface of imported purchase invoices: list, read, acknowledge, download attachments; import settings and runs.

import type { Logger } from 'pino';
import { Type } from 'typebox';
import type { ConnectionService } from '../connections/connection-record';
import { NotFoundError } from '../errors/bridge-error';
import type { JobQueue } from '../jobs/create-job-queue';
import type { RouteModule } from '../server/bridge-app';
import type { Database } from '../storage/schema';
import { ConnectionParams } from '../transfers/transfer-schemas';
import { withProcountorErrors } from './procountor-request-failed';
import {
  isScheduled,
  PurchaseInvoiceImportSettingsPatchSchema,
  readImportSettings,
  type StoredImportSettings,
  saveImportSettings,
} from './purchase-invoice-import-settings';
import {
  acknowledgePurchaseInvoice,
  findImportedPurchaseInvoice,
  listImportedPurchaseInvoices,
  toPurchaseInvoiceResponse,
} from './purchase-invoice-repository';
import {
  ImportRunResponse,
  ImportSettingsResponse,
  PurchaseInvoiceListResponse,
  PurchaseInvoiceResponse,
} from './purchase-invoice-schemas';
import { runPurchaseInvoiceImport } from './run-purchase-invoice-import';
import { scheduleImportRun } from './start-purchase-invoice-import-workers';

export interface PurchaseInvoiceRouteDeps {
  db: Database;
  jobs: Pick<JobQueue, 'send' | 'sendInTransaction'>;
  connections: ConnectionService;
  logger: Logger;
}

const TAGS = ['purchase-invoices'];
const InvoiceParams = Type.Object({ connectionId: Type.String(), purchaseInvoiceId: Type.String() });
const MAX_PAGE = 200;

function settingsToApi(settings: StoredImportSettings) {
  return {
    enabled: settings.enabled,
    statuses: settings.statuses,
    intervalMinutes: settings.intervalMinutes,
    billReceivedEvents: settings.billReceivedEvents,
    versionCursor: settings.versionCursor,
    lastRunAt: settings.lastRunAt ? new Date(settings.lastRunAt).toISOString() : null,
    lastResult: settings.lastResult,
  };
}

export function purchaseInvoiceRoutes(deps: PurchaseInvoiceRouteDeps): RouteModule {
  const requireConnection = async (connectionId: string) => {
    const connection = await deps.connections.find(connectionId);
    if (!connection) throw new NotFoundError(`Connection ${connectionId}`);
    return connection;
  };
  const requireImported = async (connectionId: string, purchaseInvoiceId: string) => {
    const row = await findImportedPurchaseInvoice(deps.db, connectionId, purchaseInvoiceId);
    if (!row) throw new NotFoundError(`Purchase invoice ${purchaseInvoiceId}`);
    return row;
  };

  return (app) => {
    app.get(
      '/v1/connections/:connectionId/purchase-invoice-import',
      {
        schema: {
          tags: TAGS,
          summary: 'The purchase invoice import settings and what its last run did',
          params: ConnectionParams,
          response: { 200: ImportSettingsResponse },
        },
      },
      async (request) => {
        const { connectionId } = request.params;
        await requireConnection(connectionId);
        return settingsToApi(await readImportSettings(deps.db, connectionId));
      },
    );

    app.put(
      '/v1/connections/:connectionId/purchase-invoice-import',
      {
        schema: {
          tags: TAGS,
          summary: 'Turn the purchase invoice import and the bill watch on or off, choose the statuses and interval',
          description:
            'Purchase invoices dimensioned to a project are imported as project expenses once they reach one of `statuses`; with `billReceivedEvents` the same schedule also announces new bills (bill.received). Turning either on books a run at once.',
          params: ConnectionParams,
          body: PurchaseInvoiceImportSettingsPatchSchema,
          response: { 200: ImportSettingsResponse },
        },
      },
      async (request) => {
        const { connectionId } = request.params;
        await requireConnection(connectionId);
        const saved = await saveImportSettings(deps.db, connectionId, request.body);
        if (isScheduled(saved)) await scheduleImportRun(deps.jobs, connectionId);
        return settingsToApi(saved);
      },
    );

    app.post(
      '/v1/connections/:connectionId/purchase-invoice-import/runs',
      {
        schema: {
          tags: TAGS,
          summary: 'Import now (on demand) and answer what the run did',
          description: 'Safe to call at any time, also while a scheduled run is going: every invoice is imported once.',
          params: ConnectionParams,
          response: { 200: ImportRunResponse },
        },
      },
      async (request) => {
        const { connectionId } = request.params;
        await deps.connections.requireActive(connectionId);
        return withProcountorErrors('The import stopped', () =>
          runPurchaseInvoiceImport({ ...deps, logger: request.log as unknown as Logger }, connectionId),
        );
      },
    );

    app.get(
      '/v1/connections/:connectionId/purchase-invoices',
      {
        schema: {
          tags: TAGS,
          summary: 'Imported purchase invoices (project expenses), oldest first, paged by cursor',
          params: ConnectionParams,
          querystring: Type.Object(
            {
              acknowledged: Type.Optional(
                Type.Boolean({ description: 'false: only the ones the source has not acknowledged yet.' }),
              ),
              after: Type.Optional(Type.String({ description: 'The nextCursor of the previous page.' })),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: 50 })),
            },
            { additionalProperties: false },
          ),
          response: { 200: PurchaseInvoiceListResponse },
        },
      },
      async (request) => {
        const { connectionId } = request.params;
        const limit = request.query.limit ?? 50;
        const rows = await listImportedPurchaseInvoices(deps.db, connectionId, {
          limit: limit + 1,
          ...(request.query.after ? { after: request.query.after } : {}),
          ...(request.query.acknowledged === undefined ? {} : { acknowledged: request.query.acknowledged }),
        });
        const page = rows.slice(0, limit);
        return {
          purchaseInvoices: page.map(toPurchaseInvoiceResponse),
          nextCursor: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
        };
      },
    );

    app.get(
      '/v1/connections/:connectionId/purchase-invoices/:purchaseInvoiceId',
      {
        schema: {
          tags: TAGS,
          summary: 'One imported purchase invoice with rows, dimensions and attachments',
          params: InvoiceParams,
          response: { 200: PurchaseInvoiceResponse },
        },
      },
      async (request) => {
        const { connectionId, purchaseInvoiceId } = request.params;
        return toPurchaseInvoiceResponse(await requireImported(connectionId, purchaseInvoiceId));
      },
    );

    app.post(
      '/v1/connections/:connectionId/purchase-invoices/:purchaseInvoiceId/acknowledge',
      {
        schema: {
          tags: TAGS,
          summary: 'The source has booked the expense: it leaves the acknowledged=false list (repeating is harmless)',
          params: InvoiceParams,
          response: { 200: PurchaseInvoiceResponse },
        },
      },
      async (request) => {
        const { connectionId, purchaseInvoiceId } = request.params;
        await requireImported(connectionId, purchaseInvoiceId);
        await acknowledgePurchaseInvoice(deps.db, connectionId, purchaseInvoiceId);
        return toPurchaseInvoiceResponse(await requireImported(connectionId, purchaseInvoiceId));
      },
    );

    app.get(
      '/v1/connections/:connectionId/purchase-invoices/:purchaseInvoiceId/attachments/:attachmentId',
      {
        schema: {
          tags: TAGS,
          summary: "Download one of the invoice's attachments (the file, fetched from Procountor)",
          params: Type.Object({
            connectionId: Type.String(),
            purchaseInvoiceId: Type.String(),
            attachmentId: Type.Integer(),
          }),
        },
      },
      async (request, reply) => {
        const { connectionId, purchaseInvoiceId, attachmentId } = request.params;
        const row = await requireImported(connectionId, purchaseInvoiceId);
        const listed = toPurchaseInvoiceResponse(row).expense.attachments.some(
          (attachment) => attachment.attachmentId === attachmentId,
        );
        if (!listed) throw new NotFoundError(`Attachment ${attachmentId} of purchase invoice ${purchaseInvoiceId}`);
        const connection = await deps.connections.requireActive(connectionId);
        const client = await deps.connections.procountorClient(connection);
        const file = await withProcountorErrors(`Attachment ${attachmentId}`, () =>
          client.attachments.download(attachmentId),
        );
        const name = file.meta.name ?? `attachment-${attachmentId}`;
        return reply
          .header('content-type', file.contentType ?? 'application/octet-stream')
          .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
          .send(Buffer.from(file.bytes));
      },
    );
  };
}
