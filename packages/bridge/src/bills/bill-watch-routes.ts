// HTTP surface of the bill watch: where it stands, and a look for new bills now (bill.received, docs/purchase-invoices.md
// "New bills"). It runs on the purchase invoice schedule; PUT …/purchase-invoice-import turns it on.
import type { Logger } from 'pino';
import { Type } from 'typebox';
import type { ConnectionService } from '../connections/connection-record';
import { NotFoundError } from '../errors/bridge-error';
import type { JobQueue } from '../jobs/create-job-queue';
import { withProcountorErrors } from '../purchase-invoices/procountor-request-failed';
import { readImportSettings } from '../purchase-invoices/purchase-invoice-import-settings';
import type { RouteModule } from '../server/bridge-app';
import type { Database } from '../storage/schema';
import { readBillWatchState, watchReceivedBills } from './watch-received-bills';

export interface BillWatchRouteDeps {
  db: Database;
  jobs: Pick<JobQueue, 'sendInTransaction'>;
  connections: ConnectionService;
  logger: Logger;
}

const TAGS = ['bills'];
const Nullable = <T extends ReturnType<typeof Type.String | typeof Type.Integer>>(schema: T) =>
  Type.Union([schema, Type.Null()]);

const BillWatchRunResponse = Type.Object({
  outcome: Type.String({
    description:
      'completed; baseline_set (the first look: it noted where Procountor stands, later bills are announced); skipped with a reason.',
  }),
  reason: Type.Optional(Type.String()),
  seen: Type.Integer({ description: 'Bills listed as new or changed since the last look.' }),
  announced: Type.Integer({ description: 'Announced now, each as one bill.received event.' }),
  alreadyAnnounced: Type.Integer(),
  sentByBridge: Type.Integer({
    description: 'Purchase invoices this bridge sent to Procountor itself: not announced.',
  }),
  baselineInvoiceId: Nullable(Type.Integer({ description: 'Bills with a Procountor id at or below it are not new.' })),
});

const BillWatchResponse = Type.Object({
  enabled: Type.Boolean({ description: 'billReceivedEvents of PUT …/purchase-invoice-import: looks on its schedule.' }),
  intervalMinutes: Type.Integer(),
  baselineInvoiceId: Nullable(Type.Integer({ description: 'Null until the first look.' })),
  versionCursor: Nullable(Type.String({ description: 'The next look lists bills changed since this version.' })),
  lastRunAt: Nullable(Type.String()),
  lastResult: Type.Union([Type.Unknown(), Type.Null()], { description: 'What the last look did.' }),
});

export function billWatchRoutes(deps: BillWatchRouteDeps): RouteModule {
  return (app) => {
    app.get(
      '/v1/connections/:connectionId/bills/watch',
      {
        schema: {
          tags: TAGS,
          summary: 'The bill watch: whether it looks on the schedule, where it stands, what its last look did',
          params: Type.Object({ connectionId: Type.String() }),
          response: { 200: BillWatchResponse },
        },
      },
      async (request) => {
        const { connectionId } = request.params;
        const connection = await deps.connections.find(connectionId);
        if (!connection) throw new NotFoundError(`Connection ${connectionId}`);
        const settings = await readImportSettings(deps.db, connectionId);
        const state = await readBillWatchState(deps.db, connectionId);
        return {
          enabled: settings.billReceivedEvents,
          intervalMinutes: settings.intervalMinutes,
          baselineInvoiceId: state?.baselineInvoiceId ?? null,
          versionCursor: state?.versionCursor ?? null,
          lastRunAt: state?.lastRunAt ? new Date(state.lastRunAt).toISOString() : null,
          lastResult: state?.lastResult ?? null,
        };
      },
    );

    app.post(
      '/v1/connections/:connectionId/bills/watch/runs',
      {
        schema: {
          tags: TAGS,
          summary: 'Look for new bills in Procountor now (on demand); each is announced once as bill.received',
          description:
            'Safe at any time, also while a scheduled look runs. The first look of a connection only notes where Procountor stands (outcome baseline_set): bills received after it are announced.',
          params: Type.Object({ connectionId: Type.String() }),
          response: { 200: BillWatchRunResponse },
        },
      },
      async (request) => {
        const { connectionId } = request.params;
        await deps.connections.requireActive(connectionId);
        return withProcountorErrors('The bill watch stopped', () =>
          watchReceivedBills({ ...deps, logger: request.log as unknown as Logger }, connectionId),
        );
      },
    );
  };
}
