// The transfer list with its filters (state, kind, dates, customer, amount, free text) and cursor or page paging.

import { sql } from 'kysely';
import { containsPattern } from '../storage/contains-pattern';
import type { Database } from '../storage/schema';
import type { TransferKind } from './transfer-repository';
import { toTransferResponse } from './transfer-response';

export interface TransferListQuery {
  state?: string;
  kind?: TransferKind;
  /** Invoice date range, inclusive (YYYY-MM-DD). */
  dateFrom?: string;
  dateTo?: string;
  customer?: string;
  amountMin?: number;
  amountMax?: number;
  q?: string;
  cursor?: string;
  page?: number;
  pageSize?: number;
}

export async function listTransfers(db: Database, connectionId: string, query: TransferListQuery) {
  const pageSize = Math.min(Math.max(query.pageSize ?? 50, 1), 200);
  let select = db.selectFrom('transfers').where('connection_id', '=', connectionId);
  if (query.state) select = select.where('state', 'in', query.state.split(','));
  if (query.kind) select = select.where('kind', '=', query.kind);
  if (query.dateFrom) select = select.where(sql<boolean>`invoice_date >= ${query.dateFrom}::date`);
  if (query.dateTo) select = select.where(sql<boolean>`invoice_date <= ${query.dateTo}::date`);
  if (query.customer) select = select.where(sql<boolean>`customer_name ilike ${containsPattern(query.customer)}`);
  if (query.amountMin !== undefined) select = select.where('total_amount', '>=', String(query.amountMin));
  if (query.amountMax !== undefined) select = select.where('total_amount', '<=', String(query.amountMax));
  if (query.q) {
    const like = containsPattern(query.q);
    select = select.where(
      sql<boolean>`(external_id ilike ${like} or source_invoice_number ilike ${like} or customer_name ilike ${like} or cast(procountor_invoice_number as text) = ${query.q} or procountor_reference_code = ${query.q})`,
    );
  }
  // Ids sort by creation time (transfer-repository.ts newTransferId): the last id seen is the cursor.
  if (query.page !== undefined) {
    const [{ total }] = (await select.select(sql<string>`count(*)`.as('total')).execute()) as [{ total: string }];
    const rows = await select
      .selectAll()
      .orderBy('id', 'desc')
      .limit(pageSize)
      .offset(query.page * pageSize)
      .execute();
    return { items: rows.map((row) => toTransferResponse(row)), page: query.page, pageSize, total: Number(total) };
  }
  if (query.cursor) select = select.where('id', '<', query.cursor);
  const rows = await select
    .selectAll()
    .orderBy('id', 'desc')
    .limit(pageSize + 1)
    .execute();
  const items = rows.slice(0, pageSize).map((row) => toTransferResponse(row));
  return { items, pageSize, nextCursor: rows.length > pageSize ? (items.at(-1)?.transferId ?? null) : null };
}
