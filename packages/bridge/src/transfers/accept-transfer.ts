// Stores an accepted document as a transfer with its first timeline entry and its job, inside the caller's transaction.
import type { Transaction } from 'kysely';
import type { ConnectionRecord } from '../connections/connection-record';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { SalesInvoiceInput } from '../sales-invoices/sales-invoice-schema';
import type { DB } from '../storage/schema';
import type { TransferDeps } from './transfer-deps';
import {
  appendTimeline,
  appendTimelines,
  insertTransferIfNew,
  insertTransfersIfNew,
  newTransferId,
  type TimelineEntry,
  type TransferKind,
  type TransferRow,
  updateTransfer,
} from './transfer-repository';

export interface TransferRunJob {
  transferId: string;
}

/** After an enqueue, how long until this process's idle transfer workers are woken: the caller's commit comes first. */
const WAKE_AFTER_MS = 15;
const pendingWakes = new WeakSet<object>();

/**
 * Wakes this process's transfer workers shortly after a job was sent, so an accepted invoice starts at once instead of
 * at the next 0.5 s poll. The job commits with the caller's transaction a few milliseconds later, hence the delay; a
 * wake that comes too early costs one empty fetch. Many sends in a row share one wake.
 */
function wakeTransferWorkersSoon(jobs: TransferDeps['jobs']): void {
  const { wake } = jobs;
  if (!wake || pendingWakes.has(jobs)) return;
  pendingWakes.add(jobs);
  setTimeout(() => {
    pendingWakes.delete(jobs);
    wake.call(jobs, QUEUE_NAMES.transferRun);
  }, WAKE_AFTER_MS).unref();
}

/** Enqueues a run of the transfer; it exists only if the caller's transaction commits (DESIGN.md "Storage, jobs"). */
export async function enqueueTransferRun(
  trx: Transaction<DB>,
  jobs: TransferDeps['jobs'],
  transferId: string,
  startAfter?: Date,
): Promise<void> {
  await jobs.sendInTransaction<TransferRunJob>(
    trx,
    QUEUE_NAMES.transferRun,
    { transferId },
    startAfter ? { startAfter } : {},
  );
  if (!startAfter) wakeTransferWorkersSoon(jobs);
}

/** enqueueTransferRun for many transfers at once, in one statement. */
export async function enqueueTransferRuns(
  trx: Transaction<DB>,
  jobs: TransferDeps['jobs'],
  transferIds: readonly string[],
): Promise<void> {
  if (transferIds.length === 0) return;
  await jobs.sendManyInTransaction<TransferRunJob>(
    trx,
    QUEUE_NAMES.transferRun,
    transferIds.map((transferId) => ({ transferId })),
  );
  wakeTransferWorkersSoon(jobs);
}

/** The invoice total with VAT, for the list filters (amountMin/amountMax); header and text rows count zero. */
export function totalAmountOf(invoice: SalesInvoiceInput): number {
  const total = invoice.rows.reduce((sum, row) => {
    if (row.kind === 'header' || row.kind === 'text') return sum;
    const net = (row.quantity ?? 0) * (row.unitPrice ?? 0) * (1 - (row.discountPercent ?? 0) / 100);
    return sum + net * (1 + (row.vatPercent ?? 0) / 100);
  }, 0);
  return Math.round(total * 100) / 100;
}

/** The columns the transfer list filters on, copied out of whichever document a transfer carries. */
export interface TransferListColumns {
  source_invoice_number: string | null;
  customer_name: string | null;
  total_amount: number;
  currency: string;
  invoice_date: string;
}

/** Columns copied out of the document for the transfer list's filters. */
export function documentColumns(invoice: SalesInvoiceInput): TransferListColumns {
  return {
    source_invoice_number: invoice.invoiceNumber ?? null,
    customer_name: invoice.customer.name,
    total_amount: totalAmountOf(invoice),
    currency: invoice.currency ?? 'EUR',
    invoice_date: invoice.invoiceDate,
  };
}

export type FirstTransferState = 'waiting_for_send' | 'queued';

/** A document of any kind, ready to be stored as a transfer: what every kind hands the engine. */
export interface TransferDocumentToStore {
  connection: ConnectionRecord;
  kind: TransferKind;
  externalId: string;
  /** The document as the engine reads it, stored as JSON. */
  payload: unknown;
  payloadHash: string;
  columns: TransferListColumns;
  creditsTransferId?: string;
  /** The first timeline entry's text for the state the transfer starts in. */
  acceptedMessage: (state: FirstTransferState) => string;
}

function firstState(connection: ConnectionRecord): FirstTransferState {
  // Automatic, or manual "Send to Procountor" (as Click2Contract offers).
  return connection.settings.transferMode === 'manual' ? 'waiting_for_send' : 'queued';
}

/** What a submission answers with (transfer-response.ts toSubmissionResponse), known without reading the row back. */
export type StoredTransfer = Pick<TransferRow, 'id' | 'connection_id' | 'kind' | 'external_id' | 'state'>;

/**
 * Inserts a new transfer with its first timeline entry, and its job unless it waits for "Send to Procountor".
 * Undefined, with nothing written, when the connection already has this kind's document under this externalId.
 */
export async function storeNewTransfer(
  trx: Transaction<DB>,
  deps: TransferDeps,
  input: TransferDocumentToStore,
): Promise<StoredTransfer | undefined> {
  const state = firstState(input.connection);
  const id = newTransferId();
  if (!(await insertTransferIfNew(trx, newTransferRow(input, id, state)))) return undefined;
  await appendTimeline(trx, id, [acceptedEntry(input, state)]);
  if (state === 'queued') await enqueueTransferRun(trx, deps.jobs, id);
  return storedTransfer(input, id, state);
}

/**
 * storeNewTransfer for many documents in three statements (transfers, timeline lines, jobs), answered in input order:
 * undefined where the externalId was taken. Each externalId may appear once.
 */
export async function storeNewTransfers(
  trx: Transaction<DB>,
  deps: TransferDeps,
  inputs: readonly TransferDocumentToStore[],
): Promise<Array<StoredTransfer | undefined>> {
  // One clock reading, sorted: ids order the transfer list, so the documents list in the order they came.
  const now = Date.now();
  const ids = inputs.map(() => newTransferId(now)).sort();
  const inserted = await insertTransfersIfNew(
    trx,
    inputs.map((input, index) => newTransferRow(input, ids[index] as string, firstState(input.connection))),
  );
  const stored = inputs.map((input, index) => {
    const id = ids[index] as string;
    return inserted.has(id) ? storedTransfer(input, id, firstState(input.connection)) : undefined;
  });
  const created = stored.flatMap((transfer, index) =>
    transfer ? [{ transfer, input: inputs[index] as TransferDocumentToStore }] : [],
  );
  await appendTimelines(
    trx,
    created.map(({ transfer, input }) => ({
      transferId: transfer.id,
      entries: [acceptedEntry(input, transfer.state as FirstTransferState)],
    })),
  );
  await enqueueTransferRuns(
    trx,
    deps.jobs,
    created.flatMap(({ transfer }) => (transfer.state === 'queued' ? [transfer.id] : [])),
  );
  return stored;
}

function newTransferRow(input: TransferDocumentToStore, id: string, state: FirstTransferState) {
  return {
    id,
    connection_id: input.connection.id,
    kind: input.kind,
    external_id: input.externalId,
    payload: JSON.stringify(input.payload),
    payload_hash: input.payloadHash,
    state,
    credits_transfer_id: input.creditsTransferId ?? null,
    ...input.columns,
  };
}

function acceptedEntry(input: TransferDocumentToStore, state: FirstTransferState): TimelineEntry {
  return { kind: 'state', message: input.acceptedMessage(state), data: { state } };
}

function storedTransfer(input: TransferDocumentToStore, id: string, state: FirstTransferState): StoredTransfer {
  return { id, connection_id: input.connection.id, kind: input.kind, external_id: input.externalId, state };
}

/** "Fix and resend": the new document replaces the old one and the transfer starts again from the first step. */
export async function restartTransferWithDocument(
  trx: Transaction<DB>,
  deps: TransferDeps,
  existing: TransferRow,
  input: TransferDocumentToStore,
): Promise<StoredTransfer> {
  const state = firstState(input.connection);
  await updateTransfer(trx, existing.id, {
    payload: JSON.stringify(input.payload),
    payload_hash: input.payloadHash,
    state,
    current_step: null,
    completed_steps: JSON.stringify([]),
    progress: JSON.stringify({}),
    attempts: 0,
    last_error: null,
    next_attempt_at: null,
    ...input.columns,
  });
  await appendTimeline(trx, existing.id, [acceptedEntry(input, state)]);
  if (state === 'queued') await enqueueTransferRun(trx, deps.jobs, existing.id);
  const { id, connection_id, kind, external_id } = existing;
  return { id, connection_id, kind, external_id, state };
}

export interface AcceptInput {
  connection: ConnectionRecord;
  kind: TransferKind;
  externalId: string;
  /** The document as the engine reads it (for credit invoices: `{ document, credit }`). */
  payload: Record<string, unknown>;
  payloadHash: string;
  document: SalesInvoiceInput;
  creditsTransferId?: string;
  note?: string;
}

function acceptedMessage(state: FirstTransferState, note?: string): string {
  const base =
    state === 'waiting_for_send'
      ? 'Received from the source; waiting for "Send to Procountor".'
      : 'Received from the source and queued for transfer to Procountor.';
  return note ? `${base} ${note}` : base;
}

/** A sales or credit invoice as the engine stores any document. */
export function toDocumentToStore(input: AcceptInput): TransferDocumentToStore {
  return {
    ...input,
    columns: documentColumns(input.document),
    acceptedMessage: (state) => acceptedMessage(state, input.note),
  };
}

/** A sales or credit invoice as a new transfer; undefined when its externalId is taken (storeNewTransfer). */
export async function acceptTransfer(trx: Transaction<DB>, deps: TransferDeps, input: AcceptInput) {
  return storeNewTransfer(trx, deps, toDocumentToStore(input));
}

/** PUT "fix and resend" of a sales invoice. */
export async function replaceTransferDocument(
  trx: Transaction<DB>,
  deps: TransferDeps,
  existing: TransferRow,
  input: AcceptInput,
) {
  return restartTransferWithDocument(trx, deps, existing, {
    ...input,
    columns: documentColumns(input.document),
    acceptedMessage: (state) => acceptedMessage(state, 'The document was replaced by a corrected one.'),
  });
}
