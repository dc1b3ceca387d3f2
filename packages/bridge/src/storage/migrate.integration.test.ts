// Tests the migrations: they apply on PostgreSQL and PGlite, and a second run changes nothing.
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeOnBothDatabases } from '../../test/helpers/test-database';
import { migrateToLatest } from './migrate';
import { MIGRATIONS } from './migrations/migration-list';

describeOnBothDatabases(
  'migrateToLatest',
  (database) => {
    it('applies every migration to an empty database, then the bridge_meta table takes rows', async () => {
      const results = await migrateToLatest(database.db);
      expect(results.map((result) => [result.migrationName, result.status])).toEqual(
        Object.keys(MIGRATIONS).map((name) => [name, 'Success']),
      );
      await database.db.insertInto('bridge_meta').values({ key: 'installed_by', value: 'test' }).execute();
      const row = await database.db.selectFrom('bridge_meta').selectAll().executeTakeFirstOrThrow();
      expect(row).toMatchObject({ key: 'installed_by', value: 'test' });
      expect(row.updated_at).toBeInstanceOf(Date);
    });

    it('is idempotent: a second run applies nothing and keeps the data', async () => {
      expect(await migrateToLatest(database.db)).toEqual([]);
      const { rows } = await sql<{ count: string }>`select count(*) from bridge_meta`.execute(database.db);
      expect(rows[0]?.count).toBe('1');
    });

    it('survives two processes migrating at once (the advisory lock serialises them)', async () => {
      const results = await Promise.all([migrateToLatest(database.db), migrateToLatest(database.db)]);
      expect(results).toEqual([[], []]);
    });
  },
  { migrate: false },
);
