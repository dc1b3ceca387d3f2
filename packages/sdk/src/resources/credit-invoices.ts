// Credit invoices: credit a transferred sales invoice (whole or some rows, optionally with a corrected invoice), read one.
import type { CreditInvoiceInput, SubmissionResponse, TransferResponse } from '../bridge-types';
import type { ResourceContext } from './bridge-api';
import { type CallOptions, idempotencyHeader, type SubmitOptions, unwrap } from './call-options';

export class CreditInvoices {
  constructor(private readonly context: ResourceContext) {}

  /** Credits the sales invoice `creditsExternalId` (it must have succeeded); answers like a sales invoice submit. */
  async submit(document: CreditInvoiceInput, options: SubmitOptions = {}): Promise<SubmissionResponse> {
    const connectionId = this.context.connectionId();
    const result = await this.context.api.POST('/v1/connections/{connectionId}/credit-invoices', {
      params: { path: { connectionId }, header: idempotencyHeader(options) },
      body: document,
      signal: options.signal,
    });
    return unwrap('POST', result);
  }

  /** The credit invoice's transfer by its externalId. */
  async get(externalId: string, options: CallOptions = {}): Promise<TransferResponse> {
    const connectionId = this.context.connectionId();
    const result = await this.context.api.GET('/v1/connections/{connectionId}/credit-invoices/{externalId}', {
      params: { path: { connectionId, externalId } },
      signal: options.signal,
    });
    return unwrap('GET', result);
  }
}
