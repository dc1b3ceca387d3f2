// Types of the generic `client.request(method, path, options)`, derived from the contract's generated `paths`.
import type { paths } from './generated';
import type { HttpMethod } from './transport/http-transport';

/** Every path of the contract, e.g. "/invoices/{invoiceId}". */
export type ApiPath = keyof paths;

/** The methods the contract defines for a path. */
export type ApiMethod<P extends ApiPath> = {
  [M in HttpMethod]-?: [NonNullable<paths[P][M]>] extends [never] ? never : M;
}[HttpMethod];

/** The contract's operation for a path and method. */
export type ApiOperation<P extends ApiPath, M extends ApiMethod<P>> = NonNullable<paths[P][M]>;

type JsonOf<C> = C extends { 'application/json': infer T }
  ? T
  : C extends { 'multipart/form-data': unknown }
    ? FormData
    : C extends { 'application/x-www-form-urlencoded': infer T }
      ? T
      : unknown;

type BodyOption<O> = O extends { requestBody: { content: infer C } }
  ? { body: JsonOf<C> }
  : O extends { requestBody?: infer B }
    ? [NonNullable<B>] extends [never]
      ? { body?: never }
      : NonNullable<B> extends { content: infer C }
        ? { body?: JsonOf<C> }
        : { body?: never }
    : { body?: never };

type ParameterOptions<O> = O extends { parameters: infer X }
  ? Pick<X, Extract<keyof X, 'path' | 'query' | 'header'>>
  : Record<never, never>;

/** Options every call takes. */
export interface CallOptions {
  /** Aborts the call (including waits for the rate limiter and between retries). */
  signal?: AbortSignal;
  /** Overrides the client's timeoutMs for each attempt of this call. */
  timeoutMs?: number;
  /**
   * Whether repeating the call is harmless. Default: true for GET, PUT, DELETE; false for POST, PATCH. A call that is
   * not idempotent is never retried after it was sent; an unclear outcome throws OutcomeUnknownError.
   */
  idempotent?: boolean;
  /** Extra HTTP headers. Authorization is set by the client. */
  headers?: Record<string, string>;
}

/** `path`, `query`, `header` and `body` as the contract defines them for this operation, plus call options. */
export type ApiRequestOptions<P extends ApiPath, M extends ApiMethod<P>> = ParameterOptions<ApiOperation<P, M>> &
  BodyOption<ApiOperation<P, M>> &
  CallOptions;

type RequiredKeys<T> = { [K in keyof T]-?: Record<never, never> extends Pick<T, K> ? never : K }[keyof T];

/** The options argument, optional when the operation needs nothing. */
export type ApiRequestArgs<P extends ApiPath, M extends ApiMethod<P>> = [
  RequiredKeys<ApiRequestOptions<P, M>>,
] extends [never]
  ? [options?: ApiRequestOptions<P, M>]
  : [options: ApiRequestOptions<P, M>];

type SuccessContent<R> = R extends { 200: { content: infer C } }
  ? C
  : R extends { 201: { content: infer C } }
    ? C
    : R extends { 202: { content: infer C } }
      ? C
      : R extends { 204: { content: infer C } }
        ? C
        : never;

/** The parsed JSON of a successful answer (undefined for an empty 204). */
export type ApiResponse<P extends ApiPath, M extends ApiMethod<P>> =
  ApiOperation<P, M> extends { responses: infer R }
    ? [SuccessContent<R>] extends [never]
      ? unknown
      : JsonOf<SuccessContent<R>>
    : unknown;

/**
 * The one typed call a resource makes; ProcountorClient implements it. Resources hold this rather than the client
 * class, so they never import the facade that composes them.
 */
export interface ContractRequester {
  request<P extends ApiPath, M extends ApiMethod<P>>(
    method: M,
    path: P,
    ...args: ApiRequestArgs<P, M>
  ): Promise<ApiResponse<P, M>>;
}
