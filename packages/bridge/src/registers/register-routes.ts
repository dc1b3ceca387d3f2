// HTTP surface of the registers: start a sync, follow its run, set a schedule, and read each register with search.
import { Type } from 'typebox';
import type { ConnectionService } from '../connections/connection-record';
import { BridgeError, NotFoundError, ValidationFailedError } from '../errors/bridge-error';
import type { JobQueue } from '../jobs/create-job-queue';
import type { RouteModule } from '../server/bridge-app';
import type { Database } from '../storage/schema';
import {
  isRegisterName,
  REGISTER_DESCRIPTIONS,
  REGISTERS,
  type RegisterName,
  registerFromPathSegment,
  registerPathSegment,
} from './register-kinds';
import { LINK_KIND_OF, listRegisterRecords, maskPersonIdentifier } from './register-records';
import {
  ConnectionParams,
  PageMetaSchema,
  PageQuerySchema,
  RegisterNameSchema,
  RegisterRecordSchema,
  SyncRunSchema,
} from './register-schemas';
import { bookScheduleTick, saveSyncSchedule } from './start-register-sync-workers';
import { findSyncRun, listSyncRuns, requestSyncRun } from './sync-runs';

export interface RegisterRouteDeps {
  db: Database;
  jobs: Pick<JobQueue, 'sendInTransaction' | 'send'>;
  connections: Pick<ConnectionService, 'find'>;
}

async function requireConnection(deps: RegisterRouteDeps, connectionId: string) {
  const connection = await deps.connections.find(connectionId);
  if (!connection) throw new NotFoundError(`Connection ${connectionId}`);
  return connection;
}

export function registerRoutes(deps: RegisterRouteDeps): RouteModule {
  return (app) => {
    app.post(
      '/v1/connections/:connectionId/registers/sync',
      {
        schema: {
          tags: ['registers'],
          summary: 'Start a sync of Procountor registers (or join the one already queued or running)',
          description:
            'Incremental by default: business partners and products by versionStartDate since the last run, the other registers read whole. The answer is the run; follow it with GET …/registers/sync-runs/{runId}.',
          params: ConnectionParams,
          body: Type.Optional(
            Type.Object(
              {
                mode: Type.Optional(
                  Type.Union([Type.Literal('full'), Type.Literal('incremental')], {
                    description: 'full: read every register whole and drop what Procountor no longer has.',
                  }),
                ),
                registers: Type.Optional(Type.Array(RegisterNameSchema, { minItems: 1, uniqueItems: true })),
              },
              { additionalProperties: false },
            ),
          ),
          response: { 202: Type.Object({ run: SyncRunSchema, joined: Type.Boolean() }) },
        },
      },
      async (request, reply) => {
        const { connectionId } = request.params;
        const connection = await requireConnection(deps, connectionId);
        if (connection.status !== 'active') {
          throw new BridgeError(
            409,
            'connection_not_active',
            `Connection ${connectionId} is ${connection.status}: activate it before syncing its registers.`,
          );
        }
        const registers = (request.body?.registers ?? REGISTERS).filter(isRegisterName);
        const result = await requestSyncRun(deps.db, deps.jobs, {
          connectionId,
          mode: request.body?.mode ?? 'incremental',
          trigger: 'on_demand',
          registers,
        });
        return reply.code(202).send(result);
      },
    );

    app.get(
      '/v1/connections/:connectionId/registers/sync-runs',
      {
        schema: {
          tags: ['registers'],
          summary: 'The latest register sync runs, newest first',
          params: ConnectionParams,
          querystring: Type.Object({ limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) }),
          response: { 200: Type.Object({ runs: Type.Array(SyncRunSchema) }) },
        },
      },
      async (request) => {
        const { connectionId } = request.params;
        await requireConnection(deps, connectionId);
        return { runs: await listSyncRuns(deps.db, connectionId, request.query.limit ?? 20) };
      },
    );

    app.get(
      '/v1/connections/:connectionId/registers/sync-runs/:runId',
      {
        schema: {
          tags: ['registers'],
          summary: 'One sync run: its state, counts per register (progress while running) and errors',
          params: Type.Object({ connectionId: Type.String(), runId: Type.String() }),
          response: { 200: SyncRunSchema },
        },
      },
      async (request) => {
        const { connectionId, runId } = request.params;
        const run = await findSyncRun(deps.db, runId);
        if (!run || run.connectionId !== connectionId) throw new NotFoundError(`Sync run ${runId}`);
        return run;
      },
    );

    app.put(
      '/v1/connections/:connectionId/registers/schedule',
      {
        schema: {
          tags: ['registers'],
          summary: 'Sync the registers incrementally every N minutes (null: no schedule)',
          params: ConnectionParams,
          body: Type.Object(
            {
              everyMinutes: Type.Union([Type.Integer({ minimum: 5, maximum: 10080 }), Type.Null()], {
                description: '5 minutes to 7 days; null removes the schedule.',
              }),
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ everyMinutes: Type.Union([Type.Integer(), Type.Null()]) }) },
        },
      },
      async (request) => {
        const { connectionId } = request.params;
        await requireConnection(deps, connectionId);
        const { everyMinutes } = request.body;
        await saveSyncSchedule(deps.db, connectionId, everyMinutes);
        if (everyMinutes !== null) await bookScheduleTick(deps.db, deps.jobs, connectionId, everyMinutes);
        return { everyMinutes };
      },
    );

    app.get(
      '/v1/connections/:connectionId/registers',
      {
        schema: {
          tags: ['registers'],
          summary: 'Every register with its record count and when it was last synced',
          params: ConnectionParams,
          response: {
            200: Type.Object({
              registers: Type.Array(
                Type.Object({
                  register: Type.String(),
                  path: Type.String({ description: 'Read it at GET …/registers/{path}.' }),
                  description: Type.String(),
                  records: Type.Integer(),
                  lastSyncedAt: Type.Union([Type.String(), Type.Null()]),
                  lastFullSyncAt: Type.Union([Type.String(), Type.Null()]),
                  watermark: Type.Union([Type.String(), Type.Null()], {
                    description: 'Incremental syncs ask Procountor for changes since this version stamp.',
                  }),
                }),
              ),
              scheduleEveryMinutes: Type.Union([Type.Integer(), Type.Null()]),
            }),
          },
        },
      },
      async (request) => {
        const { connectionId } = request.params;
        await requireConnection(deps, connectionId);
        const [counts, states, schedule] = await Promise.all([
          deps.db
            .selectFrom('register_records')
            .select(['register', (eb) => eb.fn.countAll<string>().as('count')])
            .where('connection_id', '=', connectionId)
            .groupBy('register')
            .execute(),
          deps.db.selectFrom('register_sync_state').selectAll().where('connection_id', '=', connectionId).execute(),
          deps.db
            .selectFrom('register_sync_schedules')
            .select('every_minutes')
            .where('connection_id', '=', connectionId)
            .executeTakeFirst(),
        ]);
        const iso = (value: Date | string | null | undefined) => (value ? new Date(value).toISOString() : null);
        return {
          registers: REGISTERS.map((register) => {
            const state = states.find((row) => row.register === register);
            return {
              register,
              path: registerPathSegment(register),
              description: REGISTER_DESCRIPTIONS[register],
              records: Number(counts.find((row) => row.register === register)?.count ?? 0),
              lastSyncedAt: iso(state?.last_synced_at),
              lastFullSyncAt: iso(state?.last_full_sync_at),
              watermark: state?.watermark ?? null,
            };
          }),
          scheduleEveryMinutes: schedule?.every_minutes ?? null,
        };
      },
    );

    app.get(
      '/v1/connections/:connectionId/registers/:register',
      {
        schema: {
          tags: ['registers'],
          summary: "One register's records with search and paging, for a source application's pickers",
          description:
            'Paths: business-partners, partner-groups, products, product-groups, dimension-items, ledger-accounts, vat-percentages, persons, company, currencies, fiscal-years.',
          params: Type.Object({ connectionId: Type.String(), register: Type.String() }),
          querystring: Type.Object(
            {
              search: Type.Optional(
                Type.String({
                  maxLength: 200,
                  description: 'Words found in name, code or identifier; case, accents and Nordic letters ignored.',
                }),
              ),
              code: Type.Optional(Type.String({ description: 'Exact code (product code, account code…).' })),
              active: Type.Optional(Type.Boolean()),
              dimension: Type.Optional(Type.String({ description: 'dimension-items: only this dimension (name).' })),
              type: Type.Optional(
                Type.String({ description: 'business-partners: CUSTOMER, SUPPLIER or PERSON (data.type).' }),
              ),
              linked: Type.Optional(
                Type.Boolean({
                  description:
                    'business-partners, products: only records linked (true) or not linked (false) to a source customer or product.',
                }),
              ),
              ...PageQuerySchema,
            },
            { additionalProperties: false },
          ),
          response: { 200: Type.Object({ results: Type.Array(RegisterRecordSchema), meta: PageMetaSchema }) },
        },
      },
      async (request) => {
        const { connectionId } = request.params;
        await requireConnection(deps, connectionId);
        const register: RegisterName | undefined = registerFromPathSegment(request.params.register);
        if (!register) {
          throw new ValidationFailedError(
            [
              {
                path: 'register',
                rule: 'enum',
                message: `'${request.params.register}' is not a register; use one of ${REGISTERS.map(registerPathSegment).join(', ')}`,
              },
            ],
            'The path',
          );
        }
        const page = request.query.page ?? 0;
        const size = request.query.size ?? 50;
        const { results, total } = await listRegisterRecords(deps.db, connectionId, register, {
          search: request.query.search,
          code: request.query.code,
          active: request.query.active,
          dimensionName: request.query.dimension,
          type: request.query.type,
          linked: request.query.linked,
          page,
          size,
        });
        const linkKind = LINK_KIND_OF[register];
        const ids = results.map((record) => record.procountorId).filter((id): id is number => id !== null);
        const links =
          linkKind && ids.length > 0
            ? await deps.db
                .selectFrom('register_links')
                .select(['procountor_id', 'source_key'])
                .where('connection_id', '=', connectionId)
                .where('kind', '=', linkKind)
                .where('procountor_id', 'in', ids.map(String))
                .execute()
            : [];
        const withLinks = results.map((record) =>
          linkKind
            ? {
                ...record,
                linkedSourceKey:
                  links.find((link) => Number(link.procountor_id) === record.procountorId)?.source_key ?? null,
              }
            : record,
        );
        return { results: withLinks.map(maskPersonIdentifier), meta: { page, size, total } };
      },
    );
  };
}
