// What the transfer domain needs from the rest of the bridge, passed in from main.ts (STYLE.md section 2).
import type { Transaction } from 'kysely';
import type { Logger } from 'pino';
import type { ConnectionService } from '../connections/connection-record';
import type { JobQueue } from '../jobs/create-job-queue';
import type { BridgeMetrics } from '../observability/create-metrics';
import type { Database, DB } from '../storage/schema';

export interface TransferEventInput {
  connectionId: string;
  type: string;
  subjectId: string;
  payload: Record<string, unknown>;
}

/** events/record-event.ts's `recordEvent` (the default); replaceable, e.g. by a test that counts events. */
export type RecordEvent = (
  trx: Transaction<DB>,
  jobs: Pick<JobQueue, 'sendInTransaction'>,
  event: TransferEventInput,
) => Promise<{ eventId: string }>;

export interface TransferDeps {
  db: Database;
  /** `wake`, when there, starts this process's idle transfer workers right after an accept (accept-transfer.ts). */
  jobs: Pick<JobQueue, 'sendInTransaction' | 'sendManyInTransaction'> & Partial<Pick<JobQueue, 'wake'>>;
  connections: ConnectionService;
  logger: Logger;
  recordEvent?: RecordEvent;
  /** Step durations go here when set (GET /metrics); tests without metrics leave it out. */
  metrics?: Pick<BridgeMetrics, 'transferStepDuration'>;
}
