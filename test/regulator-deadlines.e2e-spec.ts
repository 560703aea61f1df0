import { RagComputeService } from '../src/rag/compute/rag-compute.service';
import { auditOf, expectInvalidField, planRoles, PlanRoles, post, regulatorIds } from './support/inspections-api';
import { bearer, inPlan, TestApp, type TestUser } from './support/test-app';

/**
 * Regulator deadlines as milestones (issue 12). The fixed clock: 23 November 2026 (London).
 *
 * THE HAND COUNT. An ILACS report published on Monday 2 November 2026: the action plan is due 70
 * working days later (SI 2007/462 regulation 3; the publication day itself is not counted). England
 * and Wales bank holidays in the window: Friday 25 December 2026 (Christmas Day), Monday 28 December
 * (Boxing Day, substitute for Saturday 26th) and Friday 1 January 2027.
 *   Tue 3 - Fri 6 Nov ........ 4   (4)
 *   9-13, 16-20, 23-27 Nov ... 15  (19)
 *   30 Nov-4, 7-11, 14-18 Dec  15  (34)
 *   Mon 21 - Thu 24 Dec ...... 4   (38)   Fri 25 Dec: Christmas Day
 *   Tue 29 - Thu 31 Dec ...... 3   (41)   Mon 28 Dec: Boxing Day (substitute); Fri 1 Jan: New Year's Day
 *   4-8, 11-15, 18-22, 25-29 Jan 20 (61)
 *   1-5 Feb .................. 5   (66)
 *   Mon 8, Tue 9, Wed 10, Thu 11 Feb: 67, 68, 69, 70  ->  due Thursday 11 February 2027.
 * Without the three bank holidays it would be Monday 8 February; the calendar must not miss them.
 * Published a week later (Monday 9 November), five more working days with no holiday among them
 * (Fri 12, Mon 15, Tue 16, Wed 17, Thu 18 Feb) -> Thursday 18 February 2027.
 */
const HAND_COUNTED_DUE = '2027-02-11';
const HAND_COUNTED_DUE_A_WEEK_LATER = '2027-02-18';

interface Deadline {
  id: string;
  key: string;
  eventType: string;
  eventId: string;
  actionId: string;
  milestoneId: string;
  title: string;
  dueOn: string;
  basis: string;
  rule: string;
  sources: { document: string }[];
  notApplicable: boolean;
  notApplicableReason: string | null;
}

describe('regulator deadlines as milestones (real PostgreSQL)', () => {
  let t: TestApp;
  let roles: PlanRoles;
  let reg: Record<string, string>;
  let ilacs: { id: string; version: number };
  let deadline: Deadline;

  beforeAll(async () => {
    t = await TestApp.start({ worker: true });
    const orgA = await t.createOrganisation('Sefton Council');
    const orgB = await t.createOrganisation('Knowsley Council');
    roles = await planRoles(t, orgA, orgB);
    reg = await regulatorIds(t, roles.board);
  });

  afterAll(() => t?.close());

  const deadlines = async (user: TestUser = roles.board): Promise<Deadline[]> =>
    (await t.http().get(inPlan(user.planId, 'regulator-deadlines')).set(bearer(user)).expect(200)).body.items as Deadline[];

  const ilacsBody = (publishedDate: string) => ({
    regulatorId: reg.ofsted,
    kind: 'ofsted_ilacs_full',
    title: 'Ofsted inspection of local authority children’s services',
    startDate: '2026-09-21',
    endDate: '2026-10-02',
    publishedDate,
    reportReference: 'ILACS report',
  });

  it('an ILACS report published on 2 November 2026 yields the action plan milestone on the 70th working day (hand count above)', async () => {
    ilacs = await post(t, roles.board, 'inspections', ilacsBody('2026-11-02'));
    const items = await deadlines();
    expect(items).toHaveLength(1);
    deadline = items[0];
    expect(deadline).toMatchObject({
      key: 'ilacs_action_plan',
      eventType: 'inspection',
      eventId: ilacs.id,
      dueOn: HAND_COUNTED_DUE,
      basis: '70 working days after the report was published on 2 November 2026',
      notApplicable: false,
    });
    expect(deadline.rule).toMatch(/70 working days/);
    expect(deadline.sources.map((s) => s.document)).toEqual(expect.arrayContaining([expect.stringContaining('SI 2007/462')]));

    // The milestone sits on the plan-level action, made for it and owned by who recorded the inspection.
    const action = (await t.http().get(`/api/v1/actions/${deadline.actionId}`).set(bearer(roles.board)).expect(200)).body;
    expect(action).toMatchObject({ reference: 'RD1', title: 'Meet the regulator’s deadlines', dueDate: HAND_COUNTED_DUE });
    expect(action.owner?.id ?? action.ownerId).toBe(roles.board.id);
    expect(action.milestones).toEqual([expect.objectContaining({ id: deadline.milestoneId, title: deadline.title, dueDate: HAND_COUNTED_DUE, completedOn: null })]);
    expect((await auditOf(t, roles.admin, 'milestone', deadline.milestoneId)).map((e) => e.action)).toEqual(['create']);
    // Once the inspection's transaction commits, the new action's colour is computed (a queued job, run by the worker).
    const until = Date.now() + 30_000;
    let coloured: unknown[] = [];
    while (coloured.length === 0 && Date.now() < until) {
      coloured = await t.dataSource.query(`SELECT colour FROM rag_snapshot WHERE action_id = $1`, [deadline.actionId]);
      if (coloured.length === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(coloured).toHaveLength(1);
  });

  it('moving the publication date moves the milestone (same milestone, audited)', async () => {
    const res = await t.http().patch(`/api/v1/inspections/${ilacs.id}`).set(bearer(roles.board)).send({ publishedDate: '2026-11-09', version: ilacs.version }).expect(200);
    ilacs = res.body;
    const [moved] = await deadlines();
    expect(moved).toMatchObject({ id: deadline.id, milestoneId: deadline.milestoneId, dueOn: HAND_COUNTED_DUE_A_WEEK_LATER });
    expect(moved.basis).toContain('9 November 2026');
    const events = await auditOf(t, roles.admin, 'milestone', deadline.milestoneId);
    expect(events.map((e) => e.action)).toEqual(['create', 'update']);
    expect(events[1].changes.dueDate).toEqual({ before: HAND_COUNTED_DUE, after: HAND_COUNTED_DUE_A_WEEK_LATER });
    const action = (await t.http().get(`/api/v1/actions/${deadline.actionId}`).set(bearer(roles.board)).expect(200)).body;
    expect(action.dueDate).toBe(HAND_COUNTED_DUE_A_WEEK_LATER);
    // The dates they replaced are kept with the change's time, for the colours of earlier dates.
    const now = new Date(t.clock.now());
    expect(await t.dataSource.query('SELECT due_date::text AS due, superseded_at AS at FROM milestone_due_history WHERE milestone_id = $1', [deadline.milestoneId])).toEqual([
      { due: HAND_COUNTED_DUE, at: now },
    ]);
    expect(await t.dataSource.query('SELECT due_date::text AS due, superseded_at AS at FROM action_dates_history WHERE action_id = $1', [deadline.actionId])).toEqual([
      { due: HAND_COUNTED_DUE, at: now },
    ]);
  });

  it('a Section 50 notification yields no deadline', async () => {
    const cqc = await post(t, roles.board, 'inspections', {
      regulatorId: reg.cqc,
      kind: 'cqc_la_assessment',
      title: 'CQC assessment of adult social care',
      startDate: '2026-03-02',
      publishedDate: '2026-06-19',
    });
    const notice = await post(t, roles.board, 'notices', {
      kind: 'section_50',
      title: 'Section 50 notification',
      inspectionId: cqc.id,
      issuedOn: '2026-07-15',
      deadline: '2027-07-31',
    });
    const items = await deadlines();
    expect(items.map((d) => d.eventId)).not.toContain(notice.id);
    expect(items.map((d) => d.eventId)).not.toContain(cqc.id);
    expect(items).toHaveLength(1);
  });

  it('a DfE improvement notice’s stated deadline becomes a milestone citing the notice; deleting the notice removes it', async () => {
    const notice = await post(t, roles.board, 'notices', { kind: 'dfe_improvement_notice', title: 'Improvement notice', issuedOn: '2026-10-01', deadline: '2027-04-01' });
    const stated = (await deadlines()).find((d) => d.eventId === notice.id)!;
    expect(stated).toMatchObject({ key: 'notice_stated_date', dueOn: '2027-04-01', eventType: 'notice' });
    await t.http().delete(`/api/v1/notices/${notice.id}`).set(bearer(roles.board)).expect(204);
    expect((await deadlines()).map((d) => d.eventId)).not.toContain(notice.id);
    expect((await auditOf(t, roles.admin, 'milestone', stated.milestoneId)).map((e) => e.action)).toEqual(['create', 'delete']);
  });

  it('changing the kind to one with no deadline removes its milestone', async () => {
    const short = await post(t, roles.board, 'inspections', { ...ilacsBody('2026-11-02'), kind: 'ofsted_ilacs_short', title: 'Short ILACS' });
    const made = (await deadlines()).find((d) => d.eventId === short.id)!;
    expect(made.dueOn).toBe(HAND_COUNTED_DUE);
    await t.http().patch(`/api/v1/inspections/${short.id}`).set(bearer(roles.board)).send({ kind: 'ofsted_monitoring_visit', version: short.version }).expect(200);
    expect((await deadlines()).map((d) => d.eventId)).not.toContain(short.id);
    await t.http().get(`/api/v1/actions/${made.actionId}`).set(bearer(roles.board)).expect(200);
  });

  describe('not applicable', () => {
    const mark = (user: TestUser, body: object, id = deadline.id) => t.http().post(`/api/v1/regulator-deadlines/${id}/not-applicable`).set(bearer(user)).send(body);

    it('needs a reason (400 naming the field)', async () => {
      expectInvalidField(await mark(roles.board, {}), 'reason');
      expectInvalidField(await mark(roles.board, { reason: '  ' }), 'reason');
    });

    it('owner 403; scrutiny and another organisation 404', async () => {
      expect((await mark(roles.owner, { reason: 'Not needed' })).status).toBe(403);
      expect((await mark(roles.scrutiny, { reason: 'Not needed' })).status).toBe(404);
      expect((await mark(roles.stranger, { reason: 'Not needed' })).status).toBe(404);
      await t.http().get(`/api/v1/regulator-deadlines/${deadline.id}`).set(bearer(roles.stranger)).expect(404);
      await t.http().get(inPlan(roles.stranger.planId, 'regulator-deadlines')).set(bearer(roles.stranger)).expect(200, { items: [] });
      expect((await deadlines())[0].notApplicable).toBe(false);
    });

    it('the board marks it not applicable with a reason: shown so, audited, and from that day it no longer drives the colour', async () => {
      const reason = 'Ofsted agreed the existing improvement plan answers the report';
      const compute = t.app.get(RagComputeService);
      const milestoneReasons = async (asOf: string) =>
        (await compute.recomputeAction(roles.board.organisationId, deadline.actionId, asOf))!.reasons.filter((r) => r.code.startsWith('milestone_overdue'));
      // Marked on 1 March 2027, after the (moved) deadline of 18 February had passed unmet.
      t.clock.set('2027-03-01T10:00:00Z');
      expect(await milestoneReasons('2027-03-01')).toHaveLength(1);
      const res = await mark(roles.board, { reason }).expect(200);
      expect(await milestoneReasons('2027-03-01')).toEqual([]);
      // The day before it was marked keeps the colour it had.
      expect(await milestoneReasons('2027-02-28')).toHaveLength(1);
      t.clock.set('2026-11-23T10:00:00Z');
      expect(res.body).toMatchObject({ id: deadline.id, notApplicable: true, notApplicableReason: reason, notApplicableById: roles.board.id });
      expect((await deadlines()).find((d) => d.id === deadline.id)).toMatchObject({ notApplicable: true, notApplicableReason: reason });
      const events = await auditOf(t, roles.admin, 'regulator_deadline', deadline.id);
      expect(events.map((e) => e.action)).toEqual(['create', 'update', 'not_applicable']);
      expect(events[2].actorId).toBe(roles.board.id);
      expect(events[2].changes.notApplicableReason).toEqual({ before: null, after: reason });
    });
  });
});
