// Procountor's search paging: page/size (0-based, size ≤ 200, default 50), previousId keyset paging and `meta`.
import { ProcountorApiError } from './procountor-error';

/** Contract: "Page size for the results. Maximum value: 200." (every search endpoint; FACTS.md "Requests and paging"). */
export const MAX_PAGE_SIZE = 200;
/** Contract: `size` default 50. */
export const DEFAULT_PAGE_SIZE = 50;

export interface PageRequest {
  /** 0-based page number (contract: `page` default 0). */
  page: number;
  size: number;
}

/** The contract's SearchResultMetaData. */
export interface SearchResultMeta {
  pageNumber: number;
  pageSize: number;
  resultCount: number;
  totalCount: number;
}

export interface SearchPage<T> {
  results: T[];
  meta: SearchResultMeta;
}

type Query = Record<string, unknown>;

/**
 * Reads an optional integer query parameter; a non-integer is a 400 field error, as Procountor's
 * Java backend refuses an unparseable number (assumption: message text, README "Assumptions").
 */
export function parseIntegerParam(query: Query, name: string): number | undefined {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  const text = String(raw);
  if (!/^-?\d+$/.test(text)) throw ProcountorApiError.badRequest(name, `must be an integer: '${text}'`);
  return Number(text);
}

/** Optional boolean query parameter ("true"/"false"). */
export function parseBooleanParam(query: Record<string, unknown>, name: string): boolean | undefined {
  const raw = query[name];
  if (raw === undefined || raw === '') return undefined;
  if (raw === 'true' || raw === true) return true;
  if (raw === 'false' || raw === false) return false;
  throw ProcountorApiError.badRequest(name, `must be true or false: '${raw}'`);
}

/** `page` and `size` from a query string; size > 200 or negative values answer 400 naming the parameter. */
export function parsePageRequest(query: Query): PageRequest {
  const page = parseIntegerParam(query, 'page') ?? 0;
  const size = parseIntegerParam(query, 'size') ?? DEFAULT_PAGE_SIZE;
  const problems: Array<{ field: string; message: string }> = [];
  if (page < 0) problems.push({ field: 'page', message: 'must be greater than or equal to 0' });
  if (size < 1) problems.push({ field: 'size', message: 'must be greater than or equal to 1' });
  if (size > MAX_PAGE_SIZE) problems.push({ field: 'size', message: `must be less than or equal to ${MAX_PAGE_SIZE}` });
  if (problems.length > 0) throw ProcountorApiError.validation(problems);
  return { page, size };
}

/** One page of already filtered and ordered items, with the contract's `meta`. */
export function pageOf<T>(items: readonly T[], request: PageRequest): SearchPage<T> {
  const start = request.page * request.size;
  const results = items.slice(start, start + request.size);
  return {
    results,
    meta: { pageNumber: request.page, pageSize: request.size, resultCount: results.length, totalCount: items.length },
  };
}

export type IdOrder = 'ASC' | 'DESC';

/** `orderById` query parameter (contract enum ASC/DESC); `fallback` is the endpoint's documented default. */
export function parseIdOrder(query: Query, fallback: IdOrder, name = 'orderById'): IdOrder {
  const raw = query[name];
  if (raw === undefined || raw === '') return fallback;
  const value = String(raw).toUpperCase();
  if (value !== 'ASC' && value !== 'DESC') throw ProcountorApiError.badRequest(name, 'must be one of ASC, DESC');
  return value;
}

/**
 * Keyset paging: orders by id and keeps only the items after `previousId` in that order
 * (ASC: id > previousId, DESC: id < previousId), so a client walks a list that changes under it
 * without skipping or repeating rows (contract `previousId`, FACTS.md "Requests and paging").
 */
export function orderAndSkipToPreviousId<T>(
  items: readonly T[],
  idOf: (item: T) => number,
  order: IdOrder,
  previousId: number | undefined,
): T[] {
  const sorted = [...items].sort((a, b) => (order === 'ASC' ? idOf(a) - idOf(b) : idOf(b) - idOf(a)));
  if (previousId === undefined) return sorted;
  return sorted.filter((item) => (order === 'ASC' ? idOf(item) > previousId : idOf(item) < previousId));
}
