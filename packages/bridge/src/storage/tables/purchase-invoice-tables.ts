// Row types of purchase_invoice_imports and purchase_invoice_import_settings (migrations 0006, 0009).
import type { ColumnType } from 'kysely';

type Json<T> = ColumnType<T, string | T, string | T>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface PurchaseInvoiceImportsTable {
  id: string;
  connection_id: string;
  procountor_invoice_id: number;
  state: 'waiting_for_project' | 'imported';
  procountor_status: string;
  ledger_receipt_id: number | null;
  expense: Json<Record<string, unknown>> | null;
  project_codes: ColumnType<string[], string | undefined, string>;
  event_id: string | null;
  imported_at: Date | null;
  acknowledged_at: Date | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface PurchaseInvoiceImportSettingsTable {
  connection_id: string;
  enabled: ColumnType<boolean, boolean | undefined, boolean>;
  statuses: ColumnType<string[], string, string>;
  interval_minutes: ColumnType<number, number | undefined, number>;
  /** The schedule also watches for new bills (bill.received; migration 0009). */
  bill_received_events: ColumnType<boolean, boolean | undefined, boolean>;
  version_cursor: string | null;
  last_run_at: Date | null;
  last_result: Json<Record<string, unknown>> | null;
  updated_at: UpdatedAt;
}
