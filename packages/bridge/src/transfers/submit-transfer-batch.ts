// Many validated documents of one connection in one transaction (the batch endpoints): each answered by the rules
// of a single submit (docs/transfers.md) — a new externalId is stored (202), the same document again answers its
// transfer (200), another document under a taken externalId is a conflict (409) — but with one insert each of
// transfers, timeline lines and jobs for the whole batch instead of a transaction per document.
import type { Transaction } from 'kysely';
import type { DB } from '../storage/schema';
import { type StoredTransfer, storeNewTransfers, type TransferDocumentToStore } from './accept-transfer';
import type { StoredResponse } from './idempotency-keys';
import { isUniqueViolation } from './submit-transfer-document';
import type { TransferDeps } from './transfer-deps';
import { ExternalIdConflictError } from './transfer-errors';
import { findTransfersByExternalIds, type TransferKind } from './transfer-repository';
import { toSubmissionResponse } from './transfer-response';

/** The transfer that holds an externalId after the inserts: made by this batch, or there before. */
interface Holder extends StoredTransfer {
  payload_hash: string;
  createdNow: boolean;
}

const keyOf = (document: Pick<TransferDocumentToStore, 'kind' | 'externalId'>) =>
  `${document.kind}\u0000${document.externalId}`;

/**
 * Stores the documents in input order and answers each as a single submit would: a StoredResponse, or the conflict
 * as an ExternalIdConflictError to report beside the others. A document repeated in the batch counts as sent again.
 */
export async function submitTransferBatch(
  deps: TransferDeps,
  documents: readonly TransferDocumentToStore[],
): Promise<Array<StoredResponse | ExternalIdConflictError>> {
  if (documents.length === 0) return [];
  const attempt = () => deps.db.transaction().execute((trx) => storeBatch(trx, deps, documents));
  try {
    return await attempt();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return attempt();
  }
}

async function storeBatch(
  trx: Transaction<DB>,
  deps: TransferDeps,
  documents: readonly TransferDocumentToStore[],
): Promise<Array<StoredResponse | ExternalIdConflictError>> {
  const firstIndex = new Map<string, number>();
  documents.forEach((document, index) => {
    if (!firstIndex.has(keyOf(document))) firstIndex.set(keyOf(document), index);
  });
  const holders = new Map<string, Holder>();
  let pending = documents.filter((document, index) => firstIndex.get(keyOf(document)) === index);
  // Looping only if a row that held an externalId was gone by the look-up (deleted with its connection).
  while (pending.length > 0) {
    const stored = await storeNewTransfers(trx, deps, pending);
    const taken: TransferDocumentToStore[] = [];
    pending.forEach((document, index) => {
      const transfer = stored[index];
      if (transfer) holders.set(keyOf(document), { ...transfer, payload_hash: document.payloadHash, createdNow: true });
      else taken.push(document);
    });
    for (const [kind, ofKind] of groupByKind(taken)) {
      const existing = await findTransfersByExternalIds(
        trx,
        ofKind[0]?.connection.id as string,
        kind,
        ofKind.map((document) => document.externalId),
      );
      for (const [externalId, row] of existing) holders.set(keyOf({ kind, externalId }), { ...row, createdNow: false });
    }
    pending = taken.filter((document) => !holders.has(keyOf(document)));
  }
  return documents.map((document, index) => {
    const holder = holders.get(keyOf(document)) as Holder;
    if (holder.createdNow && firstIndex.get(keyOf(document)) === index) {
      return { statusCode: 202, body: toSubmissionResponse(holder) };
    }
    if (holder.payload_hash === document.payloadHash) return { statusCode: 200, body: toSubmissionResponse(holder) };
    return new ExternalIdConflictError(document.externalId, holder.id, holder.state);
  });
}

function groupByKind(documents: readonly TransferDocumentToStore[]): Map<TransferKind, TransferDocumentToStore[]> {
  const groups = new Map<TransferKind, TransferDocumentToStore[]>();
  for (const document of documents) groups.set(document.kind, [...(groups.get(document.kind) ?? []), document]);
  return groups;
}
