// SQL of webhook endpoints, and the API shape of one (secret masked unless just generated).
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { NotFoundError } from '../errors/bridge-error';
import { decryptSecret } from '../secrets/encrypt-secret';
import { maskSecret } from '../secrets/mask-secret';
import type { Database } from '../storage/schema';
import type { WebhookEndpointsTable } from '../storage/tables/event-tables';
import { encryptEndpointSecret, endpointSecretContext, generateEndpointSecret } from './webhook-endpoint-secret';

export interface WebhookEndpointRow {
  id: string;
  connection_id: string;
  url: string;
  secret_encrypted: string;
  event_types: string[];
  active: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface ApiWebhookEndpoint {
  id: string;
  connectionId: string;
  url: string;
  eventTypes: string[];
  active: boolean;
  /** The full secret right after create or rotate-secret; masked ("…wxyz") everywhere else. */
  secret: string;
  createdAt: string;
  updatedAt: string;
}

export function webhookEndpointToApi(
  row: WebhookEndpointRow,
  secretKey: Buffer,
  plainSecret?: string,
): ApiWebhookEndpoint {
  let secret = plainSecret;
  if (secret === undefined) {
    try {
      secret = maskSecret(decryptSecret(row.secret_encrypted, secretKey, endpointSecretContext(row.id)));
    } catch {
      // Shown, not thrown: the endpoint stays listable and its secret can be rotated.
      secret = '(cannot be decrypted; rotate the secret)';
    }
  }
  return {
    id: row.id,
    connectionId: row.connection_id,
    url: row.url,
    eventTypes: row.event_types,
    active: row.active,
    secret,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

export async function assertConnectionExists(db: Database, connectionId: string): Promise<void> {
  const found = await db.selectFrom('connections').select('id').where('id', '=', connectionId).executeTakeFirst();
  if (!found) throw new NotFoundError(`Connection ${connectionId}`);
}

export async function createWebhookEndpoint(
  db: Database,
  secretKey: Buffer,
  input: { connectionId: string; url: string; eventTypes: string[]; active: boolean },
): Promise<{ row: WebhookEndpointRow; secret: string }> {
  const id = `whe_${randomBytes(10).toString('hex')}`;
  const secret = generateEndpointSecret();
  const row = await db
    .insertInto('webhook_endpoints')
    .values({
      id,
      connection_id: input.connectionId,
      url: input.url,
      secret_encrypted: encryptEndpointSecret(secret, secretKey, id),
      event_types: JSON.stringify(input.eventTypes),
      active: input.active,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { row, secret };
}

export async function listWebhookEndpoints(db: Database, connectionId: string): Promise<WebhookEndpointRow[]> {
  return db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** 404 for an endpoint of another connection too, as for connections (server/principal.ts). */
export async function getWebhookEndpoint(
  db: Database,
  connectionId: string,
  endpointId: string,
): Promise<WebhookEndpointRow> {
  const row = await db
    .selectFrom('webhook_endpoints')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('id', '=', endpointId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`Webhook endpoint ${endpointId}`);
  return row;
}

export async function updateWebhookEndpoint(
  db: Database,
  connectionId: string,
  endpointId: string,
  changes: { url?: string; eventTypes?: string[]; active?: boolean; secretEncrypted?: string },
): Promise<WebhookEndpointRow> {
  const set: Partial<Record<keyof WebhookEndpointsTable, unknown>> = {};
  if (changes.url !== undefined) set.url = changes.url;
  if (changes.eventTypes !== undefined) set.event_types = JSON.stringify(changes.eventTypes);
  if (changes.active !== undefined) set.active = changes.active;
  if (changes.secretEncrypted !== undefined) set.secret_encrypted = changes.secretEncrypted;
  const row = await db
    .updateTable('webhook_endpoints')
    .set({ ...(set as object), updated_at: sql<Date>`now()` })
    .where('connection_id', '=', connectionId)
    .where('id', '=', endpointId)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`Webhook endpoint ${endpointId}`);
  return row;
}

export async function deleteWebhookEndpoint(db: Database, connectionId: string, endpointId: string): Promise<void> {
  const result = await db
    .deleteFrom('webhook_endpoints')
    .where('connection_id', '=', connectionId)
    .where('id', '=', endpointId)
    .executeTakeFirst();
  if (result.numDeletedRows === 0n) throw new NotFoundError(`Webhook endpoint ${endpointId}`);
}
