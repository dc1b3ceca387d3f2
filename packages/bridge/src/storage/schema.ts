// The Kysely type of the whole database: each domain adds its table interfaces here beside its migration.
import type { Generated, Kysely } from 'kysely';
import type { BillWatchStateTable, ReceivedBillsTable } from './tables/bill-tables';
import type {
  ApiTokensTable,
  ConnectionLeasesTable,
  ConnectionsTable,
  RateBucketsTable,
} from './tables/connection-tables';
import type { ConsoleSessionsTable, ConsoleUsersTable } from './tables/console-user-tables';
import type { EventsTable, WebhookDeliveriesTable, WebhookEndpointsTable } from './tables/event-tables';
import type {
  DeletedPaymentEventsTable,
  InvoicePaymentsTable,
  ProcountorWebhookSubscriptionsTable,
  SourceMarkPaidRequestsTable,
  TransferPaymentsTable,
} from './tables/payment-tables';
import type { PurchaseInvoiceImportSettingsTable, PurchaseInvoiceImportsTable } from './tables/purchase-invoice-tables';
import type {
  RegisterLinkRejectionsTable,
  RegisterLinksTable,
  RegisterRecordsTable,
  RegisterSyncRunsTable,
  RegisterSyncSchedulesTable,
  RegisterSyncStateTable,
  SourceRecordsTable,
} from './tables/register-tables';
import type { IdempotencyKeysTable, TransferEventsTable, TransfersTable } from './tables/transfer-tables';

/** Small key/value facts about this installation (e.g. when it was first started), written by the bridge itself. */
export interface BridgeMetaTable {
  key: string;
  value: string;
  /** Defaults to now() on insert. */
  updated_at: Generated<Date>;
}

/**
 * Every table the bridge queries, by SQL name. To add a table: write its migration under `migrations/`, then add
 * `my_table: MyTableRow` here (row interfaces live in `tables/`, one file per group of tables).
 */
export interface DB {
  bridge_meta: BridgeMetaTable;
  connections: ConnectionsTable;
  api_tokens: ApiTokensTable;
  connection_leases: ConnectionLeasesTable;
  rate_buckets: RateBucketsTable;
  transfers: TransfersTable;
  transfer_events: TransferEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  events: EventsTable;
  webhook_endpoints: WebhookEndpointsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  procountor_webhook_subscriptions: ProcountorWebhookSubscriptionsTable;
  invoice_payments: InvoicePaymentsTable;
  transfer_payments: TransferPaymentsTable;
  source_mark_paid_requests: SourceMarkPaidRequestsTable;
  deleted_payment_events: DeletedPaymentEventsTable;
  register_records: RegisterRecordsTable;
  register_sync_state: RegisterSyncStateTable;
  register_sync_runs: RegisterSyncRunsTable;
  register_sync_schedules: RegisterSyncSchedulesTable;
  source_records: SourceRecordsTable;
  register_links: RegisterLinksTable;
  register_link_rejections: RegisterLinkRejectionsTable;
  purchase_invoice_imports: PurchaseInvoiceImportsTable;
  purchase_invoice_import_settings: PurchaseInvoiceImportSettingsTable;
  bill_watch_state: BillWatchStateTable;
  received_bills: ReceivedBillsTable;
  console_users: ConsoleUsersTable;
  console_sessions: ConsoleSessionsTable;
}

/** The bridge's database handle, on PostgreSQL or PGlite alike. */
export type Database = Kysely<DB>;
