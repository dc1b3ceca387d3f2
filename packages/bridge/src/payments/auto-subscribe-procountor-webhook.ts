// Subscribing to Procountor's payment webhooks without a manual step (issue #6): after activation and at start for
// active connections without a webhook, in a job retried with backoff. A refusal never fails the activation; it is
// recorded (GET …/procountor-webhook, the log) and the 15-minute reconciliation poll still finds every payment.
import type { Logger } from 'pino';
import type { ConnectionRecord } from '../connections/connection-record';
import type { JobQueue, SendOptions } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import {
  findSubscription,
  hasAllEventTypes,
  receiverUrlOf,
  recordSubscriptionAttempt,
  type SubscriptionDeps,
  subscribeProcountorWebhook,
} from './procountor-webhook-subscription';

export interface WebhookSubscribeJobData {
  connectionId: string;
}

export interface AutoSubscribeDeps extends SubscriptionDeps {
  jobs: Pick<JobQueue, 'send'>;
  logger: Logger;
}

/** pg-boss's retry options of a subscription job (retryDelay in whole seconds). */
export type WebhookSubscribeRetry = Pick<SendOptions, 'retryLimit' | 'retryDelay' | 'retryBackoff'>;

/** Retried about 5 s, 10 s, 20 s … after a refusal (pg-boss backoff), for some hours; then the next start tries again. */
export const WEBHOOK_SUBSCRIBE_RETRY: WebhookSubscribeRetry = { retryLimit: 12, retryDelay: 5, retryBackoff: true };

/** Whether the bridge should hold a webhook at Procountor for this connection by itself. */
export function wantsAutomaticSubscription(connection: ConnectionRecord): boolean {
  return connection.status === 'active' && connection.settings.subscribeToProcountorWebhooks !== false;
}

/** Queues the subscription of a connection (skipped when it is not active or the setting is off). */
export async function requestWebhookSubscription(
  jobs: Pick<JobQueue, 'send'>,
  connection: ConnectionRecord,
  retry: WebhookSubscribeRetry = WEBHOOK_SUBSCRIBE_RETRY,
): Promise<string | null> {
  if (!wantsAutomaticSubscription(connection)) return null;
  const data: WebhookSubscribeJobData = { connectionId: connection.id };
  return jobs.send(QUEUE_NAMES.procountorWebhookSubscribe, data, retry);
}

/**
 * The job: makes sure Procountor holds the connection's webhook at the expected URL (an explicit URL given by hand is
 * kept; else config.publicUrl's receiver). Already there → nothing is sent. Throws on a refusal so pg-boss retries.
 */
export async function runWebhookSubscribe(deps: AutoSubscribeDeps, data: WebhookSubscribeJobData) {
  const { connectionId } = data;
  const log = deps.logger.child({ connectionId });
  const connection = await deps.connections.find(connectionId);
  if (!connection || !wantsAutomaticSubscription(connection)) return { skipped: true };
  const existing = await findSubscription(deps.db, connectionId);
  const url = existing?.urlExplicit ? existing.url : receiverUrlOf(deps.publicUrl, connectionId);
  try {
    if (
      existing?.webhookUuid &&
      existing.url === url &&
      hasAllEventTypes(existing) &&
      (await heldAtProcountor(deps, connection, existing))
    ) {
      await recordSubscriptionAttempt(deps, connectionId, null);
      return { subscribed: true, webhookUuid: existing.webhookUuid, unchanged: true };
    }
    const subscription = await subscribeProcountorWebhook(deps, connectionId, existing?.urlExplicit ? { url } : {});
    await recordSubscriptionAttempt(deps, connectionId, null);
    log.info({ url, webhookUuid: subscription.webhookUuid }, 'subscribed to Procountor webhooks');
    return { subscribed: true, webhookUuid: subscription.webhookUuid };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await recordSubscriptionAttempt(deps, connectionId, message);
    log.warn({ err: error, url }, 'Procountor webhook subscription failed; retried later, reconciliation still polls');
    throw error;
  }
}

async function heldAtProcountor(
  deps: AutoSubscribeDeps,
  connection: ConnectionRecord,
  existing: { url: string; webhookUuid: string | null },
): Promise<boolean> {
  const client = await deps.connections.procountorClient(connection);
  const found = await client.webhooks.list({ url: existing.url });
  return (found.results ?? []).some((hook) => hook.uuid === existing.webhookUuid);
}

/**
 * Queues a subscription for every active connection (setting on) that has no webhook at Procountor yet, or one that
 * misses an event type the bridge now handles (one made before PAYMENT_DELETED was handled): it is updated in place.
 */
export async function subscribeUnsubscribedConnections(
  deps: Pick<AutoSubscribeDeps, 'db' | 'jobs'>,
  connections: readonly ConnectionRecord[],
  retry: WebhookSubscribeRetry = WEBHOOK_SUBSCRIBE_RETRY,
): Promise<string[]> {
  const queued: string[] = [];
  for (const connection of connections) {
    if (!wantsAutomaticSubscription(connection)) continue;
    const existing = await findSubscription(deps.db, connection.id);
    if (existing?.webhookUuid && hasAllEventTypes(existing)) continue;
    await requestWebhookSubscription(deps.jobs, connection, retry);
    queued.push(connection.id);
  }
  return queued;
}
