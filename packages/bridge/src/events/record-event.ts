// Writes an event to the outbox, with a webhook delivery and its job per subscribed endpoint, in the caller's transaction.
import { randomBytes } from 'node:crypto';
import { type RawBuilder, sql, type Transaction } from 'kysely';
import { Value } from 'typebox/value';
import type { JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import { enqueueStatusReportIfPulled } from '../source-pull/enqueue-status-report';
import type { DB } from '../storage/schema';
import { EVENT_TYPE_DEFINITIONS, isEventType } from './event-types';

export interface EventInput {
  connectionId: string;
  /** One of EVENT_TYPES; a string so callers with their own constants (transfers/transfer-deps.ts) fit. */
  type: string;
  /** The document the event is about (a transfer id): deliveries of one subject go out in order. */
  subjectId: string;
  payload: Record<string, unknown>;
  /** A stable id derived from what the event reports (payments/payment-amounts.ts); default a new random one. */
  eventId?: string;
}

/** Data of a source-webhook-deliver job: the delivery row says everything else. */
export interface DeliveryJobData {
  deliveryId: string;
}

/** A stable id sources deduplicate by; random, so it tells nothing about volumes or order. */
export function newEventId(): string {
  return `evt_${randomBytes(12).toString('hex')}`;
}

/** The active endpoints of the connection that take this type; one with no event types listed takes them all. */
function subscribedEndpoints(input: Pick<EventInput, 'connectionId' | 'type'>) {
  return sql<boolean>`connection_id = ${input.connectionId} and active = true
    and (jsonb_array_length(event_types) = 0 or event_types @> ${JSON.stringify([input.type])}::jsonb)`;
}

/** True, in SQL, where an endpoint would get a delivery of this event (recordEvent must then write it). */
export function hasSubscribedEndpointSql(input: Pick<EventInput, 'connectionId' | 'type'>): RawBuilder<boolean> {
  return sql<boolean>`exists (select 1 from webhook_endpoints where ${subscribedEndpoints(input)})`;
}

/** Throws on an unknown type or a payload that breaks the type's schema: a bug in the caller. */
export function assertEventValid(input: Pick<EventInput, 'type' | 'payload'>): void {
  if (!isEventType(input.type)) {
    throw new Error(`recordEvent: unknown event type '${input.type}'; add it to events/event-types.ts first`);
  }
  const schema = EVENT_TYPE_DEFINITIONS[input.type].payload;
  if (!Value.Check(schema, input.payload)) {
    const problems = [...Value.Errors(schema, input.payload)].map((error) => `${error.instancePath} ${error.message}`);
    throw new Error(`recordEvent: ${input.type} payload does not match its schema: ${problems.join('; ')}`);
  }
}

/**
 * Records one event. Everything it writes (event, deliveries, jobs, status report) commits or rolls back with `trx`,
 * so a rolled-back state change never reaches a source (DESIGN.md: "State change and job enqueue share one
 * transaction"). Throws on an unknown type or a payload that breaks the type's schema: a bug in the caller.
 */
export async function recordEvent(
  trx: Transaction<DB>,
  jobs: Pick<JobQueue, 'sendInTransaction'>,
  input: EventInput,
): Promise<{ eventId: string }> {
  assertEventValid(input);
  const eventId = input.eventId ?? newEventId();
  await trx
    .insertInto('events')
    .values({
      event_id: eventId,
      connection_id: input.connectionId,
      type: input.type,
      subject_id: input.subjectId,
      payload: JSON.stringify(input.payload),
    })
    .execute();

  const endpoints = await trx
    .selectFrom('webhook_endpoints')
    .select('id')
    .where(subscribedEndpoints(input))
    .orderBy('created_at')
    .execute();

  for (const endpoint of endpoints) {
    const delivery = await trx
      .insertInto('webhook_deliveries')
      .values({
        endpoint_id: endpoint.id,
        event_id: eventId,
        state: 'pending',
        last_status_code: null,
        last_error: null,
        next_attempt_at: sql<Date>`now()`,
        delivered_at: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await jobs.sendInTransaction<DeliveryJobData>(trx, QUEUE_NAMES.sourceWebhookDeliver, { deliveryId: delivery.id });
  }

  await enqueueStatusReportIfPulled(trx, jobs, { connectionId: input.connectionId, eventId, type: input.type });
  return { eventId };
}
