// The three ways a run ends, each one transaction: succeeded (with its event), retrying (with its job), failed.
import type { Transaction } from 'kysely';
import type { ConnectionRecord } from '../connections/connection-record';
import { EVENT_TYPES } from '../events/event-types';
import { assertEventValid, recordEvent } from '../events/record-event';
import { enqueueFailureEmail } from '../notifications/enqueue-failure-email';
import type { DB } from '../storage/schema';
import { enqueueTransferRun } from './accept-transfer';
import type { SlotLease } from './connection-slots';
import type { HeldCompletions } from './held-completions';
import { succeedQuietly } from './succeed-quietly';
import type { TransferDeps } from './transfer-deps';
import type { TransferProgress } from './transfer-progress';
import { appendTimeline, type TimelineEntry, type TransferRow, updateTransfer } from './transfer-repository';
import type { TransferErrorInfo } from './transfer-response';

/** Runs after the success is recorded, in the same transaction (a credit invoice submits its corrected invoice). */
export type AfterSuccess = (
  trx: Transaction<DB>,
  row: TransferRow,
  connection: ConnectionRecord,
) => Promise<TimelineEntry[]>;

/** The events' payload (events/event-types.ts TransferSucceededPayload / TransferFailedPayload, extra fields allowed). */
function eventPayload(row: TransferRow, progress: TransferProgress, extra: Record<string, unknown> = {}) {
  return {
    transferId: row.id,
    kind: row.kind,
    externalId: row.external_id,
    sourceInvoiceNumber: row.source_invoice_number,
    procountorInvoiceId: progress.invoiceId ?? null,
    procountorInvoiceNumber: progress.invoiceNumber ?? null,
    referenceCode: progress.referenceCode ?? null,
    procountorStatus: progress.status ?? null,
    ...extra,
  };
}

/** What markSucceeded may do besides the success itself. */
export interface SuccessOptions {
  /** Work in the success transaction (a credit invoice submits its corrected invoice); none means none to do. */
  afterSuccess?: { run: AfterSuccess; connection: ConnectionRecord };
  /** The run's held step completions (held-completions.ts), written with the success and released once committed. */
  held?: HeldCompletions;
  /** The run's slot, released in the success's statement when it is one statement; resolves true then. */
  lease?: SlotLease;
}

/**
 * notify_source: the state change and the transfer.succeeded event commit together (issue #4). One statement
 * (succeed-quietly.ts) when no endpoint, pulled source or afterSuccess needs a write in the same transaction; else a
 * transaction. Resolves true when the lease was released with it.
 */
export async function markSucceeded(
  deps: TransferDeps,
  row: TransferRow,
  progress: TransferProgress,
  completedSteps: string[],
  options: SuccessOptions = {},
): Promise<boolean> {
  const { afterSuccess, held } = options;
  const heldWrite = held?.held;
  const steps = [...completedSteps, 'notify_source'];
  const entries: TimelineEntry[] = [
    ...(heldWrite?.entries ?? []),
    {
      kind: 'state',
      step: 'notify_source',
      message: `Transfer succeeded: Procountor invoice ${progress.invoiceNumber ?? progress.invoiceId}, reference ${progress.referenceCode ?? '(none)'}.`,
      data: { state: 'succeeded' },
    },
  ];
  const event = {
    connectionId: row.connection_id,
    type: EVENT_TYPES.transferSucceeded,
    subjectId: row.id,
    payload: eventPayload(row, progress, { state: 'succeeded' }),
  };
  if (!afterSuccess && !deps.recordEvent) {
    assertEventValid(event);
    const quiet = await succeedQuietly(deps.db, {
      transferId: row.id,
      completedSteps: steps,
      progress,
      entries,
      event,
      ...(options.lease ? { lease: options.lease } : {}),
    });
    if (quiet) {
      held?.release();
      return options.lease !== undefined;
    }
  }
  await deps.db.transaction().execute(async (trx) => {
    await updateTransfer(trx, row.id, {
      ...heldWrite?.changes,
      state: 'succeeded',
      current_step: null,
      completed_steps: JSON.stringify(steps),
      progress: JSON.stringify(progress),
      last_error: null,
      next_attempt_at: null,
      succeeded_at: new Date(),
    });
    if (afterSuccess)
      entries.push(
        ...(await afterSuccess.run(
          trx,
          { ...row, progress: progress as Record<string, unknown> },
          afterSuccess.connection,
        )),
      );
    await appendTimeline(trx, row.id, entries);
    await (deps.recordEvent ?? recordEvent)(trx, deps.jobs, event);
  });
  held?.release();
  return false;
}

export async function markRetrying(
  deps: TransferDeps,
  row: TransferRow,
  reason: string,
  attempt: number,
  maxAttempts: number,
  delayMs: number,
): Promise<Date> {
  const nextAttemptAt = new Date(Date.now() + delayMs);
  await deps.db.transaction().execute(async (trx) => {
    await updateTransfer(trx, row.id, {
      state: 'retrying',
      next_attempt_at: nextAttemptAt,
      last_error: JSON.stringify({
        code: 'procountor_unavailable',
        message: `Attempt ${attempt} of ${maxAttempts} did not finish: ${reason}.`,
        fix: 'Nothing to do: the bridge tries again by itself.',
        ...(row.current_step ? { step: row.current_step } : {}),
        at: new Date().toISOString(),
      } satisfies TransferErrorInfo),
    });
    await appendTimeline(trx, row.id, [
      {
        kind: 'error',
        step: row.current_step,
        message: `Attempt ${attempt} of ${maxAttempts} did not finish (${reason}); trying again at ${nextAttemptAt.toISOString()}.`,
        data: { state: 'retrying' },
      },
    ]);
    await enqueueTransferRun(trx, deps.jobs, row.id, nextAttemptAt);
  });
  return nextAttemptAt;
}

/**
 * A permanent failure: state, timeline entry, transfer.failed event and, when the connection names error e-mail
 * recipients, the failure e-mail's job, all in one transaction.
 */
export async function markFailed(
  deps: TransferDeps,
  row: TransferRow,
  progress: TransferProgress,
  error: TransferErrorInfo,
  connection?: Pick<ConnectionRecord, 'settings'>,
): Promise<void> {
  const lastError = { ...error, step: row.current_step ?? undefined, at: new Date().toISOString() };
  await deps.db.transaction().execute(async (trx) => {
    await updateTransfer(trx, row.id, {
      state: 'failed',
      next_attempt_at: null,
      progress: JSON.stringify(progress),
      last_error: JSON.stringify(lastError),
    });
    await appendTimeline(trx, row.id, [
      {
        kind: 'error',
        step: row.current_step,
        message: `Transfer failed: ${error.message} What to do: ${error.fix}`,
        data: { state: 'failed', code: error.code },
      },
    ]);
    await (deps.recordEvent ?? recordEvent)(trx, deps.jobs, {
      connectionId: row.connection_id,
      type: EVENT_TYPES.transferFailed,
      subjectId: row.id,
      payload: eventPayload(row, progress, { state: 'failed', error: lastError }),
    });
    if ((connection?.settings.errorEmailRecipients.length ?? 0) > 0) await enqueueFailureEmail(trx, deps.jobs, row.id);
  });
}
