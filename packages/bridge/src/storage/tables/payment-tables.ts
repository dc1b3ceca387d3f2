// Row types of Procountor webhook subscriptions, counted invoice payments, transfer payment state and the source's
// mark-paid requests (migration 0005), and the payment events Procountor reported deleted (migration 0009).
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
/** numeric: node-postgres and our PGlite parsers both return strings. */
type Numeric = ColumnType<string, string | number, string | number>;
/** bigint: returned as a string by both drivers. */
type BigId = ColumnType<string, string | number, string | number>;

export interface ProcountorWebhookSubscriptionsTable {
  connection_id: string;
  webhook_uuid: string | null;
  url: string;
  secret_encrypted: string;
  event_types: ColumnType<string[], string | string[] | undefined, string | string[]>;
  last_received_at: Date | null;
  /** The receiver URL was given by hand (PUT …/procountor-webhook with `url`): automatic subscriptions keep it. */
  url_explicit: Generated<boolean>;
  /** The last automatic subscription attempt and its error (null when it succeeded). */
  last_attempt_at: Date | null;
  last_error: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export type PaymentOrigin = 'webhook' | 'reconciliation' | 'source_mark_paid';

export interface InvoicePaymentsTable {
  connection_id: string;
  procountor_payment_event_id: BigId;
  transfer_id: string;
  procountor_invoice_id: BigId;
  amount: Numeric;
  payment_date: string;
  payment_type: string | null;
  procountor_status: string;
  origin: PaymentOrigin;
  event_id: string;
  created_at: CreatedAt;
}

export interface TransferPaymentsTable {
  transfer_id: string;
  connection_id: string;
  amount_paid: ColumnType<string, string | number | undefined, string | number>;
  amount_open: ColumnType<string | null, string | number | null, string | number | null>;
  last_payment_date: string | null;
  fully_paid: Generated<boolean>;
  last_reconciled_at: Date | null;
  updated_at: UpdatedAt;
}

export interface SourceMarkPaidRequestsTable {
  transfer_id: string;
  source_payment_id: string;
  request_hash: string;
  state: 'sending' | 'done' | 'failed';
  procountor_payment_event_id: ColumnType<string | null, string | number | null, string | number | null>;
  error: ColumnType<Record<string, unknown> | null, string | null, string | null>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface DeletedPaymentEventsTable {
  connection_id: string;
  procountor_payment_event_id: BigId;
  transfer_id: string;
  deleted_at: CreatedAt;
}
