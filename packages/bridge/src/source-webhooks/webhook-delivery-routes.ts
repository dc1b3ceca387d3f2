// HTTP surface of the delivery log: list deliveries (newest first, paged), replay a delivery, replay an event.
import { Type } from 'typebox';
import type { RouteModule } from '../server/bridge-app';
import type { Database } from '../storage/schema';
import { type ReplayJobs, replayDelivery, replayEvent } from './replay-deliveries';

export interface WebhookDeliveryRouteDeps {
  db: Database;
  jobs: ReplayJobs;
}

const MAX_PAGE = 500;
const DEFAULT_PAGE = 100;
const TAGS = ['webhooks'];
const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

const DeliveryResponse = Type.Object({
  id: Type.String(),
  endpointId: Type.String(),
  eventId: Type.String(),
  eventType: Type.String(),
  subjectId: Type.Union([Type.String(), Type.Null()]),
  state: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
  attempts: Type.Integer({ description: 'Attempts since the delivery was created or last replayed.' }),
  lastStatusCode: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  nextAttemptAt: Type.Union([Type.String(), Type.Null()]),
  deliveredAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
});

export function webhookDeliveryRoutes(deps: WebhookDeliveryRouteDeps): RouteModule {
  const { db, jobs } = deps;
  return (app) => {
    app.get(
      '/v1/connections/:connectionId/webhook-deliveries',
      {
        schema: {
          tags: TAGS,
          summary: 'The delivery log, newest first; pass nextCursor as `before` for older ones',
          params: Type.Object({ connectionId: Type.String() }),
          querystring: Type.Object(
            {
              state: Type.Optional(
                Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
              ),
              endpointId: Type.Optional(Type.String()),
              before: Type.Optional(Type.String({ pattern: '^[0-9]{1,19}$' })),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: DEFAULT_PAGE })),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              deliveries: Type.Array(DeliveryResponse),
              nextCursor: Type.Union([Type.String(), Type.Null()], { description: 'null on the last page.' }),
            }),
          },
        },
      },
      async (request) => {
        const { connectionId } = request.params;
        const { state, endpointId, before } = request.query;
        const limit = request.query.limit ?? DEFAULT_PAGE;
        let query = db
          .selectFrom('webhook_deliveries as d')
          .innerJoin('webhook_endpoints as w', 'w.id', 'd.endpoint_id')
          .innerJoin('events as e', 'e.event_id', 'd.event_id')
          .select([
            'd.id',
            'd.endpoint_id',
            'd.event_id',
            'e.type',
            'e.subject_id',
            'd.state',
            'd.attempts',
            'd.last_status_code',
            'd.last_error',
            'd.next_attempt_at',
            'd.delivered_at',
            'd.created_at',
          ])
          .where('w.connection_id', '=', connectionId)
          .orderBy('d.id', 'desc')
          .limit(limit);
        if (state !== undefined) query = query.where('d.state', '=', state);
        if (endpointId !== undefined) query = query.where('d.endpoint_id', '=', endpointId);
        if (before !== undefined) query = query.where('d.id', '<', before);
        const rows = await query.execute();
        const deliveries = rows.map((row) => ({
          id: String(row.id),
          endpointId: row.endpoint_id,
          eventId: row.event_id,
          eventType: row.type,
          subjectId: row.subject_id,
          state: row.state,
          attempts: row.attempts,
          lastStatusCode: row.last_status_code,
          lastError: row.last_error,
          nextAttemptAt: iso(row.next_attempt_at),
          deliveredAt: iso(row.delivered_at),
          createdAt: iso(row.created_at) as string,
        }));
        return { deliveries, nextCursor: deliveries.length === limit ? (deliveries.at(-1)?.id ?? null) : null };
      },
    );

    app.post(
      '/v1/connections/:connectionId/webhook-deliveries/:deliveryId/replay',
      {
        schema: {
          tags: TAGS,
          summary: 'Send a delivery again, with a fresh series of attempts',
          params: Type.Object({ connectionId: Type.String(), deliveryId: Type.String({ pattern: '^[0-9]{1,19}$' }) }),
          response: { 202: Type.Object({ deliveryId: Type.String(), state: Type.Literal('pending') }) },
        },
      },
      async (request, reply) => {
        const { connectionId, deliveryId } = request.params;
        await replayDelivery(db, jobs, connectionId, deliveryId);
        return reply.status(202).send({ deliveryId, state: 'pending' as const });
      },
    );

    app.post(
      '/v1/connections/:connectionId/events/:eventId/replay',
      {
        schema: {
          tags: TAGS,
          summary: 'Send an event again to every active endpoint subscribed to its type',
          params: Type.Object({ connectionId: Type.String(), eventId: Type.String() }),
          response: { 202: Type.Object({ deliveryIds: Type.Array(Type.String()) }) },
        },
      },
      async (request, reply) => {
        const { connectionId, eventId } = request.params;
        return reply.status(202).send(await replayEvent(db, jobs, connectionId, eventId));
      },
    );
  };
}
