// The bridge's webhook at Procountor per connection: subscribe (register the public URL with an HMAC secret), read, remove.
import { ProcountorNotFoundError } from '@procountor-bridge/client';
import { sql } from 'kysely';
import type { ConnectionService } from '../connections/connection-record';
import { decryptSecret, encryptSecret } from '../secrets/encrypt-secret';
import type { Database } from '../storage/schema';
import { newProcountorWebhookSecret, PROCOUNTOR_HMAC_SECRET_KEY } from './procountor-signature';

/**
 * The payment events the bridge listens to (contract Webhook.subscriptions). INVOICE_PAYMENT_CREATED carries the new
 * payment and PAYMENT_DELETED the deleted one; the others only make the bridge poll the connection again
 * (payments/reconcile-payments.ts).
 */
export const SUBSCRIBED_EVENT_TYPES = [
  'INVOICE_PAYMENT_CREATED',
  'INVOICE_PAYMENTEVENTS_DELETED',
  'PAYMENT_UPDATED',
  'PAYMENT_DELETED',
] as const;

/** Whether a subscription listens to every event type the bridge handles (one made by an older bridge may not). */
export function hasAllEventTypes(subscription: { eventTypes: readonly string[] }): boolean {
  return SUBSCRIBED_EVENT_TYPES.every((type) => subscription.eventTypes.includes(type));
}

export interface SubscriptionDeps {
  db: Database;
  secretKey: Buffer;
  connections: ConnectionService;
  /** config.publicUrl: where Procountor reaches this bridge. */
  publicUrl: string;
}

export interface SubscriptionView {
  connectionId: string;
  /** subscribed: Procountor holds the webhook; failed: the last attempt was refused (retried); pending: not yet. */
  state: 'subscribed' | 'pending' | 'failed';
  webhookUuid: string | null;
  url: string;
  /** The URL was given by hand: automatic subscriptions keep it instead of config.publicUrl's receiver. */
  urlExplicit: boolean;
  eventTypes: string[];
  lastReceivedAt: string | null;
  lastAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
}

const secretContext = (connectionId: string) => `procountor-webhook:${connectionId}`;

/** The receiver URL of a connection under the bridge's public URL. */
export function receiverUrlOf(publicUrl: string, connectionId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/hooks/procountor/${encodeURIComponent(connectionId)}`;
}

export async function findSubscription(db: Database, connectionId: string): Promise<SubscriptionView | undefined> {
  const row = await db
    .selectFrom('procountor_webhook_subscriptions')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  if (!row) return undefined;
  const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);
  return {
    connectionId: row.connection_id,
    state: row.last_error ? 'failed' : row.webhook_uuid ? 'subscribed' : 'pending',
    webhookUuid: row.webhook_uuid,
    url: row.url,
    urlExplicit: row.url_explicit,
    eventTypes: row.event_types,
    lastReceivedAt: iso(row.last_received_at),
    lastAttemptAt: iso(row.last_attempt_at),
    lastError: row.last_error,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

/** The decrypted HMAC secret of the connection's subscription, or undefined when there is none. */
export async function subscriptionSecret(db: Database, secretKey: Buffer, connectionId: string) {
  const row = await db
    .selectFrom('procountor_webhook_subscriptions')
    .select('secret_encrypted')
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  return row ? decryptSecret(row.secret_encrypted, secretKey, secretContext(connectionId)) : undefined;
}

/**
 * Subscribes the connection to Procountor's payment webhooks, idempotently: a connection already subscribed keeps its
 * secret and gets its URL and event types updated. The secret is stored before Procountor learns it, and webhooks left
 * at the same URL by an interrupted earlier attempt are removed first, so Procountor never signs with a secret the
 * bridge lacks nor sends a payment twice through two hooks.
 */
export async function subscribeProcountorWebhook(
  deps: SubscriptionDeps,
  connectionId: string,
  options: { url?: string } = {},
): Promise<SubscriptionView> {
  return oneAtATime(connectionId, () => subscribe(deps, connectionId, options));
}

// Subscriptions of one connection in this process run one after another: the automatic one after activation and a
// PUT by hand must not both create a webhook at Procountor.
const running = new Map<string, Promise<unknown>>();
async function oneAtATime<T>(connectionId: string, task: () => Promise<T>): Promise<T> {
  const before = running.get(connectionId) ?? Promise.resolve();
  const result = before.then(task, task);
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  running.set(connectionId, settled);
  void settled.then(() => {
    if (running.get(connectionId) === settled) running.delete(connectionId);
  });
  return result;
}

async function subscribe(deps: SubscriptionDeps, connectionId: string, options: { url?: string }) {
  const connection = await deps.connections.requireActive(connectionId);
  const client = await deps.connections.procountorClient(connection);
  const url = options.url ?? receiverUrlOf(deps.publicUrl, connectionId);
  const existing = await deps.db
    .selectFrom('procountor_webhook_subscriptions')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  const secret = existing
    ? decryptSecret(existing.secret_encrypted, deps.secretKey, secretContext(connectionId))
    : newProcountorWebhookSecret();
  const webhook = {
    url,
    authenticationType: 'HMAC' as const,
    authenticationMeta: { [PROCOUNTOR_HMAC_SECRET_KEY]: secret },
    subscriptions: [...SUBSCRIBED_EVENT_TYPES],
  };
  await deps.db
    .insertInto('procountor_webhook_subscriptions')
    .values({
      connection_id: connectionId,
      webhook_uuid: existing?.webhook_uuid ?? null,
      url,
      url_explicit: options.url !== undefined,
      secret_encrypted: encryptSecret(secret, deps.secretKey, secretContext(connectionId)),
      event_types: JSON.stringify(webhook.subscriptions),
    })
    .onConflict((conflict) =>
      conflict.column('connection_id').doUpdateSet({
        url,
        url_explicit: options.url !== undefined,
        event_types: JSON.stringify(webhook.subscriptions),
        updated_at: sql<Date>`now()`,
      }),
    )
    .execute();

  let uuid = existing?.webhook_uuid ?? null;
  if (uuid) {
    try {
      await client.webhooks.update(uuid, webhook);
    } catch (error) {
      // Removed at Procountor meanwhile: subscribe again below.
      if (!(error instanceof ProcountorNotFoundError)) throw error;
      uuid = null;
    }
  }
  if (!uuid) {
    for (const stale of [existing?.url, url]) {
      if (!stale) continue;
      const found = await client.webhooks.list({ url: stale });
      for (const old of found.results ?? []) if (old.uuid) await deleteIgnoringMissing(client, old.uuid);
    }
    const created = await client.webhooks.create(webhook);
    uuid = created.uuid ?? null;
  }
  await deps.db
    .updateTable('procountor_webhook_subscriptions')
    .set({ webhook_uuid: uuid, last_error: null, updated_at: sql<Date>`now()` })
    .where('connection_id', '=', connectionId)
    .execute();
  return (await findSubscription(deps.db, connectionId))!;
}

/**
 * Records an automatic attempt: its time and error (null clears it). A connection refused before anything was stored
 * gets a row (with a new secret, no webhook yet), so the failure shows in GET …/procountor-webhook.
 */
export async function recordSubscriptionAttempt(
  deps: Pick<SubscriptionDeps, 'db' | 'secretKey' | 'publicUrl'>,
  connectionId: string,
  error: string | null,
): Promise<void> {
  await deps.db
    .insertInto('procountor_webhook_subscriptions')
    .values({
      connection_id: connectionId,
      url: receiverUrlOf(deps.publicUrl, connectionId),
      secret_encrypted: encryptSecret(newProcountorWebhookSecret(), deps.secretKey, secretContext(connectionId)),
      event_types: JSON.stringify([...SUBSCRIBED_EVENT_TYPES]),
      last_attempt_at: sql<Date>`now()`,
      last_error: error,
    })
    .onConflict((conflict) =>
      conflict
        .column('connection_id')
        .doUpdateSet({ last_attempt_at: sql<Date>`now()`, last_error: error, updated_at: sql<Date>`now()` }),
    )
    .execute();
}

/** Removes the webhook at Procountor (already gone is fine) and the bridge's record of it. Returns whether one existed. */
export async function unsubscribeProcountorWebhook(deps: SubscriptionDeps, connectionId: string): Promise<boolean> {
  const existing = await findSubscription(deps.db, connectionId);
  if (!existing) return false;
  if (existing.webhookUuid) {
    const connection = await deps.connections.requireActive(connectionId);
    const client = await deps.connections.procountorClient(connection);
    await deleteIgnoringMissing(client, existing.webhookUuid);
  }
  await deps.db.deleteFrom('procountor_webhook_subscriptions').where('connection_id', '=', connectionId).execute();
  return true;
}

async function deleteIgnoringMissing(
  client: Awaited<ReturnType<ConnectionService['procountorClient']>>,
  uuid: string,
): Promise<void> {
  try {
    await client.webhooks.delete(uuid);
  } catch (error) {
    if (!(error instanceof ProcountorNotFoundError)) throw error;
  }
}
