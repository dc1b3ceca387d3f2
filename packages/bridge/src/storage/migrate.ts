// Brings the schema to the latest migration (PostgreSQL and PGlite alike); safe to call on every start.
import { type MigrationResult, Migrator } from 'kysely';
import { MIGRATIONS } from './migrations/migration-list';
import type { Database } from './schema';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Runs every migration not yet applied, in name order, and returns what ran (empty when already current).
 * Kysely takes a PostgreSQL advisory lock around the run, so bridge processes starting together do not race.
 */
export async function migrateToLatest(db: Database): Promise<MigrationResult[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((result) => result.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`Database migration ${failed} failed; the whole run was rolled back`, { cause: error });
  }
  return results;
}
