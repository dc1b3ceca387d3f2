// The purchase_invoice_imports table's SQL for the routes: list imported ones by cursor, read one, acknowledge.
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../storage/schema';
import type { PurchaseInvoiceImportsTable } from '../storage/tables/purchase-invoice-tables';
import type { ProjectExpense } from './to-project-expense';

export type PurchaseInvoiceImportRow = Selectable<PurchaseInvoiceImportsTable>;

export async function listImportedPurchaseInvoices(
  db: Kysely<DB>,
  connectionId: string,
  options: { limit: number; after?: string; acknowledged?: boolean },
): Promise<PurchaseInvoiceImportRow[]> {
  let query = db
    .selectFrom('purchase_invoice_imports')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('state', '=', 'imported');
  if (options.after) query = query.where('id', '>', options.after);
  if (options.acknowledged === true) query = query.where('acknowledged_at', 'is not', null);
  if (options.acknowledged === false) query = query.where('acknowledged_at', 'is', null);
  return query.orderBy('id', 'asc').limit(options.limit).execute();
}

export async function findImportedPurchaseInvoice(db: Kysely<DB>, connectionId: string, id: string) {
  return db
    .selectFrom('purchase_invoice_imports')
    .selectAll()
    .where('connection_id', '=', connectionId)
    .where('id', '=', id)
    .where('state', '=', 'imported')
    .executeTakeFirst();
}

/** Sets acknowledged_at once; a repeat keeps the first time. */
export async function acknowledgePurchaseInvoice(db: Kysely<DB>, connectionId: string, id: string): Promise<void> {
  await db
    .updateTable('purchase_invoice_imports')
    .set({ acknowledged_at: new Date(), updated_at: new Date() })
    .where('connection_id', '=', connectionId)
    .where('id', '=', id)
    .where('acknowledged_at', 'is', null)
    .execute();
}

export function toPurchaseInvoiceResponse(row: PurchaseInvoiceImportRow) {
  return {
    id: row.id,
    connectionId: row.connection_id,
    procountorInvoiceId: row.procountor_invoice_id,
    eventId: row.event_id,
    importedAt: new Date(row.imported_at ?? row.created_at).toISOString(),
    acknowledgedAt: row.acknowledged_at ? new Date(row.acknowledged_at).toISOString() : null,
    expense: row.expense as unknown as ProjectExpense,
  };
}
