import { seedLargePlan, type SeededPlan } from '../bench/seed-large-plan';
import { READ_CHUNK, RagComputeService } from '../src/rag/compute/rag-compute.service';
import { RagHistoryCheckService } from '../src/rag/history/rag-history-check.service';
import { TestApp } from './support/test-app';

const TODAY = '2026-11-23';

/**
 * A re-run of a date over several chunks of the facts stream, with the settled actions (stored
 * result already current) wherever they fall, gives exactly what an evaluation from scratch gives.
 * Until 2 December 2026 a chunk that ended on a settled action lost every milestone of its
 * actions. The changed actions are picked by a fixed pseudo-random sequence, never a chunk's last,
 * so every chunk ends on a settled one; both plans of the read are covered (most actions settled,
 * and most not).
 */
describe('RAG re-runs over several chunks equal an evaluation from scratch', () => {
  let t: TestApp;
  let seed: SeededPlan;
  let ids: string[];

  const differing = async () => {
    let found = 0;
    let snapshots = 0;
    for await (const c of t.app.get(RagHistoryCheckService).check({ organisationId: seed.organisationId })) {
      found += c.differing.length;
      snapshots += c.snapshots;
    }
    return { found, snapshots };
  };

  beforeAll(async () => {
    t = await TestApp.start({ now: `${TODAY}T10:00:00Z` });
    seed = await seedLargePlan(t.config.DATABASE_URL, { actions: 3 * READ_CHUNK, asOf: TODAY });
    ids = (await t.dataSource.query<{ id: string }[]>(`SELECT id FROM action WHERE organisation_id = $1 ORDER BY id`, [seed.organisationId])).map((r) => r.id);
  }, 120_000);

  afterAll(() => t?.close());

  it('after the first run, and after re-runs with 5% and with 70% of the actions changed', async () => {
    const compute = t.app.get(RagComputeService);
    const first = await compute.recomputePlan(seed.organisationId, seed.planId, TODAY);
    expect(first.actions).toBe(ids.length);
    expect(await differing()).toEqual({ found: 0, snapshots: ids.length });
    // The seed's colour mix has overdue milestones in every chunk.
    const [{ overdue }] = await t.dataSource.query<{ overdue: number }[]>(
      `SELECT count(*)::int AS overdue FROM action WHERE organisation_id = $1 AND rag_reasons::text LIKE '%milestone_overdue%'`,
      [seed.organisationId],
    );
    expect(overdue).toBeGreaterThan(ids.length / 10);

    let state = 7;
    const random = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
    const chunkEnds = new Set(ids.filter((_, i) => (i + 1) % READ_CHUNK === 0));
    for (const share of [0.05, 0.7]) {
      const changed = ids.filter((id) => !chunkEnds.has(id) && random() < share);
      // A progress update dated yesterday: a real change of facts (it ends "no update for 60 days").
      await t.dataSource.query(
        `INSERT INTO progress_update (organisation_id, action_id, author_id, update_date, narrative, status_at_time, progress_percent_at_time)
         SELECT a.organisation_id, a.id, a.owner_id, '2026-11-22', 'Update for the board', a.status, a.progress_percent FROM action a WHERE a.id = ANY($1)`,
        [changed],
      );
      const again = await compute.recomputePlan(seed.organisationId, seed.planId, TODAY);
      expect(again.actions).toBe(ids.length);
      // The others were settled, and counted as unchanged without being evaluated.
      expect(again.coloursUnchanged).toBeGreaterThanOrEqual(ids.length - changed.length);
      expect(await differing()).toEqual({ found: 0, snapshots: ids.length });
    }
  }, 120_000);
});
