// The class a source application constructs: the typed helpers for the main calls and the generic typed client.
import createClient from 'openapi-fetch';
import type { paths } from './generated/bridge-api';
import type { BridgeApi, ResourceContext } from './resources/bridge-api';
import { CreditInvoices } from './resources/credit-invoices';
import { Events } from './resources/events';
import { SalesInvoices } from './resources/sales-invoices';
import { Transfers } from './resources/transfers';
import { WebhookEndpoints } from './resources/webhook-endpoints';
import { createRetryingFetch, type RetryingFetchOptions } from './transport/retrying-fetch';

export interface BridgeClientOptions extends RetryingFetchOptions {
  /** Where the bridge runs, without /v1: e.g. https://bridge.example.com or http://127.0.0.1:8080. */
  baseUrl: string;
  /** An API token: a connection's token (`bridge tokens create --connection …`) or an administrator's. */
  token: string;
  /** The connection (con_…) the helpers work on; see also forConnection(). */
  connectionId?: string;
  /** Sent as User-Agent. */
  userAgent?: string;
}

export class BridgeClient {
  /**
   * Every operation of the bridge's API, typed from its OpenAPI document (openapi-fetch): e.g.
   * `await client.api.GET('/v1/connections/{connectionId}', { params: { path: { connectionId } } })` answers
   * `{ data, error, response }`. It shares the helpers' retries and idempotency keys.
   */
  readonly api: BridgeApi;
  readonly salesInvoices: SalesInvoices;
  readonly creditInvoices: CreditInvoices;
  readonly transfers: Transfers;
  readonly events: Events;
  readonly webhookEndpoints: WebhookEndpoints;

  constructor(private readonly options: BridgeClientOptions) {
    if (!/^https?:\/\//.test(options.baseUrl)) {
      throw new TypeError(
        `baseUrl '${options.baseUrl}' must be an http:// or https:// URL, e.g. http://127.0.0.1:8080`,
      );
    }
    if (!options.token) throw new TypeError('token is required: an API token of the bridge (Bearer)');
    this.api = createClient<paths>({
      baseUrl: options.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, ''),
      fetch: createRetryingFetch(options),
      headers: {
        authorization: `Bearer ${options.token}`,
        ...(options.userAgent ? { 'user-agent': options.userAgent } : {}),
      },
    });
    const context: ResourceContext = {
      api: this.api,
      connectionId: () => {
        if (options.connectionId) return options.connectionId;
        throw new TypeError(
          'This BridgeClient has no connectionId: pass connectionId (con_…) in its options, or use client.forConnection(id).',
        );
      },
    };
    this.salesInvoices = new SalesInvoices(context);
    this.creditInvoices = new CreditInvoices(context);
    this.transfers = new Transfers(context);
    this.events = new Events(context);
    this.webhookEndpoints = new WebhookEndpoints(context);
  }

  /** The same client working on another connection (an administrator's token reaches every connection). */
  forConnection(connectionId: string): BridgeClient {
    return new BridgeClient({ ...this.options, connectionId });
  }
}
