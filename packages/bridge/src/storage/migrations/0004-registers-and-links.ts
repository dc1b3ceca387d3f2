// Master and reference data (issue #5): Procountor's registers stored per connection, the sync runs that fill them,
// the source application's customers and products, and the links between the two.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // One row per record of one Procountor register (business partners, products, dimension items, accounts…).
  await db.schema
    .createTable('register_records')
    .addColumn('connection_id', 'text', (column) => column.notNull().references('connections.id').onDelete('cascade'))
    // registers/register-kinds.ts REGISTERS: business_partners, products, dimension_items, ledger_accounts …
    .addColumn('register', 'text', (column) => column.notNull())
    // Procountor's id, or the natural key where the register has none (account code, VAT percentage, currency).
    .addColumn('record_key', 'text', (column) => column.notNull())
    .addColumn('procountor_id', 'bigint')
    // What sources and checks look records up by: customer number, product code, account code, item code name.
    .addColumn('code', 'text')
    .addColumn('name', 'text', (column) => column.notNull())
    // Business ID of partners, the personal identity code of persons (normalised for matching).
    .addColumn('identifier', 'text')
    // Lower-cased, accent-folded name + code + identifier, searched with LIKE by the API's `search`.
    .addColumn('search_text', 'text', (column) => column.notNull())
    .addColumn('active', 'boolean', (column) => column.notNull().defaultTo(true))
    // Procountor's version stamp where the register has one (incremental sync watermark).
    .addColumn('version', 'text')
    .addColumn('data', 'jsonb', (column) => column.notNull())
    .addColumn('synced_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('register_records_pkey', ['connection_id', 'register', 'record_key'])
    .execute();
  await db.schema
    .createIndex('register_records_code')
    .on('register_records')
    .columns(['connection_id', 'register', 'code'])
    .execute();
  await db.schema
    .createIndex('register_records_identifier')
    .on('register_records')
    .columns(['connection_id', 'register', 'identifier'])
    .execute();

  // Where each register's incremental sync starts next time.
  await db.schema
    .createTable('register_sync_state')
    .addColumn('connection_id', 'text', (column) => column.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('register', 'text', (column) => column.notNull())
    // The highest Procountor version stamp seen: the next run asks for versionStartDate = this.
    .addColumn('watermark', 'text')
    .addColumn('last_full_sync_at', 'timestamptz')
    .addColumn('last_synced_at', 'timestamptz')
    .addPrimaryKeyConstraint('register_sync_state_pkey', ['connection_id', 'register'])
    .execute();

  await db.schema
    .createTable('register_sync_runs')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('connection_id', 'text', (column) => column.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('mode', 'text', (column) => column.notNull().check(sql`mode in ('full', 'incremental')`))
    .addColumn('trigger', 'text', (column) => column.notNull().check(sql`trigger in ('on_demand', 'schedule')`))
    .addColumn('state', 'text', (column) =>
      column.notNull().check(sql`state in ('queued', 'running', 'succeeded', 'failed')`),
    )
    .addColumn('registers', 'jsonb', (column) => column.notNull())
    // Per register: { created, updated, unchanged, failed, fetched, calls, done }.
    .addColumn('counts', 'jsonb', (column) => column.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('errors', 'jsonb', (column) => column.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('current_register', 'text')
    .addColumn('procountor_calls', 'integer', (column) => column.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('finished_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('register_sync_runs_connection')
    .on('register_sync_runs')
    .columns(['connection_id', 'created_at'])
    .execute();

  // A scheduled sync per connection: every N minutes, incremental.
  await db.schema
    .createTable('register_sync_schedules')
    .addColumn('connection_id', 'text', (column) =>
      column.primaryKey().references('connections.id').onDelete('cascade'),
    )
    .addColumn('every_minutes', 'integer', (column) => column.notNull().check(sql`every_minutes between 5 and 10080`))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();

  // The source application's own customers and products, as it told the bridge (or as transfers carried them).
  await db.schema
    .createTable('source_records')
    .addColumn('connection_id', 'text', (column) => column.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('kind', 'text', (column) => column.notNull().check(sql`kind in ('customer', 'product')`))
    .addColumn('source_key', 'text', (column) => column.notNull())
    .addColumn('name', 'text', (column) => column.notNull())
    .addColumn('code', 'text')
    .addColumn('identifier', 'text')
    .addColumn('search_text', 'text', (column) => column.notNull())
    .addColumn('data', 'jsonb', (column) => column.notNull())
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('source_records_pkey', ['connection_id', 'kind', 'source_key'])
    .execute();

  // A source customer (product) ↔ a Procountor business partner (product); one each way.
  await db.schema
    .createTable('register_links')
    .addColumn('connection_id', 'text', (column) => column.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('kind', 'text', (column) => column.notNull().check(sql`kind in ('customer', 'product')`))
    .addColumn('source_key', 'text', (column) => column.notNull())
    .addColumn('procountor_id', 'bigint', (column) => column.notNull())
    // manual, accepted_suggestion, transfer (a transfer matched or created the partner), created (pushed by us).
    .addColumn('origin', 'text', (column) => column.notNull())
    .addColumn('score', 'double precision')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('register_links_pkey', ['connection_id', 'kind', 'source_key'])
    .addUniqueConstraint('register_links_procountor_id', ['connection_id', 'kind', 'procountor_id'])
    .execute();

  // Suggestions a user turned down: never suggested again for that pair.
  await db.schema
    .createTable('register_link_rejections')
    .addColumn('connection_id', 'text', (column) => column.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('kind', 'text', (column) => column.notNull())
    .addColumn('source_key', 'text', (column) => column.notNull())
    .addColumn('procountor_id', 'bigint', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('register_link_rejections_pkey', ['connection_id', 'kind', 'source_key', 'procountor_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'register_link_rejections',
    'register_links',
    'source_records',
    'register_sync_schedules',
    'register_sync_runs',
    'register_sync_state',
    'register_records',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
