// Pages of a cursor-paged list as one async iterable of items: each page's nextCursor asks for the next one.

export interface CursorPage<TItem> {
  items: TItem[];
  /** null or undefined on the last page. */
  nextCursor: string | null | undefined;
}

/** Every item, page after page, until a page has no nextCursor (or repeats the cursor it was asked with). */
export async function* iterateCursorPages<TItem>(
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<TItem>>,
  firstCursor?: string,
): AsyncGenerator<TItem, void, undefined> {
  let cursor = firstCursor;
  for (;;) {
    const page = await fetchPage(cursor);
    yield* page.items;
    const next = page.nextCursor ?? undefined;
    if (next === undefined || next === cursor) return;
    cursor = next;
  }
}
