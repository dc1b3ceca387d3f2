// Version timestamps (`version`: last modification time) and the optimistic-lock check PATCH/PUT make with them.
import type { EmulatorContext } from '../emulator-context';
import { ProcountorApiError } from './procountor-error';

/** Parses a contract date-time; a value without a zone (the contract's examples, e.g. "2016-08-31T00:00") is UTC. */
export function parseDateTime(value: string): number | undefined {
  const text = /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * A new version stamp, always later than the previous one so two changes in the same millisecond still differ.
 * Emitted as ISO 8601 UTC because the contract types `version` as date-time (assumption: Procountor's own examples
 * are zoneless local times, README "Assumptions").
 */
export function nextVersion(context: EmulatorContext, previous?: string): string {
  const previousMs = previous ? (parseDateTime(previous) ?? 0) : 0;
  return new Date(Math.max(context.now(), previousMs + 1)).toISOString();
}

/** True when both name the same instant ("…Z", "+00:00" and zoneless forms compare equal). */
export function isSameVersion(given: string, current: string | undefined): boolean {
  const givenMs = parseDateTime(given);
  return givenMs !== undefined && current !== undefined && givenMs === parseDateTime(current);
}

/**
 * Optimistic lock: the request must carry the current version. Missing → 400 "must not be null"; stale → 400
 * (the contract lists no 409 for these operations; assumption on the message, README "Assumptions").
 */
export function requireCurrentVersion(given: unknown, current: string | undefined, field = 'version'): void {
  if (given === undefined || given === null || given === '')
    throw ProcountorApiError.badRequest(field, 'must not be null');
  if (!isSameVersion(String(given), current)) {
    throw ProcountorApiError.badRequest(
      field,
      `VERSION_CONFLICT: the object was modified at ${current}; read it again and resend`,
    );
  }
}

/** An optional date-time query parameter as ms; an unparseable one is a 400 naming the parameter. */
export function parseDateTimeParam(query: Record<string, unknown>, name: string): number | undefined {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  const ms = parseDateTime(String(raw));
  if (ms === undefined)
    throw ProcountorApiError.badRequest(name, `must be a date-time such as 2016-08-31T00:00: '${raw}'`);
  return ms;
}
