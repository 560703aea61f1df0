import { DataSource } from 'typeorm';
import { migrationOptions } from '../src/database/typeorm-options';
import { seedAction, seedPlanBasics } from './support/plan-fixtures';
import { TestApp, TestOrganisation, TestPlan } from './support/test-app';

/**
 * Migration PolicyPerPlan (issue 19): the RAG policy's versions move from the organisation to its
 * plans. `down` folds them back while the plans' histories are copies of one another (refuses
 * clearly otherwise) and rebuilds rag_day_count from the snapshots; `up` gives the first plan the
 * organisation's rows (same ids) and every other plan a copy of the whole history.
 */
const MIGRATION = 'PolicyPerPlan1763900001950';
const POLICY = `SELECT organisation_id, version, settings, created_by_id, created_at, effective_from FROM rag_policy`;

describe('migration PolicyPerPlan', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let planB: TestPlan;
  let migrations: DataSource;
  const settings = (planId: string) => `/api/v1/plans/${planId}/settings/rag`;

  beforeAll(async () => {
    t = await TestApp.start();
    migrations = await new DataSource(migrationOptions(t.config)).initialize();
    org = await t.createOrganisation('Sefton Council');
    planB = await t.createPlan(org, { title: 'SEND improvement plan', serviceArea: 'send' });
    const auth = { Authorization: `Bearer ${org.admin.token}` };
    await t.http().put(settings(org.planId)).set(auth).send({ redAfterDays: 7 }).expect(200);
    await t.http().get(settings(planB.id)).set(auth).expect(200); // stores B's own version 1
    // Snapshots on two dates in each plan, so down has day counts to rebuild.
    for (const planId of [org.planId, planB.id]) {
      const fixture = await seedPlanBasics(t.dataSource, org.id, planId);
      const action = await seedAction(t.dataSource, org.id, fixture, { ownerId: org.admin.id });
      await t.dataSource.query(
        `INSERT INTO rag_snapshot (action_id, as_of, organisation_id, plan_id, colour, policy_version, computed_at)
         SELECT $1, d::date, $2, $3, c, 1, now() FROM (VALUES ('2026-11-01', 'amber'), ('2026-11-02', 'red')) v(d, c)`,
        [action.id, org.id, planId],
      );
    }
  });

  afterAll(async () => {
    await migrations?.destroy();
    await t.close();
  });

  /** Undoes migrations down to and including this one (later ones first, if any were added since). */
  async function downThis(): Promise<void> {
    for (;;) {
      const [last] = await migrations.query<{ name: string }[]>('SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1');
      await migrations.undoLastMigration({ transaction: 'each' });
      if (last.name === MIGRATION) return;
    }
  }

  const rows = (sql: string, params: unknown[] = []) => t.dataSource.query<Record<string, unknown>[]>(sql, params);

  it('refuses to go down while a plan has a policy history of its own', async () => {
    await expect(downThis()).rejects.toThrow(/1 plan\(s\) have a RAG policy history of their own/);
    expect(await rows(`SELECT plan_id FROM rag_policy WHERE plan_id = $1`, [planB.id])).toHaveLength(1);
  });

  it('folds back into one history per organisation and copies it to every plan on the way up', async () => {
    await t.dataSource.query(`DELETE FROM rag_policy WHERE plan_id = $1`, [planB.id]);
    const before = await rows(`SELECT id, organisation_id, version, settings->>'redAfterDays' AS red FROM rag_policy WHERE organisation_id = $1 ORDER BY version`, [org.id]);
    expect(before.map((r) => [r.version, r.red])).toEqual([
      [1, '28'],
      [2, '7'],
    ]);

    await downThis();
    const folded = await rows(`SELECT id, organisation_id, version, settings->>'redAfterDays' AS red FROM rag_policy WHERE organisation_id = $1 ORDER BY version`, [org.id]);
    expect(folded).toEqual(before);
    // The organisation's day counts, both plans together, rebuilt from the snapshots.
    expect(await rows(`SELECT as_of::text AS "asOf", red, amber, green FROM rag_day_count WHERE organisation_id = $1 ORDER BY as_of`, [org.id])).toEqual([
      { asOf: '2026-11-01', red: 0, amber: 2, green: 0 },
      { asOf: '2026-11-02', red: 2, amber: 0, green: 0 },
    ]);

    await migrations.runMigrations({ transaction: 'each' });
    const history = (planId: string) => rows(`${POLICY} WHERE plan_id = $1 ORDER BY version`, [planId]);
    const a = await rows(`SELECT id FROM rag_policy WHERE plan_id = $1 ORDER BY version`, [org.planId]);
    expect(a.map((r) => r.id)).toEqual(before.map((r) => r.id)); // the first plan keeps the rows themselves
    expect(await history(planB.id)).toEqual(await history(org.planId)); // the other, a copy
    expect(await rows(`SELECT to_regclass('rag_day_count') AS t`)).toEqual([{ t: null }]);

    // Each plan reads its own (copied) policy; changing B leaves A alone.
    const auth = { Authorization: `Bearer ${org.admin.token}` };
    expect((await t.http().get(settings(planB.id)).set(auth).expect(200)).body).toMatchObject({ version: 2, settings: { redAfterDays: 7 } });
    await t.http().put(settings(planB.id)).set(auth).send({ redAfterDays: 14, version: 2 }).expect(200);
    expect((await t.http().get(settings(org.planId)).set(auth).expect(200)).body).toMatchObject({ version: 2, settings: { redAfterDays: 7 } });
  });
});
