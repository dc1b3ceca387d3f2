// Work that must happen before each Procountor request made in one async context: a transfer run persists its
// held-back step completions there (transfers/held-completions.ts), so none is missing when Procountor acts.
import { AsyncLocalStorage } from 'node:async_hooks';

type BeforeRequest = () => Promise<void>;

const beforeRequest = new AsyncLocalStorage<BeforeRequest>();

/** Runs `work`; every Procountor request it makes, through any connection's client, awaits `hook` first. */
export function withBeforeProcountorRequest<T>(hook: BeforeRequest, work: () => Promise<T>): Promise<T> {
  return beforeRequest.run(hook, work);
}

/**
 * The client's fetch, preceded by the hook of the calling context. A hook that throws fails the request before it
 * is sent; the client may then take its outcome as unknown, which every Procountor write already survives (it looks
 * before it creates again).
 */
export function fetchAfterHook(fetch: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input, init) => {
    const hook = beforeRequest.getStore();
    if (hook) await hook();
    return fetch(input, init);
  };
}
