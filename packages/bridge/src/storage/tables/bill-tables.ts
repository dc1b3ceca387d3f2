// Row types of the bill watch: where it stands per connection and the bills it announced (migration 0009).
import type { ColumnType } from 'kysely';

type Json<T> = ColumnType<T, string | T, string | T>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface BillWatchStateTable {
  connection_id: string;
  baseline_invoice_id: number;
  version_cursor: string | null;
  last_run_at: Date | null;
  last_result: Json<Record<string, unknown>> | null;
  updated_at: UpdatedAt;
}

export interface ReceivedBillsTable {
  connection_id: string;
  procountor_invoice_id: number;
  invoice_number: number | null;
  procountor_status: string;
  event_id: string;
  created_at: CreatedAt;
}
