// Wraps the fetch a Procountor client uses so that every HTTP call to Procountor is counted by method, path and status.
import type { Counter } from 'prom-client';

type Fetch = typeof globalThis.fetch;

/** A path segment that is an id, not part of the route: digits (invoice, partner ids) or a UUID (webhooks). */
const ID_SEGMENT = /^(\d+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/**
 * The route of a Procountor URL below the client's base URL, ids replaced by `{id}`, query left out:
 * `https://api.procountor.com/api/invoices/123?x=1` with base `…/api` → `/invoices/{id}`. Bounded label values:
 * one per route the client uses, not one per invoice.
 */
export function procountorPathTemplate(url: string, baseUrl: string): string {
  let pathname: string;
  try {
    pathname = new URL(url).pathname;
  } catch {
    return 'unknown';
  }
  let basePath = '';
  try {
    basePath = new URL(baseUrl).pathname.replace(/\/+$/, '');
  } catch {
    // A base URL the client accepted always parses; without one the whole path is the route.
  }
  const below = basePath && pathname.startsWith(`${basePath}/`) ? pathname.slice(basePath.length) : pathname;
  return below
    .split('/')
    .map((segment) => (ID_SEGMENT.test(segment) ? '{id}' : segment))
    .join('/');
}

/** What a call that got no HTTP answer is counted as: our time limit, the caller's abort, or anything else. */
function noAnswerStatus(error: unknown): string {
  const name = error instanceof Error || error instanceof DOMException ? error.name : undefined;
  if (name === 'TimeoutError') return 'timeout';
  if (name === 'AbortError') return 'aborted';
  return 'no_answer';
}

function methodOf(input: Parameters<Fetch>[0], init: Parameters<Fetch>[1]): string {
  if (init?.method) return init.method.toUpperCase();
  if (typeof input === 'object' && 'method' in input) return input.method.toUpperCase();
  return 'GET';
}

function urlOf(input: Parameters<Fetch>[0]): string {
  if (typeof input === 'string') return input;
  if (input instanceof URL) return input.href;
  return input.url;
}

/**
 * A fetch that counts each call in `counter` once its answer's status is known (or it failed without one), then
 * behaves exactly like `fetch`: same response, same error. Retries and token requests are calls too, so the
 * count is what Procountor saw.
 */
export function countProcountorCalls(
  counter: Counter<'method' | 'path' | 'status'>,
  baseUrl: string,
  fetch: Fetch = globalThis.fetch.bind(globalThis),
): Fetch {
  return async (input, init) => {
    const labels = { method: methodOf(input, init), path: procountorPathTemplate(urlOf(input), baseUrl) };
    try {
      const response = await fetch(input, init);
      counter.inc({ ...labels, status: String(response.status) });
      return response;
    } catch (error) {
      counter.inc({ ...labels, status: noAnswerStatus(error) });
      throw error;
    }
  };
}
