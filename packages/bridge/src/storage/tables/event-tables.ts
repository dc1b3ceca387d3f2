// Row types of events (outbox and feed), webhook_endpoints and webhook_deliveries (migration 0002).
import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;

export interface EventsTable {
  /** bigserial: a string, ordered; the feed cursor. */
  id: Generated<string>;
  event_id: string;
  connection_id: string;
  type: string;
  subject_id: string | null;
  payload: ColumnType<Record<string, unknown>, string | Record<string, unknown>, never>;
  created_at: CreatedAt;
}

export interface WebhookEndpointsTable {
  id: string;
  connection_id: string;
  url: string;
  secret_encrypted: string;
  event_types: ColumnType<string[], string | string[] | undefined, string | string[]>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface WebhookDeliveriesTable {
  id: Generated<string>;
  endpoint_id: string;
  event_id: string;
  state: 'pending' | 'delivered' | 'failed';
  attempts: Generated<number>;
  last_status_code: number | null;
  last_error: string | null;
  next_attempt_at: Date | null;
  delivered_at: Date | null;
  created_at: CreatedAt;
}
