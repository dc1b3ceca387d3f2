// Reads purchase invoices received in Procountor with the routing hints found on them (docs/purchase-invoices.md
// "Bills"): a page of them, or given ones.
import {
  type ProcountorClient,
  type ProcountorInvoice,
  type ProcountorLedgerReceipt,
  ProcountorNotFoundError,
} from '@procountor-bridge/client';
import type { ConnectionRecord } from '../connections/connection-record';
import { dimensionNamesOf, findProjectDimensionId, projectCodesOf } from '../purchase-invoices/to-project-expense';
import { findRoutingHints, type RoutingHints } from './find-routing-hints';

/**
 * As in Taimer's integration: bills are "received first in the accounting software", then circulated and approved in
 * the source.
 */
export const DEFAULT_BILL_STATUSES = ['RECEIVED', 'VERIFIED'] as const;

export interface ReceivedBill {
  procountorInvoiceId: number;
  invoiceNumber: number | null;
  originalInvoiceNumber: string | null;
  procountorStatus: string;
  supplierName: string;
  supplierBusinessId: string | null;
  date: string;
  dueDate: string | null;
  totalAmount: number | null;
  currency: string;
  routing: RoutingHints;
}

function toReceivedBill(invoice: ProcountorInvoice, routing: RoutingHints): ReceivedBill {
  const sums = invoice.invoiceSumInfo?.find((sum) => !sum.inAccountingCurrency) ?? invoice.invoiceSumInfo?.[0];
  return {
    procountorInvoiceId: invoice.id as number,
    invoiceNumber: invoice.invoiceNumber ?? null,
    originalInvoiceNumber: invoice.originalInvoiceNumber ?? null,
    procountorStatus: invoice.status ?? 'RECEIVED',
    supplierName: invoice.counterParty.counterPartyAddress?.name ?? '',
    supplierBusinessId: invoice.counterParty.identifier ?? null,
    date: invoice.date,
    dueDate: invoice.paymentInfo.dueDate ?? null,
    totalAmount: sums?.invoiceSumTotal ?? null,
    currency: invoice.paymentInfo.currency ?? 'EUR',
    routing,
  };
}

/**
 * One page (ascending Procountor id, keyset by `afterId`): GET /invoices, then the bills with their routing hints
 * (readBills).
 */
export async function listReceivedBills(
  client: ProcountorClient,
  connection: ConnectionRecord,
  options: { statuses: readonly string[]; limit: number; afterId?: number },
): Promise<{ bills: ReceivedBill[]; nextCursor: number | null }> {
  const page = await client.invoices.search({
    types: ['PURCHASE_INVOICE'],
    status: options.statuses as NonNullable<Parameters<ProcountorClient['invoices']['search']>[0]>['status'],
    orderById: 'ASC',
    size: options.limit,
    ...(options.afterId !== undefined ? { previousId: options.afterId } : {}),
  });
  const ids = (page.results ?? []).map((basic) => basic.id).filter((id): id is number => id !== undefined);
  if (ids.length === 0) return { bills: [], nextCursor: null };
  const bills = await readBills(client, connection, ids);
  return { bills, nextCursor: ids.length === options.limit ? (ids.at(-1) ?? null) : null };
}

/**
 * These purchase invoices (1–200 ids) with their routing hints, ascending id: the invoices and their ledger receipts
 * in one batch GET each (FACTS.md: up to 200 ids), and GET /dimensions once for the project codes. Ids Procountor
 * does not have, and invoices that are not purchase invoices, are left out.
 */
export async function readBills(
  client: ProcountorClient,
  connection: ConnectionRecord,
  ids: readonly number[],
): Promise<ReceivedBill[]> {
  let invoices: ProcountorInvoice[];
  try {
    invoices = await client.invoices.getMany(ids);
  } catch (error) {
    if (error instanceof ProcountorNotFoundError) return [];
    throw error;
  }
  invoices = invoices
    .filter((invoice) => invoice.type === 'PURCHASE_INVOICE')
    .sort((a, b) => (a.id as number) - (b.id as number));
  if (invoices.length === 0) return [];
  const receiptIds = invoices.map((invoice) => invoice.ledgerReceiptId).filter((id): id is number => id !== undefined);
  const receipts = new Map<number, ProcountorLedgerReceipt>();
  if (receiptIds.length > 0) {
    for (const receipt of await client.ledgerReceipts.getMany(receiptIds)) receipts.set(receipt.id as number, receipt);
  }
  const names = dimensionNamesOf(await client.dimensions.list());
  const projectDimensionId = findProjectDimensionId(names, connection.settings.projectDimension);
  const knownCodes = new Set(
    projectDimensionId === undefined ? [] : [...(names.dimensions.get(projectDimensionId)?.items.values() ?? [])],
  );
  return invoices.map((invoice) => {
    const receipt = invoice.ledgerReceiptId === undefined ? undefined : receipts.get(invoice.ledgerReceiptId);
    const onReceipt = projectCodesOf(receipt, projectDimensionId, names);
    return toReceivedBill(invoice, findRoutingHints(invoice, onReceipt, knownCodes));
  });
}
