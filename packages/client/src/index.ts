// The public surface of @procountor-bridge/client: the client, its options, resources, errors, paging and types.
export { type IssuedToken, type M2MCredentials, requestToken } from './auth/request-token';
export { TokenCache, type TokenCacheOptions } from './auth/token-cache';
export type * from './contract-types';
export {
  normalizeBaseUrl,
  PROCOUNTOR_PRODUCTION_BASE_URL,
  PROCOUNTOR_TEST_BASE_URL,
  type ProcountorApiVersion,
  type ProcountorEnvironment,
  procountorBaseUrl,
} from './environments';
export type { ProcountorErrorEntry } from './errors/decode-error-body';
export {
  type ErrorExplanation,
  explainProcountorCode,
  explainProcountorError,
  PROCOUNTOR_ERROR_EXPLANATIONS,
} from './errors/error-explanations';
export {
  createProcountorError,
  ProcountorAuthenticationError,
  ProcountorBadRequestError,
  ProcountorError,
  type ProcountorErrorInit,
  ProcountorNotFoundError,
  ProcountorPermissionDeniedError,
  ProcountorRateLimitError,
  ProcountorServerError,
} from './errors/procountor-error';
export {
  AttachmentTooLargeError,
  OutcomeUnknownError,
  type OutcomeUnknownReason,
  ProcountorConnectionError,
} from './errors/request-errors';
export type { LogMethod, ProcountorLogger } from './logger';
export { iterateByPreviousId, type PreviousIdCursor } from './paging/iterate-by-previous-id';
export { iteratePages, type PageCursor } from './paging/iterate-pages';
export { MAX_PAGE_SIZE, type SearchMeta, type SearchPage } from './paging/page-size';
export { ProcountorClient, type ProcountorClientOptions, sharedTokenCache } from './procountor-client';
export {
  type AttachmentIterateFilters,
  type AttachmentSearchRow,
  Attachments,
  type AttachmentUpload,
  type DownloadedAttachment,
  MAX_ATTACHMENT_BYTES,
} from './resources/attachments';
export { BankAccounts } from './resources/bank-accounts';
export {
  type BusinessPartnerIterateFilters,
  type BusinessPartnerSearch,
  BusinessPartners,
} from './resources/business-partners';
export { Company } from './resources/company';
export { Dimensions } from './resources/dimensions';
export { type InvoiceIterateFilters, Invoices } from './resources/invoices';
export { type LedgerReceiptIterateFilters, LedgerReceipts } from './resources/ledger-receipts';
export { Persons } from './resources/persons';
export { type ProductIterateFilters, Products } from './resources/products';
export { ChartOfAccounts, Currencies, FiscalYears, Vats } from './resources/registers';
export { MAX_BATCH_IDS } from './resources/resource';
export { Session } from './resources/session';
export { Webhooks } from './resources/webhooks';
export { classifyFetchError } from './transport/classify-fetch-error';
export type { HttpMethod } from './transport/http-transport';
export { type RateLimiter, type TokenBucketOptions, TokenBucketRateLimiter } from './transport/rate-limiter';
export { parseRetryAfterMs } from './transport/retry-after';
export { type AttemptOutcome, decideRetry, type RetryDecision } from './transport/retry-policy';
export type {
  ApiMethod,
  ApiPath,
  ApiRequestOptions,
  ApiResponse,
  CallOptions,
} from './typed-request';
