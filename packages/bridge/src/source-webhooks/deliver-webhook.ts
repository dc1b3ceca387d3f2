// The source-webhook-deliver job: one attempt at one delivery, in order per document, then delivered, retry or failed.
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { DeliveryJobData } from '../events/record-event';
import type { JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import { decryptSecret } from '../secrets/encrypt-secret';
import type { Database } from '../storage/schema';
import { type DeliveryRetryPolicy, retryDelaySeconds } from './delivery-backoff';
import { type DeliveryAttemptOutcome, sendWebhookRequest } from './webhook-delivery-request';
import { endpointSecretContext } from './webhook-endpoint-secret';

export interface DeliverWebhookDeps {
  db: Database;
  jobs: Pick<JobQueue, 'sendInTransaction'>;
  logger: Logger;
  /** BRIDGE_SECRET_KEY: endpoint secrets are stored encrypted with it. */
  secretKey: Buffer;
  retryPolicy: DeliveryRetryPolicy;
  /** How soon a delivery held for an earlier event of its document looks again; ORDER_WAIT_SECONDS by default. */
  orderWaitSeconds?: number;
  /** Per request; 10 s by default. */
  timeoutMs: number;
  fetch?: typeof fetch;
}

/** How soon a delivery waiting for an earlier event of its document looks again. */
export const ORDER_WAIT_SECONDS = 5;
/**
 * While an attempt runs, its next_attempt_at is pushed this far ahead, so a second job for the same delivery (a
 * replay during an attempt) finds it not due and leaves it. Longer than any request (timeout 10 s).
 */
const ATTEMPT_LEASE_SECONDS = 60;

export type DeliveryJobResult =
  | { outcome: 'skipped'; reason: string }
  | { outcome: 'waiting_for_earlier_event' }
  | { outcome: 'delivered' | 'retrying' | 'failed'; attempts: number };

export async function deliverWebhook(deps: DeliverWebhookDeps, data: DeliveryJobData): Promise<DeliveryJobResult> {
  const { db } = deps;
  const delivery = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhook_endpoints as w', 'w.id', 'd.endpoint_id')
    .innerJoin('events as e', 'e.event_id', 'd.event_id')
    .select([
      'd.id',
      'd.state',
      'd.endpoint_id',
      'd.event_id',
      'w.url',
      'w.active',
      'w.secret_encrypted',
      'e.id as event_row_id',
      'e.connection_id',
      'e.type',
      'e.subject_id',
      'e.payload',
      'e.created_at',
    ])
    .where('d.id', '=', data.deliveryId)
    .executeTakeFirst();
  // Deleted with its endpoint, or already delivered or failed (a duplicate job): nothing to do.
  if (!delivery) return { outcome: 'skipped', reason: 'delivery no longer exists' };
  if (delivery.state !== 'pending') return { outcome: 'skipped', reason: `delivery is ${delivery.state}` };
  const logger = deps.logger.child({
    deliveryId: delivery.id,
    endpointId: delivery.endpoint_id,
    eventId: delivery.event_id,
    connectionId: delivery.connection_id,
  });

  if (delivery.subject_id !== null) {
    // In order per document: an earlier event of the same subject to this endpoint goes first (or fails for good).
    const earlier = await db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('events as e', 'e.event_id', 'd.event_id')
      .select('d.id')
      .where('d.endpoint_id', '=', delivery.endpoint_id)
      .where('d.state', '=', 'pending')
      .where('e.subject_id', '=', delivery.subject_id)
      .where('e.id', '<', delivery.event_row_id)
      .limit(1)
      .executeTakeFirst();
    if (earlier) {
      const waitSeconds = deps.orderWaitSeconds ?? ORDER_WAIT_SECONDS;
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('webhook_deliveries')
          .set({ next_attempt_at: sql<Date>`now() + make_interval(secs => ${waitSeconds})` })
          .where('id', '=', delivery.id)
          .execute();
        await deps.jobs.sendInTransaction<DeliveryJobData>(trx, QUEUE_NAMES.sourceWebhookDeliver, data, {
          startAfter: waitSeconds,
        });
      });
      logger.debug({ earlierDeliveryId: earlier.id }, 'webhook delivery waits for an earlier event of its document');
      return { outcome: 'waiting_for_earlier_event' };
    }
  }

  // Claim the attempt: only a due, pending delivery; a concurrent or stale job for it finds nothing and stops.
  const claimed = await db
    .updateTable('webhook_deliveries')
    .set({ next_attempt_at: sql<Date>`now() + make_interval(secs => ${ATTEMPT_LEASE_SECONDS})` })
    .where('id', '=', delivery.id)
    .where('state', '=', 'pending')
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', sql<Date>`now()`)]))
    .returning('attempts')
    .executeTakeFirst();
  if (!claimed) return { outcome: 'skipped', reason: 'delivery is not due or another attempt runs' };

  const outcome = await attempt(deps, delivery);
  const attempts = claimed.attempts + 1;

  if (outcome.delivered) {
    await db
      .updateTable('webhook_deliveries')
      .set({
        state: 'delivered',
        attempts,
        last_status_code: outcome.statusCode,
        last_error: null,
        next_attempt_at: null,
        delivered_at: sql<Date>`now()`,
      })
      .where('id', '=', delivery.id)
      .execute();
    logger.info({ attempts, statusCode: outcome.statusCode }, 'webhook delivered');
    return { outcome: 'delivered', attempts };
  }

  const delaySeconds = retryDelaySeconds(attempts, deps.retryPolicy);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('webhook_deliveries')
      .set({
        state: delaySeconds === null ? 'failed' : 'pending',
        attempts,
        last_status_code: outcome.statusCode,
        last_error: outcome.error,
        next_attempt_at: delaySeconds === null ? null : sql<Date>`now() + make_interval(secs => ${delaySeconds})`,
      })
      .where('id', '=', delivery.id)
      .execute();
    if (delaySeconds !== null) {
      await deps.jobs.sendInTransaction<DeliveryJobData>(trx, QUEUE_NAMES.sourceWebhookDeliver, data, {
        startAfter: delaySeconds,
      });
    }
  });
  if (delaySeconds === null) {
    logger.error({ attempts, statusCode: outcome.statusCode, reason: outcome.error }, 'webhook delivery failed');
    return { outcome: 'failed', attempts };
  }
  logger.warn(
    { attempts, statusCode: outcome.statusCode, reason: outcome.error, retryInSeconds: delaySeconds },
    'webhook delivery failed, retrying',
  );
  return { outcome: 'retrying', attempts };
}

async function attempt(
  deps: DeliverWebhookDeps,
  delivery: {
    endpoint_id: string;
    event_id: string;
    url: string;
    active: boolean;
    secret_encrypted: string;
    connection_id: string;
    type: string;
    payload: Record<string, unknown>;
    created_at: Date | string;
  },
): Promise<DeliveryAttemptOutcome> {
  // Counted as a failed attempt, so the log says why; re-enabling the endpoint and replaying sends it.
  if (!delivery.active) return { delivered: false, statusCode: null, error: 'The endpoint is disabled' };
  let secret: string;
  try {
    secret = decryptSecret(delivery.secret_encrypted, deps.secretKey, endpointSecretContext(delivery.endpoint_id));
  } catch {
    return {
      delivered: false,
      statusCode: null,
      error: "The endpoint's secret cannot be decrypted (was BRIDGE_SECRET_KEY changed?); rotate the endpoint's secret",
    };
  }
  return sendWebhookRequest({
    url: delivery.url,
    secret,
    timeoutMs: deps.timeoutMs,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    body: {
      id: delivery.event_id,
      type: delivery.type,
      createdAt: new Date(delivery.created_at).toISOString(),
      connectionId: delivery.connection_id,
      data: delivery.payload,
    },
  });
}
