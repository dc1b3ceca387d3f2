// The public surface of @procountor-bridge/sdk: the client, webhook verification, errors, and the API's types.
export { BridgeClient, type BridgeClientOptions } from './bridge-client';
export type * from './bridge-types';
export {
  BridgeApiError,
  BridgeConnectionError,
  type BridgeErrorDetail,
  BridgeOutcomeUnknownError,
} from './errors/bridge-api-error';
export type { components, paths, webhooks } from './generated/bridge-api';
export { type CursorPage, iterateCursorPages } from './paging/iterate-cursor-pages';
export type { BridgeApi } from './resources/bridge-api';
export type { CallOptions, SubmitOptions } from './resources/call-options';
export { CreditInvoices } from './resources/credit-invoices';
export { type EventIterateOptions, type EventPageOptions, Events } from './resources/events';
export { SalesInvoices } from './resources/sales-invoices';
export { type TransferPageOptions, Transfers } from './resources/transfers';
export { WebhookEndpoints } from './resources/webhook-endpoints';
export { IDEMPOTENCY_KEY_HEADER } from './transport/idempotency-key';
export { createRetryingFetch, type RetryingFetchOptions, type RetryOptions } from './transport/retrying-fetch';
export {
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  type VerifyWebhookOptions,
  verifyWebhook,
  type WebhookHeaders,
} from './webhooks/verify-webhook';
export { WebhookVerificationError, type WebhookVerificationFailure } from './webhooks/webhook-verification-error';
