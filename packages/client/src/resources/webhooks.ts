// Webhook subscriptions (Procountor → integrator): list, create, update, delete.
import type { ProcountorWebhook, ProcountorWebhookSearchResult } from '../contract-types';
import type { operations } from '../generated';
import type { CallOptions } from '../typed-request';
import { ProcountorResource } from './resource';

export class Webhooks extends ProcountorResource {
  list(
    query: NonNullable<operations['GetWebhooks']['parameters']['query']> = {},
    options?: CallOptions,
  ): Promise<ProcountorWebhookSearchResult> {
    return this.client.request('get', '/webhooks', { query, ...options });
  }

  /** Subscribes (POST /webhooks; authenticationType HMAC or NONE). Not retried after it was sent. */
  create(webhook: ProcountorWebhook, options?: CallOptions) {
    return this.client.request('post', '/webhooks', { body: webhook, ...options });
  }

  update(uuid: string, webhook: ProcountorWebhook, options?: CallOptions) {
    return this.client.request('put', '/webhooks/{uuid}', { path: { uuid }, body: webhook, ...options });
  }

  /** Removes the webhook and all its subscriptions. */
  delete(uuid: string, options?: CallOptions) {
    return this.client.request('delete', '/webhooks/{uuid}', { path: { uuid }, ...options });
  }
}
