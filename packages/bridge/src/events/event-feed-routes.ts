// GET /v1/connections/{connectionId}/events: the event feed, for sources that cannot take webhooks; paged by cursor.
import { Type } from 'typebox';
import type { RouteModule } from '../server/bridge-app';
import type { Database } from '../storage/schema';
import { EventTypeSchema } from './event-types';

export interface EventFeedRouteDeps {
  db: Database;
}

const MAX_PAGE = 500;
const DEFAULT_PAGE = 100;

const FeedEvent = Type.Object({
  id: Type.String({ description: 'The cursor: increasing in the order events were recorded.' }),
  eventId: Type.String({ description: 'Stable id to deduplicate by; the same as in webhooks (X-Bridge-Event-Id).' }),
  type: Type.String(),
  subjectId: Type.Union([Type.String(), Type.Null()], { description: 'The transfer the event is about.' }),
  createdAt: Type.String(),
  payload: Type.Record(Type.String(), Type.Unknown()),
});

export function eventFeedRoutes(deps: EventFeedRouteDeps): RouteModule {
  return (app) => {
    app.get(
      '/v1/connections/:connectionId/events',
      {
        schema: {
          tags: ['events'],
          summary: 'Events of the connection after a cursor, oldest first',
          description:
            'Keep `nextCursor` and pass it as `after` next time; an empty page returns the same cursor. ' +
            'Deduplicate by `eventId`.',
          params: Type.Object({ connectionId: Type.String() }),
          querystring: Type.Object(
            {
              after: Type.Optional(Type.String({ pattern: '^[0-9]{1,19}$', description: 'A previous nextCursor.' })),
              limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE, default: DEFAULT_PAGE })),
              type: Type.Optional(EventTypeSchema),
            },
            { additionalProperties: false },
          ),
          response: {
            200: Type.Object({
              events: Type.Array(FeedEvent),
              nextCursor: Type.Union([Type.String(), Type.Null()], {
                description: 'Pass as `after` for the next page; null only when there are no events at all yet.',
              }),
            }),
          },
        },
      },
      async (request) => {
        const { connectionId } = request.params;
        const { after, type } = request.query;
        let query = deps.db
          .selectFrom('events')
          .select(['id', 'event_id', 'type', 'subject_id', 'created_at', 'payload'])
          .where('connection_id', '=', connectionId)
          .orderBy('id')
          .limit(request.query.limit ?? DEFAULT_PAGE);
        if (after !== undefined) query = query.where('id', '>', after);
        if (type !== undefined) query = query.where('type', '=', type);
        const rows = await query.execute();
        const events = rows.map((row) => ({
          id: String(row.id),
          eventId: row.event_id,
          type: row.type,
          subjectId: row.subject_id,
          createdAt: new Date(row.created_at).toISOString(),
          payload: row.payload,
        }));
        return { events, nextCursor: events.at(-1)?.id ?? after ?? null };
      },
    );
  };
}
