// First migration: only the bridge_meta key/value table; each domain adds its own tables in later migrations.
import { type Kysely, sql } from 'kysely';

// Migrations take Kysely<unknown>: they must not depend on today's DB interface, which will have moved on.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bridge_meta')
    .addColumn('key', 'text', (column) => column.primaryKey())
    .addColumn('value', 'text', (column) => column.notNull())
    .addColumn('updated_at', 'timestamptz', (column) => column.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('bridge_meta').execute();
}
