// Query-string readers for search endpoints: lists (repeated or comma-separated), enums, dates and booleans.
import { ProcountorApiError } from '../http/procountor-error';

type Query = Record<string, unknown>;

/** A list parameter given as `?a=X&a=Y` or `?a=X,Y` (contract: "Supports more than one … separated by comma"). */
export function listParam(query: Query, name: string): string[] | undefined {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  const values = (Array.isArray(raw) ? raw : [raw]).flatMap((value) => String(value).split(','));
  const trimmed = values.map((value) => value.trim()).filter((value) => value !== '');
  return trimmed.length > 0 ? trimmed : undefined;
}

/** A single-valued enum filter (e.g. GET /products `type`): a value outside `allowed` is refused with 400. */
export function checkEnumParam(name: string, value: string | undefined, allowed: readonly string[]): void {
  if (value && !allowed.includes(value))
    throw ProcountorApiError.badRequest(name, `must be one of ${allowed.join(', ')}`);
}

export function enumListParam<T extends string>(query: Query, name: string, allowed: readonly T[]): Set<T> | undefined {
  const values = listParam(query, name);
  if (!values) return undefined;
  const bad = values.find((value) => !allowed.includes(value as T));
  if (bad !== undefined) throw ProcountorApiError.badRequest(name, `'${bad}' must be one of ${allowed.join(', ')}`);
  return new Set(values as T[]);
}

export function stringParam(query: Query, name: string): string | undefined {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  return String(Array.isArray(raw) ? raw[0] : raw);
}

/** A `format: date` parameter (YYYY-MM-DD). */
export function dateParam(query: Query, name: string): string | undefined {
  const value = stringParam(query, name);
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw ProcountorApiError.badRequest(name, `'${value}' must be a date (yyyy-MM-dd)`);
  }
  return value;
}

/**
 * A `format: date-time` parameter in milliseconds. The contract's examples carry no zone ("2016-08-31T00:00:00");
 * such values are read as UTC, the zone of the emulator's version stamps (assumption). A plain date is accepted too.
 */
export function dateTimeParam(query: Query, name: string): number | undefined {
  const value = stringParam(query, name);
  if (value === undefined) return undefined;
  const hasZone = /(Z|[+-]\d{2}:?\d{2})$/.test(value);
  const ms = Date.parse(/T/.test(value) && !hasZone ? `${value}Z` : value);
  if (Number.isNaN(ms))
    throw ProcountorApiError.badRequest(name, `'${value}' must be a date-time (yyyy-MM-ddTHH:mm:ss)`);
  return ms;
}

export function booleanParam(query: Query, name: string): boolean | undefined {
  const value = stringParam(query, name);
  if (value === undefined) return undefined;
  if (value !== 'true' && value !== 'false')
    throw ProcountorApiError.badRequest(name, `'${value}' must be true or false`);
  return value === 'true';
}

export type SortOrder = 'ASC' | 'DESC';

export function orderParam(query: Query, name: string): SortOrder | undefined {
  const value = stringParam(query, name);
  if (value === undefined) return undefined;
  const upper = value.toUpperCase();
  if (upper !== 'ASC' && upper !== 'DESC') throw ProcountorApiError.badRequest(name, 'must be one of ASC, DESC');
  return upper;
}
