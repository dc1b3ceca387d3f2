// Replays: one delivery again, or one event to every endpoint subscribed now; each a fresh series of attempts.
import { sql, type Transaction } from 'kysely';
import { BridgeError, NotFoundError } from '../errors/bridge-error';
import type { DeliveryJobData } from '../events/record-event';
import type { JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { Database, DB } from '../storage/schema';

export type ReplayJobs = Pick<JobQueue, 'sendInTransaction'>;

/** 409 webhook_endpoint_disabled: a disabled endpoint would only fail the replay again. */
export class WebhookEndpointDisabledError extends BridgeError {
  override name = 'WebhookEndpointDisabledError';
  constructor(endpointId: string) {
    super(
      409,
      'webhook_endpoint_disabled',
      `Webhook endpoint ${endpointId} is disabled; enable it (PATCH active: true) before replaying its deliveries.`,
    );
  }
}

/**
 * Attempts start again from zero (the retry schedule restarts); the last status and error stay until the next
 * attempt. A job already scheduled for the delivery finds it not due, or delivered, and leaves it.
 */
async function restartDelivery(trx: Transaction<DB>, jobs: ReplayJobs, deliveryId: string): Promise<void> {
  await trx
    .updateTable('webhook_deliveries')
    .set({ state: 'pending', attempts: 0, next_attempt_at: sql<Date>`now()`, delivered_at: null })
    .where('id', '=', deliveryId)
    .execute();
  await jobs.sendInTransaction<DeliveryJobData>(trx, QUEUE_NAMES.sourceWebhookDeliver, { deliveryId });
}

export async function replayDelivery(
  db: Database,
  jobs: ReplayJobs,
  connectionId: string,
  deliveryId: string,
): Promise<void> {
  const delivery = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as w', 'w.id', 'd.endpoint_id')
    .select(['d.id', 'w.id as endpoint_id', 'w.active'])
    .where('w.connection_id', '=', connectionId)
    .where('d.id', '=', deliveryId)
    .executeTakeFirst();
  if (!delivery) throw new NotFoundError(`Webhook delivery ${deliveryId}`);
  if (!delivery.active) throw new WebhookEndpointDisabledError(delivery.endpoint_id);
  await db.transaction().execute((trx) => restartDelivery(trx, jobs, delivery.id));
}

/** Sends the event again to every active endpoint subscribed to its type now, including ones added since. */
export async function replayEvent(
  db: Database,
  jobs: ReplayJobs,
  connectionId: string,
  eventId: string,
): Promise<{ deliveryIds: string[] }> {
  const event = await db
    .selectFrom('events')
    .select(['event_id', 'type'])
    .where('connection_id', '=', connectionId)
    .where('event_id', '=', eventId)
    .executeTakeFirst();
  if (!event) throw new NotFoundError(`Event ${eventId}`);
  return db.transaction().execute(async (trx) => {
    const endpoints = await trx
      .selectFrom('webhook_endpoints')
      .select('id')
      .where('connection_id', '=', connectionId)
      .where('active', '=', true)
      .where((eb) =>
        eb.or([
          eb(sql`jsonb_array_length(event_types)`, '=', 0),
          eb('event_types', '@>', sql<string[]>`${JSON.stringify([event.type])}::jsonb`),
        ]),
      )
      .execute();
    const deliveryIds: string[] = [];
    for (const endpoint of endpoints) {
      // One delivery row per endpoint and event (unique constraint): a replay restarts it, or creates it.
      const row = await trx
        .insertInto('webhook_deliveries')
        .values({
          endpoint_id: endpoint.id,
          event_id: event.event_id,
          state: 'pending',
          last_status_code: null,
          last_error: null,
          next_attempt_at: sql<Date>`now()`,
          delivered_at: null,
        })
        .onConflict((conflict) => conflict.columns(['endpoint_id', 'event_id']).doNothing())
        .returning('id')
        .executeTakeFirst();
      const deliveryId =
        row?.id ??
        (
          await trx
            .selectFrom('webhook_deliveries')
            .select('id')
            .where('endpoint_id', '=', endpoint.id)
            .where('event_id', '=', event.event_id)
            .executeTakeFirstOrThrow()
        ).id;
      await restartDelivery(trx, jobs, deliveryId);
      deliveryIds.push(String(deliveryId));
    }
    return { deliveryIds };
  });
}
