// The job handler: claims a transfer, walks its steps and persists completed_steps and progress after each one.
import { randomUUID } from 'node:crypto';
import { sql, type Transaction, type Updateable } from 'kysely';
import { withBeforeProcountorRequest } from '../connections/before-procountor-request';
import type { ConnectionRecord } from '../connections/connection-record';
import { correctsAnInvoice, submitCorrectedInvoice } from '../credit-invoices/submit-corrected-invoice';
import type { Job } from '../jobs/create-job-queue';
import type { DB } from '../storage/schema';
import type { TransfersTable } from '../storage/tables/transfer-tables';
import { enqueueTransferRun, type TransferRunJob } from './accept-transfer';
import { classifyFailure } from './classify-failure';
import { acquireConnectionSlot, releaseConnectionSlot, renewConnectionSlot } from './connection-slots';
import { type AfterSuccess, markFailed, markRetrying, markSucceeded } from './finish-transfer';
import { HeldCompletions } from './held-completions';
import { runPlannedStep, stepPlanOf } from './step-list';
import type { StepContext } from './steps/step-context';
import type { TransferDeps } from './transfer-deps';
import { documentOf } from './transfer-document';
import type { TransferProgress } from './transfer-progress';
import { findTransfer, progressOf, type TimelineEntry, type TransferRow, updateTransfer } from './transfer-repository';
import type { TransferErrorInfo } from './transfer-response';
import type { SalesInvoiceStep } from './transfer-states';

export interface TransferRunnerOptions {
  /** Names this process in lease rows; default a random id. */
  holder?: string;
  /**
   * Lease of a connection slot, renewed (with a touch of the transfer) every third of it while working; a dead
   * process's slot frees itself after this. Default 8 s (issue 13: a crash costs seconds).
   */
  leaseTtlMs?: number;
  /** A job that finds every slot of its connection busy comes back after this. */
  noSlotDelayMs?: number;
  retry?: { baseDelayMs?: number; maxDelayMs?: number; maxAttempts?: number };
  /**
   * An in_progress transfer untouched this long belongs to a process that died; another run may take it over.
   * Default two leases (16 s): a live run touches its transfer every third of a lease.
   */
  staleInProgressMs?: number;
  /**
   * Test hook, after a step finished; its completion may still be held (held-completions.ts). Throwing here is a crash
   * between two steps: what is held is lost, as in a process that dies there.
   */
  afterStep?: (step: SalesInvoiceStep, transferId: string) => void | Promise<void>;
  /** Runs in the success transaction (credit invoices submit their corrected invoice there). */
  afterSuccess?: AfterSuccess;
}

export type RunOutcome = 'succeeded' | 'failed' | 'retrying' | 'no_slot' | 'skipped';

const DEFAULTS = { leaseTtlMs: 8_000, noSlotDelayMs: 250, baseDelayMs: 5_000, maxDelayMs: 900_000, maxAttempts: 8 };

/** A dead process's slot frees itself, and its in_progress transfer goes stale, seconds after the death (issue 13). */
export const DEFAULT_LEASE_TTL_MS = DEFAULTS.leaseTtlMs;

/**
 * Moves a queued or retrying transfer (or one a dead process left in_progress) to in_progress and returns the claimed
 * row (one round trip); undefined if taken.
 */
async function claimTransfer(deps: TransferDeps, transferId: string, staleMs: number) {
  const { rows } = await sql<TransferRow>`
    update transfers set state = 'in_progress', attempts = attempts + 1, next_attempt_at = null, updated_at = now()
    where id = ${transferId} and (state in ('queued', 'retrying')
      or (state = 'in_progress' and updated_at < now() - (${staleMs}::int * interval '1 millisecond')))
    returning *`.execute(deps.db);
  return rows[0];
}

/** A completed step's columns: the steps done, the progress, and what Procountor assigned so far. */
function completionChanges(completed: readonly string[], progress: TransferProgress): Updateable<TransfersTable> {
  return {
    completed_steps: JSON.stringify(completed),
    progress: JSON.stringify(progress),
    ...(progress.invoiceId !== undefined ? { procountor_invoice_id: progress.invoiceId } : {}),
    ...(progress.invoiceNumber !== undefined ? { procountor_invoice_number: progress.invoiceNumber } : {}),
    ...(progress.referenceCode !== undefined ? { procountor_reference_code: progress.referenceCode } : {}),
    ...(progress.status !== undefined ? { procountor_status: progress.status } : {}),
  };
}

export function createTransferRunner(deps: TransferDeps, options: TransferRunnerOptions = {}) {
  const holder = options.holder ?? `bridge-${randomUUID()}`;
  const leaseTtlMs = options.leaseTtlMs ?? DEFAULTS.leaseTtlMs;
  const staleMs = options.staleInProgressMs ?? leaseTtlMs * 2;
  const retry = {
    baseDelayMs: options.retry?.baseDelayMs ?? DEFAULTS.baseDelayMs,
    maxDelayMs: options.retry?.maxDelayMs ?? DEFAULTS.maxDelayMs,
    maxAttempts: options.retry?.maxAttempts ?? DEFAULTS.maxAttempts,
  };

  /** The step now running in one run and when it started, so a failure can be timed with its outcome. */
  interface StepClock {
    step?: SalesInvoiceStep;
    startedAt: number;
  }
  const observeStep = (clock: StepClock, outcome: 'succeeded' | 'failed' | 'retrying') => {
    if (!clock.step) return;
    deps.metrics?.transferStepDuration.observe(
      { step: clock.step, outcome },
      (performance.now() - clock.startedAt) / 1000,
    );
    clock.step = undefined;
  };

  /**
   * Walks the steps not yet completed. Each step's completion, its timeline lines and the name of the step that runs
   * next are held (held-completions.ts) and written in one statement with the run's next write: before its next
   * Procountor request, with a progress save, or with the success. The "started" line is held first. Resolves to the
   * completed steps.
   */
  async function walkSteps(
    row: TransferRow,
    context: StepContext,
    notes: TimelineEntry[],
    clock: StepClock,
    held: HeldCompletions,
  ): Promise<string[]> {
    const completed = [...((row.completed_steps ?? []) as string[])];
    const runLog = context.log;
    // Issue #6: each kind walks its own steps; the names of other kinds than sales pass as SalesInvoiceStep (strings).
    const plan = stepPlanOf(row.kind, deps.db);
    const pending = (plan.steps as readonly SalesInvoiceStep[]).filter(
      (step) => !completed.includes(step) && step !== 'notify_source',
    );
    const stepAfter = (index: number): SalesInvoiceStep => pending[index + 1] ?? 'notify_source';
    row.current_step = pending[0] ?? 'notify_source';
    held.hold({ current_step: row.current_step }, []);
    for (const [index, step] of pending.entries()) {
      clock.step = step;
      clock.startedAt = performance.now();
      context.log = runLog.child({ step });
      notes.length = 0;
      await withBeforeProcountorRequest(
        () => held.write(),
        () => runPlannedStep(plan, step, context),
      );
      completed.push(step);
      const entries =
        notes.length > 0 ? notes : [{ kind: 'step' as const, message: plan.doneMessages[step] ?? 'Done.' }];
      held.hold(
        { current_step: stepAfter(index), ...completionChanges(completed, context.progress) },
        entries.map((entry) => ({ ...entry, step })),
      );
      row.current_step = stepAfter(index);
      observeStep(clock, 'succeeded');
      context.log.debug('transfer step done');
      await options.afterStep?.(step, row.id);
    }
    return completed;
  }

  async function run(transferId: string): Promise<RunOutcome> {
    const found = await findTransfer(deps.db, transferId);
    if (!found || !['queued', 'retrying', 'in_progress'].includes(found.state)) return 'skipped';
    const connection = await deps.connections.find(found.connection_id);
    if (!connection) return 'skipped';
    const log = deps.logger.child({ connectionId: connection.id, transferId });
    const lease = await acquireConnectionSlot(
      deps.db,
      connection.id,
      connection.settings.maxConcurrentTransfers,
      holder,
      leaseTtlMs,
    );
    if (!lease) {
      // Every slot of this connection is busy in some process: come back shortly (per-connection concurrency).
      await deps.db
        .transaction()
        .execute((trx) =>
          enqueueTransferRun(
            trx,
            deps.jobs,
            transferId,
            new Date(Date.now() + (options.noSlotDelayMs ?? DEFAULTS.noSlotDelayMs)),
          ),
        );
      return 'no_slot';
    }
    let leaseReleased = false;
    const heartbeat = setInterval(() => {
      void renewConnectionSlot(deps.db, lease, leaseTtlMs)
        .then(() => updateTransfer(deps.db, transferId, {}))
        .catch((error) => log.warn({ err: error }, 'lease renewal failed'));
    }, leaseTtlMs / 3);
    try {
      const row = await claimTransfer(deps, transferId, staleMs);
      if (!row) return 'skipped';
      const progress: TransferProgress = { ...progressOf(row) };
      if (connection.status !== 'active') {
        await markFailed(
          deps,
          row,
          progress,
          {
            code: 'connection_not_active',
            message: `Connection ${connection.name} is ${connection.status}: it sends nothing.`,
            fix: 'Activate or enable the connection, then retry the failed transfers.',
          },
          connection,
        );
        return 'failed';
      }
      // Held with the first step's name (walkSteps), written before the failure when the client cannot be built.
      const held = new HeldCompletions(deps.db, row.id);
      held.hold({}, [
        {
          kind: 'state',
          message: `Transfer to Procountor started (attempt ${row.attempts}).`,
          data: { state: 'in_progress' },
        },
      ]);
      log.info({ attempt: row.attempts }, 'transfer started');
      const notes: TimelineEntry[] = [];
      const context: StepContext = {
        transfer: row,
        invoice: documentOf(row),
        connection,
        db: deps.db,
        // Set inside the try below: a client that cannot be built (credentials unreadable) is a failure like any other.
        client: undefined as unknown as StepContext['client'],
        progress,
        log,
        note: (message, data) => notes.push({ kind: 'step', message, data: data ?? null }),
        saveProgress: () => held.write({ progress: JSON.stringify(progress) }),
        invoiceIdsOfOtherTransfers: async () => {
          const owned = await deps.db
            .selectFrom('transfers')
            .select('procountor_invoice_id')
            .where('connection_id', '=', connection.id)
            .where('id', '!=', row.id)
            .where('procountor_invoice_id', 'is not', null)
            .execute();
          return new Set(owned.map((other) => other.procountor_invoice_id as number));
        },
      };
      const clock: StepClock = { startedAt: performance.now() };
      try {
        context.client = await deps.connections.procountorClient(connection);
        const completed = await walkSteps(row, context, notes, clock, held);
        row.current_step = 'notify_source';
        clock.step = 'notify_source';
        clock.startedAt = performance.now();
        // notify_source: a failure here (e.g. writing the event) is retried like any step; the others are done.
        const afterSuccess =
          options.afterSuccess ??
          (correctsAnInvoice(row)
            ? (trx: Transaction<DB>, succeeded: TransferRow, owner: ConnectionRecord) =>
                submitCorrectedInvoice(trx, deps, succeeded, owner)
            : undefined);
        leaseReleased = await markSucceeded(deps, row, progress, completed, {
          ...(afterSuccess ? { afterSuccess: { run: afterSuccess, connection } } : {}),
          held,
          lease,
        });
        observeStep(clock, 'succeeded');
      } catch (error) {
        if (error instanceof SimulatedCrash) throw error;
        // What the steps before the failure did is kept: a resume skips them, and the timeline tells them.
        await held.write();
        const outcome = await handleFailure(row, progress, error, log, connection);
        observeStep(clock, outcome === 'retrying' ? 'retrying' : 'failed');
        return outcome;
      }
      log.info({ invoiceId: progress.invoiceId, invoiceNumber: progress.invoiceNumber }, 'transfer succeeded');
      return 'succeeded';
    } finally {
      clearInterval(heartbeat);
      if (!leaseReleased) await releaseConnectionSlot(deps.db, lease);
    }
  }

  async function handleFailure(
    row: TransferRow,
    progress: TransferProgress,
    error: unknown,
    log: TransferDeps['logger'],
    connection: ConnectionRecord,
  ): Promise<RunOutcome> {
    const decision = classifyFailure(error);
    if (decision.kind === 'retry' && row.attempts < retry.maxAttempts) {
      const backoff = Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** (row.attempts - 1));
      const delayMs = Math.max(backoff, decision.retryAfterMs ?? 0);
      await updateTransfer(deps.db, row.id, { progress: JSON.stringify(progress) });
      await markRetrying(deps, row, decision.reason, row.attempts, retry.maxAttempts, delayMs);
      log.warn(
        { err: error, attempt: row.attempts, delayMs, step: row.current_step },
        'transfer step failed; retrying',
      );
      return 'retrying';
    }
    const failure: TransferErrorInfo =
      decision.kind === 'fail'
        ? decision.error
        : {
            code: 'retries_exhausted',
            message: `Gave up after ${row.attempts} attempts: ${decision.reason}.`,
            fix: 'Check that Procountor is reachable (its status page), then resend the transfer.',
          };
    await markFailed(deps, row, progress, failure, connection);
    log.error({ err: error, code: failure.code, step: row.current_step }, 'transfer failed');
    return 'failed';
  }

  return {
    run,
    /** The pg-boss handler: failures are recorded on the transfer, so the job itself completes. */
    handle: (job: Job<TransferRunJob>) => run(job.data.transferId),
  };
}

/** Thrown by tests from `afterStep` to stop a run the way a crashed process would: no state change, no cleanup. */
export class SimulatedCrash extends Error {
  override name = 'SimulatedCrash';
}

export type TransferRunner = ReturnType<typeof createTransferRunner>;
