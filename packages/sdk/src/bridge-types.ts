// Names for the request and answer types of the main source calls, read from the generated OpenAPI types (never
// written by hand: a route's schema in the bridge is their one definition).
import type { paths, webhooks } from './generated/bridge-api';

type JsonOf<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
type Connection = '/v1/connections/{connectionId}';

export type SalesInvoiceInput = JsonOf<paths[`${Connection}/sales-invoices`]['post']['requestBody']>;
/** The accepted document: `transferId`, `state`, links. */
export type SubmissionResponse = JsonOf<paths[`${Connection}/sales-invoices`]['post']['responses'][202]>;
export type SalesInvoiceBatchInput = JsonOf<paths[`${Connection}/sales-invoices/batch`]['post']['requestBody']>;
export type SalesInvoiceBatchResponse = JsonOf<paths[`${Connection}/sales-invoices/batch`]['post']['responses'][200]>;
export type CreditInvoiceInput = JsonOf<paths[`${Connection}/credit-invoices`]['post']['requestBody']>;

/** A transfer with its state, Procountor ids, last error and timeline. */
export type TransferResponse = JsonOf<paths[`${Connection}/transfers/{transferId}`]['get']['responses'][200]>;
export type TransferListResponse = JsonOf<paths[`${Connection}/transfers`]['get']['responses'][200]>;
type TransferListQuery = NonNullable<paths[`${Connection}/transfers`]['get']['parameters']['query']>;
/** The list's filters; the SDK does the paging. */
export type TransferListFilters = Omit<TransferListQuery, 'cursor' | 'page' | 'pageSize'>;

export type WebhookEndpointInput = JsonOf<paths[`${Connection}/webhook-endpoints`]['post']['requestBody']>;
/** The new endpoint with its signing secret, shown this once. */
export type CreatedWebhookEndpoint = JsonOf<paths[`${Connection}/webhook-endpoints`]['post']['responses'][201]>;
export type WebhookEndpoint = JsonOf<paths[`${Connection}/webhook-endpoints/{endpointId}`]['get']['responses'][200]>;
export type WebhookEndpointUpdate = JsonOf<
  paths[`${Connection}/webhook-endpoints/{endpointId}`]['patch']['requestBody']
>;
type DeliveryList = JsonOf<paths[`${Connection}/webhook-deliveries`]['get']['responses'][200]>;
export type WebhookDelivery = DeliveryList['deliveries'][number];
export type WebhookDeliveryFilters = Omit<
  NonNullable<paths[`${Connection}/webhook-deliveries`]['get']['parameters']['query']>,
  'before'
>;

/** Every event type the bridge sends (the OpenAPI document's `webhooks`). */
export type BridgeEventType = keyof webhooks;

/** The body of a webhook request: `type` tells which `data` it carries. */
export type BridgeWebhookEvent<T extends BridgeEventType = BridgeEventType> = {
  [K in T]: JsonOf<webhooks[K]['post']['requestBody']>;
}[T];

type FeedPage = JsonOf<paths[`${Connection}/events`]['get']['responses'][200]>;
type RawFeedEvent = FeedPage['events'][number];

/** One event of the feed: `id` is its cursor, `eventId` the id shared with webhooks, `payload` the webhook's `data`. */
export type BridgeFeedEvent<T extends BridgeEventType = BridgeEventType> = {
  [K in T]: Omit<RawFeedEvent, 'type' | 'payload'> & { type: K; payload: BridgeWebhookEvent<K>['data'] };
}[T];
export interface BridgeFeedPage {
  events: BridgeFeedEvent[];
  nextCursor: string | null;
}
