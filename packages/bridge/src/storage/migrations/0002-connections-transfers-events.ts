// The core domain tables: connections and API tokens, transfers with their timeline, idempotency keys,
// the event outbox/feed, source webhooks with their deliveries, and cross-process connection leases and rate buckets.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('connections')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('name', 'text', (column) => column.notNull())
    // draft: credentials stored, not yet checked; active: checked against Procountor; disabled: accepts and sends nothing.
    .addColumn('status', 'text', (column) => column.notNull().check(sql`status in ('draft', 'active', 'disabled')`))
    .addColumn('environment', 'text', (column) =>
      column.notNull().check(sql`environment in ('production', 'test', 'custom')`),
    )
    .addColumn('base_url', 'text', (column) => column.notNull())
    .addColumn('client_id', 'text', (column) => column.notNull())
    .addColumn('client_secret_encrypted', 'text', (column) => column.notNull())
    .addColumn('api_key_encrypted', 'text', (column) => column.notNull())
    // Raised on every credential change, so cached Procountor clients and tokens of the old key are dropped.
    .addColumn('credentials_version', 'integer', (column) => column.notNull().defaultTo(1))
    .addColumn('procountor_company_id', 'integer')
    .addColumn('company_name', 'text')
    .addColumn('company_business_id', 'text')
    .addColumn('company_iban', 'text')
    .addColumn('settings', 'jsonb', (column) => column.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('activated_at', 'timestamptz')
    .addColumn('last_checked_at', 'timestamptz')
    .addColumn('last_check_error', 'text')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'text', (column) => column.primaryKey())
    // null for admin tokens; a connection token sees only its connection.
    .addColumn('connection_id', 'text', (column) => column.references('connections.id').onDelete('cascade'))
    .addColumn('scope', 'text', (column) => column.notNull().check(sql`scope in ('admin', 'connection')`))
    .addColumn('name', 'text', (column) => column.notNull())
    // SHA-256 of the token: the token itself is shown once and never stored.
    .addColumn('token_hash', 'text', (column) => column.notNull().unique())
    .addColumn('token_prefix', 'text', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('last_used_at', 'timestamptz')
    .addColumn('revoked_at', 'timestamptz')
    .execute();

  await db.schema
    .createTable('transfers')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('connection_id', 'text', (column) => column.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('kind', 'text', (column) => column.notNull().check(sql`kind in ('sales_invoice', 'credit_invoice')`))
    .addColumn('external_id', 'text', (column) => column.notNull())
    .addColumn('source_invoice_number', 'text')
    .addColumn('payload', 'jsonb', (column) => column.notNull())
    // SHA-256 of the canonical payload: the same externalId with another payload is a 409 once transferred.
    .addColumn('payload_hash', 'text', (column) => column.notNull())
    .addColumn('state', 'text', (column) => column.notNull())
    .addColumn('current_step', 'text')
    .addColumn('completed_steps', 'jsonb', (column) => column.notNull().defaultTo(sql`'[]'::jsonb`))
    // What the steps learned (partner id, product ids, invoice id, uploaded attachments…), so a resume skips work.
    .addColumn('progress', 'jsonb', (column) => column.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('procountor_invoice_id', 'integer')
    .addColumn('procountor_invoice_number', 'integer')
    .addColumn('procountor_reference_code', 'text')
    .addColumn('procountor_status', 'text')
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('last_error', 'jsonb')
    .addColumn('next_attempt_at', 'timestamptz')
    // Copied out of the payload for the list filters (customer, amount, date).
    .addColumn('customer_name', 'text')
    .addColumn('total_amount', 'numeric')
    .addColumn('currency', 'text')
    .addColumn('invoice_date', 'date')
    // A credit invoice points at the transfer it credits; the link is ours, Procountor keeps none (FACTS.md).
    .addColumn('credits_transfer_id', 'text', (column) => column.references('transfers.id'))
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('succeeded_at', 'timestamptz')
    .addUniqueConstraint('transfers_connection_kind_external_id', ['connection_id', 'kind', 'external_id'])
    .execute();
  await db.schema
    .createIndex('transfers_connection_state_created')
    .on('transfers')
    .columns(['connection_id', 'state', 'created_at'])
    .execute();

  await db.schema
    .createTable('transfer_events')
    .addColumn('id', 'bigserial', (column) => column.primaryKey())
    .addColumn('transfer_id', 'text', (column) => column.notNull().references('transfers.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('step', 'text')
    // state: a state change; step: a step done; error: a failure (with its plain explanation); note: anything else.
    .addColumn('kind', 'text', (column) => column.notNull().check(sql`kind in ('state', 'step', 'error', 'note')`))
    // In an accountant's words; the technical detail goes to the pino log.
    .addColumn('message', 'text', (column) => column.notNull())
    .addColumn('data', 'jsonb')
    .execute();
  await db.schema
    .createIndex('transfer_events_transfer')
    .on('transfer_events')
    .columns(['transfer_id', 'id'])
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('connection_id', 'text', (column) => column.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('key', 'text', (column) => column.notNull())
    .addColumn('request_hash', 'text', (column) => column.notNull())
    .addColumn('response_status', 'integer', (column) => column.notNull())
    .addColumn('response_body', 'jsonb', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['connection_id', 'key'])
    .execute();

  // The outbox and the source's event feed: written in the same transaction as the state change it reports.
  await db.schema
    .createTable('events')
    .addColumn('id', 'bigserial', (column) => column.primaryKey())
    .addColumn('event_id', 'text', (column) => column.notNull().unique())
    .addColumn('connection_id', 'text', (column) => column.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('type', 'text', (column) => column.notNull())
    // The document the event is about (a transfer id), for ordering per document.
    .addColumn('subject_id', 'text')
    .addColumn('payload', 'jsonb', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('events_connection_id').on('events').columns(['connection_id', 'id']).execute();

  await db.schema
    .createTable('webhook_endpoints')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('connection_id', 'text', (column) => column.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('url', 'text', (column) => column.notNull())
    .addColumn('secret_encrypted', 'text', (column) => column.notNull())
    // Event types delivered; empty = all.
    .addColumn('event_types', 'jsonb', (column) => column.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('active', 'boolean', (column) => column.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', 'bigserial', (column) => column.primaryKey())
    .addColumn('endpoint_id', 'text', (column) =>
      column.notNull().references('webhook_endpoints.id').onDelete('cascade'),
    )
    .addColumn('event_id', 'text', (column) => column.notNull().references('events.event_id').onDelete('cascade'))
    .addColumn('state', 'text', (column) => column.notNull().check(sql`state in ('pending', 'delivered', 'failed')`))
    .addColumn('attempts', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('last_status_code', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'timestamptz')
    .addColumn('delivered_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('webhook_deliveries_endpoint_event', ['endpoint_id', 'event_id'])
    .execute();

  // Per-connection concurrency across bridge processes: a worker holds one of N lease rows while it talks to Procountor.
  await db.schema
    .createTable('connection_leases')
    .addColumn('connection_id', 'text', (column) => column.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('slot', 'integer', (column) => column.notNull())
    .addColumn('holder', 'text')
    .addColumn('expires_at', 'timestamptz')
    .addPrimaryKeyConstraint('connection_leases_pk', ['connection_id', 'slot'])
    .execute();

  // Per-connection rate limit across bridge processes: a token bucket refilled by elapsed time on each take.
  await db.schema
    .createTable('rate_buckets')
    .addColumn('connection_id', 'text', (column) =>
      column.primaryKey().references('connections.id').onDelete('cascade'),
    )
    .addColumn('tokens', 'double precision', (column) => column.notNull())
    .addColumn('refilled_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'rate_buckets',
    'connection_leases',
    'webhook_deliveries',
    'webhook_endpoints',
    'events',
    'idempotency_keys',
    'transfer_events',
    'transfers',
    'api_tokens',
    'connections',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
