import { addDays, type CalendarDate, londonMidnightUtc } from '../src/common/dates/calendar-date';
import { RagComputeService } from '../src/rag/compute/rag-compute.service';
import { makePdf } from './support/evidence-fixtures';
import { trendCountsAndSnapshotCounts } from './support/rag-fixtures';
import { seedPlanBasics, type PlanFixture } from './support/plan-fixtures';
import { bearer, TestApp, type TestOrganisation, type TestUser, inPlan } from './support/test-app';

/**
 * The test that cannot be fooled (issue 12): a plan of ten actions driven through thirteen weeks
 * (3 August to 1 November 2026, across the end of British Summer Time) with the clock advanced
 * day by day. Every change goes through the real API, stamped by the clock; late entries carry
 * earlier effective dates. At the end of each day the nightly recompute runs for that day (called
 * directly, not through Redis timing). Then every snapshot is wiped and every past date is
 * recomputed from scratch, now, with all the later facts in the database: each snapshot (colour,
 * reasons, override, the rules' colour and reasons beneath it, policy version) must be identical.
 */
const START: CalendarDate = '2026-08-03';
const DAYS = 91;

/** An instant on a London calendar date, `hours` after its midnight. */
const at = (date: CalendarDate, hours: number) => new Date(londonMidnightUtc(date).getTime() + hours * 3_600_000);
const day = (n: number) => addDays(START, n);

interface SnapshotFields {
  actionId: string;
  asOf: string;
  colour: string;
  reasons: unknown;
  overridden: boolean;
  computedColour: string | null;
  computedReasons: unknown;
  overrideId: string | null;
  policyVersion: number;
}

describe('RAG true history: a recompute of any past date gives exactly what that day gave', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let board: TestUser;
  let owner: TestUser;
  let plan: PlanFixture;
  let compute: RagComputeService;
  const ids: Record<string, string> = {};
  const milestoneIds: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start({ now: at(START, 8).toISOString() });
    org = await t.createOrganisation('Wirral Council');
    board = await t.createUser(org, 'board');
    owner = await t.createUser(org, 'owner');
    plan = await seedPlanBasics(t.dataSource, org.id);
    compute = t.app.get(RagComputeService);
  });

  afterAll(async () => {
    await t?.close();
  });

  const http = () => t.http();

  async function createAction(ref: string, startDate: CalendarDate, dueDate: CalendarDate, milestones: { title: string; dueDate: CalendarDate }[]) {
    const res = await http()
      .post(inPlan(board.planId, 'actions'))
      .set(bearer(board))
      .send({ reference: ref, title: `Action ${ref}`, workstreamId: plan.workstreamId, findingIds: [plan.findingId], ownerId: owner.id, startDate, dueDate, milestones })
      .expect(201);
    ids[ref] = res.body.id as string;
    for (const m of res.body.milestones as { id: string; title: string }[]) milestoneIds[`${ref}:${m.title}`] = m.id;
  }

  async function setStatus(ref: string, status: string) {
    const current = await http().get(`/api/v1/actions/${ids[ref]}`).set(bearer(board)).expect(200);
    await http().patch(`/api/v1/actions/${ids[ref]}`).set(bearer(board)).send({ status, version: current.body.version }).expect(200);
  }

  async function complete(ref: string, title: string, completedOn: CalendarDate) {
    const id = milestoneIds[`${ref}:${title}`];
    const list = await http().get(`/api/v1/actions/${ids[ref]}/milestones`).set(bearer(owner)).expect(200);
    const m = (list.body.items as { id: string; version: number }[]).find((x) => x.id === id);
    await http().patch(`/api/v1/actions/${ids[ref]}/milestones/${id}`).set(bearer(owner)).send({ completedOn, version: m?.version }).expect(200);
  }

  async function update(ref: string, updateDate?: CalendarDate) {
    await http()
      .post(`/api/v1/actions/${ids[ref]}/updates`)
      .set(bearer(owner))
      .send({ narrative: 'Reported to the board', ...(updateDate ? { updateDate } : {}) })
      .expect(201);
  }

  async function upload(ref: string, title: string): Promise<string> {
    const res = await http()
      .post(`/api/v1/actions/${ids[ref]}/evidence`)
      .set(bearer(owner))
      .field('title', title)
      .attach('file', await makePdf(`${ref} ${title}`), { filename: 'evidence.pdf', contentType: 'application/pdf' })
      .expect(201);
    return res.body.id as string;
  }

  const review = (id: string, decision: 'accepted' | 'rejected') =>
    http()
      .post(`/api/v1/evidence/${id}/review`)
      .set(bearer(board))
      .send({ decision, ...(decision === 'rejected' ? { comment: 'Not signed off; send the signed minutes' } : {}) })
      .expect(200);

  const override = (ref: string, colour: string, expiresOn: CalendarDate) =>
    http().post(`/api/v1/actions/${ids[ref]}/rag-override`).set(bearer(board)).send({ colour, reason: 'Agreed at board', expiresOn }).expect(201);

  const evidence: Record<string, string> = {};

  /** What happens on each day of the plan (day number from 3 August), at 09:00 London. */
  const events: Record<number, () => Promise<void>> = {
    0: async () => {
      await createAction('A1', day(0), day(80), [{ title: 'Audit', dueDate: day(14) }]);
      await createAction('A2', day(0), day(85), [{ title: 'Training', dueDate: day(60) }]);
      await createAction('A3', day(0), day(70), [{ title: 'Policy', dueDate: day(30) }]);
      await createAction('A4', day(0), day(88), []);
      await createAction('A5', day(0), day(40), [{ title: 'Panel', dueDate: day(20) }]);
      await createAction('A6', day(0), day(89), []);
      await createAction('A7', day(40), day(89), []);
      await createAction('A8', day(0), day(89), [{ title: 'Review', dueDate: day(50) }]);
      await createAction('A9', day(0), day(30), []);
      for (const ref of ['A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A8', 'A9']) await setStatus(ref, 'in_progress');
    },
    5: () => update('A2'),
    10: async () => {
      evidence.a8 = await upload('A8', 'Draft terms of reference');
    },
    12: () => http().post(`/api/v1/evidence/${evidence.a8}/withdraw`).set(bearer(owner)).send({}).expect(200).then(() => undefined),
    20: async () => {
      await createAction('A10', day(20), day(60), [{ title: 'Launch', dueDate: day(35) }]);
      await setStatus('A10', 'in_progress');
      evidence.a4first = await upload('A4', 'Case audit');
    },
    25: () => review(evidence.a4first, 'rejected').then(() => undefined),
    28: () => complete('A3', 'Policy', day(27)),
    30: async () => {
      await setStatus('A2', 'blocked');
      await override('A5', 'green', day(70));
    },
    // The Audit milestone (due day 14) marked complete on day 35 "as of" day 10: it counts from day 35.
    35: () => complete('A1', 'Audit', day(10)),
    40: async () => {
      evidence.a4second = await upload('A4', 'Case audit, signed');
      await update('A1');
    },
    42: () => review(evidence.a4second, 'accepted').then(() => undefined),
    45: async () => {
      await setStatus('A2', 'in_progress');
      await http().put(`/api/v1/plans/${org.planId}/settings/rag`).set(bearer(org.admin)).send({ staleAfterDays: 21 }).expect(200);
    },
    // Removed on day 50: not in force on day 50 itself.
    50: async () => {
      await http().delete(`/api/v1/actions/${ids.A5}/rag-override`).set(bearer(board)).expect(200);
      // A late progress update, dated day 44.
      await update('A6', day(44));
    },
    60: async () => {
      await setStatus('A3', 'complete');
      await override('A6', 'amber', day(75));
    },
    65: async () => {
      evidence.a3 = await upload('A3', 'Signed policy');
      await review(evidence.a3, 'accepted');
    },
    70: () => update('A9'),
    // A late completion of Launch (due day 35) as of day 30.
    72: () => complete('A10', 'Launch', day(30)),
    80: () => setStatus('A9', 'complete'),
  };

  async function allSnapshots(): Promise<SnapshotFields[]> {
    return t.dataSource.query(
      `SELECT action_id AS "actionId", as_of::text AS "asOf", colour, reasons, overridden, computed_colour AS "computedColour",
              computed_reasons AS "computedReasons", override_id AS "overrideId", policy_version AS "policyVersion"
       FROM rag_snapshot WHERE organisation_id = $1 ORDER BY as_of, action_id`,
      [org.id],
    );
  }

  it('replays thirteen weeks day by day, then recomputes every date from scratch and gets every snapshot back', async () => {
    for (let n = 0; n < DAYS; n++) {
      const event = events[n];
      if (event) {
        t.clock.set(at(day(n), 9));
        await event();
      }
      // The nightly run for the day, once the day's changes are in.
      t.clock.set(at(day(n), 23.5));
      await compute.recomputeOrganisation(org.id, day(n));
    }
    const nightly = await allSnapshots();
    const find = (ref: string, n: number) => nightly.find((s) => s.actionId === ids[ref] && s.asOf === day(n));

    // The replay is not vacuous: what each day saw is what happened by then.
    expect(find('A10', 19)).toBeUndefined();
    expect(find('A10', 20)).toBeDefined();
    expect(find('A1', 20)).toMatchObject({ colour: 'amber', reasons: [{ code: 'milestone_overdue_amber', text: "milestone 'Audit' overdue by 6 days" }] });
    expect(find('A1', 35)?.colour).toBe('green');
    expect(find('A2', 30)).toMatchObject({ colour: 'red', reasons: [{ code: 'blocked' }] });
    expect(find('A4', 24)?.colour).toBe('green');
    expect(find('A4', 25)).toMatchObject({ colour: 'amber', reasons: [{ code: 'evidence_rejected' }] });
    expect(find('A4', 40)?.colour).toBe('green');
    expect(find('A5', 35)).toMatchObject({ colour: 'green', overridden: true, computedColour: 'amber', computedReasons: [{ code: 'milestone_overdue_amber' }] });
    expect(find('A5', 35)?.overrideId).toEqual(expect.any(String));
    expect(find('A5', 50)).toMatchObject({ overridden: false, computedColour: null, overrideId: null });
    expect(find('A3', 62)).toMatchObject({ colour: 'amber', reasons: [{ code: 'complete_awaiting_evidence' }] });
    expect(find('A3', 65)?.colour).toBe('blue');
    expect(find('A6', 44)?.policyVersion).toBe(1);
    expect(find('A6', 45)?.policyVersion).toBe(2);
    expect(find('A10', 40)).toMatchObject({ colour: 'amber', reasons: [{ code: 'milestone_overdue_amber' }] });
    const codes = (ref: string, n: number) => (find(ref, n)?.reasons as { code: string }[]).map((r) => r.code);
    expect(codes('A10', 71)).toEqual(['overdue', 'milestone_overdue_red', 'stale']);
    expect(codes('A10', 72)).toEqual(['overdue', 'stale']);
    expect(nightly).toHaveLength(9 * DAYS + (DAYS - 20));
    // The trend counts kept by triggers as snapshots were inserted and changed equal a recount.
    const afterNightly = await trendCountsAndSnapshotCounts(t.dataSource, org.id);
    expect(afterNightly.kept).toHaveLength(afterNightly.counted.length);
    expect(afterNightly.kept).toEqual(afterNightly.counted);

    // Wipe, then recompute every past date now, with every later fact in the database.
    await t.dataSource.query('DELETE FROM rag_snapshot WHERE organisation_id = $1', [org.id]);
    expect((await trendCountsAndSnapshotCounts(t.dataSource, org.id)).kept).toEqual([]);
    t.clock.set(at(day(DAYS + 3), 10));
    for (let n = 0; n < DAYS; n++) await compute.recomputeOrganisation(org.id, day(n));
    const replayed = await allSnapshots();

    expect(replayed).toHaveLength(nightly.length);
    const differences = replayed.filter((s, i) => JSON.stringify(s) !== JSON.stringify(nightly[i]));
    expect(differences).toEqual([]);
    expect((await trendCountsAndSnapshotCounts(t.dataSource, org.id)).kept).toEqual(afterNightly.kept);
  }, 120_000);

  it("shows the rules' answer beside an override, with who set it, in the action and its RAG history", async () => {
    // Runs after the replay: A5 was overridden from day 30 to day 49.
    const history = await http().get(`/api/v1/actions/${ids.A5}/rag-history?pageSize=100`).set(bearer(board)).expect(200);
    const day35 = (history.body.items as { asOf: string }[]).find((s) => s.asOf === day(35));
    expect(day35).toMatchObject({
      colour: 'green',
      overridden: true,
      computed: { colour: 'amber', reasons: [{ code: 'milestone_overdue_amber', text: "milestone 'Panel' overdue by 15 days" }] },
      override: { colour: 'green', reason: 'Agreed at board', expiresOn: day(70), setBy: { id: board.id, name: expect.any(String), role: 'board' } },
    });
    expect(day35).toMatchObject({ override: { setAt: at(day(30), 9).toISOString(), endedAt: at(day(50), 9).toISOString() } });
    expect((history.body.items as { asOf: string }[]).find((s) => s.asOf === day(50))).toMatchObject({ overridden: false, computed: null, override: null });

    // Today: an override on A4, recomputed now; the action shows both answers.
    const today = day(DAYS + 3);
    t.clock.set(at(today, 10));
    await override('A4', 'green', addDays(today, 14));
    await compute.recomputeAction(org.id, ids.A4);
    const detail = await http().get(`/api/v1/actions/${ids.A4}`).set(bearer(board)).expect(200);
    expect(detail.body.rag).toMatchObject({
      colour: 'green',
      overridden: true,
      computed: { colour: expect.stringMatching(/^(green|amber|red)$/), reasons: expect.any(Array) },
      override: { reason: 'Agreed at board', expiresOn: addDays(today, 14), setBy: { id: board.id, role: 'board' }, endedAt: null },
    });
    // The dashboard lists overridden colours with the rules' answer beside them, today and on a past date.
    const dashboard = await http().get(inPlan(board.planId, 'dashboard')).set(bearer(board)).expect(200);
    expect(dashboard.body.overridden).toMatchObject({
      total: 1,
      items: [{ actionId: ids.A4, colour: 'green', computed: { colour: detail.body.rag.computed.colour }, override: { setBy: { id: board.id } } }],
    });
    const past = await http().get(inPlan(board.planId, `dashboard?asOf=${day(35)}`)).set(bearer(board)).expect(200);
    expect(past.body.overridden).toMatchObject({
      total: 1,
      items: [{ actionId: ids.A5, colour: 'green', computed: { colour: 'amber' }, override: { reason: 'Agreed at board', expiresOn: day(70) } }],
    });
    const list = await http().get(inPlan(board.planId, 'actions?pageSize=100')).set(bearer(board)).expect(200);
    expect((list.body.items as { id: string }[]).find((a) => a.id === ids.A4)).toMatchObject({ rag: { overridden: true, computed: expect.any(Object), override: null } });
  });
});
