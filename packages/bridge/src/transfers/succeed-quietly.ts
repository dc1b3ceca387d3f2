// A run's success in one statement (issue 13) where nothing else must commit with it: no webhook endpoint takes the
// event and the connection reports nothing to a pulled source. Otherwise finish-transfer.ts's transaction does it.
import { sql } from 'kysely';
import { type EventInput, hasSubscribedEndpointSql, newEventId } from '../events/record-event';
import { pullsFromSourceSql } from '../source-pull/enqueue-status-report';
import type { Database } from '../storage/schema';
import type { SlotLease } from './connection-slots';
import type { TransferProgress } from './transfer-progress';
import type { TimelineEntry } from './transfer-repository';

export interface QuietSuccess {
  transferId: string;
  completedSteps: readonly string[];
  progress: TransferProgress;
  /** Timeline lines in order: the held steps' lines, then the success line. */
  entries: readonly TimelineEntry[];
  /** transfer.succeeded, checked by the caller (events/record-event.ts assertEventValid). */
  event: EventInput;
  /** Released in the same statement: the run holds nothing once it has succeeded. */
  lease?: SlotLease;
}

/**
 * One data-modifying CTE instead of begin, update, timeline insert, event insert, endpoint read, pull-setting read,
 * commit (and the slot release after it): atomic like that transaction, and the two reads see the same snapshot.
 * Writes nothing and resolves false when an endpoint takes the event or the connection pulls from its source: the
 * caller then records the success in a transaction, with the deliveries and the report's job.
 */
export async function succeedQuietly(db: Database, success: QuietSuccess): Promise<boolean> {
  const { transferId, progress, event, lease } = success;
  const eventId = event.eventId ?? newEventId();
  const timeline = sql.join(
    success.entries.map(
      (entry) =>
        sql`(${transferId}, ${entry.kind}::text, ${entry.message}::text, ${entry.step ?? null}::text, ${
          entry.data ? JSON.stringify(entry.data) : null
        }::jsonb)`,
    ),
  );
  const { rows } = await sql<{ quiet: boolean }>`
    with quiet as (
      select not ${hasSubscribedEndpointSql(event)} and not ${pullsFromSourceSql(event.connectionId)} as ok
    ), changed as (
      update transfers set state = 'succeeded', current_step = null,
        completed_steps = ${JSON.stringify(success.completedSteps)}::jsonb, progress = ${JSON.stringify(progress)}::jsonb,
        last_error = null, next_attempt_at = null, succeeded_at = ${new Date()}, updated_at = now(),
        procountor_invoice_id = coalesce(${progress.invoiceId ?? null}::integer, procountor_invoice_id),
        procountor_invoice_number = coalesce(${progress.invoiceNumber ?? null}::integer, procountor_invoice_number),
        procountor_reference_code = coalesce(${progress.referenceCode ?? null}::text, procountor_reference_code),
        procountor_status = coalesce(${progress.status ?? null}::text, procountor_status)
      where id = ${transferId} and (select ok from quiet)
      returning id
    ), timeline as (
      insert into transfer_events (transfer_id, kind, message, step, data)
      select * from (values ${timeline}) as line (transfer_id, kind, message, step, data)
      where (select ok from quiet)
    ), event as (
      insert into events (event_id, connection_id, type, subject_id, payload)
      select ${eventId}, ${event.connectionId}, ${event.type}, ${event.subjectId}, ${JSON.stringify(event.payload)}::jsonb
      where (select ok from quiet)
    ), released as (
      update connection_leases set holder = null, expires_at = null
      where connection_id = ${lease?.connectionId ?? null} and slot = ${lease?.slot ?? null}
        and holder = ${lease?.holder ?? null} and (select ok from quiet)
    )
    select ok as quiet from quiet`.execute(db);
  return rows[0]?.quiet === true;
}
