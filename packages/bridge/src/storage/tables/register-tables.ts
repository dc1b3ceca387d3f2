// Row types of the master-data tables (migration 0004): register records, sync state and runs, source records, links.
import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T> = ColumnType<T, string | T, string | T>;

export interface RegisterRecordsTable {
  connection_id: string;
  register: string;
  record_key: string;
  /** bigint: a string when read. */
  procountor_id: ColumnType<string | null, number | string | null, number | string | null>;
  code: string | null;
  name: string;
  identifier: string | null;
  search_text: string;
  active: Generated<boolean>;
  version: string | null;
  data: Json<Record<string, unknown>>;
  synced_at: Timestamp;
}

export interface RegisterSyncStateTable {
  connection_id: string;
  register: string;
  watermark: string | null;
  last_full_sync_at: Date | string | null;
  last_synced_at: Date | string | null;
}

export interface RegisterCounts {
  created: number;
  updated: number;
  unchanged: number;
  failed: number;
  /** Records Procountor returned. */
  fetched: number;
  /** Procountor calls this register's sync made. */
  calls: number;
  /** Became inactive in Procountor since the last run, or gone from it (removed here after a full read). */
  inactivated: number;
  done: boolean;
}

export interface RegisterSyncError {
  register: string;
  recordKey?: string;
  message: string;
}

export interface RegisterSyncRunsTable {
  id: string;
  connection_id: string;
  mode: 'full' | 'incremental';
  trigger: 'on_demand' | 'schedule';
  state: 'queued' | 'running' | 'succeeded' | 'failed';
  registers: Json<string[]>;
  counts: Json<Record<string, RegisterCounts>>;
  errors: Json<RegisterSyncError[]>;
  current_register: string | null;
  procountor_calls: Generated<number>;
  created_at: Timestamp;
  started_at: Date | string | null;
  finished_at: Date | string | null;
}

export interface RegisterSyncSchedulesTable {
  connection_id: string;
  every_minutes: number;
  updated_at: Timestamp;
}

export type SourceRecordKind = 'customer' | 'product';

export interface SourceRecordsTable {
  connection_id: string;
  kind: SourceRecordKind;
  source_key: string;
  name: string;
  code: string | null;
  identifier: string | null;
  search_text: string;
  data: Json<Record<string, unknown>>;
  updated_at: Timestamp;
}

export interface RegisterLinksTable {
  connection_id: string;
  kind: SourceRecordKind;
  source_key: string;
  procountor_id: ColumnType<string, number | string, number | string>;
  origin: 'manual' | 'accepted_suggestion' | 'transfer' | 'created';
  score: number | null;
  created_at: Timestamp;
}

export interface RegisterLinkRejectionsTable {
  connection_id: string;
  kind: SourceRecordKind;
  source_key: string;
  procountor_id: ColumnType<string, number | string, number | string>;
  created_at: Timestamp;
}
