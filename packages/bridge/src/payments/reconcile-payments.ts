// The safety net behind Procountor's webhooks: polls the payment events of transferred, not fully paid invoices (200
// invoices per call), reads the payment type of an invoice with a new payment (one call per such invoice) and counts
// what the webhooks missed, once (apply-payment-events.ts dedupes by payment event id).
import { iterateByPreviousId, type ProcountorClient, type ProcountorPaymentEvent } from '@procountor-bridge/client';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { ConnectionService } from '../connections/connection-record';
import type { JobQueue, SendOptions } from '../jobs/create-job-queue';
import { QUEUE_NAMES } from '../jobs/queue-names';
import type { Database } from '../storage/schema';
import {
  type ApplyPaymentDeps,
  applyPaymentEvents,
  PAYABLE_KINDS,
  type PayableTransfer,
  removePaymentEvents,
} from './apply-payment-events';
import { isCountedPayment } from './payment-amounts';

/** Contract GET /payments/paymentevents: "Max 200 ids per request". */
export const INVOICES_PER_CALL = 200;

export interface ReconcileDeps extends ApplyPaymentDeps {
  jobs: Pick<JobQueue, 'sendInTransaction' | 'send'>;
  connections: ConnectionService;
  logger: Logger;
}

/**
 * Data of a payment-reconcile job. Empty: the periodic sweep, which books one job per connection with open invoices.
 * With connectionId: that connection's open invoices; with procountorInvoiceId too: that invoice only.
 */
export interface PaymentReconcileJobData {
  connectionId?: string;
  procountorInvoiceId?: number;
}

/** A failed poll is tried again 30 s, 60 s, 120 s… later; what it counted before the failure stays counted. */
export const RECONCILE_SEND_OPTIONS: SendOptions = { retryLimit: 5, retryDelay: 30, retryBackoff: true };

export interface ReconcileResult {
  connections?: number;
  checked: number;
  recorded: number;
  failed: number;
}

export async function enqueueReconcile(
  jobs: Pick<JobQueue, 'send'>,
  data: PaymentReconcileJobData,
): Promise<string | null> {
  return jobs.send(QUEUE_NAMES.paymentReconcile, data, RECONCILE_SEND_OPTIONS);
}

export async function runPaymentReconcile(
  deps: ReconcileDeps,
  data: PaymentReconcileJobData,
): Promise<ReconcileResult> {
  if (!data.connectionId) {
    const connections = await connectionsWithOpenInvoices(deps.db);
    for (const connectionId of connections) await enqueueReconcile(deps.jobs, { connectionId });
    return { connections: connections.length, checked: 0, recorded: 0, failed: 0 };
  }
  return reconcileConnection(deps, data.connectionId, data.procountorInvoiceId);
}

/** Transferred invoices of sales and credit kinds whose payments do not cover them yet. */
function transferredInvoices(db: Database) {
  return db
    .selectFrom('transfers as t')
    .leftJoin('transfer_payments as p', 'p.transfer_id', 't.id')
    .where('t.state', '=', 'succeeded')
    .where('t.procountor_invoice_id', 'is not', null)
    .where('t.kind', 'in', [...PAYABLE_KINDS]);
}

function openTransfers(db: Database) {
  return transferredInvoices(db).where((eb) => eb.or([eb('p.fully_paid', 'is', null), eb('p.fully_paid', '=', false)]));
}

async function connectionsWithOpenInvoices(db: Database): Promise<string[]> {
  const rows = await openTransfers(db)
    .innerJoin('connections as c', 'c.id', 't.connection_id')
    .where('c.status', '=', 'active')
    .select('t.connection_id')
    .distinct()
    .execute();
  return rows.map((row) => row.connection_id);
}

async function reconcileConnection(
  deps: ReconcileDeps,
  connectionId: string,
  procountorInvoiceId: number | undefined,
): Promise<ReconcileResult> {
  const logger = deps.logger.child({ connectionId });
  const connection = await deps.connections.find(connectionId);
  if (connection?.status !== 'active') {
    logger.info('payment reconciliation skipped: connection not active');
    return { checked: 0, recorded: 0, failed: 0 };
  }
  const client = await deps.connections.procountorClient(connection);
  // One invoice named by a webhook is read even when paid in full: a payment of it may have been removed.
  let query = (procountorInvoiceId === undefined ? openTransfers(deps.db) : transferredInvoices(deps.db))
    .select([
      't.id',
      't.connection_id',
      't.kind',
      't.external_id',
      't.procountor_invoice_id',
      't.total_amount',
      't.currency',
    ])
    .where('t.connection_id', '=', connectionId)
    .orderBy('t.id');
  if (procountorInvoiceId !== undefined) query = query.where('t.procountor_invoice_id', '=', procountorInvoiceId);
  const transfers: PayableTransfer[] = await query.execute();

  const result: ReconcileResult = { checked: 0, recorded: 0, failed: 0 };
  for (let index = 0; index < transfers.length; index += INVOICES_PER_CALL) {
    const batch = transfers.slice(index, index + INVOICES_PER_CALL);
    // Read before Procountor is asked: a payment a webhook counts meanwhile is not mistaken for a removed one.
    const known = await countedPaymentIds(
      deps.db,
      batch.map((transfer) => transfer.id),
    );
    let events: ProcountorPaymentEvent[];
    try {
      events = await paymentEventsOf(
        client,
        batch.map((transfer) => transfer.procountor_invoice_id as number),
      );
    } catch (error) {
      // One batch failing does not stop the others; the job fails at the end and is retried.
      result.failed += batch.length;
      logger.warn({ err: error, invoices: batch.length }, 'payment reconciliation could not read payment events');
      continue;
    }
    for (const transfer of batch) {
      const counted = known.get(transfer.id) ?? [];
      let own = events.filter((event) => event.invoiceId === transfer.procountor_invoice_id);
      if (hasUncountedPayment(own, counted)) {
        try {
          own = await typedPaymentEventsOf(client, transfer.procountor_invoice_id as number);
        } catch (error) {
          // Not counted without its type: this invoice is checked again by the retry or the next poll.
          result.failed += 1;
          logger.warn({ err: error, transferId: transfer.id }, 'payment reconciliation could not read payment types');
          continue;
        }
      }
      const present = new Set(own.filter(isCountedPayment).map((event) => event.id as number));
      const gone = counted.filter((id) => !present.has(id));
      const removed = await removePaymentEvents(deps, transfer, gone, 'reconciliation');
      const recorded = await applyPaymentEvents(deps, transfer, own, 'reconciliation');
      await markReconciled(deps.db, transfer);
      result.checked += 1;
      result.recorded += recorded.length + removed.length;
    }
  }
  logger.info(result, 'payment reconciliation done');
  if (result.failed > 0) {
    throw new Error(`payment reconciliation: ${result.failed} of ${transfers.length} invoices could not be checked`);
  }
  return result;
}

/** The Procountor payment event ids the bridge has counted, per transfer. */
async function countedPaymentIds(db: Database, transferIds: string[]): Promise<Map<string, number[]>> {
  const rows = await db
    .selectFrom('invoice_payments')
    .select(['transfer_id', 'procountor_payment_event_id'])
    .where('transfer_id', 'in', transferIds)
    .execute();
  const byTransfer = new Map<string, number[]>();
  for (const row of rows) {
    byTransfer.set(row.transfer_id, [
      ...(byTransfer.get(row.transfer_id) ?? []),
      Number(row.procountor_payment_event_id),
    ]);
  }
  return byTransfer;
}

/** Every payment event of these invoices (one call per 200 events), oldest first, by keyset paging on the payment id. */
async function paymentEventsOf(client: ProcountorClient, invoiceIds: number[]): Promise<ProcountorPaymentEvent[]> {
  const events: ProcountorPaymentEvent[] = [];
  const pages = iterateByPreviousId<ProcountorPaymentEvent>((cursor) =>
    client.request('get', '/payments/paymentevents', {
      query: {
        invoiceId: invoiceIds,
        orderById: 'ASC',
        size: cursor.size,
        ...(cursor.previousId === undefined ? {} : { previousId: cursor.previousId }),
      },
    }),
  );
  for await (const event of pages) events.push(event);
  return events;
}

/** A payment Procountor lists that the bridge has not counted yet: news for the source. */
function hasUncountedPayment(listed: readonly ProcountorPaymentEvent[], counted: readonly number[]): boolean {
  const known = new Set(counted);
  return listed.some((event) => isCountedPayment(event) && !known.has(event.id as number));
}

/**
 * GET /invoices/{id}/paymentevents: the invoice's payment events as PaymentEvent, with `type` (REFERENCEPAYMENT,
 * BANKSTATEMENT, CASH…), which GET /payments/paymentevents (BasicPaymentTransactionData) does not carry. Read only for
 * an invoice with a payment not counted yet, so these calls follow the new payments, not the open invoices.
 */
async function typedPaymentEventsOf(client: ProcountorClient, invoiceId: number): Promise<ProcountorPaymentEvent[]> {
  const events: ProcountorPaymentEvent[] = [];
  for await (const event of client.invoices.iteratePaymentEvents(invoiceId)) events.push(event);
  return events;
}

async function markReconciled(db: Database, transfer: PayableTransfer): Promise<void> {
  await db
    .insertInto('transfer_payments')
    .values({
      transfer_id: transfer.id,
      connection_id: transfer.connection_id,
      amount_open: transfer.total_amount,
      last_reconciled_at: sql<Date>`now()`,
    })
    .onConflict((conflict) => conflict.column('transfer_id').doUpdateSet({ last_reconciled_at: sql<Date>`now()` }))
    .execute();
}
