import { ActionIdMerge } from './action-id-merge';
import type { MilestoneFactRow } from './rag-facts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const m = (action: number, title: string): MilestoneFactRow => [id(action), title, '2026-11-01', 0];

/** A cursor over sorted rows, fetched `count` at a time, recording each fetch. */
function cursor(rows: MilestoneFactRow[]) {
  let at = 0;
  const fetches: number[] = [];
  return {
    fetches,
    fetch: async (count: number) => {
      fetches.push(count);
      const page = rows.slice(at, at + count);
      at += page.length;
      return page;
    },
  };
}

describe('ActionIdMerge', () => {
  it('hands each chunk of actions exactly its milestones, across fetch boundaries', async () => {
    const rows = [m(1, 'a'), m(1, 'b'), m(2, 'c'), m(4, 'd'), m(4, 'e'), m(4, 'f'), m(7, 'g'), m(9, 'h')];
    const source = cursor(rows);
    const merge = new ActionIdMerge(source.fetch, 3);
    expect((await merge.upTo(id(2))).map((r) => r[1])).toEqual(['a', 'b', 'c']);
    expect((await merge.upTo(id(3))).map((r) => r[1])).toEqual([]);
    expect((await merge.upTo(id(7))).map((r) => r[1])).toEqual(['d', 'e', 'f', 'g']);
    expect((await merge.upTo(id(9))).map((r) => r[1])).toEqual(['h']);
    expect(await merge.upTo(id(10))).toEqual([]);
    // Stops asking once a short page shows the cursor is exhausted.
    expect(source.fetches.length).toBe(3);
  });

  it('refuses a chunk that ends on no action id, instead of keeping back every milestone of it', async () => {
    const merge = new ActionIdMerge(cursor([m(1, 'a')]).fetch, 10);
    await expect(merge.upTo(null as unknown as string)).rejects.toThrow(/must end on an action id/);
    expect((await merge.upTo(id(1))).map((r) => r[1])).toEqual(['a']);
  });

  it('hands out every row not yet taken, across fetches, as the rest', async () => {
    const source = cursor([m(1, 'a'), m(3, 'b'), m(5, 'c'), m(6, 'd'), m(8, 'e')]);
    const merge = new ActionIdMerge(source.fetch, 2);
    expect((await merge.upTo(id(3))).map((r) => r[1])).toEqual(['a', 'b']);
    expect((await merge.rest()).map((r) => r[1])).toEqual(['c', 'd', 'e']);
    expect(await merge.rest()).toEqual([]);
    expect(await merge.upTo(id(9))).toEqual([]);
  });

  it('copes with no milestones at all', async () => {
    const source = cursor([]);
    const merge = new ActionIdMerge(source.fetch, 100);
    expect(await merge.upTo(id(5))).toEqual([]);
    expect(await merge.upTo(id(6))).toEqual([]);
    expect(source.fetches).toEqual([100]);
  });
});

describe('ActionIdMerge.prime', () => {
  it('fetches the first batch ahead of the first request, and only once', async () => {
    const source = cursor([m(1, 'a'), m(2, 'b')]);
    const merge = new ActionIdMerge(source.fetch, 10);
    merge.prime();
    merge.prime();
    expect(source.fetches).toEqual([10]);
    expect((await merge.upTo(id(1))).map((r) => r[1])).toEqual(['a']);
    expect((await merge.upTo(id(2))).map((r) => r[1])).toEqual(['b']);
    expect(source.fetches).toEqual([10]);
  });
});
