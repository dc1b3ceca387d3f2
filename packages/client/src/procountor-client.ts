// ProcountorClient: the class users construct. It wires auth, transport and rate limiting, and composes the resources.
import { requestToken } from './auth/request-token';
import { TokenCache } from './auth/token-cache';
import { normalizeBaseUrl } from './environments';
import type { ProcountorLogger } from './logger';
import { Attachments } from './resources/attachments';
import { BankAccounts } from './resources/bank-accounts';
import { BusinessPartners } from './resources/business-partners';
import { Company } from './resources/company';
import { Dimensions } from './resources/dimensions';
import { Invoices } from './resources/invoices';
import { LedgerReceipts } from './resources/ledger-receipts';
import { Persons } from './resources/persons';
import { Products } from './resources/products';
import { ChartOfAccounts, Currencies, FiscalYears, Vats } from './resources/registers';
import { Session } from './resources/session';
import { Webhooks } from './resources/webhooks';
import { fillPathTemplate } from './transport/build-url';
import { type HttpMethod, HttpTransport, parseJsonBody, type RequestBody } from './transport/http-transport';
import { type RateLimiter, TokenBucketRateLimiter } from './transport/rate-limiter';
import type { ApiMethod, ApiPath, ApiRequestArgs, ApiResponse, ContractRequester } from './typed-request';

/** One process-wide token cache, the default: clients of the same connection share one token. */
export const sharedTokenCache = new TokenCache();

export interface ProcountorClientOptions {
  /**
   * API base URL: {@link PROCOUNTOR_PRODUCTION_BASE_URL}, {@link PROCOUNTOR_TEST_BASE_URL}, a versioned base from
   * `procountorBaseUrl('production', 'v2604')`, or any URL such as a local emulator's. Required, so that nothing
   * reaches production by accident.
   */
  baseUrl: string;
  /** The integrator's client id (issued by Procountor per integration). */
  clientId: string;
  /** The integrator's client secret. Never logged nor put in error messages. */
  clientSecret: string;
  /** The company's API key (binds user, company and client). Never logged nor put in error messages. */
  apiKey: string;
  /** Time limit of each attempt, in milliseconds. Default 60,000. */
  timeoutMs?: number;
  /** Retries after the first attempt, for calls the retry policy deems safe. Default 2. */
  maxRetries?: number;
  /** First backoff delay, doubling per retry, with jitter. Default 500 ms. */
  initialRetryDelayMs?: number;
  /** Longest backoff delay. Default 8,000 ms. */
  maxRetryDelayMs?: number;
  /** Longest Retry-After the client waits; a longer one throws ProcountorRateLimitError with retryAfterMs. Default 60,000 ms. */
  maxRetryAfterMs?: number;
  /** A rate limiter shared with other clients of the same connection (token requests take turns too). Overrides `rateLimit`. Default none. */
  rateLimiter?: RateLimiter;
  /** A token bucket for this client alone. Default none (Procountor publishes no limit). */
  rateLimit?: { requestsPerSecond: number; burst?: number };
  /** Where tokens are kept. Default {@link sharedTokenCache} (process-wide, keyed by base URL, client id and API key). */
  tokenCache?: TokenCache;
  /** A pino-compatible logger; the client is silent without one. */
  logger?: ProcountorLogger;
  /** The fetch implementation. Default the global fetch. */
  fetch?: typeof globalThis.fetch;
  /** User-Agent header. Default fetch's own. */
  userAgent?: string;
}

function requireText(options: ProcountorClientOptions, name: 'clientId' | 'clientSecret' | 'apiKey'): string {
  const value = options[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new TypeError(`ProcountorClient needs options.${name}: a non-empty string`);
  }
  return value;
}

function positiveNumber(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value < 0)
    throw new RangeError(`options.${name} should be a number ≥ 0, got ${value}`);
  return value;
}

export class ProcountorClient implements ContractRequester {
  readonly baseUrl: string;
  readonly invoices: Invoices;
  readonly businessPartners: BusinessPartners;
  readonly products: Products;
  readonly dimensions: Dimensions;
  readonly ledgerReceipts: LedgerReceipts;
  readonly attachments: Attachments;
  readonly persons: Persons;
  readonly company: Company;
  readonly vats: Vats;
  readonly chartOfAccounts: ChartOfAccounts;
  readonly fiscalYears: FiscalYears;
  readonly currencies: Currencies;
  readonly bankAccounts: BankAccounts;
  readonly webhooks: Webhooks;
  readonly session: Session;
  readonly #transport: HttpTransport;

  constructor(options: ProcountorClientOptions) {
    if (typeof options?.baseUrl !== 'string') {
      throw new TypeError('ProcountorClient needs options.baseUrl, e.g. PROCOUNTOR_TEST_BASE_URL or the emulator URL');
    }
    this.baseUrl = normalizeBaseUrl(options.baseUrl);
    const credentials = {
      clientId: requireText(options, 'clientId'),
      clientSecret: requireText(options, 'clientSecret'),
      apiKey: requireText(options, 'apiKey'),
    };
    const tokenCache = options.tokenCache ?? sharedTokenCache;
    const rateLimiter =
      options.rateLimiter ??
      (options.rateLimit === undefined ? undefined : new TokenBucketRateLimiter(options.rateLimit));
    this.#transport = new HttpTransport({
      baseUrl: this.baseUrl,
      fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
      timeoutMs: positiveNumber(options.timeoutMs, 'timeoutMs', 60_000),
      maxRetries: Math.floor(positiveNumber(options.maxRetries, 'maxRetries', 2)),
      retryDelays: {
        initialMs: positiveNumber(options.initialRetryDelayMs, 'initialRetryDelayMs', 500),
        maxMs: positiveNumber(options.maxRetryDelayMs, 'maxRetryDelayMs', 8_000),
        maxRetryAfterMs: positiveNumber(options.maxRetryAfterMs, 'maxRetryAfterMs', 60_000),
      },
      rateLimiter,
      logger: options.logger,
      secrets: () => [credentials.clientSecret, credentials.apiKey],
      ...(options.userAgent === undefined ? {} : { userAgent: options.userAgent }),
    });
    const cacheKey = TokenCache.keyFor({ baseUrl: this.baseUrl, ...credentials });
    const transport = this.#transport;
    const logger = options.logger;
    this.#transport.setAccessTokens({
      get: () =>
        tokenCache.get(cacheKey, () => {
          logger?.debug({ baseUrl: this.baseUrl }, 'procountor access token requested');
          return requestToken(transport, credentials);
        }),
      invalidate: (token) => tokenCache.invalidate(cacheKey, token),
    });

    this.invoices = new Invoices(this, transport);
    this.businessPartners = new BusinessPartners(this, transport);
    this.products = new Products(this, transport);
    this.dimensions = new Dimensions(this, transport);
    this.ledgerReceipts = new LedgerReceipts(this, transport);
    this.attachments = new Attachments(this, transport);
    this.persons = new Persons(this, transport);
    this.company = new Company(this, transport);
    this.vats = new Vats(this, transport);
    this.chartOfAccounts = new ChartOfAccounts(this, transport);
    this.fiscalYears = new FiscalYears(this, transport);
    this.currencies = new Currencies(this, transport);
    this.bankAccounts = new BankAccounts(this, transport);
    this.webhooks = new Webhooks(this, transport);
    this.session = new Session(this, transport);
  }

  /**
   * Any operation of the contract, typed by its path and method:
   * `client.request('get', '/invoices/{invoiceId}', { path: { invoiceId: '12' } })`.
   * Options: `path`, `query`, `header` and `body` as the contract defines them; `signal`, `timeoutMs`, `idempotent`,
   * `headers`. A FormData body is sent as multipart/form-data, any other body as JSON. Resolves with the parsed
   * JSON of the 2xx answer (undefined when empty); throws ProcountorError, OutcomeUnknownError or
   * ProcountorConnectionError.
   */
  async request<P extends ApiPath, M extends ApiMethod<P>>(
    method: M,
    path: P,
    ...args: ApiRequestArgs<P, M>
  ): Promise<ApiResponse<P, M>> {
    const opts = ((args as unknown[])[0] ?? {}) as {
      path?: Record<string, string | number>;
      query?: Record<string, never>;
      header?: Record<string, string | number>;
      body?: unknown;
      signal?: AbortSignal;
      timeoutMs?: number;
      idempotent?: boolean;
      headers?: Record<string, string>;
    };
    const headers: Record<string, string> = { ...opts.headers };
    for (const [name, value] of Object.entries(opts.header ?? {})) headers[name] = String(value);
    let body: RequestBody | undefined;
    if (opts.body !== undefined) {
      body =
        opts.body instanceof FormData ? { type: 'multipart', value: opts.body } : { type: 'json', value: opts.body };
    }
    const response = await this.#transport.send({
      method: method as HttpMethod,
      path: fillPathTemplate(path as string, opts.path),
      headers,
      ...(opts.query === undefined ? {} : { query: opts.query }),
      ...(body === undefined ? {} : { body }),
      ...(opts.signal === undefined ? {} : { signal: opts.signal }),
      ...(opts.timeoutMs === undefined ? {} : { timeoutMs: opts.timeoutMs }),
      ...(opts.idempotent === undefined ? {} : { idempotent: opts.idempotent }),
    });
    return parseJsonBody<ApiResponse<P, M>>(response);
  }
}
