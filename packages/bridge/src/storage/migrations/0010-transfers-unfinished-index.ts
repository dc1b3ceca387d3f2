// The unfinished transfers, indexed apart: the stranded-transfer sweep reads them every few seconds in every process
// (transfers/recover-stranded-transfers.ts) and must not scan the history of finished ones.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // On state only (already indexed in transfers_connection_state_created): a step's update of updated_at or progress
  // stays a HOT update.
  await db.schema
    .createIndex('transfers_unfinished')
    .on('transfers')
    .column('state')
    .where(sql.ref('state'), 'in', ['queued', 'in_progress', 'retrying'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('transfers_unfinished').execute();
}
