import { MAX_PAGE_SIZE, type PageQueryDto } from '../../common/pagination/page.dto';

/**
 * Every row of a list the API pages, page by page at the largest page size (a plan's inspections,
 * notices, findings, workstreams: pages that show them all, or offer them all as choices).
 */
export async function allPages<T, Q extends PageQueryDto>(make: () => Q, list: (q: Q) => Promise<{ items: T[]; total: number }>): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; ; page++) {
    const res = await list(Object.assign(make(), { page, pageSize: MAX_PAGE_SIZE }));
    out.push(...res.items);
    if (res.items.length === 0 || out.length >= res.total) return out;
  }
}
