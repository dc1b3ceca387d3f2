// Per-connection concurrency across bridge processes: a transfer runs only while holding one of N lease rows.
import { sql } from 'kysely';
import type { Database } from '../storage/schema';

export interface SlotLease {
  connectionId: string;
  slot: number;
  holder: string;
}

/**
 * Takes a free slot (never taken, released, or expired because its holder died) among the first `maxSlots`, or
 * returns undefined when all are busy. SKIP LOCKED lets processes race without waiting on each other (DESIGN.md).
 * The slot rows are created only when no free one is found (a new connection, maxSlots raised, or all busy), so a
 * run usually costs one statement here.
 */
export async function acquireConnectionSlot(
  db: Database,
  connectionId: string,
  maxSlots: number,
  holder: string,
  ttlMs: number,
): Promise<SlotLease | undefined> {
  const taken = await takeFreeSlot(db, connectionId, maxSlots, holder, ttlMs);
  if (taken) return taken;
  await sql`
    insert into connection_leases (connection_id, slot)
    select ${connectionId}, generate_series(0, ${maxSlots - 1}::int)
    on conflict do nothing`.execute(db);
  return takeFreeSlot(db, connectionId, maxSlots, holder, ttlMs);
}

async function takeFreeSlot(
  db: Database,
  connectionId: string,
  maxSlots: number,
  holder: string,
  ttlMs: number,
): Promise<SlotLease | undefined> {
  const { rows } = await sql<{ slot: number }>`
    update connection_leases set holder = ${holder}, expires_at = now() + (${ttlMs}::int * interval '1 millisecond')
    where connection_id = ${connectionId} and slot = (
      select slot from connection_leases
      where connection_id = ${connectionId} and slot < ${maxSlots}
        and (expires_at is null or expires_at < now())
      order by slot limit 1 for update skip locked)
    and (expires_at is null or expires_at < now())
    returning slot`.execute(db);
  const slot = rows[0]?.slot;
  return slot === undefined ? undefined : { connectionId, slot, holder };
}

/** Extends the lease while the transfer works; false when it was lost (expired and taken by another process). */
export async function renewConnectionSlot(db: Database, lease: SlotLease, ttlMs: number): Promise<boolean> {
  const result = await db
    .updateTable('connection_leases')
    .set({ expires_at: sql`now() + (${ttlMs}::int * interval '1 millisecond')` })
    .where('connection_id', '=', lease.connectionId)
    .where('slot', '=', lease.slot)
    .where('holder', '=', lease.holder)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function releaseConnectionSlot(db: Database, lease: SlotLease): Promise<void> {
  await db
    .updateTable('connection_leases')
    .set({ holder: null, expires_at: null })
    .where('connection_id', '=', lease.connectionId)
    .where('slot', '=', lease.slot)
    .where('holder', '=', lease.holder)
    .execute();
}
