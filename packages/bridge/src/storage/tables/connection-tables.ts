// Row types of connections, api_tokens, connection_leases and rate_buckets (migration 0002).
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface ConnectionsTable {
  id: string;
  name: string;
  status: 'draft' | 'active' | 'disabled';
  environment: 'production' | 'test' | 'custom';
  base_url: string;
  client_id: string;
  client_secret_encrypted: string;
  api_key_encrypted: string;
  credentials_version: Generated<number>;
  procountor_company_id: number | null;
  company_name: string | null;
  company_business_id: string | null;
  company_iban: string | null;
  /** ConnectionSettings (connections/connection-settings.ts); defaults fill what is missing. */
  settings: ColumnType<
    Record<string, unknown>,
    string | Record<string, unknown> | undefined,
    string | Record<string, unknown>
  >;
  activated_at: Date | null;
  last_checked_at: Date | null;
  last_check_error: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface ApiTokensTable {
  id: string;
  connection_id: string | null;
  scope: 'admin' | 'connection';
  name: string;
  token_hash: string;
  token_prefix: string;
  created_at: CreatedAt;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface ConnectionLeasesTable {
  connection_id: string;
  slot: number;
  holder: string | null;
  expires_at: Date | null;
}

export interface RateBucketsTable {
  connection_id: string;
  tokens: number;
  refilled_at: ColumnType<Date, Date | string | undefined, Date | string>;
}
