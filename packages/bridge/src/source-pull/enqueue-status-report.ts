// Queues a status report to the source when a transfer of a connection with a scheduled pull succeeds or fails.
import { type RawBuilder, sql, type Transaction } from 'kysely';
import type { JobQueue } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { DB } from '../storage/schema';

/** Data of a source-pull-report job: the event says which transfer and what happened. */
export interface StatusReportJobData {
  connectionId: string;
  eventId: string;
}

/** Only the transfer outcomes change the status a source shows; payment events are issue #6's. */
const REPORTED_EVENT_TYPES: readonly string[] = ['transfer.succeeded', 'transfer.failed'];

/**
 * The source shows each document's transfer status (as Visma Severa moves invoices to "Transferred to Procountor").
 * Accepting is reported by the pull run itself; later changes come from these events. Connections without
 * `settings.scheduledPull` are skipped (one cheap read).
 */
export async function enqueueStatusReportIfPulled(
  trx: Transaction<DB>,
  jobs: Pick<JobQueue, 'sendInTransaction'>,
  event: { connectionId: string; eventId: string; type: string },
): Promise<void> {
  if (!REPORTED_EVENT_TYPES.includes(event.type)) return;
  const connection = await trx
    .selectFrom('connections')
    .select((eb) => eb.ref('settings', '->').key('scheduledPull').as('scheduledPull'))
    .where('id', '=', event.connectionId)
    .executeTakeFirst();
  if (!connection?.scheduledPull) return;
  await jobs.sendInTransaction<StatusReportJobData>(trx, QUEUE_NAMES.sourcePullReport, {
    connectionId: event.connectionId,
    eventId: event.eventId,
  });
}

/**
 * True, in SQL, where the connection pulls from its source, i.e. where enqueueStatusReportIfPulled would queue a
 * report: `settings.scheduledPull` set to anything JavaScript takes as true. For a statement that must leave such a
 * connection's outcome to the transaction above (transfers/succeed-quietly.ts).
 */
export function pullsFromSourceSql(connectionId: string): RawBuilder<boolean> {
  return sql<boolean>`coalesce((select settings->'scheduledPull' not in ('null'::jsonb, 'false'::jsonb, '0'::jsonb, '""'::jsonb)
    from connections where id = ${connectionId}), false)`;
}
