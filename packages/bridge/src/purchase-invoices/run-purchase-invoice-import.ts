// One import run of a connection: finds purchase invoices in the configured statuses and imports each exactly once.
import { randomBytes } from 'node:crypto';
import {
  type ProcountorClient,
  type ProcountorInvoice,
  type ProcountorLedgerReceipt,
  ProcountorNotFoundError,
} from '@procountor-bridge/client';
import { sql } from 'kysely';
import type { Logger } from 'pino';
import type { ConnectionService } from '../connections/connection-record';
import { EVENT_TYPES } from '../events/event-types';
import { recordEvent } from '../events/record-event';
import type { JobQueue } from '../jobs/create-job-queue';
import type { Database } from '../storage/schema';
import { readImportSettings } from './purchase-invoice-import-settings';
import {
  type DimensionNames,
  dimensionNamesOf,
  findProjectDimensionId,
  projectCodesOf,
  toProjectExpense,
} from './to-project-expense';

export interface PurchaseInvoiceImportDeps {
  db: Database;
  jobs: Pick<JobQueue, 'sendInTransaction'>;
  connections: ConnectionService;
  logger: Logger;
  /** Test hook, after one invoice's outcome committed: throwing here is a crash in the middle of a run. */
  afterInvoice?: (procountorInvoiceId: number) => void | Promise<void>;
}

export interface ImportRunResult {
  outcome: 'completed' | 'skipped';
  reason?: string;
  /** Invoices in a configured status that Procountor listed as new or changed since the last run. */
  seen: number;
  imported: number;
  waitingForProject: number;
  alreadyImported: number;
}

/** `pin_` + a time-ordered part + randomness: ids sort by import time, so the id is also the list cursor. */
export function newPurchaseInvoiceImportId(now = Date.now()): string {
  return `pin_${now.toString(36).padStart(9, '0')}${randomBytes(5).toString('hex')}`;
}

const EMPTY = { seen: 0, imported: 0, waitingForProject: 0, alreadyImported: 0 };

/**
 * Strategy (docs/purchase-invoices.md): list PURCHASE_INVOICEs in the statuses with `versionStartDate` = the newest
 * `version` the last run saw (Procountor's own clock, so no clock skew; the newest ones are listed again, harmlessly),
 * plus the invoices waiting to be dimensioned to a project whose ledger receipt changed since then. Each import
 * commits with its event; the unique key (connection, invoice) makes a repeat a no-op, so a crash anywhere loses and
 * repeats nothing.
 */
export async function runPurchaseInvoiceImport(
  deps: PurchaseInvoiceImportDeps,
  connectionId: string,
): Promise<ImportRunResult> {
  const connection = await deps.connections.find(connectionId);
  if (!connection) return { outcome: 'skipped', reason: 'the connection no longer exists', ...EMPTY };
  if (connection.status !== 'active') {
    return { outcome: 'skipped', reason: `the connection is ${connection.status}`, ...EMPTY };
  }
  const settings = await readImportSettings(deps.db, connectionId);
  const log = deps.logger.child({ connectionId });
  const client = await deps.connections.procountorClient(connection);
  const names = dimensionNamesOf(await client.dimensions.list());
  const projectDimensionId = findProjectDimensionId(names, connection.settings.projectDimension);

  const candidates = new Set<number>();
  let newestVersion = settings.versionCursor;
  const saw = (version: string | undefined) => {
    if (version && (newestVersion === null || Date.parse(version) > Date.parse(newestVersion))) newestVersion = version;
  };
  for await (const basic of client.invoices.iterateByPreviousId({
    types: ['PURCHASE_INVOICE'],
    status: settings.statuses,
    ...(settings.versionCursor ? { versionStartDate: settings.versionCursor } : {}),
  })) {
    if (basic.id === undefined) continue;
    candidates.add(basic.id);
    saw(basic.version);
  }
  const seen = candidates.size;
  await addWaitingWithChangedReceipts(deps, client, connectionId, settings.versionCursor, candidates, saw);

  const result: ImportRunResult = { outcome: 'completed', ...EMPTY, seen };
  // In chunks: a first run may list tens of thousands of invoices, more than one statement's parameters allow.
  const listed = [...candidates];
  for (let start = 0; start < listed.length; start += 1000) {
    const imported = await deps.db
      .selectFrom('purchase_invoice_imports')
      .select('procountor_invoice_id')
      .where('connection_id', '=', connectionId)
      .where('state', '=', 'imported')
      .where('procountor_invoice_id', 'in', listed.slice(start, start + 1000))
      .execute();
    for (const row of imported) if (candidates.delete(row.procountor_invoice_id)) result.alreadyImported += 1;
  }

  // Batch GETs (FACTS.md: up to 200 ids a call): two calls per batch instead of two per invoice. Each invoice still
  // commits on its own, so a run stopped between batches (or invoices) keeps what it imported.
  const ids = [...candidates].sort((a, b) => a - b);
  for (let start = 0; start < ids.length; start += IMPORT_BATCH_SIZE) {
    const invoices = await invoicesOf(client, ids.slice(start, start + IMPORT_BATCH_SIZE));
    const receipts = await receiptsOf(client, invoices);
    for (const invoice of invoices) {
      // A waiting invoice may have left the statuses (rejected, invalidated): it waits on, unimported.
      if (!settings.statuses.includes(invoice.status as (typeof settings.statuses)[number])) continue;
      const receipt = invoice.ledgerReceiptId === undefined ? undefined : receipts.get(invoice.ledgerReceiptId);
      const projectCodes = projectCodesOf(receipt, projectDimensionId, names);
      const outcome = await importOne(deps, connectionId, invoice, receipt, names, projectCodes);
      result[outcome] += 1;
      await deps.afterInvoice?.(invoice.id as number);
    }
  }

  // The cursor moves only after every invoice of the run is settled: a crash before this repeats the listing, never
  // skips it. A connection never configured gets a (disabled) settings row holding its cursor.
  const progress = { version_cursor: newestVersion, last_run_at: new Date(), last_result: JSON.stringify(result) };
  await deps.db
    .insertInto('purchase_invoice_import_settings')
    .values({ connection_id: connectionId, statuses: JSON.stringify(settings.statuses), ...progress })
    .onConflict((conflict) => conflict.column('connection_id').doUpdateSet(progress))
    .execute();
  log.info(result, 'purchase invoice import run done');
  return result;
}

/**
 * Receipts are listed from a little before the cursor: a receipt's version need not come from the same counter as
 * its invoice's (the emulator stamps them apart; Procountor writes them in separate transactions). Re-listing a few
 * minutes costs nothing but the listing: only receipts of waiting invoices are acted on.
 */
const RECEIPT_OVERLAP_MINUTES = 10;

/** `version` minus some minutes, in the same form (with or without zone, with or without milliseconds). */
export function minutesBefore(version: string, minutes: number): string {
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(version);
  const ms = Date.parse(hasZone ? version : `${version}Z`);
  if (Number.isNaN(ms)) return version;
  const shifted = new Date(ms - minutes * 60_000).toISOString();
  if (hasZone) return shifted;
  // A zone-less Procountor stamp ("2017-09-27T12:12:42") stays zone-less: the same wall clock, shifted.
  const withoutZone = shifted.slice(0, -1);
  return version.includes('.') ? withoutZone : withoutZone.slice(0, 19);
}

/**
 * Invoices waiting for a project whose ledger receipt changed since the cursor (someone set dimensions): setting
 * dimensions changes the receipt's version, not necessarily the invoice's. Only those are read again, so a company
 * with many purchase invoices outside projects does not make every run read them all.
 */
async function addWaitingWithChangedReceipts(
  deps: PurchaseInvoiceImportDeps,
  client: ProcountorClient,
  connectionId: string,
  versionCursor: string | null,
  candidates: Set<number>,
  saw: (version: string | undefined) => void,
): Promise<void> {
  // Without a cursor the invoice listing above covered every invoice in the statuses, waiting ones included.
  if (versionCursor === null) return;
  const waiting = await deps.db
    .selectFrom('purchase_invoice_imports')
    .select(['procountor_invoice_id', 'ledger_receipt_id'])
    .where('connection_id', '=', connectionId)
    .where('state', '=', 'waiting_for_project')
    .execute();
  if (waiting.length === 0) return;
  const invoiceByReceipt = new Map(
    waiting
      .filter((row) => row.ledger_receipt_id !== null)
      .map((row) => [row.ledger_receipt_id as number, row.procountor_invoice_id]),
  );
  for await (const receipt of client.ledgerReceipts.iterateByPreviousId({
    types: ['PURCHASE_INVOICE'],
    versionStartDate: minutesBefore(versionCursor, RECEIPT_OVERLAP_MINUTES),
  })) {
    saw(receipt.version);
    const invoiceId = receipt.id === undefined ? undefined : invoiceByReceipt.get(receipt.id);
    if (invoiceId !== undefined) candidates.add(invoiceId);
  }
}

/** Invoices read per batch GET; a run stopped by Procountor keeps the batches before. */
export const IMPORT_BATCH_SIZE = 50;

/** The invoices in id order; ids Procountor no longer has are left out (all unknown → none). */
async function invoicesOf(client: ProcountorClient, ids: number[]): Promise<ProcountorInvoice[]> {
  try {
    return (await client.invoices.getMany(ids)).sort((a, b) => (a.id as number) - (b.id as number));
  } catch (error) {
    if (error instanceof ProcountorNotFoundError) return [];
    throw error;
  }
}

async function receiptsOf(client: ProcountorClient, invoices: ProcountorInvoice[]) {
  const ids = invoices.map((invoice) => invoice.ledgerReceiptId).filter((id): id is number => id !== undefined);
  const receipts = new Map<number, ProcountorLedgerReceipt>();
  if (ids.length === 0) return receipts;
  try {
    for (const receipt of await client.ledgerReceipts.getMany(ids)) receipts.set(receipt.id as number, receipt);
  } catch (error) {
    if (!(error instanceof ProcountorNotFoundError)) throw error;
  }
  return receipts;
}

async function importOne(
  deps: PurchaseInvoiceImportDeps,
  connectionId: string,
  invoice: ProcountorInvoice,
  receipt: ProcountorLedgerReceipt | undefined,
  names: DimensionNames,
  projectCodes: string[],
): Promise<'imported' | 'waitingForProject' | 'alreadyImported'> {
  const invoiceId = invoice.id as number;
  if (projectCodes.length === 0) {
    await deps.db
      .insertInto('purchase_invoice_imports')
      .values({
        id: newPurchaseInvoiceImportId(),
        connection_id: connectionId,
        procountor_invoice_id: invoiceId,
        state: 'waiting_for_project',
        procountor_status: invoice.status ?? 'UNFINISHED',
        ledger_receipt_id: invoice.ledgerReceiptId ?? null,
      })
      // Still waiting: keep its receipt id current (updating an invoice may recreate its receipt, FACTS.md).
      .onConflict((conflict) =>
        conflict
          .columns(['connection_id', 'procountor_invoice_id'])
          .doUpdateSet({
            ledger_receipt_id: invoice.ledgerReceiptId ?? null,
            procountor_status: invoice.status ?? 'UNFINISHED',
            updated_at: new Date(),
          })
          .where('purchase_invoice_imports.state', '=', 'waiting_for_project'),
      )
      .execute();
    return 'waitingForProject';
  }
  const expense = toProjectExpense(invoice, receipt, names, projectCodes);
  /** The same columns for a new row and for one that was waiting for its project. */
  const imported = {
    state: 'imported' as const,
    procountor_status: expense.procountorStatus,
    ledger_receipt_id: invoice.ledgerReceiptId ?? null,
    expense: JSON.stringify(expense),
    project_codes: JSON.stringify(projectCodes),
    imported_at: new Date(),
  };
  return deps.db.transaction().execute(async (trx) => {
    // Inserted, or moved from waiting: only then is it imported now. Anything else (another run won) is a no-op.
    const stored = await trx
      .insertInto('purchase_invoice_imports')
      .values({
        id: newPurchaseInvoiceImportId(),
        connection_id: connectionId,
        procountor_invoice_id: invoiceId,
        ...imported,
      })
      .onConflict((conflict) =>
        conflict
          .columns(['connection_id', 'procountor_invoice_id'])
          .doUpdateSet({ ...imported, updated_at: new Date() })
          .where('purchase_invoice_imports.state', '=', 'waiting_for_project'),
      )
      .returning('id')
      .executeTakeFirst();
    if (!stored) return 'alreadyImported' as const;
    const { eventId } = await recordEvent(trx, deps.jobs, {
      connectionId,
      type: EVENT_TYPES.purchaseInvoiceImported,
      subjectId: stored.id,
      payload: {
        purchaseInvoiceId: stored.id,
        procountorInvoiceId: invoiceId,
        invoiceNumber: expense.invoiceNumber,
        procountorStatus: expense.procountorStatus,
        supplierName: expense.supplier.name,
        projectCodes,
        totalAmount: expense.totalAmount,
        currency: expense.currency,
      },
    });
    await trx
      .updateTable('purchase_invoice_imports')
      .set({ event_id: eventId, updated_at: sql<Date>`now()` })
      .where('id', '=', stored.id)
      .execute();
    return 'imported' as const;
  });
}
