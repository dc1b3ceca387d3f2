// Page size limits of Procountor's search endpoints.

/** Contract: "Page size for the results. Maximum value: 200." The iterators use the maximum by default. */
export const MAX_PAGE_SIZE = 200;

/** The contract's SearchResultMetaData, as every search endpoint returns it. */
export interface SearchMeta {
  pageNumber?: number;
  pageSize?: number;
  /** Results on this page. */
  resultCount?: number;
  /** Results on all pages. */
  totalCount?: number;
}

/** One page of a search: `{ results, meta }`. */
export interface SearchPage<T> {
  results?: T[];
  meta?: SearchMeta;
}

/** Checks a page size before any request: 1 to 200. */
export function checkPageSize(size: number): number {
  if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE_SIZE) {
    throw new RangeError(`Page size must be an integer from 1 to ${MAX_PAGE_SIZE} (contract), got ${size}`);
  }
  return size;
}
