// The request log: the last requests to /api kept in a ring buffer, read and cleared through /_emulator/requests.
import type { PathMatcher } from '../faults/path-pattern';

/** How many requests the log keeps by default; older ones are dropped first. */
export const DEFAULT_REQUEST_LOG_SIZE = 5000;

export interface RequestLogEntry {
  /** Increasing number, so readers can ask for what came after the last one they saw. */
  sequence: number;
  time: string;
  method: string;
  /** The path as served (a versioned base such as /v2604/api/… is logged as /api/…). */
  path: string;
  /** The path the client sent, when it differs (versioned base). */
  originalPath?: string;
  query: Record<string, unknown>;
  /** HTTP status the client received; null when it received none (timeout or commit-then-drop fault). */
  status: number | null;
  durationMs: number;
  clientId: string | null;
  companyId: number | null;
  headers: Record<string, string | undefined>;
  requestBody: unknown;
  responseContentType: string | null;
  /** The JSON response parsed; other bodies as text, or a note for binary ones. */
  responseBody: unknown;
  /** The injected fault that hit this request, if any. */
  fault?: string;
}

export interface RequestLogFilter {
  path?: PathMatcher;
  method?: string;
  status?: number;
  /** Only entries after this sequence number. */
  after?: number;
  /** The newest N entries of what matches. */
  limit?: number;
}

/**
 * What the log keeps: a JSON answer stays text until someone reads it, so logging costs no parse per request; a JSON
 * request body is kept as text too, which takes a fraction of the memory of its objects (5,000 entries).
 */
export type StoredRequestLogEntry = Omit<RequestLogEntry, 'sequence' | 'requestBody' | 'responseBody'> &
  ({ requestBody: unknown; requestJson?: undefined } | { requestBody?: undefined; requestJson: string }) &
  ({ responseBody: unknown; responseJson?: undefined } | { responseBody?: undefined; responseJson: string });

function parsedOr(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // Not JSON after all (a route that labelled text as JSON): shown as text.
    return text;
  }
}

function toEntry(stored: StoredRequestLogEntry & { sequence: number }): RequestLogEntry {
  const { requestJson, responseJson, ...entry } = stored;
  return {
    ...entry,
    requestBody: requestJson === undefined ? entry.requestBody : JSON.parse(requestJson),
    responseBody: responseJson === undefined ? entry.responseBody : parsedOr(responseJson),
  } as RequestLogEntry;
}

export class RequestLog {
  #entries: Array<StoredRequestLogEntry & { sequence: number }> = [];
  #start = 0;
  #sequence = 0;

  constructor(readonly capacity = DEFAULT_REQUEST_LOG_SIZE) {}

  add(entry: StoredRequestLogEntry): void {
    this.#sequence += 1;
    const stored = { sequence: this.#sequence, ...entry };
    if (this.#entries.length < this.capacity) {
      this.#entries.push(stored);
    } else {
      // Overwrite the oldest entry instead of shifting the array: O(1) per request under load.
      this.#entries[this.#start] = stored;
      this.#start = (this.#start + 1) % this.capacity;
    }
  }

  /** Oldest first. */
  list(filter: RequestLogFilter = {}): RequestLogEntry[] {
    const ordered = [...this.#entries.slice(this.#start), ...this.#entries.slice(0, this.#start)];
    const matching = ordered.filter(
      (entry) =>
        (filter.method === undefined || entry.method === filter.method) &&
        (filter.status === undefined || entry.status === filter.status) &&
        (filter.after === undefined || entry.sequence > filter.after) &&
        (filter.path === undefined || filter.path(entry.path)),
    );
    const limited = filter.limit === undefined ? matching : matching.slice(Math.max(0, matching.length - filter.limit));
    return limited.map(toEntry);
  }

  get size(): number {
    return this.#entries.length;
  }

  clear(): void {
    this.#entries = [];
    this.#start = 0;
  }
}
