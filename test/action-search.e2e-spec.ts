import { actionBody, createAction, seedWorkstream } from './support/actions-fixtures';
import { eventually } from './support/evidence-fixtures';
import { PlanFixture, seedPlanBasics } from './support/plan-fixtures';
import { bearer, TestApp, TestOrganisation, inPlan } from './support/test-app';

/**
 * Text search reads action_search, a side table kept by triggers on action (migration
 * ActionSearchTable). It must follow every way an action's searchable columns change (insert,
 * rename, plan move, delete), leave colour writes alone, and answer exactly what
 * "reference or title ILIKE '%q%'" on the action rows answers, for odd text too.
 */
describe('actions: the text search side table', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let plan: PlanFixture;

  beforeAll(async () => {
    t = await TestApp.start();
    org = await t.createOrganisation('Search Borough Council');
    plan = await seedPlanBasics(t.dataSource, org.id);
  });

  afterAll(() => t.close());

  const admin = () => org.admin;
  const create = (reference: string, title: string, extra: Record<string, unknown> = {}) =>
    createAction(t, admin(), actionBody(plan, admin().id, { reference, title, ...extra }));

  /** Actions whose side row is missing, extra or differs from what the action's columns make. */
  const drift = () =>
    t.dataSource.query<{ id: string }[]>(
      `SELECT coalesce(a.id, s.action_id) AS id FROM action a FULL JOIN action_search s ON s.action_id = a.id
        WHERE a.id IS NULL OR s.action_id IS NULL OR s.search IS DISTINCT FROM a.reference || E'\\n' || a.title
           OR s.reference IS DISTINCT FROM a.reference OR s.reference_sort_key IS DISTINCT FROM a.reference_sort_key
           OR s.plan_id IS DISTINCT FROM a.plan_id OR s.organisation_id IS DISTINCT FROM a.organisation_id`,
    );

  /** Every page of GET ?q= (and other query), as references. */
  const search = async (planId: string, q: string, extra = '', pageSize = 200) => {
    const refs: string[] = [];
    let total = -1;
    for (let page = 1; ; page++) {
      const res = await t
        .http()
        .get(inPlan(planId, `actions?q=${encodeURIComponent(q)}&pageSize=${pageSize}&page=${page}${extra}`))
        .set(bearer(admin()))
        .expect(200);
      total = res.body.total;
      refs.push(...res.body.items.map((i: { reference: string }) => i.reference));
      if (res.body.items.length < pageSize) break;
    }
    expect(refs).toHaveLength(total);
    return refs;
  };

  /** What the search answered before the side table: ILIKE on the action's own columns, in list order. */
  const expected = async (planId: string, q: string, where = 'true', order = 'a.reference_sort_key, a.reference') => {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows = await t.dataSource.query<{ reference: string }[]>(
      `SELECT a.reference FROM action a WHERE a.plan_id = $1 AND (a.reference ILIKE $2 OR a.title ILIKE $2) AND ${where} ORDER BY ${order}`,
      [planId, like],
    );
    return rows.map((r) => r.reference);
  };

  it('follows inserts, with odd text kept as written', async () => {
    await create('P%1', '100% of cases');
    await create('U_1', 'snake_case title');
    await create('B\\1', 'back\\slash here');
    await create('E1', 'Emoji 😀 and accents: Éléonore façade');
    await create('N1', 'first line\nsecond line');
    await create('ab', 'AB two');
    expect(await drift()).toEqual([]);
    const [row] = await t.dataSource.query<{ search: string }[]>(`SELECT s.search FROM action_search s JOIN action a ON a.id = s.action_id WHERE a.reference = 'E1'`);
    expect(row.search).toBe('E1\nEmoji 😀 and accents: Éléonore façade');
  });

  it('answers exactly what ILIKE on the reference and title answers, odd and two-character searches included', async () => {
    const qs = ['%', '_', '\\', '%1', '_c', 'b\\', '😀', '😀 ', ' 😀', 'éo', 'ÉLÉ', 'AB', 'ab', 'b1', 'Ab two', 'x', 'e', '1\nf', '\nf', 'e\n', 'line\nsecond', '1\n', 'zz', 'no such words'];
    for (const q of qs) {
      const want = await expected(admin().planId, q);
      expect({ q, refs: await search(admin().planId, q) }).toEqual({ q, refs: want });
      // Descending, with another filter (the general path) and in due-date order.
      expect({ q, refs: await search(admin().planId, q, '&sort=-reference') }).toEqual({ q, refs: [...want].reverse() });
      expect({ q, refs: await search(admin().planId, q, '&status=not_started') }).toEqual({ q, refs: await expected(admin().planId, q, `a.status = 'not_started'`) });
      expect({ q, refs: await search(admin().planId, q, '&sort=dueDate') }).toEqual({
        q,
        refs: await expected(admin().planId, q, 'true', 'a.due_date, a.reference_sort_key, a.reference'),
      });
    }
    // A line feed cannot match across the reference and the title ("N1\nfirst line..." in the side table).
    expect(await search(admin().planId, '1\nf')).toEqual([]);
    expect(await search(admin().planId, 'line\nsecond')).toEqual(['N1']);
  });

  it('follows renames through the API, and leaves the row alone on writes that change no searchable column', async () => {
    const a = await create('R1', 'Original wording');
    const xmin = async () =>
      (await t.dataSource.query<{ x: string }[]>(`SELECT xmin::text AS x FROM action_search WHERE action_id = $1`, [a.id]))[0].x;
    const before = await xmin();
    let res = await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(admin())).send({ version: a.version, description: 'More detail' }).expect(200);
    await t.dataSource.query(`UPDATE action SET rag_colour = 'red' WHERE id = $1`, [a.id]);
    await t.dataSource.query(`UPDATE action SET title = title, reference = reference WHERE id = $1`, [a.id]);
    expect(await xmin()).toBe(before);
    res = await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(admin())).send({ version: res.body.version, title: 'Reworded 😀 title' }).expect(200);
    await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(admin())).send({ version: res.body.version, reference: 'R1.10' }).expect(200);
    expect(await drift()).toEqual([]);
    expect(await search(admin().planId, 'Original')).toEqual([]);
    expect(await search(admin().planId, 'reworded 😀')).toEqual(['R1.10']);
    expect(await search(admin().planId, '.1')).toEqual(['R1.10']);
  });

  it('follows a move to another plan, and deletes', async () => {
    const other = await t.createPlan(org);
    const workstream = await seedWorkstream(t.dataSource, org.id, 'MV1', other.id);
    const a = await create('M1', 'Moving action');
    const b = await create('D1', 'Deleted action');
    await t.dataSource.query(`UPDATE action SET plan_id = $2, workstream_id = $3 WHERE id = $1`, [a.id, other.id, workstream]);
    expect(await drift()).toEqual([]);
    expect(await search(admin().planId, 'Moving')).toEqual([]);
    expect(await search(other.id, 'Moving')).toEqual(['M1']);
    expect(await search(other.id, 'M1')).toEqual(['M1']);
    await t.http().delete(`/api/v1/actions/${b.id}`).set(bearer(admin())).expect(204);
    expect(await t.dataSource.query(`SELECT 1 FROM action_search WHERE action_id = $1`, [b.id])).toEqual([]);
    expect(await search(admin().planId, 'Deleted')).toEqual([]);
    expect(await drift()).toEqual([]);
  });

  it('pages many matches the same way (sorting a few, walking the reference order for many)', async () => {
    // 3,000 actions in one statement (the insert trigger takes them from its transition table).
    await t.dataSource.query(
      `INSERT INTO action (plan_id, organisation_id, reference, title, workstream_id, owner_id, start_date, due_date, status, version)
       SELECT $1, $2, 'G' || g, CASE WHEN g % 2 = 0 THEN 'Even generated ' ELSE 'Odd generated ' END || g, $3, $4, DATE '2026-01-01', DATE '2026-01-01' + g % 300, 'in_progress', 1
       FROM generate_series(1, 3000) g`,
      [admin().planId, org.id, plan.workstreamId, admin().id],
    );
    expect(await drift()).toEqual([]);
    const page = async (q: string, n: number, extra = '') => {
      const res = await t.http().get(inPlan(admin().planId, `actions?q=${encodeURIComponent(q)}&pageSize=7&page=${n}${extra}`)).set(bearer(admin())).expect(200);
      return res.body.items.map((i: { reference: string }) => i.reference) as string[];
    };
    for (const q of ['generated', 'even', 'G1', 'g2', '99', 'd 1']) {
      const want = await expected(admin().planId, q);
      expect(want.length).toBeGreaterThan(10);
      expect({ q, refs: await search(admin().planId, q) }).toEqual({ q, refs: want });
      expect({ q, refs: await search(admin().planId, q, '&sort=-reference') }).toEqual({ q, refs: [...want].reverse() });
      const last = Math.ceil(want.length / 7);
      for (const n of [1, 2, last]) expect({ q, n, refs: await page(q, n) }).toEqual({ q, n, refs: want.slice((n - 1) * 7, n * 7) });
      expect({ q, refs: await page(q, 2, '&sort=-reference') }).toEqual({ q, refs: [...want].reverse().slice(7, 14) });
    }
    // Many matches bunched past more than 5,000 others in the order asked: the walk along the
    // reference order gives up and the matches are sorted (same answer).
    await t.dataSource.query(
      `INSERT INTO action (plan_id, organisation_id, reference, title, workstream_id, owner_id, start_date, due_date, status, version)
       SELECT $1, $2, CASE WHEN g <= 6000 THEN 'F' ELSE 'Y' END || g, CASE WHEN g <= 6000 THEN 'Filler ' ELSE 'Yonder ' END || g, $3, $4, DATE '2026-01-01', DATE '2026-06-01', 'in_progress', 1
       FROM generate_series(1, 8500) g`,
      [admin().planId, org.id, plan.workstreamId, admin().id],
    );
    for (const [q, extra] of [['yonder', ''], ['filler', '&sort=-reference'], ['yonder', '&sort=-reference']]) {
      const want = await expected(admin().planId, q);
      const ordered = extra ? [...want].reverse() : want;
      expect(want.length).toBeGreaterThan(2000);
      for (const n of [1, 3]) expect({ q, extra, n, refs: await page(q, n, extra) }).toEqual({ q, extra, n, refs: ordered.slice((n - 1) * 7, n * 7) });
    }
    expect(await drift()).toEqual([]);
    const res = await t.http().get(inPlan(admin().planId, 'actions?q=generated&pageSize=25&page=3')).set(bearer(admin())).expect(200);
    expect(res.body.total).toBe(3000);
    expect(res.body.items.map((i: { reference: string }) => i.reference)).toEqual((await expected(admin().planId, 'generated')).slice(50, 75));
  }, 120_000);

  it('reads a two-character search that matches most of the plan through the pairs index, not by running the pairs function on every row', async () => {
    // After the test above the plan holds 11,500 actions, nearly all with "er" in the title. With
    // statistics that know it, the planner picks a sequential scan for the pairs condition (the
    // pairs function on every row: seconds at 100,000 actions); the repository forces the index.
    await t.dataSource.query('ANALYZE action_search');
    const scans = async () =>
      Number((await t.dataSource.query<{ n: string }[]>(`SELECT idx_scan AS n FROM pg_stat_user_indexes WHERE indexrelname = 'IDX_action_search_pairs'`))[0].n);
    const before = await scans();
    const want = await expected(admin().planId, 'er');
    expect(want.length).toBeGreaterThan(11_000);
    const res = await t.http().get(inPlan(admin().planId, 'actions?q=er&pageSize=20&page=2')).set(bearer(admin())).expect(200);
    expect(res.body.total).toBe(want.length);
    expect(res.body.items.map((i: { reference: string }) => i.reference)).toEqual(want.slice(20, 40));
    // The API's backend reports its index use within PostgreSQL's stats flush interval (10 s when idle).
    expect(await eventually(async () => (await scans()) > before, 20_000, 250)).toBe(true);
  }, 60_000);
});
