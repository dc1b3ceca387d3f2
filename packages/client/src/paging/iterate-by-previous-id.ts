// Walks a search by keyset (previousId = the last id seen), which neither skips nor repeats rows while data changes.
import { checkPageSize, MAX_PAGE_SIZE, type SearchPage } from './page-size';

export interface PreviousIdCursor {
  /** The last id of the previous page; undefined on the first page. */
  previousId: number | undefined;
  size: number;
}

/**
 * Yields every result, asking each time for the rows after the last id seen, until a page comes back short or
 * empty. The endpoint must order by id (the resources ask for orderById ASC unless told otherwise).
 */
export async function* iterateByPreviousId<T>(
  fetchPage: (cursor: PreviousIdCursor) => Promise<SearchPage<T>>,
  options: { size?: number; startAfterId?: number; idOf?: (item: T) => number | undefined } = {},
): AsyncGenerator<T, void, undefined> {
  const idOf = options.idOf ?? ((item: T) => (item as { id?: number }).id);
  const size = checkPageSize(options.size ?? MAX_PAGE_SIZE);
  let previousId = options.startAfterId;
  for (;;) {
    const { results = [] } = await fetchPage({ previousId, size });
    yield* results;
    if (results.length < size) return;
    const last = results.at(-1);
    const lastId = last === undefined ? undefined : idOf(last);
    if (lastId === undefined) throw new Error('Keyset paging needs an id on every result; the last result has none');
    if (lastId === previousId) throw new Error(`Keyset paging did not advance past id ${lastId}; stopping`);
    previousId = lastId;
  }
}
