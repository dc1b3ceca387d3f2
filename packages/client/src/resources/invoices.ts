// Invoices: create, read, search and page, update, and the lifecycle actions (approve, send, markpaid …).
import type {
  ProcountorCheckingEvent,
  ProcountorComment,
  ProcountorComments,
  ProcountorInfoMessage,
  ProcountorInvoice,
  ProcountorInvoiceBasicInfo,
  ProcountorInvoiceSearchFilters,
  ProcountorInvoiceSearchResult,
  ProcountorMarkInvoiceAsPaid,
  ProcountorPaymentEvent,
  ProcountorPaymentEventSearchResult,
} from '../contract-types';
import { iterateByPreviousId } from '../paging/iterate-by-previous-id';
import { iteratePages } from '../paging/iterate-pages';
import type { CallOptions } from '../typed-request';
import { asArray, joinBatchIds, ProcountorResource } from './resource';

/** Search filters without the paging parameters, which the iterators set. */
export type InvoiceIterateFilters = Omit<ProcountorInvoiceSearchFilters, 'page' | 'size' | 'previousId'>;

// The lifecycle actions below are PUTs, but repeating one is not harmless: a second send re-sends an invoice
// already SENT (allowed by the contract), a second markpaid records a second payment, and a second approve answers
// an error for an invoice that was in fact approved. So they are marked not idempotent: an unclear outcome throws
// OutcomeUnknownError instead of being retried blindly; read the invoice's status before trying again.
const STATE_CHANGE = { idempotent: false } as const;

export class Invoices extends ProcountorResource {
  /**
   * Creates an invoice (POST /invoices); Procountor sets status UNFINISHED and assigns `invoiceNumber` (leave it out).
   * Put your own number in `originalInvoiceNumber` (max 40 chars): it is how you find the invoice if this call
   * throws OutcomeUnknownError. Never retried after it was sent.
   */
  create(invoice: ProcountorInvoice, options?: CallOptions & { addCollectionPenalCosts?: boolean }) {
    const { addCollectionPenalCosts, ...call } = options ?? {};
    return this.client.request('post', '/invoices', {
      body: invoice,
      ...(addCollectionPenalCosts === undefined ? {} : { query: { addCollectionPenalCosts } }),
      ...call,
    });
  }

  /** One invoice with all its details (GET /invoices/{id}). Throws ProcountorNotFoundError when unknown. */
  get(invoiceId: number, options?: CallOptions): Promise<ProcountorInvoice> {
    return this.client.request('get', '/invoices/{invoiceId}', { path: { invoiceId: String(invoiceId) }, ...options });
  }

  /** Several invoices in one request (1–200 ids). Unknown ids are left out; all unknown → ProcountorNotFoundError. */
  async getMany(invoiceIds: readonly number[], options?: CallOptions): Promise<ProcountorInvoice[]> {
    const ids = joinBatchIds(invoiceIds, 'invoices.getMany');
    const answer = await this.client.request('get', '/invoices/{invoiceId}', { path: { invoiceId: ids }, ...options });
    return asArray<ProcountorInvoice>(answer);
  }

  /**
   * One page of GET /invoices with any of its filters: status, types, dates (billing, created, version, due),
   * businessPartnerId, originalInvoiceNumber, invoiceNumber, productId, searchTerm, invoiceChannel, ordering, page
   * and size (≤ 200). Arrays are sent comma-separated. Resolves with `{ results, meta }`.
   */
  search(filters: ProcountorInvoiceSearchFilters = {}, options?: CallOptions): Promise<ProcountorInvoiceSearchResult> {
    return this.client.request('get', '/invoices', { query: filters, ...options });
  }

  /** Every matching invoice, page by page (page/size, size 200 unless given). */
  iterate(filters: InvoiceIterateFilters = {}, options?: CallOptions & { size?: number }) {
    const { size, ...call } = options ?? {};
    return iteratePages<ProcountorInvoiceBasicInfo>(
      (cursor) => this.search({ ...filters, page: cursor.page, size: cursor.size }, call),
      size === undefined ? {} : { size },
    );
  }

  /** Every matching invoice by keyset (previousId, orderById ASC unless given): stable while invoices change. */
  iterateByPreviousId(filters: InvoiceIterateFilters = {}, options?: CallOptions & { size?: number }) {
    const { size, ...call } = options ?? {};
    return iterateByPreviousId<ProcountorInvoiceBasicInfo>(
      (cursor) => this.search({ orderById: 'ASC', ...filters, previousId: cursor.previousId, size: cursor.size }, call),
      size === undefined ? {} : { size },
    );
  }

  /**
   * Replaces an invoice (PUT /invoices/{id}); needs its current `version`. Sales invoices only while UNFINISHED;
   * changing rows, VAT, discount or currency may recreate the ledger receipt with a new id (FACTS.md).
   */
  update(invoiceId: number, invoice: ProcountorInvoice, options?: CallOptions) {
    return this.client.request('put', '/invoices/{invoiceId}', { path: { invoiceId }, body: invoice, ...options });
  }

  /** Approves (PUT /invoices/{id}/approve). Not retried after it was sent (see STATE_CHANGE). */
  approve(
    invoiceId: number,
    event: ProcountorCheckingEvent = {},
    options?: CallOptions & { updateInventory?: boolean },
  ) {
    const { updateInventory, ...call } = options ?? {};
    return this.client.request('put', '/invoices/{invoiceId}/approve', {
      path: { invoiceId },
      body: event,
      ...(updateInventory === undefined ? {} : { query: { updateInventory } }),
      ...STATE_CHANGE,
      ...call,
    });
  }

  /** Verifies a purchase, travel or expense invoice (PUT /invoices/{id}/verify). Not retried after it was sent. */
  verify(invoiceId: number, event: ProcountorCheckingEvent = {}, options?: CallOptions) {
    return this.client.request('put', '/invoices/{invoiceId}/verify', {
      path: { invoiceId },
      body: event,
      ...STATE_CHANGE,
      ...options,
    });
  }

  /** Sends a sales invoice (status NOT_SENT or SENT) through its channel. Not retried after it was sent. */
  send(invoiceId: number, options?: CallOptions): Promise<ProcountorInfoMessage> {
    return this.client.request('put', '/invoices/{invoiceId}/send', {
      path: { invoiceId },
      ...STATE_CHANGE,
      ...options,
    });
  }

  /** Sends a purchase invoice to circulation (PUT /invoices/{id}/sendToCirculation). Not retried after it was sent. */
  sendToCirculation(invoiceId: number, options?: CallOptions): Promise<ProcountorInfoMessage> {
    return this.client.request('put', '/invoices/{invoiceId}/sendToCirculation', {
      path: { invoiceId },
      ...STATE_CHANGE,
      ...options,
    });
  }

  /** Rejects an invoice in circulation (PUT /invoices/{id}/reject). Not retried after it was sent. */
  reject(invoiceId: number, event: ProcountorCheckingEvent = {}, options?: CallOptions) {
    return this.client.request('put', '/invoices/{invoiceId}/reject', {
      path: { invoiceId },
      body: event,
      ...STATE_CHANGE,
      ...options,
    });
  }

  /** Invalidates an invoice (PUT /invoices/{id}/invalidate). Not retried after it was sent. */
  invalidate(invoiceId: number, options?: CallOptions): Promise<ProcountorInfoMessage> {
    return this.client.request('put', '/invoices/{invoiceId}/invalidate', {
      path: { invoiceId },
      ...STATE_CHANGE,
      ...options,
    });
  }

  /** Returns an invoice to UNFINISHED (open fiscal period only). Not retried after it was sent. */
  markUnfinished(invoiceId: number, options?: CallOptions): Promise<ProcountorInfoMessage> {
    return this.client.request('put', '/invoices/{invoiceId}/unfinished', {
      path: { invoiceId },
      ...STATE_CHANGE,
      ...options,
    });
  }

  /**
   * Records a payment (PUT /invoices/{id}/paymentevents/markpaid), in the invoice's currency; the date may not be in
   * a closed period. Never retried after it was sent: a repeat would record the payment twice.
   */
  markPaid(
    invoiceId: number,
    payment: ProcountorMarkInvoiceAsPaid,
    options?: CallOptions & { addPenalExpense?: boolean },
  ): Promise<ProcountorPaymentEvent> {
    const { addPenalExpense, ...call } = options ?? {};
    return this.client.request('put', '/invoices/{invoiceId}/paymentevents/markpaid', {
      path: { invoiceId },
      body: payment,
      ...(addPenalExpense === undefined ? {} : { query: { addPenalExpense } }),
      ...STATE_CHANGE,
      ...call,
    });
  }

  /** One page of an invoice's payment events. */
  paymentEvents(
    invoiceId: number,
    query: { previousId?: number; orderById?: 'ASC' | 'DESC'; size?: number; page?: number } = {},
    options?: CallOptions,
  ): Promise<ProcountorPaymentEventSearchResult> {
    return this.client.request('get', '/invoices/{invoiceId}/paymentevents', {
      path: { invoiceId },
      query,
      ...options,
    });
  }

  /** Every payment event of an invoice, page by page. */
  iteratePaymentEvents(invoiceId: number, options?: CallOptions & { size?: number }) {
    const { size, ...call } = options ?? {};
    return iteratePages<ProcountorPaymentEvent>(
      (cursor) => this.paymentEvents(invoiceId, cursor, call),
      size === undefined ? {} : { size },
    );
  }

  /** Deletes a payment event (DELETE /invoices/{id}/paymentevents/{eventId}). */
  deletePaymentEvent(invoiceId: number, paymentEventId: number, options?: CallOptions) {
    return this.client.request('delete', '/invoices/{invoiceId}/paymentevents/{paymentEventId}', {
      path: { invoiceId, paymentEventId },
      ...options,
    });
  }

  /** Replaces the invoice's notes (max 10,000 chars, `\n` for line breaks), in any status. */
  setNotes(invoiceId: number, notes: string, options?: CallOptions): Promise<ProcountorInfoMessage> {
    return this.client.request('put', '/invoices/{invoiceId}/notes', {
      path: { invoiceId },
      body: { notes },
      ...options,
    });
  }

  /** The invoice's comments (travel, expense and purchase invoices). */
  comments(invoiceId: number, options?: CallOptions): Promise<ProcountorComments> {
    return this.client.request('get', '/invoices/{invoiceId}/comments', { path: { invoiceId }, ...options });
  }

  /** Adds a comment (POST /invoices/{id}/comments). Not retried after it was sent. */
  addComment(invoiceId: number, comment: ProcountorComment, options?: CallOptions) {
    return this.client.request('post', '/invoices/{invoiceId}/comments', {
      path: { invoiceId },
      body: comment,
      ...options,
    });
  }

  /** The invoice's accounting transactions. */
  transactions(invoiceId: number, options?: CallOptions) {
    return this.client.request('get', '/invoices/{invoiceId}/transactions', { path: { invoiceId }, ...options });
  }
}
