import request from 'supertest';
import { seedNotice } from '../support/actions-fixtures';
import { FindingEntity } from '../../src/findings/entities/finding.entity';
import { insertEvidence } from '../support/rag-fixtures';
import { PlanFixture, seedAction, seedPlanBasics } from '../support/plan-fixtures';
import { bearer, inPlan, TestOrganisation } from '../support/test-app';
import { createWebUser, signInWithAgent, startWebApp, WebTestApp, WebUser } from './support/web-test-app';

/**
 * The plan's pages over HTTP (supertest, real PostgreSQL and Redis): the dashboard, the plan, the
 * actions list and "My actions". Who may open them, what a scrutiny member gets, filters and
 * pagination agreeing with the API.
 */
describe('plan pages (supertest)', () => {
  let w: WebTestApp;
  let org: TestOrganisation;
  let board: WebUser;
  let owner: WebUser;
  let scrutiny: WebUser;
  let plan: PlanFixture;
  let otherOrgPlanId: string;
  /** A second finding of the inspection, answered by A07 and A08 only. */
  let secondFindingId: string;
  let notMyPlanId: string;
  const agents = new Map<string, request.Agent>();

  const as = async (user: { email: string }) => {
    const known = agents.get(user.email);
    if (known) return known;
    const { agent } = await signInWithAgent(w.t, user.email);
    agents.set(user.email, agent);
    return agent;
  };
  const paths = (planId: string) => ({
    dashboard: `/plans/${planId}`,
    plan: `/plans/${planId}/plan`,
    actions: `/plans/${planId}/actions`,
    myActions: `/plans/${planId}/my-actions`,
  });

  beforeAll(async () => {
    w = await startWebApp();
    org = await w.t.createOrganisation('Calderbrook Council');
    board = await createWebUser(w.t, org, 'board', 'Bea Boardman');
    owner = await createWebUser(w.t, org, 'owner', 'Owen Ownerley');
    scrutiny = await createWebUser(w.t, org, 'scrutiny', 'Cllr Sam Scrutton');
    const ds = w.t.dataSource;
    plan = await seedPlanBasics(ds, org.id);
    const noticeId = await seedNotice(ds, org.id, plan.inspectionId, org.planId);
    await ds.query('UPDATE finding SET notice_id = $1 WHERE id = $2', [noticeId, plan.findingId]);
    // 30 actions: A01..A30; the owner owns the odd ones, the board member the even ones.
    for (let i = 1; i <= 30; i++) {
      const reference = `A${String(i).padStart(2, '0')}`;
      const a = await seedAction(ds, org.id, plan, {
        ownerId: i % 2 ? owner.id : board.id,
        reference,
        title: i === 7 ? 'Audit of supervision quality' : `Improve practice ${i}`,
        status: i <= 3 ? 'blocked' : 'in_progress',
        dueDate: i <= 5 ? '2026-11-01' : '2027-03-31',
        milestones: i === 1 ? [{ title: 'Audit tool agreed', dueDate: '2026-11-10' }] : [],
      });
      const colour = i <= 3 ? 'red' : i <= 8 ? 'amber' : 'green';
      const reasons = colour === 'red' ? [{ code: 'blocked', colour, text: 'the action is blocked' }] : colour === 'amber' ? [{ code: 'stale', colour, text: 'no progress update for 50 days' }] : [{ code: 'on_track', colour, text: 'on track' }];
      await ds.query(`UPDATE action SET rag_colour = $1, rag_reasons = $2::jsonb, rag_as_of = '2026-11-23' WHERE id = $3`, [colour, JSON.stringify(reasons), a.id]);
    }
    secondFindingId = (
      await ds.getRepository(FindingEntity).save({
        organisationId: org.id,
        planId: org.planId,
        inspectionId: plan.inspectionId,
        noticeId: null,
        reference: 'QS-LEAD-1',
        title: 'Leadership: oversight of practice',
        text: 'Leaders do not have a clear enough understanding of the quality of practice.',
        theme: 'leadership',
        score: 2,
        type: 'area_for_improvement',
      })
    ).id;
    await ds.query(
      `INSERT INTO action_finding (action_id, finding_id, organisation_id) SELECT id, $1, organisation_id FROM action WHERE plan_id = $2 AND reference IN ('A07', 'A08')`,
      [secondFindingId, org.planId],
    );
    const other = await w.t.createOrganisation('Elsewhere Council');
    otherOrgPlanId = other.planId;
    notMyPlanId = (await w.t.createPlan(org, { title: 'SEND improvement plan' })).id;
  });

  afterAll(() => w.close());

  describe('who may open them', () => {
    it.each(['board', 'owner', 'admin'] as const)('a %s sees the dashboard, the plan and the actions list', async (who) => {
      const user = who === 'board' ? board : who === 'owner' ? owner : { email: org.admin.email };
      const agent = await as(user);
      const p = paths(org.planId);
      const dash = await agent.get(p.dashboard).expect(200);
      expect(dash.text).toContain('<h1 class="govuk-heading-l">Dashboard</h1>');
      // The plan's navigation offers the dashboard (the API's GET /plans/:planId/dashboard answers them too: test/dashboard.e2e-spec.ts).
      expect(dash.text).toContain(`<a class="moj-sub-navigation__link" href="${p.dashboard}" aria-current="page">Dashboard</a>`);
      const list = await agent.get(p.actions).expect(200);
      expect(list.text).toContain(`<a class="moj-sub-navigation__link" href="${p.dashboard}">Dashboard</a>`);
      await agent.get(p.plan).expect(200);
      await agent.get(p.actions).expect(200);
    });

    it('sends a scrutiny member to the published reports from every working-plan page (303)', async () => {
      const agent = await as(scrutiny);
      for (const path of Object.values(paths(org.planId))) {
        const res = await agent.get(path).expect(303);
        expect(res.headers.location).toBe(`/plans/${org.planId}/reports`);
      }
      // Their navigation has the published reports only: no dashboard link (and the API answers 403).
      const reports = await agent.get(`/plans/${org.planId}/reports`).expect(200);
      expect(reports.text).toContain('moj-sub-navigation__link');
      expect(reports.text).not.toContain(`href="${paths(org.planId).dashboard}"`);
      expect(reports.text).not.toContain('>Dashboard</a>');
    });

    it("answers 404 for another organisation's plan, a plan the user holds no role in, and no plan at all", async () => {
      const agent = await as(owner);
      for (const planId of [otherOrgPlanId, notMyPlanId, 'not-a-plan', '00000000-0000-4000-8000-000000000000']) {
        for (const path of Object.values(paths(planId))) {
          const res = await agent.get(path);
          expect({ path, status: res.status }).toEqual({ path, status: 404 });
          expect(res.text).toContain('Page not found');
        }
      }
    });

    it('sends a visitor who is not signed in to sign in', async () => {
      const res = await w.t.http().get(paths(org.planId).dashboard).expect(303);
      expect(res.headers.location).toMatch(/^\/sign-in/);
    });
  });

  describe('dashboard', () => {
    it('counts colours, lists red and amber actions with their reasons in words, overdue milestones and the trend table', async () => {
      const agent = await as(board);
      const res = await agent.get(paths(org.planId).dashboard).expect(200);
      expect(res.text).toMatch(/30 actions in the plan/);
      expect(res.text).toMatch(/8 actions red or amber/);
      expect(res.text).toContain('the action is blocked');
      expect(res.text).toContain('no progress update for 50 days');
      expect(res.text).toContain('Audit tool agreed');
      expect(res.text).toMatch(/>Red</);
    });

    it("lists evidence waiting for review to the board; an owner, who reads only their own actions' evidence, gets the count", async () => {
      const [{ id: actionId }] = await w.t.dataSource.query<{ id: string }[]>(`SELECT id FROM action WHERE organisation_id = $1 AND reference = 'A02'`, [org.id]);
      const evidenceId = await insertEvidence(w.t.dataSource, { organisationId: org.id, actionId, uploadedById: board.id, uploadedAt: '2026-11-20T10:00:00Z', title: 'Supervision audit results' });
      try {
        const forBoard = await (await as(board)).get(paths(org.planId).dashboard).expect(200);
        expect(forBoard.text).toContain('data-testid="evidence-waiting"');
        expect(forBoard.text).toContain('Supervision audit results');
        const forOwner = await (await as(owner)).get(paths(org.planId).dashboard).expect(200);
        expect(forOwner.text).not.toContain('data-testid="evidence-waiting"');
        expect(forOwner.text).not.toContain('Supervision audit results');
        expect(forOwner.text).toContain('1 item of evidence is waiting for the board to review.');
        // The rest of the page is the plan's, as for the board.
        expect(forOwner.text).toMatch(/30 actions in the plan/);
        expect(forOwner.text).toMatch(/8 actions red or amber/);
      } finally {
        await w.t.dataSource.query('UPDATE evidence SET withdrawn_at = uploaded_at WHERE id = $1', [evidenceId]);
      }
    });
  });

  describe('actions list', () => {
    it('pages 25 at a time with GOV.UK pagination', async () => {
      const agent = await as(board);
      const first = await agent.get(paths(org.planId).actions).expect(200);
      expect(first.text).toContain('Showing 1 to 25 of 30 actions');
      expect(first.text).toContain('govuk-pagination');
      expect(first.text).toContain(`href="/plans/${org.planId}/actions?page=2"`);
      const second = await agent.get(`${paths(org.planId).actions}?page=2`).expect(200);
      expect(second.text).toContain('Showing 26 to 30 of 30 actions');
      expect(second.text).toContain('>A30<');
      expect(second.text).not.toContain('>A01<');
    });

    it.each([
      ['colour=red', 'ragColour=red', 3],
      ['colour=red&colour=amber', 'ragColour=red,amber', 8],
      ['status=blocked', 'status=blocked', 3],
      ['overdue=yes', 'overdueAt=2026-11-23', 5],
      ['q=supervision', 'q=supervision', 1],
      ['owner=OWNER', 'ownerId=OWNER', 15],
      ['workstream=WS&colour=green', 'workstreamId=WS&ragColour=green', 22],
      ['finding=FINDING', 'findingId=FINDING', 2],
      ['finding=FINDING&colour=amber', 'findingId=FINDING&ragColour=amber', 2],
      ['finding=FINDING&colour=green', 'findingId=FINDING&ragColour=green', 0],
    ])('filters %s as the API does with %s', async (page, api, expected) => {
      const fill = (s: string) => s.replace('OWNER', owner.id).replace('WS', plan.workstreamId).replace('FINDING', secondFindingId);
      const agent = await as(board);
      const html = await agent.get(`${paths(org.planId).actions}?${fill(page)}`).expect(200);
      const body = (await w.t.http().get(`${inPlan(org.planId, 'actions')}?${fill(api)}`).set(bearer(board)).expect(200)).body as { total: number };
      expect(body.total).toBe(expected);
      expect(html.text).toContain(expected === 0 ? 'No actions match' : expected === 1 ? 'Showing 1 to 1 of 1 action' : `Showing 1 to ${Math.min(25, expected)} of ${expected} actions`);
      expect(html.text).toContain('Remove filter');
    });

    it('sorts by due date through the column link', async () => {
      const agent = await as(board);
      const first = await agent.get(`${paths(org.planId).actions}?sort=-dueDate`).expect(200);
      expect(first.text).toContain('aria-sort="descending"');
      expect(first.text).toContain(`href="/plans/${org.planId}/actions?sort=-dueDate&amp;page=2"`);
      const res = await agent.get(`${paths(org.planId).actions}?sort=-dueDate&page=2`).expect(200);
      const refs = [...res.text.matchAll(/href="\/actions\/[^"]+">(A\d\d)</g)].map((m) => m[1]);
      expect(refs).toEqual(['A01', 'A02', 'A03', 'A04', 'A05']);
    });

    it('names a filter it cannot use (400) and still lists the actions', async () => {
      const agent = await as(board);
      const res = await agent.get(`${paths(org.planId).actions}?colour=purple&owner=nobody`).expect(400);
      expect(res.text).toContain('There is a problem');
      expect(res.text).toContain('Choose colours from the list');
      expect(res.text).toContain('Choose an owner from the list');
      expect(res.text).toContain('Showing 1 to 25 of 30 actions');
    });
  });

  describe('the plan', () => {
    it('shows the inspection, its notice, each finding with its first ten actions and a link to the rest', async () => {
      const agent = await as(owner);
      const res = await agent.get(paths(org.planId).plan).expect(200);
      expect(res.text).toMatch(/CQC local authority assessment \d+/);
      expect(res.text).toMatch(/QS-SAFE-\d+/);
      expect(res.text).toContain('Requires improvement');
      // Findings by reference: QS-LEAD-1's two actions (A07, A08), then QS-SAFE's first ten of 30.
      const listed = [...res.text.matchAll(/href="\/actions\/[^"]+">(A\d\d)</g)].map((m) => m[1]);
      expect(listed).toEqual(['A07', 'A08', 'A01', 'A02', 'A03', 'A04', 'A05', 'A06', 'A07', 'A08', 'A09', 'A10']);
      const more = [...res.text.matchAll(/<a class="govuk-link" href="([^"]+)" data-testid="finding-more">([^<]+)</g)];
      expect(more.map((m) => m[2])).toEqual([expect.stringMatching(/^See all 30 actions answering QS-SAFE-\d+$/)]);
      expect(more[0][1]).toBe(`/plans/${org.planId}/actions?finding=${plan.findingId}`);
      const all = await agent.get(more[0][1]).expect(200);
      expect(all.text).toContain('Showing 1 to 25 of 30 actions');
      expect(all.text).toMatch(/Remove filter<span class="govuk-visually-hidden">:<\/span> Finding: QS-SAFE-\d+ Safeguarding: significant shortfalls/);
      expect(all.text).toMatch(new RegExp(`<option value="${plan.findingId}" selected>QS-SAFE-\\d+ Safeguarding: significant shortfalls</option>`));
      // The finding's roll-up of its 30 actions: Red (3 red, 5 amber, 22 green).
      expect(res.text).toMatch(/Overall: <strong class="govuk-tag app-rag-tag govuk-tag--red">\s*Red\s*<\/strong>\s*3 red, 5 amber, 22 green</);
    });
  });

  describe('my actions', () => {
    it("lists the owner's updates and milestones due, soonest first, as a task list", async () => {
      const agent = await as(owner);
      const res = await agent.get(paths(org.planId).myActions).expect(200);
      expect(res.text).toContain('govuk-task-list');
      expect(res.text).toContain('You own 15 actions in this plan');
      expect(res.text).toContain('Complete the milestone &quot;Audit tool agreed&quot; (A01)');
      expect(res.text).toContain('Give a progress update on A01');
      expect(res.text).not.toContain('A02 ');
      expect(res.text.indexOf('Audit tool agreed')).toBeLessThan(res.text.indexOf('Give a progress update on A01'));
    });
  });

  describe('a closed plan', () => {
    it('still opens, read-only, and says it is closed', async () => {
      const closed = await w.t.createPlan(org, { title: 'Closed children services plan' });
      await w.t.addMember(org, closed.id, owner, 'owner');
      await w.t.http().post(`/api/v1/plans/${closed.id}/close`).set(bearer(org.admin)).expect(200);
      const agent = (await signInWithAgent(w.t, owner.email)).agent;
      for (const path of Object.values(paths(closed.id))) {
        const res = await agent.get(path).expect(200);
        expect(res.text).toContain('This plan is closed. You can read it but not change it.');
      }
    });

    it("offers its board no form to generate a pack, import a tracker or review evidence, and says why", async () => {
      const closed = await w.t.createPlan(org, { title: 'Closed adoption plan' });
      await w.t.addMember(org, closed.id, board, 'board');
      await w.t.addMember(org, closed.id, owner, 'owner');
      const basics = await seedPlanBasics(w.t.dataSource, org.id, closed.id);
      const action = await seedAction(w.t.dataSource, org.id, basics, { ownerId: owner.id, reference: 'C1' });
      const evidenceId = await insertEvidence(w.t.dataSource, { organisationId: org.id, actionId: action.id, uploadedById: owner.id, uploadedAt: '2026-11-20T10:00:00Z' });
      const agent = await as(board);
      // Open: each form is offered (the control).
      expect((await agent.get(`/plans/${closed.id}/packs`).expect(200)).text).toContain('Generate pack');
      expect((await agent.get(`/plans/${closed.id}/imports`).expect(200)).text).toContain('Upload and check');
      expect((await agent.get(`/evidence/${evidenceId}`).expect(200)).text).toContain('name="decision"');

      await w.t.http().post(`/api/v1/plans/${closed.id}/close`).set(bearer(org.admin)).expect(200);
      const packs = await agent.get(`/plans/${closed.id}/packs`).expect(200);
      expect(packs.text).not.toContain('Generate pack');
      expect(packs.text).toContain('This plan is closed: its packs can be read and downloaded, and no new pack can be generated.');
      const imports = await agent.get(`/plans/${closed.id}/imports`).expect(200);
      expect(imports.text).not.toContain('Upload and check');
      expect(imports.text).toContain('This plan is closed: nothing can be imported into it.');
      const review = await agent.get(`/evidence/${evidenceId}`).expect(200);
      expect(review.text).not.toContain('name="decision"');
      expect(review.text).toContain('This plan is closed: its evidence can be read, not reviewed.');
    });
  });

  describe('home and account', () => {
    it('links each plan the user holds a role in to its first page for that role, and names plan roles on the account page', async () => {
      const ownerHome = await (await as(owner)).get('/').expect(200);
      expect(ownerHome.text).toContain(`href="/plans/${org.planId}"`);
      expect(ownerHome.text).not.toContain(`href="/plans/${notMyPlanId}"`);
      const scrutinyHome = await (await as(scrutiny)).get('/').expect(200);
      expect(scrutinyHome.text).toContain(`href="/plans/${org.planId}/reports"`);
      const account = await (await as(owner)).get('/account').expect(200);
      expect(account.text).toMatch(/Action owner in /);
      expect(account.text).not.toContain('>Member<');
    });
  });
});
