// Ledger receipts: read, search and page, update, and set dimensions on one transaction (how invoices get dimensions).
import type {
  ProcountorDimensionItemValueList,
  ProcountorLedgerReceipt,
  ProcountorLedgerReceiptBasicInfo,
  ProcountorLedgerReceiptSearchFilters,
  ProcountorLedgerReceiptSearchResult,
} from '../contract-types';
import { iterateByPreviousId } from '../paging/iterate-by-previous-id';
import { iteratePages } from '../paging/iterate-pages';
import { parseJsonBody } from '../transport/http-transport';
import type { CallOptions } from '../typed-request';
import { asArray, joinBatchIds, ProcountorResource, withCall } from './resource';

export type LedgerReceiptIterateFilters = Omit<ProcountorLedgerReceiptSearchFilters, 'page' | 'size' | 'previousId'>;

export class LedgerReceipts extends ProcountorResource {
  get(receiptId: number, options?: CallOptions): Promise<ProcountorLedgerReceipt> {
    return this.client.request('get', '/ledgerreceipts/{receiptId}', {
      path: { receiptId: String(receiptId) },
      ...options,
    });
  }

  /** Several receipts in one request (1–200 ids); all unknown → ProcountorNotFoundError. */
  async getMany(receiptIds: readonly number[], options?: CallOptions): Promise<ProcountorLedgerReceipt[]> {
    const ids = joinBatchIds(receiptIds, 'ledgerReceipts.getMany');
    const response = await this.transport.send({ method: 'get', path: `/ledgerreceipts/${ids}`, ...withCall(options) });
    return asArray(parseJsonBody<ProcountorLedgerReceipt | ProcountorLedgerReceipt[]>(response));
  }

  /** One page of GET /ledgerreceipts (dates, types, status, ordering, page, size ≤ 200). */
  search(
    filters: ProcountorLedgerReceiptSearchFilters = {},
    options?: CallOptions,
  ): Promise<ProcountorLedgerReceiptSearchResult> {
    return this.client.request('get', '/ledgerreceipts', { query: filters, ...options });
  }

  iterate(filters: LedgerReceiptIterateFilters = {}, options?: CallOptions & { size?: number }) {
    const { size, ...call } = options ?? {};
    return iteratePages<ProcountorLedgerReceiptBasicInfo>(
      (cursor) => this.search({ ...filters, page: cursor.page, size: cursor.size }, call),
      size === undefined ? {} : { size },
    );
  }

  iterateByPreviousId(filters: LedgerReceiptIterateFilters = {}, options?: CallOptions & { size?: number }) {
    const { size, ...call } = options ?? {};
    return iterateByPreviousId<ProcountorLedgerReceiptBasicInfo>(
      (cursor) => this.search({ orderById: 'ASC', ...filters, previousId: cursor.previousId, size: cursor.size }, call),
      size === undefined ? {} : { size },
    );
  }

  /** Replaces a receipt (PUT /ledgerreceipts/{id}), e.g. to set dimensions on all its transactions. */
  update(
    receiptId: number,
    receipt: ProcountorLedgerReceipt,
    options?: CallOptions & { createReconciliation?: boolean },
  ): Promise<ProcountorLedgerReceipt> {
    const { createReconciliation, ...call } = options ?? {};
    return this.client.request('put', '/ledgerreceipts/{receiptId}', {
      path: { receiptId },
      body: receipt,
      ...(createReconciliation === undefined ? {} : { query: { createReconciliation } }),
      ...call,
    });
  }

  /**
   * Sets the dimensions of one transaction (PUT /ledgerreceipts/{id}/transactions/{tid}/dimensions). Invoices get
   * dimensions this way, when created with `extraInfo.accountingByRow: true` (FACTS.md "Invoices").
   */
  updateTransactionDimensions(
    receiptId: number,
    transactionId: number,
    dimensions: ProcountorDimensionItemValueList,
    options?: CallOptions,
  ): Promise<ProcountorLedgerReceipt> {
    return this.client.request('put', '/ledgerreceipts/{receiptId}/transactions/{transactionId}/dimensions', {
      path: { receiptId, transactionId },
      body: dimensions,
      ...options,
    });
  }
}
