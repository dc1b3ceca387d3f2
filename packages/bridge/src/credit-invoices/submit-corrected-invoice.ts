// After a credit invoice succeeds, submits its corrected invoice as a new sales invoice (credit, then new, as Linear
// corrects an invoice).
import type { Transaction } from 'kysely';
import type { ConnectionRecord } from '../connections/connection-record';
import type { SalesInvoiceInput } from '../sales-invoices/sales-invoice-schema';
import type { DB } from '../storage/schema';
import { acceptTransfer } from '../transfers/accept-transfer';
import { payloadHash } from '../transfers/payload-hash';
import type { TransferDeps } from '../transfers/transfer-deps';
import type { CreditTransferPayload } from '../transfers/transfer-document';
import {
  findTransferByExternalId,
  progressOf,
  type TimelineEntry,
  type TransferRow,
  updateTransfer,
} from '../transfers/transfer-repository';

/** The corrected invoice a credit transfer's request carries, if any: what submitCorrectedInvoice submits. */
function correctedInvoiceOf(row: TransferRow): SalesInvoiceInput | undefined {
  if (row.kind !== 'credit_invoice') return undefined;
  return (row.payload as unknown as CreditTransferPayload).request.correctedInvoice as SalesInvoiceInput | undefined;
}

/** True when the transfer's success must also submit a corrected invoice (in its transaction). */
export function correctsAnInvoice(row: TransferRow): boolean {
  return correctedInvoiceOf(row) !== undefined;
}

/**
 * Runs inside the credit transfer's success transaction: the corrected invoice exists only if the success commits.
 * Everything goes through `trx` (PGlite has one connection: a query on the pool here would wait forever).
 */
export async function submitCorrectedInvoice(
  trx: Transaction<DB>,
  deps: TransferDeps,
  row: TransferRow,
  connection: ConnectionRecord,
): Promise<TimelineEntry[]> {
  const corrected = correctedInvoiceOf(row);
  if (!corrected) return [];
  const accepted = await acceptTransfer(trx, deps, {
    connection,
    kind: 'sales_invoice',
    externalId: corrected.externalId,
    payload: corrected as unknown as Record<string, unknown>,
    payloadHash: payloadHash(corrected),
    document: corrected,
    note: `It corrects the invoice credited by transfer ${row.id}.`,
  });
  if (!accepted) {
    const existing = await findTransferByExternalId(trx, row.connection_id, 'sales_invoice', corrected.externalId);
    return [
      {
        kind: 'note',
        message: `The corrected invoice ${corrected.externalId} was already submitted (transfer ${existing?.id}).`,
      },
    ];
  }
  const progress = { ...progressOf(row), correctedTransferId: accepted.id };
  await updateTransfer(trx, row.id, { progress: JSON.stringify(progress) });
  return [
    {
      kind: 'note',
      message: `Corrected invoice ${corrected.externalId} submitted as transfer ${accepted.id}.`,
      data: { correctedTransferId: accepted.id },
    },
  ];
}
