// Webhook endpoints of the connection (register, read, change, remove, rotate the secret) and their delivery log.
import type {
  CreatedWebhookEndpoint,
  WebhookDelivery,
  WebhookDeliveryFilters,
  WebhookEndpoint,
  WebhookEndpointInput,
  WebhookEndpointUpdate,
} from '../bridge-types';
import { iterateCursorPages } from '../paging/iterate-cursor-pages';
import type { ResourceContext } from './bridge-api';
import { type CallOptions, unwrap } from './call-options';

export class WebhookEndpoints {
  constructor(private readonly context: ResourceContext) {}

  /** Registers a URL for some event types (empty or absent: all). The answer carries the secret `whsec_…` once: store it. */
  async create(endpoint: WebhookEndpointInput, options: CallOptions = {}): Promise<CreatedWebhookEndpoint> {
    const connectionId = this.context.connectionId();
    const result = await this.context.api.POST('/v1/connections/{connectionId}/webhook-endpoints', {
      params: { path: { connectionId } },
      body: endpoint,
      signal: options.signal,
    });
    return unwrap('POST', result);
  }

  async list(options: CallOptions = {}) {
    const connectionId = this.context.connectionId();
    const result = await this.context.api.GET('/v1/connections/{connectionId}/webhook-endpoints', {
      params: { path: { connectionId } },
      signal: options.signal,
    });
    return unwrap('GET', result);
  }

  async get(endpointId: string, options: CallOptions = {}): Promise<WebhookEndpoint> {
    const connectionId = this.context.connectionId();
    const result = await this.context.api.GET('/v1/connections/{connectionId}/webhook-endpoints/{endpointId}', {
      params: { path: { connectionId, endpointId } },
      signal: options.signal,
    });
    return unwrap('GET', result);
  }

  /** Changes `url`, `eventTypes` or `active` (a disabled endpoint gets no new deliveries). */
  async update(endpointId: string, changes: WebhookEndpointUpdate, options: CallOptions = {}) {
    const connectionId = this.context.connectionId();
    const result = await this.context.api.PATCH('/v1/connections/{connectionId}/webhook-endpoints/{endpointId}', {
      params: { path: { connectionId, endpointId } },
      body: changes,
      signal: options.signal,
    });
    return unwrap('PATCH', result);
  }

  async delete(endpointId: string, options: CallOptions = {}): Promise<void> {
    const connectionId = this.context.connectionId();
    const result = await this.context.api.DELETE('/v1/connections/{connectionId}/webhook-endpoints/{endpointId}', {
      params: { path: { connectionId, endpointId } },
      signal: options.signal,
    });
    unwrap('DELETE', result);
  }

  /** A new secret, shown once in the answer; it signs every request from then on. */
  async rotateSecret(endpointId: string, options: CallOptions = {}) {
    const connectionId = this.context.connectionId();
    const result = await this.context.api.POST(
      '/v1/connections/{connectionId}/webhook-endpoints/{endpointId}/rotate-secret',
      { params: { path: { connectionId, endpointId } }, signal: options.signal },
    );
    return unwrap('POST', result);
  }

  /** The delivery log, newest first (`state`, `endpointId` filters), every page. */
  deliveries(filters: WebhookDeliveryFilters = {}, options: CallOptions = {}): AsyncGenerator<WebhookDelivery> {
    return iterateCursorPages<WebhookDelivery>(async (before) => {
      const connectionId = this.context.connectionId();
      const result = await this.context.api.GET('/v1/connections/{connectionId}/webhook-deliveries', {
        params: { path: { connectionId }, query: { ...filters, before } },
        signal: options.signal,
      });
      const page = unwrap('GET', result);
      return { items: page.deliveries, nextCursor: page.nextCursor };
    });
  }

  /** Sends one delivery again with a fresh series of attempts. */
  async replayDelivery(deliveryId: string, options: CallOptions = {}) {
    const connectionId = this.context.connectionId();
    const result = await this.context.api.POST(
      '/v1/connections/{connectionId}/webhook-deliveries/{deliveryId}/replay',
      { params: { path: { connectionId, deliveryId } }, signal: options.signal },
    );
    return unwrap('POST', result);
  }
}
