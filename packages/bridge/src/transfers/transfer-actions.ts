// What users do to a transfer: resend, cancel, "Send to Procountor" (manual mode) and retry every failed one.
import { sql } from 'kysely';
import { enqueueTransferRun } from './accept-transfer';
import type { TransferDeps } from './transfer-deps';
import { TransferNotFoundError, TransferStateConflictError } from './transfer-errors';
import { hasReachedProcountor } from './transfer-progress';
import { appendTimeline, findTransfer, progressOf, type TransferKind, type TransferRow } from './transfer-repository';

/** The connection's transfer, or 404 (also for another connection's transfer: never say which). */
export async function requireTransfer(deps: TransferDeps, connectionId: string, transferId: string) {
  const row = await findTransfer(deps.db, transferId);
  if (!row || row.connection_id !== connectionId) throw new TransferNotFoundError(`Transfer ${transferId}`);
  return row;
}

/** Moves the transfer from one of `from` to `to` only if it is still there (a worker may have moved it meanwhile). */
async function moveAndRecord(
  deps: TransferDeps,
  row: TransferRow,
  from: readonly string[],
  to: 'queued' | 'cancelled',
  message: string,
): Promise<TransferRow> {
  const moved = await deps.db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ id: string }>`
      update transfers set state = ${to}, next_attempt_at = null, updated_at = now()
        ${to === 'queued' ? sql`, last_error = null` : sql``}
      where id = ${row.id} and state in (${sql.join(from)}) returning id`.execute(trx);
    if (rows.length === 0) return false;
    await appendTimeline(trx, row.id, [{ kind: 'state', message, data: { state: to } }]);
    if (to === 'queued') await enqueueTransferRun(trx, deps.jobs, row.id);
    return true;
  });
  if (!moved) throw new TransferStateConflictError(row.id, `it moved on meanwhile; read it again and retry.`);
  return (await findTransfer(deps.db, row.id)) as TransferRow;
}

/** POST …/resend: a failed transfer runs again from where it stopped; a retrying one runs now instead of later. */
export async function resendTransfer(deps: TransferDeps, connectionId: string, transferId: string) {
  await deps.connections.requireActive(connectionId);
  const row = await requireTransfer(deps, connectionId, transferId);
  if (row.state === 'failed') return moveAndRecord(deps, row, ['failed'], 'queued', 'Resent by a user.');
  if (row.state === 'waiting_for_send') return sendTransfer(deps, connectionId, transferId);
  if (row.state === 'retrying') {
    await deps.db.transaction().execute(async (trx) => {
      await appendTimeline(trx, row.id, [{ kind: 'note', message: 'A user asked to retry now.' }]);
      await enqueueTransferRun(trx, deps.jobs, row.id);
    });
    return row;
  }
  throw new TransferStateConflictError(
    row.id,
    row.state === 'succeeded'
      ? 'it is already in Procountor; to change the invoice, credit it and submit a corrected one.'
      : `it is ${row.state}; only failed or retrying transfers can be resent.`,
  );
}

/** POST …/send: "Send to Procountor" for a transfer waiting in a manual-mode connection. */
export async function sendTransfer(deps: TransferDeps, connectionId: string, transferId: string) {
  await deps.connections.requireActive(connectionId);
  const row = await requireTransfer(deps, connectionId, transferId);
  if (row.state !== 'waiting_for_send') {
    throw new TransferStateConflictError(row.id, `it is ${row.state}, not waiting for "Send to Procountor".`);
  }
  return moveAndRecord(deps, row, ['waiting_for_send'], 'queued', 'Sent to Procountor by a user.');
}

const CANCELLABLE = ['waiting_for_send', 'queued', 'retrying', 'failed'] as const;

/** POST …/cancel: only while nothing of the invoice reached Procountor; after that, a credit invoice undoes it. */
export async function cancelTransfer(deps: TransferDeps, connectionId: string, transferId: string) {
  const row = await requireTransfer(deps, connectionId, transferId);
  if (hasReachedProcountor(progressOf(row))) {
    throw new TransferStateConflictError(
      row.id,
      'the invoice may already be in Procountor, so it cannot be cancelled; credit it instead (POST credit-invoices).',
    );
  }
  if (!(CANCELLABLE as readonly string[]).includes(row.state)) {
    throw new TransferStateConflictError(row.id, `it is ${row.state} and can no longer be cancelled.`);
  }
  return moveAndRecord(deps, row, CANCELLABLE, 'cancelled', 'Cancelled by a user; nothing was sent to Procountor.');
}

/** POST transfers/retry-failed: every failed transfer of the connection (optionally of one kind) queued again. */
export async function retryFailedTransfers(deps: TransferDeps, connectionId: string, kind?: TransferKind) {
  await deps.connections.requireActive(connectionId);
  return deps.db.transaction().execute(async (trx) => {
    let query = trx
      .updateTable('transfers')
      .set({ state: 'queued', last_error: null, next_attempt_at: null, updated_at: new Date() })
      .where('connection_id', '=', connectionId)
      .where('state', '=', 'failed');
    if (kind) query = query.where('kind', '=', kind);
    const retried = await query.returning('id').execute();
    for (const { id } of retried) {
      await appendTimeline(trx, id, [{ kind: 'state', message: 'Retried with all failed transfers by a user.' }]);
      await enqueueTransferRun(trx, deps.jobs, id);
    }
    return { count: retried.length, transferIds: retried.map(({ id }) => id) };
  });
}
