// The bill watch (bill.received) and the payment events Procountor said were deleted (PAYMENT_DELETED): what each has
// seen, so neither tells the source twice, also across restarts.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // Per connection: whether the purchase invoice schedule also watches for new bills (bills/watch-received-bills.ts).
  await db.schema
    .alterTable('purchase_invoice_import_settings')
    .addColumn('bill_received_events', 'boolean', (column) => column.notNull().defaultTo(false))
    .execute();

  // Where the bill watch stands per connection: bills with a Procountor id at or below the baseline existed when it
  // started and are never announced; the cursor is the newest invoice `version` seen (Procountor's clock, verbatim).
  await db.schema
    .createTable('bill_watch_state')
    .addColumn('connection_id', 'text', (column) =>
      column.primaryKey().references('connections.id').onDelete('cascade'),
    )
    .addColumn('baseline_invoice_id', 'integer', (column) => column.notNull())
    .addColumn('version_cursor', 'text')
    .addColumn('last_run_at', 'timestamptz')
    .addColumn('last_result', 'jsonb')
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();

  // One row per bill announced, written in the transaction of its bill.received event: the key makes it once.
  await db.schema
    .createTable('received_bills')
    .addColumn('connection_id', 'text', (column) => column.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('procountor_invoice_id', 'integer', (column) => column.notNull())
    .addColumn('invoice_number', 'integer')
    .addColumn('procountor_status', 'text', (column) => column.notNull())
    .addColumn('event_id', 'text', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('received_bills_pk', ['connection_id', 'procountor_invoice_id'])
    .execute();

  // One row per payment event of a transferred invoice that Procountor reported deleted. Written in the transaction
  // that takes the payment back; read under the same per-transfer lock before a payment is counted.
  await db.schema
    .createTable('deleted_payment_events')
    .addColumn('connection_id', 'text', (column) => column.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('procountor_payment_event_id', 'bigint', (column) => column.notNull())
    .addColumn('transfer_id', 'text', (column) => column.notNull().references('transfers.id').onDelete('cascade'))
    .addColumn('deleted_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('deleted_payment_events_pk', ['connection_id', 'procountor_payment_event_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('deleted_payment_events').execute();
  await db.schema.dropTable('received_bills').execute();
  await db.schema.dropTable('bill_watch_state').execute();
  await db.schema.alterTable('purchase_invoice_import_settings').dropColumn('bill_received_events').execute();
}
