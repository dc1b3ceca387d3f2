import { describe, expect, it } from 'vitest';
import { iterateByPreviousId } from './iterate-by-previous-id';
import { iteratePages } from './iterate-pages';

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of iterable) items.push(item);
  return items;
}

describe('iteratePages', () => {
  it('stops on a short page when meta has no totalCount', async () => {
    const pages = [[1, 2], [3]];
    const asked: number[] = [];
    const items = await collect(
      iteratePages(
        async ({ page }) => {
          asked.push(page);
          return { results: pages[page] ?? [] };
        },
        { size: 2 },
      ),
    );
    expect(items).toEqual([1, 2, 3]);
    expect(asked).toEqual([0, 1]);
  });

  it("follows the server's pageSize when it answers with fewer than asked", async () => {
    const all = [1, 2, 3, 4, 5];
    const items = await collect(
      iteratePages(async ({ page }) => {
        const results = all.slice(page * 2, page * 2 + 2);
        return { results, meta: { pageSize: 2, resultCount: results.length, totalCount: 5 } };
      }),
    );
    expect(items).toEqual(all);
  });
});

describe('iterateByPreviousId', () => {
  it('uses idOf for rows whose id has another name', async () => {
    const rows = [{ attachmentId: 1 }, { attachmentId: 2 }, { attachmentId: 3 }];
    const cursors: Array<number | undefined> = [];
    const items = await collect(
      iterateByPreviousId(
        async ({ previousId, size }) => {
          cursors.push(previousId);
          return { results: rows.filter((r) => r.attachmentId > (previousId ?? 0)).slice(0, size) };
        },
        { size: 2, idOf: (row) => row.attachmentId },
      ),
    );
    expect(items).toEqual(rows);
    expect(cursors).toEqual([undefined, 2]);
  });

  it('stops with an error when the server does not advance', async () => {
    const iterator = iterateByPreviousId(async () => ({ results: [{ id: 1 }] }), { size: 1, startAfterId: 1 });
    await expect(collect(iterator)).rejects.toThrow('did not advance');
  });
});
