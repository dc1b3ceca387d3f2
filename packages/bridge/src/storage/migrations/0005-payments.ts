// Issue #6 part 1: payments flowing back to the source. Procountor webhook subscriptions per connection, every
// Procountor payment event the bridge has told a source about (the dedupe key), each transfer's payment state, and
// the source's "mark as paid" requests forwarded to Procountor.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // The bridge's webhook at Procountor: its uuid there and the HMAC secret deliveries are signed with. The secret is
  // stored before Procountor learns it, so no signed delivery can arrive that the bridge cannot check.
  await db.schema
    .createTable('procountor_webhook_subscriptions')
    .addColumn('connection_id', 'text', (column) =>
      column.primaryKey().references('connections.id').onDelete('cascade'),
    )
    .addColumn('webhook_uuid', 'text')
    .addColumn('url', 'text', (column) => column.notNull())
    .addColumn('secret_encrypted', 'text', (column) => column.notNull())
    .addColumn('event_types', 'jsonb', (column) => column.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('last_received_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();

  // One row per Procountor payment event counted for a transfer: the primary key is what makes a duplicate webhook,
  // a reconciliation poll and a forwarded "mark as paid" all land once. Written with the source event it produced.
  await db.schema
    .createTable('invoice_payments')
    .addColumn('connection_id', 'text', (column) => column.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('procountor_payment_event_id', 'bigint', (column) => column.notNull())
    .addColumn('transfer_id', 'text', (column) => column.notNull().references('transfers.id').onDelete('cascade'))
    .addColumn('procountor_invoice_id', 'bigint', (column) => column.notNull())
    // In the invoice currency (PaymentEvent.paidAmount); negative for a credit invoice.
    .addColumn('amount', 'numeric(15, 2)', (column) => column.notNull())
    .addColumn('payment_date', 'text', (column) => column.notNull())
    .addColumn('payment_type', 'text')
    .addColumn('procountor_status', 'text', (column) => column.notNull())
    // How the bridge learnt of it: a Procountor webhook, the reconciliation poll, or the source's own mark-paid.
    .addColumn('origin', 'text', (column) =>
      column.notNull().check(sql`origin in ('webhook', 'reconciliation', 'source_mark_paid')`),
    )
    .addColumn('event_id', 'text', (column) => column.notNull())
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('invoice_payments_pk', ['connection_id', 'procountor_payment_event_id'])
    .execute();
  await db.schema.createIndex('invoice_payments_transfer').on('invoice_payments').column('transfer_id').execute();

  // A transfer's payment state, updated with each counted payment; its row is also the per-document lock that keeps
  // concurrent webhooks and polls of one invoice in order.
  await db.schema
    .createTable('transfer_payments')
    .addColumn('transfer_id', 'text', (column) => column.primaryKey().references('transfers.id').onDelete('cascade'))
    .addColumn('connection_id', 'text', (column) => column.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('amount_paid', 'numeric(15, 2)', (column) => column.notNull().defaultTo(0))
    .addColumn('amount_open', 'numeric(15, 2)')
    .addColumn('last_payment_date', 'text')
    .addColumn('fully_paid', 'boolean', (column) => column.notNull().defaultTo(false))
    .addColumn('last_reconciled_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();

  // The source's "mark as paid" requests: the key (transfer, the source's payment id) makes a repeat answer the first
  // result instead of paying twice in Procountor.
  await db.schema
    .createTable('source_mark_paid_requests')
    .addColumn('transfer_id', 'text', (column) => column.notNull().references('transfers.id').onDelete('cascade'))
    .addColumn('source_payment_id', 'text', (column) => column.notNull())
    .addColumn('request_hash', 'text', (column) => column.notNull())
    .addColumn('state', 'text', (column) => column.notNull().check(sql`state in ('sending', 'done', 'failed')`))
    .addColumn('procountor_payment_event_id', 'bigint')
    .addColumn('error', 'jsonb')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('source_mark_paid_requests_pk', ['transfer_id', 'source_payment_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'source_mark_paid_requests',
    'transfer_payments',
    'invoice_payments',
    'procountor_webhook_subscriptions',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
