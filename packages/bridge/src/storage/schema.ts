// The Kysely type of the whole database: each domain adds its table interfaces here beside its migration.
import type { Generated, Kysely } from 'kysely';

/** Small key/value facts about this installation (e.g. when it was first started), written by the bridge itself. */
export interface BridgeMetaTable {
  key: string;
  value: string;
  /** Defaults to now() on insert. */
  updated_at: Generated<Date>;
}

/**
 * Every table the bridge queries, by SQL name. To add a table: write its migration under `migrations/`, then add
 * `my_table: MyTableRow` here (row interfaces live in the domain's `*-repository.ts` or here, one per table).
 */
export interface DB {
  bridge_meta: BridgeMetaTable;
}

/** The bridge's database handle, on PostgreSQL or PGlite alike. */
export type Database = Kysely<DB>;
