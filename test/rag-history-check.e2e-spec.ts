import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { RagComputeService } from '../src/rag/compute/rag-compute.service';
import { ActionEntity } from '../src/actions/entities/action.entity';
import { RagHistoryCheckService, type DateCheck, type HistoryCheckOptions } from '../src/rag/history/rag-history-check.service';
import { seedAction, seedPlanBasics, type PlanFixture } from './support/plan-fixtures';
import { insertProgressUpdate } from './support/rag-fixtures';
import { TestApp, type TestOrganisation } from './support/test-app';

const run = promisify(execFile);

/**
 * `check-rag-history`: every stored snapshot against an evaluation of its date from scratch (the
 * facts as they stood then). Until 2 December 2026 a re-run could store a colour without an
 * overdue milestone; a council's history from before then is checked, and repaired, with this.
 */
describe('check-rag-history: stored snapshots against the facts of their date', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let other: TestOrganisation;
  let plan: PlanFixture;
  const ids: Record<string, string> = {};

  const check = async (options: HistoryCheckOptions) => {
    const out: DateCheck[] = [];
    for await (const c of t.app.get(RagHistoryCheckService).check(options)) out.push(c);
    return out;
  };
  const cli = (...args: string[]) => {
    const env = { ...process.env, DATABASE_URL: t.config.DATABASE_URL, REDIS_URL: t.config.REDIS_URL, LOG_LEVEL: 'silent' };
    return run('node', ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', 'check-rag-history', ...args], { env, timeout: 120_000 }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
  };

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-23T10:00:00Z' });
    org = await t.createOrganisation('Eastmoor Council');
    other = await t.createOrganisation('Westmoor Council');
    plan = await seedPlanBasics(t.dataSource, org.id);
    for (const [reference, dueDate] of [
      ['B1.1', '2026-11-10'],
      ['B1.2', '2026-12-20'],
    ] as const) {
      const a = await seedAction(t.dataSource, org.id, plan, { ownerId: org.admin.id, reference, milestones: [{ title: `Audit for ${reference}`, dueDate }] });
      await insertProgressUpdate(t.dataSource, { organisationId: org.id, actionId: a.id, authorId: org.admin.id, updateDate: '2026-11-16' });
      ids[reference] = a.id;
    }
    // B1.2 overridden from 19 November: its snapshots carry the rules' colour beneath.
    await t.dataSource.query(
      `INSERT INTO rag_override (organisation_id, action_id, colour, reason, expires_on, set_by_id, set_at) VALUES ($1, $2, 'green', 'Agreed at the board', '2026-12-31', $3, '2026-11-19T10:00:00Z')`,
      [org.id, ids['B1.2'], org.admin.id],
    );
    const otherPlan = await seedPlanBasics(t.dataSource, other.id);
    await seedAction(t.dataSource, other.id, otherPlan, { ownerId: other.admin.id, reference: 'C1.1' });
    const compute = t.app.get(RagComputeService);
    for (const asOf of ['2026-11-20', '2026-11-23']) {
      await compute.recomputePlan(org.id, plan.planId!, asOf);
      await compute.recomputePlan(other.id, otherPlan.planId!, asOf);
    }
  }, 60_000);

  afterAll(() => t?.close());

  it('finds nothing to report in a history the nightly runs stored', async () => {
    const checks = await check({ organisationId: org.id });
    expect(checks.map((c) => [c.asOf, c.snapshots, c.differing.length])).toEqual([
      ['2026-11-20', 2, 0],
      ['2026-11-23', 2, 0],
    ]);
    expect(checks.every((c) => c.packs.length === 0)).toBe(true);
  });

  it('names each snapshot that differs, with what it says and what the facts of its date give; the dates and organisation chosen only', async () => {
    // As a re-run before the fix could store it: the overdue milestone missing.
    await t.dataSource.query(
      `UPDATE rag_snapshot SET colour = 'green', reasons = '[{"code": "on_track", "colour": "green", "text": "on track"}]' WHERE action_id = $1 AND as_of = '2026-11-20'`,
      [ids['B1.1']],
    );
    const checks = await check({ organisationId: org.id });
    const differing = checks.filter((c) => c.differing.length > 0);
    expect(differing).toHaveLength(1);
    expect(differing[0]).toMatchObject({ organisationId: org.id, organisationName: 'Eastmoor Council', planId: plan.planId, asOf: '2026-11-20', snapshots: 2 });
    expect(differing[0].planTitle.length).toBeGreaterThan(0);
    expect(differing[0].differing).toEqual([
      {
        actionId: ids['B1.1'],
        reference: 'B1.1',
        stored: expect.objectContaining({ colour: 'green', reasons: [{ code: 'on_track', colour: 'green', text: 'on track' }] }),
        fromFacts: expect.objectContaining({ reasons: expect.arrayContaining([expect.objectContaining({ text: "milestone 'Audit for B1.1' overdue by 10 days" })]) }),
      },
    ]);
    expect(differing[0].differing[0].fromFacts!.colour).not.toBe('green');
    expect((await check({ organisationId: org.id, from: '2026-11-21' })).map((c) => [c.asOf, c.differing.length])).toEqual([['2026-11-23', 0]]);
    expect((await check({ organisationId: other.id })).every((c) => c.differing.length === 0 && c.snapshots === 1)).toBe(true);
    // Every organisation when none is named.
    expect((await check({})).map((c) => c.organisationId).sort()).toEqual([org.id, org.id, other.id, other.id].sort());
  });

  it('the CLI lists the differences and exits 1; with --repair recomputes those dates only and exits 0; then the history is clean', async () => {
    const [before] = await t.dataSource.query<{ at: Date }[]>(`SELECT max(computed_at) AS at FROM rag_snapshot WHERE as_of = '2026-11-23'`);

    // The board's pack made for that date, published the next day: named as read from those snapshots.
    await t.dataSource.query(
      `INSERT INTO pack (organisation_id, plan_id, audience, as_of, title, formats, state, requested_by_id, progress, published_at)
       VALUES ($1, $2, 'board', '2026-11-20', 'Improvement board: progress to 20 November', '["pdf"]', 'ready', $3, 100, '2026-11-21T09:30:00Z')`,
      [org.id, plan.planId, org.admin.id],
    );
    // An overridden snapshot whose colour beneath lost its reasons: the override's colour is the same, the rules' beneath differ.
    await t.dataSource.query(`UPDATE rag_snapshot SET computed_reasons = '[]' WHERE action_id = $1 AND as_of = '2026-11-20'`, [ids['B1.2']]);

    const found = await cli('--organisation', org.id);
    expect(found.code).toBe(1);
    const [{ title }] = await t.dataSource.query<{ title: string }[]>(`SELECT title FROM plan WHERE id = $1`, [plan.planId]);
    expect(found.stdout).toContain(`2026-11-20 Eastmoor Council, ${title} (plan ${plan.planId}): 2 of 2 snapshot(s) differ\n`);
    expect(found.stdout).toContain('  B1.1: stored green: on track\n');
    expect(found.stdout).toMatch(/\n {4}from the facts: (amber|red): milestone 'Audit for B1\.1' overdue by 10 days\n/);
    expect(found.stdout).toContain('\n  B1.2: stored green: Override: Agreed at the board (until 31 December 2026) (overridden; the rules give green: )\n    from the facts: green: Override: Agreed at the board (until 31 December 2026) (overridden; the rules give green: on track)\n');
    expect(found.stdout).toContain('\n  pack made from this date: "Improvement board: progress to 20 November" (board, published 21 November 2026)\n');
    expect(found.stdout).toContain('2 date(s) checked, 4 snapshot(s): 2 differ, on 1 date(s)\n');

    const repaired = await cli('--organisation', org.id, '--repair');
    expect(repaired.stderr).toBe('');
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toContain('2 of 2 snapshot(s) differ, repaired\n');
    expect(repaired.stdout).toContain('; 2 repaired, 0 still differ\n');
    // The other date was not recomputed.
    const [after] = await t.dataSource.query<{ at: Date }[]>(`SELECT max(computed_at) AS at FROM rag_snapshot WHERE as_of = '2026-11-23'`);
    expect(after.at).toEqual(before.at);

    const clean = await cli('--json');
    expect(clean.code).toBe(0);
    const lines = clean.stdout.trim().split('\n').map((l) => JSON.parse(l) as { summary?: Record<string, number> });
    expect(lines[lines.length - 1].summary).toEqual({ dates: 4, snapshots: 6, differingDates: 0, differing: 0, repaired: 0, stillDiffering: 0 });
  }, 180_000);

  it('compares a chunk of actions at a time and finds the same differences, listed as the plan lists its actions', async () => {
    const north = await t.createOrganisation('Northmoor Council');
    const northPlan = await seedPlanBasics(t.dataSource, north.id);
    const refs: Record<string, string> = {};
    for (const reference of ['D1.1', 'D1.2', 'D1.10', 'D2.1', 'D2.3', 'D2.20']) {
      const a = await seedAction(t.dataSource, north.id, northPlan, { ownerId: north.admin.id, reference, milestones: [{ title: `Audit for ${reference}`, dueDate: '2026-11-10' }] });
      refs[reference] = a.id;
    }
    await t.app.get(RagComputeService).recomputePlan(north.id, northPlan.planId!, '2026-11-23');
    // Two actions whose status was first recorded after the date (they did not exist yet), with ids
    // below and above every other, each with a snapshot for the date: the stored snapshots merged
    // into the first chunk of results, and those left after the last.
    for (const [id, reference] of [
      ['00000000-0000-4000-8000-000000000001', 'D0.1'],
      ['ffffffff-ffff-4fff-bfff-ffffffffffff', 'D9.1'],
    ]) {
      await t.dataSource.getRepository(ActionEntity).insert({
        id, organisationId: north.id, planId: northPlan.planId, reference, title: reference, description: '', workstreamId: northPlan.workstreamId,
        ownerId: north.admin.id, leadAgency: null, startDate: '2026-01-05', dueDate: '2026-12-31', successMeasures: '', status: 'in_progress',
        progressPercent: 0, statusRecordedAt: new Date('2026-11-30T10:00:00Z'),
      });
      await t.dataSource.query(
        `INSERT INTO rag_snapshot (organisation_id, plan_id, action_id, as_of, colour, reasons, overridden, computed_colour, computed_reasons, override_id, policy_version, computed_at)
         SELECT organisation_id, plan_id, $2, as_of, colour, reasons, overridden, computed_colour, computed_reasons, override_id, policy_version, computed_at
         FROM rag_snapshot WHERE action_id = $1 AND as_of = '2026-11-23'`,
        [refs['D1.1'], id],
      );
    }
    for (const reference of ['D2.20', 'D1.10', 'D1.2']) {
      await t.dataSource.query(`UPDATE rag_snapshot SET colour = 'blue', reasons = '[]' WHERE action_id = $1 AND as_of = '2026-11-23'`, [refs[reference]]);
    }

    const whole = await check({ organisationId: north.id });
    expect(whole).toHaveLength(1);
    expect(whole[0].snapshots).toBe(8);
    expect(whole[0].differing.map((d) => [d.reference, d.stored.colour, d.fromFacts?.colour ?? null])).toEqual([
      ['D0.1', expect.any(String), null],
      ['D1.2', 'blue', expect.not.stringMatching(/^blue$/)],
      ['D1.10', 'blue', expect.not.stringMatching(/^blue$/)],
      ['D2.20', 'blue', expect.not.stringMatching(/^blue$/)],
      ['D9.1', expect.any(String), null],
    ]);
    // One action at a time, two, three: every range of ids, the first and the last included.
    for (const chunkSize of [1, 2, 3]) expect(await check({ organisationId: north.id, chunkSize })).toEqual(whole);
  }, 60_000);

  it('reads the facts in the snapshot it reads the stored rows in: a recompute committed during the check is not a difference', async () => {
    const south = await t.createOrganisation('Southmoor Council');
    const southPlan = await seedPlanBasics(t.dataSource, south.id);
    const action = await seedAction(t.dataSource, south.id, southPlan, {
      ownerId: south.admin.id,
      reference: 'E1.1',
      milestones: [{ title: 'Audit of supervision', dueDate: '2026-12-20' }],
    });
    await insertProgressUpdate(t.dataSource, { organisationId: south.id, actionId: action.id, authorId: south.admin.id, updateDate: '2026-11-16' });
    const compute = t.app.get(RagComputeService);
    await compute.recomputePlan(south.id, southPlan.planId!, '2026-11-23');
    const colourOf = async () =>
      (await t.dataSource.query<{ colour: string }[]>(`SELECT colour FROM rag_snapshot WHERE action_id = $1 AND as_of = '2026-11-23'`, [action.id]))[0].colour;
    const before = await colourOf();

    // Once the check has started reading the stored snapshots, and before it reads the facts: the
    // milestone becomes overdue and that date's recompute commits its new colour.
    const evaluate = compute.evaluatePlanChunks.bind(compute);
    const spy = jest.spyOn(compute, 'evaluatePlanChunks').mockImplementationOnce(async (...args) => {
      await t.dataSource.query(`UPDATE milestone SET due_date = '2026-11-10' WHERE action_id = $1`, [action.id]);
      await compute.recomputePlan(south.id, southPlan.planId!, '2026-11-23');
      return evaluate(...args);
    });
    try {
      const checks = await check({ organisationId: south.id });
      expect(spy).toHaveBeenCalledTimes(1);
      expect(checks.map((c) => [c.asOf, c.snapshots, c.differing])).toEqual([['2026-11-23', 1, []]]);
    } finally {
      spy.mockRestore();
    }
    // The recompute did change the colour, and the history is consistent with it too.
    expect(await colourOf()).not.toBe(before);
    expect((await check({ organisationId: south.id })).map((c) => c.differing.length)).toEqual([0]);
  }, 60_000);

  it('refuses a malformed date or organisation id (exit 2, the usage)', async () => {
    const badDate = await cli('--from', '2026-13-01');
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toContain('--from must be a date (YYYY-MM-DD)');
    const badId = await cli('--organisation', 'warrington');
    expect(badId.code).toBe(2);
    expect(badId.stderr).toContain('--organisation must be an organisation id (a UUID)');
    // An empty value (an unset shell variable, say) is refused too, not passed to the database.
    const emptyId = await cli('--organisation', '');
    expect(emptyId.code).toBe(2);
    expect(emptyId.stderr).toContain('--organisation must be an organisation id (a UUID)');
  }, 60_000);
});
