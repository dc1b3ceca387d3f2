// Transfers of every kind: read one, list them (newest first, filtered) page by page or as one iterable, act on one.
import type { TransferListFilters, TransferListResponse, TransferResponse } from '../bridge-types';
import { iterateCursorPages } from '../paging/iterate-cursor-pages';
import type { ResourceContext } from './bridge-api';
import { type CallOptions, unwrap } from './call-options';

export interface TransferPageOptions extends CallOptions {
  /** nextCursor of the previous page. */
  cursor?: string;
  /** 1 to 200; default 50. */
  pageSize?: number;
}

type TransferAction = 'resend' | 'cancel' | 'send';

export class Transfers {
  constructor(private readonly context: ResourceContext) {}

  async get(transferId: string, options: CallOptions = {}): Promise<TransferResponse> {
    const connectionId = this.context.connectionId();
    const result = await this.context.api.GET('/v1/connections/{connectionId}/transfers/{transferId}', {
      params: { path: { connectionId, transferId } },
      signal: options.signal,
    });
    return unwrap('GET', result);
  }

  /** One page, newest first; pass its `nextCursor` as `cursor` for the next (null on the last page). */
  async list(filters: TransferListFilters = {}, options: TransferPageOptions = {}): Promise<TransferListResponse> {
    const connectionId = this.context.connectionId();
    const { cursor, pageSize, signal } = options;
    const result = await this.context.api.GET('/v1/connections/{connectionId}/transfers', {
      params: { path: { connectionId }, query: { ...filters, cursor, pageSize } },
      signal,
    });
    return unwrap('GET', result);
  }

  /** Every transfer matching the filters, newest first, fetched a page at a time as the loop asks for more. */
  iterate(filters: TransferListFilters = {}, options: Omit<TransferPageOptions, 'cursor'> = {}) {
    return iterateCursorPages<TransferResponse>(async (cursor) => {
      const page = await this.list(filters, { ...options, cursor });
      return { items: page.items, nextCursor: page.nextCursor };
    });
  }

  /** A failed transfer runs again from where it stopped; a retrying one runs now. */
  resend(transferId: string, options: CallOptions = {}): Promise<TransferResponse> {
    return this.act('resend', transferId, options);
  }

  /** Stops a transfer before its invoice create started; afterwards it throws (credit the invoice instead). */
  cancel(transferId: string, options: CallOptions = {}): Promise<TransferResponse> {
    return this.act('cancel', transferId, options);
  }

  /** "Send to Procountor" for a transfer waiting in a manual-mode connection. */
  send(transferId: string, options: CallOptions = {}): Promise<TransferResponse> {
    return this.act('send', transferId, options);
  }

  private async act(action: TransferAction, transferId: string, options: CallOptions): Promise<TransferResponse> {
    const connectionId = this.context.connectionId();
    const result = await this.context.api.POST(`/v1/connections/{connectionId}/transfers/{transferId}/${action}`, {
      params: { path: { connectionId, transferId } },
      signal: options.signal,
    });
    return unwrap('POST', result);
  }
}
