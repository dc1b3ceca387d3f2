// One look for new bills of a connection: each purchase invoice received in Procountor since the watch started is
// announced to the source once, as bill.received with its routing hints (docs/purchase-invoices.md "New bills").
import type { ProcountorClient } from '@procountor-bridge/client';
import { maskPersonalIdentityCode } from '@procountor-bridge/client/finnish';
import type { Logger } from 'pino';
import type { ConnectionService } from '../connections/connection-record';
import { EVENT_TYPES } from '../events/event-types';
import { newEventId, recordEvent } from '../events/record-event';
import type { JobQueue } from '../jobs/create-job-queue';
import { APPROVED_OR_LATER_STATUSES } from '../purchase-invoices/purchase-invoice-statuses';
import type { Database } from '../storage/schema';
import { type ReceivedBill, readBills } from './list-received-bills';

export interface BillWatchDeps {
  db: Database;
  jobs: Pick<JobQueue, 'sendInTransaction'>;
  connections: ConnectionService;
  logger: Logger;
  /** Test hook, after one bill's event committed: throwing here is a crash in the middle of a look. */
  afterBill?: (procountorInvoiceId: number) => void | Promise<void>;
}

export interface BillWatchResult {
  /** baseline_set: the first look, which only noted where Procountor stands; later bills are announced. */
  outcome: 'completed' | 'baseline_set' | 'skipped';
  reason?: string;
  /** Bills (Procountor ids above the baseline) listed as new or changed since the last look. */
  seen: number;
  announced: number;
  alreadyAnnounced: number;
  /** Purchase invoices this bridge itself sent to Procountor (a source's purchase invoice): not announced. */
  sentByBridge: number;
  baselineInvoiceId: number | null;
}

/**
 * A bill is a purchase invoice Procountor has received: every status from RECEIVED on. UNFINISHED (a draft being
 * keyed in, or one the bridge created) is announced once it is sent on to RECEIVED; INVALIDATED ones never.
 */
export const RECEIVED_BILL_STATUSES = [
  'RECEIVED',
  'VERIFIED',
  'PAYMENT_DENIED',
  ...APPROVED_OR_LATER_STATUSES,
] as const;

/** Bills read per batch GET; each one still commits on its own. */
const BATCH_SIZE = 50;

const EMPTY = { seen: 0, announced: 0, alreadyAnnounced: 0, sentByBridge: 0 };

/**
 * The first look sets the baseline (the highest purchase invoice id and the newest version then), so bills already
 * there are not announced as new. Each later look lists purchase invoices in the received statuses changed since the
 * cursor (Procountor's own clock, so no skew), keeps those above the baseline, and announces each one in one
 * transaction with its row in received_bills (the key makes a repeat a no-op). The cursor moves only when every bill
 * of the look is settled: a crash repeats the listing, never skips it.
 */
export async function watchReceivedBills(deps: BillWatchDeps, connectionId: string): Promise<BillWatchResult> {
  const connection = await deps.connections.find(connectionId);
  if (!connection)
    return { outcome: 'skipped', reason: 'the connection no longer exists', ...EMPTY, baselineInvoiceId: null };
  if (connection.status !== 'active') {
    return { outcome: 'skipped', reason: `the connection is ${connection.status}`, ...EMPTY, baselineInvoiceId: null };
  }
  const client = await deps.connections.procountorClient(connection);
  const state = await readBillWatchState(deps.db, connectionId);
  if (!state) return setBaseline(deps.db, client, connectionId);

  const candidates = new Set<number>();
  let newestVersion = state.versionCursor;
  for await (const basic of client.invoices.iterateByPreviousId({
    types: ['PURCHASE_INVOICE'],
    status: [...RECEIVED_BILL_STATUSES],
    ...(state.versionCursor ? { versionStartDate: state.versionCursor } : {}),
  })) {
    if (basic.version && (newestVersion === null || Date.parse(basic.version) > Date.parse(newestVersion))) {
      newestVersion = basic.version;
    }
    if (basic.id !== undefined && basic.id > state.baselineInvoiceId) candidates.add(basic.id);
  }
  const result: BillWatchResult = {
    outcome: 'completed',
    ...EMPTY,
    seen: candidates.size,
    baselineInvoiceId: state.baselineInvoiceId,
  };
  for (const id of await alreadyAnnounced(deps.db, connectionId, [...candidates])) {
    candidates.delete(id);
    result.alreadyAnnounced += 1;
  }
  for (const id of await sentByThisBridge(deps.db, connectionId, [...candidates])) {
    candidates.delete(id);
    result.sentByBridge += 1;
  }

  const ids = [...candidates].sort((a, b) => a - b);
  for (let start = 0; start < ids.length; start += BATCH_SIZE) {
    for (const bill of await readBills(client, connection, ids.slice(start, start + BATCH_SIZE))) {
      if (await announce(deps, connectionId, bill)) result.announced += 1;
      else result.alreadyAnnounced += 1;
      await deps.afterBill?.(bill.procountorInvoiceId);
    }
  }
  await saveBillWatchState(deps.db, connectionId, {
    baseline_invoice_id: state.baselineInvoiceId,
    version_cursor: newestVersion,
    last_result: result,
  });
  deps.logger.child({ connectionId }).info(result, 'bill watch done');
  return result;
}

export interface BillWatchState {
  baselineInvoiceId: number;
  versionCursor: string | null;
  lastRunAt: Date | null;
  lastResult: Record<string, unknown> | null;
}

export async function readBillWatchState(db: Database, connectionId: string): Promise<BillWatchState | undefined> {
  const row = await db
    .selectFrom('bill_watch_state')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    baselineInvoiceId: row.baseline_invoice_id,
    versionCursor: row.version_cursor,
    lastRunAt: row.last_run_at,
    lastResult: row.last_result,
  };
}

/** The highest purchase invoice id and the newest purchase invoice version now: two one-row searches. */
async function setBaseline(db: Database, client: ProcountorClient, connectionId: string): Promise<BillWatchResult> {
  const [byId, byVersion] = await Promise.all([
    client.invoices.search({ types: ['PURCHASE_INVOICE'], orderById: 'DESC', size: 1 }),
    client.invoices.search({ types: ['PURCHASE_INVOICE'], orderByVersion: 'DESC', size: 1 }),
  ]);
  const baselineInvoiceId = byId.results?.[0]?.id ?? 0;
  const result: BillWatchResult = { outcome: 'baseline_set', ...EMPTY, baselineInvoiceId };
  // Two looks at once both find no state: the first to insert wins, the other keeps its baseline.
  await db
    .insertInto('bill_watch_state')
    .values({
      connection_id: connectionId,
      baseline_invoice_id: baselineInvoiceId,
      version_cursor: byVersion.results?.[0]?.version ?? null,
      last_run_at: new Date(),
      last_result: JSON.stringify(result),
    })
    .onConflict((conflict) => conflict.column('connection_id').doNothing())
    .execute();
  return result;
}

async function saveBillWatchState(
  db: Database,
  connectionId: string,
  values: { baseline_invoice_id: number; version_cursor: string | null; last_result: BillWatchResult },
): Promise<void> {
  const progress = {
    version_cursor: values.version_cursor,
    last_run_at: new Date(),
    last_result: JSON.stringify(values.last_result),
    updated_at: new Date(),
  };
  await db
    .insertInto('bill_watch_state')
    .values({ connection_id: connectionId, baseline_invoice_id: values.baseline_invoice_id, ...progress })
    .onConflict((conflict) => conflict.column('connection_id').doUpdateSet(progress))
    .execute();
}

/** Of these Procountor invoice ids, the ones `select` finds; in chunks, as a look after a long pause may list more ids
 * than one statement's parameters allow. */
async function idsFound(ids: number[], select: (chunk: number[]) => Promise<number[]>): Promise<number[]> {
  const found: number[] = [];
  for (let start = 0; start < ids.length; start += 1000) found.push(...(await select(ids.slice(start, start + 1000))));
  return found;
}

function alreadyAnnounced(db: Database, connectionId: string, ids: number[]): Promise<number[]> {
  return idsFound(ids, async (chunk) => {
    const rows = await db
      .selectFrom('received_bills')
      .select('procountor_invoice_id')
      .where('connection_id', '=', connectionId)
      .where('procountor_invoice_id', 'in', chunk)
      .execute();
    return rows.map((row) => row.procountor_invoice_id);
  });
}

/** Purchase invoices the bridge created in Procountor for this connection's source (its own drafts sent on). */
function sentByThisBridge(db: Database, connectionId: string, ids: number[]): Promise<number[]> {
  return idsFound(ids, async (chunk) => {
    const rows = await db
      .selectFrom('transfers')
      .select('procountor_invoice_id')
      .where('connection_id', '=', connectionId)
      .where('kind', '=', 'purchase_invoice')
      .where('procountor_invoice_id', 'in', chunk)
      .execute();
    return rows.map((row) => row.procountor_invoice_id as number);
  });
}

/** The row and its event in one transaction; false when another look announced the bill first. */
async function announce(deps: BillWatchDeps, connectionId: string, bill: ReceivedBill): Promise<boolean> {
  return deps.db.transaction().execute(async (trx) => {
    const eventId = newEventId();
    const stored = await trx
      .insertInto('received_bills')
      .values({
        connection_id: connectionId,
        procountor_invoice_id: bill.procountorInvoiceId,
        invoice_number: bill.invoiceNumber,
        procountor_status: bill.procountorStatus,
        event_id: eventId,
      })
      .onConflict((conflict) => conflict.columns(['connection_id', 'procountor_invoice_id']).doNothing())
      .returning('event_id')
      .executeTakeFirst();
    if (!stored) return false;
    await recordEvent(trx, deps.jobs, {
      connectionId,
      eventId,
      type: EVENT_TYPES.billReceived,
      subjectId: `bill_${bill.procountorInvoiceId}`,
      payload: toBillReceivedPayload(bill),
    });
    return true;
  });
}

/** The event's payload: the bill as GET …/bills lists it, the personal identity code masked (it goes to a URL). */
export function toBillReceivedPayload(bill: ReceivedBill): Record<string, unknown> {
  const code = bill.routing.personalIdentityCode;
  return {
    ...bill,
    routing: { ...bill.routing, personalIdentityCode: code === null ? null : maskPersonalIdentityCode(code) },
  };
}
