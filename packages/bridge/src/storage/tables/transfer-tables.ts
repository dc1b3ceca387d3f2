// Row types of transfers, transfer_events and idempotency_keys (migration 0002).
import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string | T, string | T>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;

export interface TransfersTable {
  id: string;
  connection_id: string;
  /** Issue #6 added travel_invoice, expense_claim and purchase_invoice (migration 0006, travel-and-expenses/). */
  kind: 'sales_invoice' | 'credit_invoice' | 'travel_invoice' | 'expense_claim' | 'purchase_invoice';
  external_id: string;
  source_invoice_number: string | null;
  payload: Json<Record<string, unknown>>;
  payload_hash: string;
  /** TransferState (transfers/transfer-states.ts). */
  state: string;
  current_step: string | null;
  completed_steps: ColumnType<string[], string | string[] | undefined, string | string[]>;
  progress: ColumnType<
    Record<string, unknown>,
    string | Record<string, unknown> | undefined,
    string | Record<string, unknown>
  >;
  procountor_invoice_id: number | null;
  procountor_invoice_number: number | null;
  procountor_reference_code: string | null;
  procountor_status: string | null;
  attempts: Generated<number>;
  last_error: Json<Record<string, unknown>> | null;
  next_attempt_at: Date | null;
  customer_name: string | null;
  /** numeric: node-postgres and our PGlite parsers both return strings. */
  total_amount: ColumnType<string | null, string | number | null, string | number | null>;
  currency: string | null;
  invoice_date: ColumnType<Date | null, string | null, string | null>;
  credits_transfer_id: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  succeeded_at: Date | null;
}

/** A timeline entry's kind (migration 0002 checks the column): a state change, a step done, a failure, anything else. */
export const TRANSFER_EVENT_KINDS = ['state', 'step', 'error', 'note'] as const;

export interface TransferEventsTable {
  id: Generated<string>;
  transfer_id: string;
  at: CreatedAt;
  step: string | null;
  kind: (typeof TRANSFER_EVENT_KINDS)[number];
  message: string;
  data: Json<Record<string, unknown>> | null;
}

export interface IdempotencyKeysTable {
  connection_id: string;
  key: string;
  request_hash: string;
  response_status: number;
  response_body: Json<unknown>;
  created_at: CreatedAt;
}
