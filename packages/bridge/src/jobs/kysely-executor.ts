// Runs pg-boss's SQL through our Kysely Database or an open Kysely transaction, so jobs share our pool and commits.
import { CompiledQuery, type Kysely } from 'kysely';
import type PgBoss from 'pg-boss';
import type { DB } from '../storage/schema';

/**
 * pg-boss's `db` option (types.d.ts `Db`): pg-boss calls only `executeSql(text, values)` and reads `rows`.
 * Over a Kysely transaction, a job insert commits or rolls back with the caller's own writes (pg-boss README,
 * "send(name, data, options)": `db` "allows you to pass a custom db adapter ... to use an existing transaction").
 * On PGlite this also keeps pg-boss behind our dialect's connection lock, so its polling never lands inside
 * someone else's open transaction; parameterless scripts go through PGlite's `exec` (storage/pglite-dialect.ts).
 */
export function kyselyExecutor(db: Kysely<DB>): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      const result = await db.executeQuery(CompiledQuery.raw(text, values ?? []));
      return { rows: result.rows as unknown[] };
    },
  };
}
