// The injected faults waiting to hit /api requests: added, listed and cleared by the admin surface, counted down here.
import { randomUUID } from 'node:crypto';
import { ProcountorApiError } from '../http/procountor-error';
import { compilePathPattern, type PathMatcher } from './path-pattern';

export const FAULT_KINDS = ['500', '500-html', '503', '429', 'timeout', 'commit-then-drop'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** How long a `timeout` fault holds a request when the client does not give up first. */
export const DEFAULT_TIMEOUT_HOLD_MS = 120_000;

export interface FaultInput {
  pathPattern?: unknown;
  method?: unknown;
  count?: unknown;
  kind?: unknown;
  retryAfterSeconds?: unknown;
  holdMs?: unknown;
}

/** A fault as the admin surface shows it. */
export interface FaultRule {
  faultId: string;
  pathPattern: string;
  method: string | null;
  kind: FaultKind;
  /** Requests this fault still hits; it disappears at 0. */
  remaining: number;
  /** Retry-After of 429 and 503 faults. */
  retryAfterSeconds: number;
  /** Longest hold of a timeout fault. */
  holdMs: number;
}

interface ActiveFault {
  rule: FaultRule;
  matches: PathMatcher;
}

function positiveInteger(value: unknown, field: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw ProcountorApiError.badRequest(field, 'must be a whole number of at least 1');
  }
  return value;
}

export class FaultRules {
  #active: ActiveFault[] = [];

  add(input: FaultInput): FaultRule {
    if (typeof input.pathPattern !== 'string' || input.pathPattern === '') {
      throw ProcountorApiError.badRequest(
        'pathPattern',
        'must be a glob such as /api/invoices* or a regular expression such as ^/api/invoices/\\d+$',
      );
    }
    if (!FAULT_KINDS.includes(input.kind as FaultKind)) {
      throw ProcountorApiError.badRequest('kind', `must be one of ${FAULT_KINDS.join(', ')}`);
    }
    if (input.method !== undefined && input.method !== null && typeof input.method !== 'string') {
      throw ProcountorApiError.badRequest(
        'method',
        'must be an HTTP method such as POST, or left out for every method',
      );
    }
    const rule: FaultRule = {
      faultId: randomUUID(),
      pathPattern: input.pathPattern,
      method: input.method ? input.method.toUpperCase() : null,
      kind: input.kind as FaultKind,
      remaining: positiveInteger(input.count, 'count', 1),
      retryAfterSeconds: positiveInteger(input.retryAfterSeconds, 'retryAfterSeconds', 1),
      holdMs: positiveInteger(input.holdMs, 'holdMs', DEFAULT_TIMEOUT_HOLD_MS),
    };
    this.#active.push({ rule, matches: compilePathPattern(rule.pathPattern) });
    return { ...rule };
  }

  list(): FaultRule[] {
    return this.#active.map((fault) => ({ ...fault.rule }));
  }

  clear(): void {
    this.#active = [];
  }

  /** The first fault matching this request, counted down (and dropped when used up); undefined when none applies. */
  take(method: string, path: string): FaultRule | undefined {
    const index = this.#active.findIndex(
      (fault) => (fault.rule.method === null || fault.rule.method === method) && fault.matches(path),
    );
    if (index < 0) return undefined;
    const fault = this.#active[index]!;
    fault.rule.remaining -= 1;
    if (fault.rule.remaining <= 0) this.#active.splice(index, 1);
    return { ...fault.rule };
  }
}
