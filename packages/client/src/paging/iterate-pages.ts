// Walks a search page by page (page = 0, 1, …; size ≤ 200), yielding each result.
import { checkPageSize, MAX_PAGE_SIZE, type SearchPage } from './page-size';

export interface PageCursor {
  page: number;
  size: number;
}

/**
 * Yields every result of `fetchPage`, asking for the next page until one comes back short or empty, or the pages
 * so far cover `meta.totalCount`. Pages are fetched lazily: stop iterating and no further request is made.
 */
export async function* iteratePages<T>(
  fetchPage: (cursor: PageCursor) => Promise<SearchPage<T>>,
  options: { size?: number; startPage?: number } = {},
): AsyncGenerator<T, void, undefined> {
  const size = checkPageSize(options.size ?? MAX_PAGE_SIZE);
  for (let page = options.startPage ?? 0; ; page += 1) {
    const { results = [], meta } = await fetchPage({ page, size });
    yield* results;
    // Procountor may answer with a smaller page size than asked; meta.pageSize says which one it used.
    const pageSize = meta?.pageSize ?? size;
    const resultCount = meta?.resultCount ?? results.length;
    if (results.length === 0 || resultCount < pageSize) return;
    if (meta?.totalCount !== undefined && (page + 1) * pageSize >= meta.totalCount) return;
  }
}
