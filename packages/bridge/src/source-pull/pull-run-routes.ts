// GET /v1/connections/{connectionId}/scheduled-pull/runs: the run log, the last runs with what each one did.
import { sql } from 'kysely';
import { Type } from 'typebox';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { RouteModule } from '../server/bridge-app';
import type { Database } from '../storage/schema';

export interface PullRunRouteDeps {
  db: Database;
}

const MAX_RUNS = 100;

interface RunRow {
  id: string;
  state: string;
  created_on: Date | string;
  started_on: Date | string | null;
  completed_on: Date | string | null;
  output: unknown;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

export function pullRunRoutes(deps: PullRunRouteDeps): RouteModule {
  return (app) => {
    app.get(
      '/v1/connections/:connectionId/scheduled-pull/runs',
      {
        schema: {
          tags: ['scheduled-pull'],
          summary: 'The last scheduled pull runs: documents fetched, submitted, rejected, and errors in plain words',
          params: Type.Object({ connectionId: Type.String() }),
          querystring: Type.Object(
            { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_RUNS, default: 20 })) },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              runs: Type.Array(
                Type.Object({
                  id: Type.String(),
                  state: Type.String({ description: 'created (waiting), active, completed or failed.' }),
                  createdAt: Type.String(),
                  startedAt: Type.Union([Type.String(), Type.Null()]),
                  completedAt: Type.Union([Type.String(), Type.Null()]),
                  result: Type.Unknown({ description: 'What the run did (run-scheduled-pull.ts PullRunResult).' }),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const { connectionId } = request.params;
        const limit = request.query.limit ?? 20;
        // pg-boss keeps runs in pgboss.job and moves finished ones to pgboss.archive after 12 hours (its default).
        const { rows } = await sql<RunRow>`
          select id::text as id, state::text as state, created_on, started_on, completed_on, output
            from (
              select id, state, created_on, started_on, completed_on, output from pgboss.job
               where name = ${QUEUE_NAMES.sourcePullRun} and singleton_key = ${connectionId}
              union all
              select id, state, created_on, started_on, completed_on, output from pgboss.archive
               where name = ${QUEUE_NAMES.sourcePullRun} and singleton_key = ${connectionId}
            ) runs
           order by created_on desc
           limit ${limit}`.execute(deps.db);
        return {
          runs: rows.map((row) => ({
            id: row.id,
            state: row.state,
            createdAt: iso(row.created_on) as string,
            startedAt: iso(row.started_on),
            completedAt: iso(row.completed_on),
            result: row.output ?? null,
          })),
        };
      },
    );
  };
}
