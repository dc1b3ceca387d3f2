// Issue #6 part 2: purchase invoices imported from Procountor, their import settings and cursor, and
// the outgoing transfer kinds for travel invoices, expense claims and purchase invoices from the source.
import { type Kysely, sql } from 'kysely';

const SALES_KINDS = `'sales_invoice', 'credit_invoice'`;
const ALL_KINDS = `${SALES_KINDS}, 'travel_invoice', 'expense_claim', 'purchase_invoice'`;

export async function up(db: Kysely<unknown>): Promise<void> {
  // The transfer engine sends the new kinds too (transfers/step-list.ts). PostgreSQL named 0002's column check
  // `transfers_kind_check`; it is replaced by one that also allows the new kinds.
  await sql`alter table transfers drop constraint if exists transfers_kind_check`.execute(db);
  await sql.raw(`alter table transfers add constraint transfers_kind_check check (kind in (${ALL_KINDS}))`).execute(db);

  // One row per Procountor purchase invoice the import has seen in a configured status: 'imported' exactly once
  // (the unique key), or 'waiting_for_project' until it is dimensioned to a project.
  await db.schema
    .createTable('purchase_invoice_imports')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('connection_id', 'text', (column) => column.notNull().references('connections.id').onDelete('cascade'))
    .addColumn('procountor_invoice_id', 'integer', (column) => column.notNull())
    .addColumn('state', 'text', (column) => column.notNull().check(sql`state in ('waiting_for_project', 'imported')`))
    .addColumn('procountor_status', 'text', (column) => column.notNull())
    .addColumn('ledger_receipt_id', 'integer')
    // The expense as the source reads it (purchase-invoices/to-project-expense.ts); null while waiting.
    .addColumn('expense', 'jsonb')
    .addColumn('project_codes', 'jsonb', (column) => column.notNull().defaultTo(sql`'[]'::jsonb`))
    .addColumn('event_id', 'text')
    .addColumn('imported_at', 'timestamptz')
    .addColumn('acknowledged_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('purchase_invoice_imports_connection_invoice', ['connection_id', 'procountor_invoice_id'])
    .execute();
  await db.schema
    .createIndex('purchase_invoice_imports_connection_state')
    .on('purchase_invoice_imports')
    .columns(['connection_id', 'state', 'id'])
    .execute();

  // Per connection: whether the import runs, from which statuses, how often, and where the last run stopped.
  await db.schema
    .createTable('purchase_invoice_import_settings')
    .addColumn('connection_id', 'text', (column) =>
      column.primaryKey().references('connections.id').onDelete('cascade'),
    )
    .addColumn('enabled', 'boolean', (column) => column.notNull().defaultTo(false))
    .addColumn('statuses', 'jsonb', (column) => column.notNull())
    .addColumn('interval_minutes', 'integer', (column) => column.notNull().defaultTo(5))
    // The newest invoice `version` seen (Procountor's clock, verbatim): the next run's versionStartDate.
    .addColumn('version_cursor', 'text')
    .addColumn('last_run_at', 'timestamptz')
    .addColumn('last_result', 'jsonb')
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('purchase_invoice_import_settings').execute();
  await db.schema.dropTable('purchase_invoice_imports').execute();
  await sql`alter table transfers drop constraint if exists transfers_kind_check`.execute(db);
  await sql
    .raw(`alter table transfers add constraint transfers_kind_check check (kind in (${SALES_KINDS}))`)
    .execute(db);
}
