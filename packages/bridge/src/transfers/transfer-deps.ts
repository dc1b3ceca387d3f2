// What the transfer domain needs from the rest of the bridge, passed in from main.ts (STYLE.md section 2).
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { ConnectionService } from '../connections/connection-record';
import type { JobQueue } from '../jobs/create-job-queue';
import type { Database, DB } from '../storage/schema';

export interface TransferEventInput {
  connectionId: string;
  type: string;
  subjectId: string;
  payload: Record<string, unknown>;
}

/**
 * events/record-event.ts's `recordEvent`: writes the outbox row and webhook deliveries in the caller's transaction.
 * A parameter, not an import, until the events domain lands (issue #4); without it no event is written.
 */
export type RecordEvent = (
  trx: Transaction<DB>,
  jobs: Pick<JobQueue, 'sendInTransaction'>,
  event: TransferEventInput,
) => Promise<{ eventId: string }>;

/** Event types of the transfer domain; the events domain's event-types.ts defines the same strings. */
export const TRANSFER_EVENT_TYPES = {
  succeeded: 'transfer.succeeded',
  failed: 'transfer.failed',
} as const;

export interface TransferDeps {
  db: Database;
  jobs: Pick<JobQueue, 'sendInTransaction'>;
  connections: ConnectionService;
  logger: Logger;
  recordEvent?: RecordEvent;
}
