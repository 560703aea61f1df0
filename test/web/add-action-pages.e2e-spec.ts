import { actionBody, createAction } from '../support/actions-fixtures';
import { PlanFixture, seedPlanBasics } from '../support/plan-fixtures';
import { bearer, TestOrganisation } from '../support/test-app';
import { createWebUser, csrfTokenFrom, signInWithAgent, startWebApp, WebTestApp, WebUser } from './support/web-test-app';

jest.setTimeout(120_000);

type Agent = Awaited<ReturnType<typeof signInWithAgent>>['agent'];

/**
 * "Add an action" (`/plans/:planId/actions/new`) and "Add a milestone" (`/actions/:id/milestones/new`)
 * over HTTP: what they write (row, finding link, audit), their refusals on the fields, and who may
 * use them (exactly who the API lets create actions and milestones).
 */
describe('web: adding an action and a milestone (supertest)', () => {
  let w: WebTestApp;
  let org: TestOrganisation;
  let board: WebUser;
  let owner: WebUser;
  let scrutiny: WebUser;
  let plan: PlanFixture;
  let boardAgent: Agent;
  let ownerAgent: Agent;
  let scrutinyAgent: Agent;
  let strangerAgent: Agent;
  let otherPlanAgent: Agent;
  let ownersAction: Awaited<ReturnType<typeof createAction>>;

  beforeAll(async () => {
    // The clock: Monday 23 November 2026, 10:00 UTC.
    w = await startWebApp();
    org = await w.t.createOrganisation('Exampleshire Council');
    board = await createWebUser(w.t, org, 'board', 'Avery Boardman', { jobTitle: 'Programme lead' });
    owner = await createWebUser(w.t, org, 'owner', 'Rowan Ownwell', { jobTitle: 'Head of Safeguarding' });
    scrutiny = await createWebUser(w.t, org, 'scrutiny', 'Morgan Scrutton');
    plan = await seedPlanBasics(w.t.dataSource, org.id);
    ownersAction = await createAction(w.t, board, actionBody(plan, owner.id, { reference: 'A0.1', title: 'Existing action', dueDate: '2026-12-31' }));
    boardAgent = (await signInWithAgent(w.t, board.email)).agent;
    ownerAgent = (await signInWithAgent(w.t, owner.email)).agent;
    scrutinyAgent = (await signInWithAgent(w.t, scrutiny.email)).agent;
    // A board member of another plan of the same organisation holds no role in this one.
    const otherPlan = await w.t.createPlan(org);
    const otherPlanBoard = await createWebUser(w.t, org, 'board', 'Sasha Planswell', { planId: otherPlan.id });
    otherPlanAgent = (await signInWithAgent(w.t, otherPlanBoard.email)).agent;
    const elsewhere = await w.t.createOrganisation('Elsewhere Council');
    const stranger = await createWebUser(w.t, elsewhere, 'board', 'Jordan Elsewhere');
    strangerAgent = (await signInWithAgent(w.t, stranger.email)).agent;
  });

  afterAll(() => w?.close());

  const newAction = () => `/plans/${org.planId}/actions/new`;
  const newMilestone = (actionId: string) => `/actions/${actionId}/milestones/new`;
  const tokenOf = async (agent: Agent, path: string) => csrfTokenFrom((await agent.get(path).expect(200)).text);
  const validAction = (extra: Record<string, unknown> = {}) => ({
    reference: 'A2.1',
    title: 'Audit every safeguarding referral made online',
    description: 'Thirty cases a month, multi-agency.',
    findingIds: plan.findingId,
    workstreamId: plan.workstreamId,
    ownerId: owner.id,
    leadAgency: 'Exampleshire Police',
    'startDate-day': '5',
    'startDate-month': '1',
    'startDate-year': '2027',
    'dueDate-day': '31',
    'dueDate-month': '3',
    'dueDate-year': '2027',
    successMeasures: '',
    ...extra,
  });
  const actionRows = async (reference: string) =>
    w.t.dataSource.query<{ id: string; title: string; owner_id: string; start_date: string; due_date: string; lead_agency: string }[]>(
      `SELECT id, title, owner_id, start_date::text, due_date::text, lead_agency FROM action WHERE plan_id = $1 AND reference = $2`,
      [org.planId, reference],
    );
  const auditCount = async (entityType: string, entityId: string) =>
    (await w.t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_event WHERE entity_type = $1 AND entity_id = $2 AND action = 'create' AND actor_id = $3`, [entityType, entityId, board.id]))[0].n;

  describe('add an action', () => {
    it('the form offers the plan’s findings, workstreams and the people who may own an action (not scrutiny)', async () => {
      const res = await boardAgent.get(newAction()).expect(200);
      expect(res.text).toContain('<h1 class="govuk-heading-l">Add an action</h1>');
      expect(res.text).toMatch(/QS-SAFE-\d+: Safeguarding: significant shortfalls/);
      expect(res.text).toMatch(/KO\d+: Improved safeguarding practice/);
      expect(res.text).toContain('Rowan Ownwell');
      expect(res.text).toContain('Avery Boardman');
      expect(res.text).not.toContain('Morgan Scrutton');
      expect(res.text).toContain('name="_csrf"');
    });

    it('the board adds one: 303 to its page with a banner; the row, its finding and the audit line are written', async () => {
      const token = await tokenOf(boardAgent, newAction());
      const res = await boardAgent.post(newAction()).type('form').send({ _csrf: token, ...validAction() }).expect(303);
      const [row] = await actionRows('A2.1');
      expect(row).toMatchObject({ title: 'Audit every safeguarding referral made online', owner_id: owner.id, start_date: '2027-01-05', due_date: '2027-03-31', lead_agency: 'Exampleshire Police' });
      expect(res.headers.location).toBe(`/actions/${row.id}`);
      const links = await w.t.dataSource.query<{ finding_id: string }[]>('SELECT finding_id FROM action_finding WHERE action_id = $1', [row.id]);
      expect(links.map((l) => l.finding_id)).toEqual([plan.findingId]);
      expect(await auditCount('action', row.id)).toBe(1);
      const page = await boardAgent.get(res.headers.location).expect(200);
      expect(page.text).toContain('govuk-notification-banner--success');
      expect(page.text).toContain('The action has been added');
      expect(page.text).toContain('A2.1: Audit every safeguarding referral made online');
    });

    it('a missing title and a date that is not one come back on their fields, with what was typed', async () => {
      const token = await tokenOf(boardAgent, newAction());
      const res = await boardAgent
        .post(newAction())
        .type('form')
        .send({ _csrf: token, ...validAction({ reference: 'A2.2', title: '  ', 'dueDate-day': '31', 'dueDate-month': '2', 'dueDate-year': '2027' }) })
        .expect(400);
      expect(res.text).toContain('There is a problem');
      expect(res.text).toContain('<a href="#title">Enter a title</a>');
      expect(res.text).toContain('<a href="#dueDate-day">The due date must be a real date</a>');
      expect(res.text).toMatch(/<title>Error: /);
      expect(res.text).toContain('value="A2.2"');
      expect(res.text).toContain('value="Exampleshire Police"');
      expect(res.text).toMatch(/name="findingIds" type="checkbox" value="[^"]+" checked/);
      expect(await actionRows('A2.2')).toEqual([]);
    });

    it('the API’s rules come back on their fields: a reference already used (409), due before start, a title too long', async () => {
      const token = await tokenOf(boardAgent, newAction());
      const taken = await boardAgent.post(newAction()).type('form').send({ _csrf: token, ...validAction({ reference: 'A0.1' }) }).expect(409);
      expect(taken.text).toContain('<a href="#reference">Reference A0.1 is already used by another action</a>');
      expect(taken.text).toMatch(/id="reference-error"[\s\S]*?Reference A0.1 is already used by another action/);
      const early = await boardAgent.post(newAction()).type('form').send({ _csrf: token, ...validAction({ reference: 'A2.3', 'dueDate-year': '2026' }) }).expect(400);
      expect(early.text).toContain('<a href="#dueDate-day">The due date must be the same as or after the start date</a>');
      const long = await boardAgent.post(newAction()).type('form').send({ _csrf: token, ...validAction({ reference: 'A2.4', title: 'x'.repeat(301) }) }).expect(400);
      expect(long.text).toContain('<a href="#title">Title must be 300 characters or fewer</a>');
      expect(await actionRows('A2.3')).toEqual([]);
      expect(await actionRows('A2.4')).toEqual([]);
    });

    it('someone who may not own actions (a scrutiny member) is refused on the owner field, as the service says', async () => {
      const token = await tokenOf(boardAgent, newAction());
      const res = await boardAgent.post(newAction()).type('form').send({ _csrf: token, ...validAction({ reference: 'A2.5', ownerId: scrutiny.id }) }).expect(400);
      expect(res.text).toContain('<a href="#ownerId">Owner scrutiny members cannot own actions');
    });

    it('owners and scrutiny members are refused (403, as the API); another plan or organisation is a 404', async () => {
      const ownerPage = await ownerAgent.get(newAction()).expect(403);
      expect(ownerPage.text).toContain('You do not have permission');
      const ownerToken = await tokenOf(ownerAgent, `/plans/${org.planId}/actions`);
      await ownerAgent.post(newAction()).type('form').send({ _csrf: ownerToken, ...validAction({ reference: 'A9.1' }) }).expect(403);
      await scrutinyAgent.get(newAction()).expect(403);
      await otherPlanAgent.get(newAction()).expect(404);
      expect((await strangerAgent.get(newAction()).expect(404)).text).toContain('Page not found');
      expect(await actionRows('A9.1')).toEqual([]);
    });

    it('refuses a form sent without its CSRF token', async () => {
      const res = await boardAgent.post(newAction()).type('form').send(validAction({ reference: 'A9.2' })).expect(403);
      expect(res.text).toContain('Sorry, your form could not be sent');
      expect(await actionRows('A9.2')).toEqual([]);
    });

    it('the actions list links the form for the board, not for an owner', async () => {
      expect((await boardAgent.get(`/plans/${org.planId}/actions`).expect(200)).text).toContain(`href="/plans/${org.planId}/actions/new"`);
      expect((await ownerAgent.get(`/plans/${org.planId}/actions`).expect(200)).text).not.toContain('/actions/new');
    });
  });

  describe('add a milestone', () => {
    const milestones = async (actionId: string) =>
      w.t.dataSource.query<{ id: string; title: string; due_date: string; allow_after_action_due: boolean }[]>(
        'SELECT id, title, due_date::text, allow_after_action_due FROM milestone WHERE action_id = $1 ORDER BY sort_order',
        [actionId],
      );

    it('the board adds one: 303 to the action with a banner, the row and its audit line written', async () => {
      const page = (await boardAgent.get(`/actions/${ownersAction.id}`).expect(200)).text;
      expect(page).toContain(`href="${newMilestone(ownersAction.id)}"`);
      const form = await boardAgent.get(newMilestone(ownersAction.id)).expect(200);
      expect(form.text).toContain('The action is due on 31 December 2026.');
      const res = await boardAgent
        .post(newMilestone(ownersAction.id))
        .type('form')
        .send({ _csrf: csrfTokenFrom(form.text), title: 'Audit of 30 cases completed', 'dueDate-day': '15', 'dueDate-month': '12', 'dueDate-year': '2026' })
        .expect(303);
      expect(res.headers.location).toBe(`/actions/${ownersAction.id}`);
      const [m] = await milestones(ownersAction.id);
      expect(m).toMatchObject({ title: 'Audit of 30 cases completed', due_date: '2026-12-15', allow_after_action_due: false });
      expect(await auditCount('milestone', m.id)).toBe(1);
      const after = (await boardAgent.get(`/actions/${ownersAction.id}`).expect(200)).text;
      expect(after).toContain('The milestone has been added');
      expect(after).toContain('15 December 2026');
    });

    it('a missing title and a bad date come back on their fields; a date after the action’s needs the box ticked', async () => {
      const token = await tokenOf(boardAgent, newMilestone(ownersAction.id));
      const bad = await boardAgent.post(newMilestone(ownersAction.id)).type('form').send({ _csrf: token, title: '', 'dueDate-day': '12', 'dueDate-month': '', 'dueDate-year': '2026' }).expect(400);
      expect(bad.text).toContain('<a href="#title">Enter what the milestone is</a>');
      expect(bad.text).toContain('<a href="#dueDate-month">The due date must include a month</a>');
      const late = { _csrf: token, title: 'Findings to the board', 'dueDate-day': '20', 'dueDate-month': '1', 'dueDate-year': '2027' };
      const refused = await boardAgent.post(newMilestone(ownersAction.id)).type('form').send(late).expect(400);
      expect(refused.text).toContain('The due date must be on or before the action’s due date (31 December 2026), or tick the box to allow a later one');
      expect(refused.text).toContain('value="Findings to the board"');
      expect(await milestones(ownersAction.id)).toHaveLength(1);
      await boardAgent.post(newMilestone(ownersAction.id)).type('form').send({ ...late, allowAfterActionDue: 'yes' }).expect(303);
      expect((await milestones(ownersAction.id))[1]).toMatchObject({ title: 'Findings to the board', due_date: '2027-01-20', allow_after_action_due: true });
    });

    it('the action’s own owner may not add one (403, as the API) and sees no link; scrutiny and strangers get 404', async () => {
      const page = (await ownerAgent.get(`/actions/${ownersAction.id}`).expect(200)).text;
      expect(page).not.toContain('Add a milestone');
      expect((await ownerAgent.get(newMilestone(ownersAction.id)).expect(403)).text).toContain('You do not have permission');
      await ownerAgent
        .post(newMilestone(ownersAction.id))
        .type('form')
        .send({ _csrf: csrfTokenFrom(page), title: 'Sneaky', 'dueDate-day': '1', 'dueDate-month': '12', 'dueDate-year': '2026' })
        .expect(403);
      await scrutinyAgent.get(newMilestone(ownersAction.id)).expect(404);
      await otherPlanAgent.get(newMilestone(ownersAction.id)).expect(404);
      await strangerAgent.get(newMilestone(ownersAction.id)).expect(404);
      expect((await milestones(ownersAction.id)).map((m) => m.title)).not.toContain('Sneaky');
    });

    it('refuses a form sent without its CSRF token', async () => {
      await boardAgent.post(newMilestone(ownersAction.id)).type('form').send({ title: 'No token', 'dueDate-day': '1', 'dueDate-month': '12', 'dueDate-year': '2026' }).expect(403);
    });
  });

  describe('change a milestone', () => {
    const changePath = (actionId: string, milestoneId: string) => `/actions/${actionId}/milestones/${milestoneId}/change`;
    let milestoneId: string;
    beforeAll(async () => {
      const res = await w.t.http().post(`/api/v1/actions/${ownersAction.id}/milestones`).set(bearer(board)).send({ title: 'Case audit reported', dueDate: '2026-12-15' }).expect(201);
      milestoneId = res.body.id as string;
    });
    const firstMilestone = async () =>
      (
        await w.t.dataSource.query<{ id: string; title: string; due_date: string; version: number }[]>(
          'SELECT id, title, due_date::text, version FROM milestone WHERE id = $1',
          [milestoneId],
        )
      )[0];

    it('the board extends one: the form starts from what it says, 303 with a banner, the row, its audit line and the date it replaced kept', async () => {
      const m = await firstMilestone();
      const page = (await boardAgent.get(`/actions/${ownersAction.id}`).expect(200)).text;
      expect(page).toContain(`href="${changePath(ownersAction.id, m.id)}"`);
      const form = await boardAgent.get(changePath(ownersAction.id, m.id)).expect(200);
      expect(form.text).toContain(`value="${m.title}"`);
      expect(form.text).toMatch(/name="dueDate-day"[^>]*value="15"/);
      expect(form.text).toContain('the colours, history and packs of earlier dates keep the date that stood then');
      const updates = async () =>
        w.t.dataSource.query<{ due: unknown }[]>(`SELECT changes->'dueDate' AS due FROM audit_event WHERE entity_type = 'milestone' AND entity_id = $1 AND action = 'update' AND actor_id = $2`, [m.id, board.id]);
      expect(await updates()).toEqual([]);
      const res = await boardAgent
        .post(changePath(ownersAction.id, m.id))
        .type('form')
        .send({ _csrf: csrfTokenFrom(form.text), version: String(m.version), title: m.title, 'dueDate-day': '29', 'dueDate-month': '12', 'dueDate-year': '2026' })
        .expect(303);
      expect(res.headers.location).toBe(`/actions/${ownersAction.id}`);
      expect(await firstMilestone()).toMatchObject({ due_date: '2026-12-29', version: m.version + 1 });
      expect(await updates()).toEqual([{ due: { before: '2026-12-15', after: '2026-12-29' } }]);
      expect(await w.t.dataSource.query('SELECT due_date::text AS due FROM milestone_due_history WHERE milestone_id = $1', [m.id])).toEqual([{ due: '2026-12-15' }]);
      expect((await boardAgent.get(`/actions/${ownersAction.id}`).expect(200)).text).toContain('The milestone has been changed');
    });

    it('a bad date, a date after the action’s without leave, and a stale form come back on the form', async () => {
      const m = await firstMilestone();
      const token = await tokenOf(boardAgent, changePath(ownersAction.id, m.id));
      const send = (fields: Record<string, string>) => boardAgent.post(changePath(ownersAction.id, m.id)).type('form').send({ _csrf: token, version: String(m.version), title: m.title, ...fields });
      expect((await send({ 'dueDate-day': '31', 'dueDate-month': '2', 'dueDate-year': '2027' }).expect(400)).text).toContain('The due date must be a real date');
      expect((await send({ 'dueDate-day': '20', 'dueDate-month': '1', 'dueDate-year': '2027' }).expect(400)).text).toContain(
        'The due date must be on or before the action’s due date (31 December 2026), or tick the box to allow a later one',
      );
      const stale = await send({ version: String(m.version - 1), 'dueDate-day': '28', 'dueDate-month': '12', 'dueDate-year': '2026' }).expect(409);
      expect(stale.text).toContain('Someone else changed this milestone after you opened the form');
      expect(stale.text).toMatch(/name="dueDate-day"[^>]*value="29"/);
      expect(await firstMilestone()).toMatchObject({ due_date: '2026-12-29', version: m.version });
    });

    it('the owner may complete but not re-plan it (no link, 403); scrutiny and strangers 404; a completed one is not offered (404)', async () => {
      const m = await firstMilestone();
      const page = (await ownerAgent.get(`/actions/${ownersAction.id}`).expect(200)).text;
      expect(page).not.toContain(changePath(ownersAction.id, m.id));
      await ownerAgent.get(changePath(ownersAction.id, m.id)).expect(403);
      await ownerAgent
        .post(changePath(ownersAction.id, m.id))
        .type('form')
        .send({ _csrf: csrfTokenFrom(page), version: String(m.version), title: 'Sneaky', 'dueDate-day': '1', 'dueDate-month': '12', 'dueDate-year': '2026' })
        .expect(403);
      await scrutinyAgent.get(changePath(ownersAction.id, m.id)).expect(404);
      await strangerAgent.get(changePath(ownersAction.id, m.id)).expect(404);
      await boardAgent.post(changePath(ownersAction.id, m.id)).type('form').send({ version: String(m.version), title: 'No token', 'dueDate-day': '1', 'dueDate-month': '12', 'dueDate-year': '2026' }).expect(403);
      await w.t.dataSource.query(`UPDATE milestone SET completed_on = '2026-11-20' WHERE id = $1`, [m.id]);
      await boardAgent.get(changePath(ownersAction.id, m.id)).expect(404);
      expect((await boardAgent.get(`/actions/${ownersAction.id}`).expect(200)).text).not.toContain(changePath(ownersAction.id, m.id));
      await w.t.dataSource.query('UPDATE milestone SET completed_on = NULL WHERE id = $1', [m.id]);
      expect((await firstMilestone()).title).not.toBe('Sneaky');
    });
  });

  it('a closed plan refuses both forms (409), and the pages stop offering them', async () => {
    const token = await tokenOf(boardAgent, newAction());
    await w.t.http().post(`/api/v1/plans/${org.planId}/close`).set(bearer(org.admin)).expect(200);
    expect((await boardAgent.get(newAction()).expect(409)).text).toContain('Sorry');
    await boardAgent.post(newAction()).type('form').send({ _csrf: token, ...validAction({ reference: 'A9.3' }) }).expect(409);
    expect(await actionRows('A9.3')).toEqual([]);
    await boardAgent.get(newMilestone(ownersAction.id)).expect(409);
    await boardAgent.post(newMilestone(ownersAction.id)).type('form').send({ _csrf: token, title: 'Too late', 'dueDate-day': '1', 'dueDate-month': '12', 'dueDate-year': '2026' }).expect(409);
    expect((await boardAgent.get(`/plans/${org.planId}/actions`).expect(200)).text).not.toContain('/actions/new');
    expect((await boardAgent.get(`/actions/${ownersAction.id}`).expect(200)).text).not.toContain('Add a milestone');
  });
});
