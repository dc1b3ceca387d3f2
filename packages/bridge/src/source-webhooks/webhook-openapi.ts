// The OpenAPI 3.1 `webhooks` of /openapi.json: one POST per event type, with the body and X-Bridge-* headers a source
// receives (docs/webhooks.md), so clients generated from the document know every event's shape.
import { Type } from 'typebox';
import { ALL_EVENT_TYPES, EVENT_TYPE_DEFINITIONS, type EventType } from '../events/event-types';
import { WEBHOOK_HEADERS } from './webhook-delivery-request';

const headerParameters = [
  {
    name: WEBHOOK_HEADERS.eventId,
    description: 'The event id, the same on every retry and replay: deduplicate by it.',
  },
  { name: WEBHOOK_HEADERS.eventType, description: 'The event type, as `type` in the body.' },
  { name: WEBHOOK_HEADERS.timestamp, description: 'Unix seconds when this attempt was signed.' },
  {
    name: WEBHOOK_HEADERS.signature,
    description:
      '`v1=` + hex HMAC-SHA256 with the endpoint secret over "<timestamp>.<raw body>"; several comma-separated while ' +
      'a secret is being rotated.',
  },
].map(({ name, description }) => ({ name, in: 'header', required: true, description, schema: { type: 'string' } }));

/** The JSON body of one event's webhook request (WebhookBody in webhook-delivery-request.ts). */
function webhookBodySchema(type: EventType) {
  return Type.Object(
    {
      id: Type.String({ description: 'The event id (evt_…), stable across retries and replays.' }),
      type: Type.Literal(type),
      createdAt: Type.String({ format: 'date-time', description: 'When the event was recorded.' }),
      connectionId: Type.String({ description: 'The connection the event belongs to.' }),
      data: EVENT_TYPE_DEFINITIONS[type].payload,
    },
    { description: 'New optional fields may appear in `data`; ignore what you do not know.' },
  );
}

/** `webhooks` for the OpenAPI document, keyed by event type. */
export function webhooksForOpenApi(): Record<string, unknown> {
  return Object.fromEntries(
    ALL_EVENT_TYPES.map((type) => [
      type,
      {
        post: {
          summary: type,
          description: `${EVENT_TYPE_DEFINITIONS[type].description} Answer any 2xx within 10 seconds.`,
          tags: ['webhooks'],
          parameters: headerParameters,
          // A plain copy: the document is JSON, TypeBox's own keys are not part of it.
          requestBody: {
            required: true,
            content: { 'application/json': { schema: JSON.parse(JSON.stringify(webhookBodySchema(type))) } },
          },
          responses: { '2XX': { description: 'Delivered; any other answer is a failed attempt, retried.' } },
        },
      },
    ]),
  );
}
