// Sales invoices: submit one or a batch (with an Idempotency-Key), replace one before it reached Procountor, read one.
import type {
  SalesInvoiceBatchInput,
  SalesInvoiceBatchResponse,
  SalesInvoiceInput,
  SubmissionResponse,
  TransferResponse,
} from '../bridge-types';
import type { ResourceContext } from './bridge-api';
import { type CallOptions, idempotencyHeader, type SubmitOptions, unwrap } from './call-options';

export class SalesInvoices {
  constructor(private readonly context: ResourceContext) {}

  /**
   * Submits a sales invoice; the bridge validates it, stores it and queues its transfer. Answers at once with the
   * transfer id and state (202 new, 200 when the same document was already there). A bad document throws
   * BridgeApiError `validation_failed` with every problem in `details`; the same externalId with another document
   * throws `external_id_conflict`.
   */
  async submit(document: SalesInvoiceInput, options: SubmitOptions = {}): Promise<SubmissionResponse> {
    const connectionId = this.context.connectionId();
    const result = await this.context.api.POST('/v1/connections/{connectionId}/sales-invoices', {
      params: { path: { connectionId }, header: idempotencyHeader(options) },
      body: document,
      signal: options.signal,
    });
    return unwrap('POST', result);
  }

  /** Up to 1,000 documents, each accepted or refused on its own (see `results`); one Idempotency-Key for the batch. */
  async submitBatch(batch: SalesInvoiceBatchInput, options: SubmitOptions = {}): Promise<SalesInvoiceBatchResponse> {
    const connectionId = this.context.connectionId();
    const result = await this.context.api.POST('/v1/connections/{connectionId}/sales-invoices/batch', {
      params: { path: { connectionId }, header: idempotencyHeader(options) },
      body: batch,
      signal: options.signal,
    });
    return unwrap('POST', result);
  }

  /**
   * Fix and resend: replaces the document while its invoice has not reached Procountor (waiting, queued, failed,
   * cancelled); the transfer starts again. Afterwards it throws `external_id_conflict`: credit it instead.
   */
  async replace(
    externalId: string,
    document: SalesInvoiceInput,
    options: SubmitOptions = {},
  ): Promise<SubmissionResponse> {
    const connectionId = this.context.connectionId();
    const result = await this.context.api.PUT('/v1/connections/{connectionId}/sales-invoices/{externalId}', {
      params: { path: { connectionId, externalId }, header: idempotencyHeader(options) },
      body: document,
      signal: options.signal,
    });
    return unwrap('PUT', result);
  }

  /** The document's transfer by your externalId: state, Procountor invoice number and reference code, timeline. */
  async get(externalId: string, options: CallOptions = {}): Promise<TransferResponse> {
    const connectionId = this.context.connectionId();
    const result = await this.context.api.GET('/v1/connections/{connectionId}/sales-invoices/{externalId}', {
      params: { path: { connectionId, externalId } },
      signal: options.signal,
    });
    return unwrap('GET', result);
  }
}
