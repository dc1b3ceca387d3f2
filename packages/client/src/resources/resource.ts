// Base of the resource classes: each holds the typed request of its client, like openai-node's APIResource.
import type { HttpTransport } from '../transport/http-transport';
import type { CallOptions, ContractRequester } from '../typed-request';

export abstract class ProcountorResource {
  /** Typed calls go through `client.request`; `transport` serves headers-only parameters, multipart and bytes. */
  constructor(
    protected readonly client: ContractRequester,
    protected readonly transport: HttpTransport,
  ) {}
}

/** Batch GETs take at most 200 comma-separated ids (FACTS.md "Batch GET"; more answer 400). */
export const MAX_BATCH_IDS = 200;

/** "1,2,3" for a batch GET; throws before any request when the list is empty or longer than 200. */
export function joinBatchIds(ids: readonly number[], what: string): string {
  if (ids.length === 0) throw new RangeError(`${what}: pass at least one id`);
  if (ids.length > MAX_BATCH_IDS) {
    throw new RangeError(`${what}: at most ${MAX_BATCH_IDS} ids per request, got ${ids.length}; split the list`);
  }
  return ids.join(',');
}

/** A batch GET answers the entity itself for one id and an array for several; always return an array. */
export function asArray<T>(answer: T | T[]): T[] {
  return Array.isArray(answer) ? answer : [answer];
}

/** The call options the transport takes directly. */
export function withCall(options: CallOptions | undefined) {
  return {
    ...(options?.signal === undefined ? {} : { signal: options.signal }),
    ...(options?.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
    ...(options?.idempotent === undefined ? {} : { idempotent: options.idempotent }),
  };
}
