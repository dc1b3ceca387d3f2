// The payment events Procountor said were deleted (PAYMENT_DELETED), so a late poll or webhook never counts
// one again.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
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
}
