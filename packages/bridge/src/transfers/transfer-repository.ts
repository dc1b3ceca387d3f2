// The transfers and transfer_events tables' SQL, shared by submission, the engine and the routes of the transfer domain.
import { randomBytes } from 'node:crypto';
import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import type { DB } from '../storage/schema';
import type { TransferEventsTable, TransfersTable } from '../storage/tables/transfer-tables';
import type { TransferProgress } from './transfer-progress';

export type TransferRow = Selectable<TransfersTable>;
export type TransferEventRow = Selectable<TransferEventsTable>;
export type TransferKind = TransfersTable['kind'];
type Executor = Kysely<DB>;

/** `trf_` + a time-ordered part + randomness: ids sort by creation, so the id is also the list cursor. */
export function newTransferId(now = Date.now()): string {
  return `trf_${now.toString(36).padStart(9, '0')}${randomBytes(5).toString('hex')}`;
}

export function progressOf(row: Pick<TransferRow, 'progress'>): TransferProgress {
  return (row.progress ?? {}) as TransferProgress;
}

export async function findTransfer(db: Executor, transferId: string): Promise<TransferRow | undefined> {
  return db.selectFrom('transfers').selectAll().where('id', '=', transferId).executeTakeFirst();
}

export async function findTransferByExternalId(
  db: Executor,
  connectionId: string,
  kind: TransferKind,
  externalId: string,
): Promise<TransferRow | undefined> {
  return db
    .selectFrom('transfers')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('kind', '=', kind)
    .where('external_id', '=', externalId)
    .executeTakeFirst();
}

export async function insertTransfer(db: Executor, row: Insertable<TransfersTable>): Promise<void> {
  await db.insertInto('transfers').values(row).execute();
}

/**
 * Inserts the transfer unless its connection already has a document of this kind under this externalId; false then.
 * One statement instead of a look-up first: a concurrent twin's insert is waited for, so the caller reads it next.
 */
export async function insertTransferIfNew(db: Executor, row: Insertable<TransfersTable>): Promise<boolean> {
  const result = await db
    .insertInto('transfers')
    .values(row)
    .onConflict((conflict) => conflict.columns(['connection_id', 'kind', 'external_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** insertTransferIfNew for many rows in one statement: the ids of the rows inserted (a taken externalId is skipped). */
export async function insertTransfersIfNew(
  db: Executor,
  rows: readonly Insertable<TransfersTable>[],
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await db
    .insertInto('transfers')
    .values([...rows])
    .onConflict((conflict) => conflict.columns(['connection_id', 'kind', 'external_id']).doNothing())
    .returning('id')
    .execute();
  return new Set(inserted.map((row) => row.id));
}

export async function findTransfersByExternalIds(
  db: Executor,
  connectionId: string,
  kind: TransferKind,
  externalIds: readonly string[],
): Promise<Map<string, TransferRow>> {
  if (externalIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('transfers')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('kind', '=', kind)
    .where('external_id', 'in', [...externalIds])
    .execute();
  return new Map(rows.map((row) => [row.external_id, row]));
}

export async function updateTransfer(
  db: Executor,
  transferId: string,
  changes: Updateable<TransfersTable>,
): Promise<void> {
  await db
    .updateTable('transfers')
    // The database's clock, as the stale checks (claimTransfer, recover-stranded-transfers) read it: a process whose
    // clock runs behind must not make its live transfer look stale.
    .set({ ...changes, updated_at: sql<Date>`now()` })
    .where('id', '=', transferId)
    .execute();
}

export interface TimelineEntry {
  kind: TransferEventsTable['kind'];
  message: string;
  step?: string | null;
  data?: Record<string, unknown> | null;
}

export async function appendTimeline(db: Executor, transferId: string, entries: readonly TimelineEntry[]) {
  if (entries.length === 0) return;
  await db.insertInto('transfer_events').values(timelineRows(transferId, entries)).execute();
}

/** appendTimeline for many transfers in one statement; each transfer's lines keep their order. */
export async function appendTimelines(
  db: Executor,
  timelines: ReadonlyArray<{ transferId: string; entries: readonly TimelineEntry[] }>,
) {
  const rows = timelines.flatMap(({ transferId, entries }) => timelineRows(transferId, entries));
  if (rows.length === 0) return;
  await db.insertInto('transfer_events').values(rows).execute();
}

function timelineRows(transferId: string, entries: readonly TimelineEntry[]) {
  return entries.map((entry) => ({
    transfer_id: transferId,
    kind: entry.kind,
    message: entry.message,
    step: entry.step ?? null,
    data: entry.data ? JSON.stringify(entry.data) : null,
  }));
}

/**
 * Updates the transfer and appends its timeline entries in one statement (a data-modifying CTE): atomic like a
 * transaction, but one round trip instead of four (begin, update, insert, commit). The engine's per-step commit.
 */
export async function updateTransferWithTimeline(
  db: Executor,
  transferId: string,
  changes: Updateable<TransfersTable>,
  entries: readonly TimelineEntry[],
): Promise<void> {
  if (entries.length === 0) return updateTransfer(db, transferId, changes);
  await db
    .with('changed', (query) =>
      query
        .updateTable('transfers')
        .set({ ...changes, updated_at: new Date() })
        .where('id', '=', transferId)
        .returning('id'),
    )
    .insertInto('transfer_events')
    .values(timelineRows(transferId, entries))
    .execute();
}

export async function listTimeline(db: Executor, transferId: string): Promise<TransferEventRow[]> {
  return db
    .selectFrom('transfer_events')
    .selectAll()
    .where('transfer_id', '=', transferId)
    .orderBy('id', 'asc')
    .execute();
}
