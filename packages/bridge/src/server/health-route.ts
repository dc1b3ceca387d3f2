// GET /healthz: 200 when the database answers, 503 naming the failing part otherwise (for load balancers and k8s).
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { Database } from '../storage/schema';
import type { RouteModule } from './bridge-app';

const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('failing')]),
  checks: Type.Record(Type.String(), Type.String(), { description: 'Each part: "ok" or what is wrong with it.' }),
});

export function healthRoute(db: Database): RouteModule {
  return (app) => {
    app.get(
      '/healthz',
      {
        schema: {
          tags: ['operations'],
          summary: 'Health check',
          description: 'Pings the database (the job queue lives in it too). No token needed.',
          security: [],
          response: { 200: HealthResponse, 503: HealthResponse },
        },
      },
      async (request, reply) => {
        try {
          await sql`select 1`.execute(db);
          return { status: 'ok' as const, checks: { database: 'ok' } };
        } catch (error) {
          request.log.error({ err: error }, 'health check failed');
          return reply.status(503).send({ status: 'failing', checks: { database: 'the database does not answer' } });
        }
      },
    );
  };
}
