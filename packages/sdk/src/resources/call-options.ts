// Per-call options of the SDK's helpers, and how an openapi-fetch result becomes data or a BridgeApiError.
import { BridgeApiError } from '../errors/bridge-api-error';

export interface CallOptions {
  /** Aborts the call, retries and waits included. */
  signal?: AbortSignal;
}

export interface SubmitOptions extends CallOptions {
  /**
   * The Idempotency-Key. Default: a new random key per call, kept across the SDK's own retries. Pass your own (e.g.
   * derived from your document's id and version) to make retries safe across restarts of your application too.
   */
  idempotencyKey?: string;
}

export function idempotencyHeader(options: SubmitOptions): { 'idempotency-key': string } | undefined {
  return options.idempotencyKey === undefined ? undefined : { 'idempotency-key': options.idempotencyKey };
}

/** The data of a 2xx answer; any other answer throws BridgeApiError with the bridge's code and details. */
export function unwrap<T>(method: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.response.ok) return result.data as T;
  throw new BridgeApiError({ status: result.response.status, method, url: result.response.url, body: result.error });
}
