import { seedNotice } from '../support/actions-fixtures';
import { PlanFixture, seedAction, seedPlanBasics } from '../support/plan-fixtures';
import { bearer, inPlan, TestOrganisation } from '../support/test-app';
import { createWebUser, csrfTokenFrom, signInWithAgent, startWebApp, WebTestApp, WebUser } from './support/web-test-app';

jest.setTimeout(120_000);

type Agent = Awaited<ReturnType<typeof signInWithAgent>>['agent'];

/**
 * "Add a notice" (`/plans/:planId/notices/new`), "Change the notice's status"
 * (`/notices/:noticeId/status`) and "Add a workstream" (`/plans/:planId/workstreams/new`) over HTTP:
 * what they write (row, status history, audit), their refusals on the fields, the version check,
 * and who may use them (exactly who the API lets write notices and workstreams); and the plan page's
 * buttons, notice histories and workstreams.
 */
describe('web: notices and workstreams (supertest)', () => {
  let w: WebTestApp;
  let org: TestOrganisation;
  let board: WebUser;
  let owner: WebUser;
  let scrutiny: WebUser;
  let plan: PlanFixture;
  let closedPlanId: string;
  /** A new plan with nothing in it yet (no finding, no workstream). */
  let emptyPlanId: string;
  let closedNoticeId: string;
  let strangerNoticeId: string;
  let boardAgent: Agent;
  let adminAgent: Agent;
  let ownerAgent: Agent;
  let scrutinyAgent: Agent;
  let otherPlanAgent: Agent;
  /** An owner in this plan who is on another plan's board: past the roles guard, refused by the plan's own rule. */
  let ownerElsewhereBoardAgent: Agent;
  let strangerAgent: Agent;

  beforeAll(async () => {
    // The clock: Monday 23 November 2026, 10:00 UTC.
    w = await startWebApp();
    org = await w.t.createOrganisation('Exampleshire Council');
    board = await createWebUser(w.t, org, 'board', 'Avery Boardman', { jobTitle: 'Programme lead' });
    owner = await createWebUser(w.t, org, 'owner', 'Rowan Ownwell');
    scrutiny = await createWebUser(w.t, org, 'scrutiny', 'Morgan Scrutton');
    plan = await seedPlanBasics(w.t.dataSource, org.id);
    // Another plan of the organisation with its own board member; a plan the board will see closed, with a notice.
    const otherPlan = await w.t.createPlan(org, { title: 'SEND improvement plan' });
    const otherPlanBoard = await createWebUser(w.t, org, 'board', 'Sasha Planswell', { planId: otherPlan.id });
    const ownerElsewhereBoard = await createWebUser(w.t, org, 'owner', 'Kit Twohats');
    await w.t.addMember(org, otherPlan.id, ownerElsewhereBoard, 'board');
    closedPlanId = (await w.t.createPlan(org, { title: 'Closed adoption plan' })).id;
    await w.t.addMember(org, closedPlanId, board, 'board');
    const closedBasics = await seedPlanBasics(w.t.dataSource, org.id, closedPlanId);
    closedNoticeId = await seedNotice(w.t.dataSource, org.id, closedBasics.inspectionId, closedPlanId);
    await w.t.http().post(`/api/v1/plans/${closedPlanId}/close`).set(bearer(org.admin)).expect(200);
    emptyPlanId = (await w.t.createPlan(org, { title: 'Early help improvement plan' })).id;
    await w.t.addMember(org, emptyPlanId, board, 'board');

    boardAgent = (await signInWithAgent(w.t, board.email)).agent;
    adminAgent = (await signInWithAgent(w.t, org.admin.email)).agent;
    ownerAgent = (await signInWithAgent(w.t, owner.email)).agent;
    scrutinyAgent = (await signInWithAgent(w.t, scrutiny.email)).agent;
    otherPlanAgent = (await signInWithAgent(w.t, otherPlanBoard.email)).agent;
    ownerElsewhereBoardAgent = (await signInWithAgent(w.t, ownerElsewhereBoard.email)).agent;
    const elsewhere = await w.t.createOrganisation('Elsewhere Council');
    strangerAgent = (await signInWithAgent(w.t, (await createWebUser(w.t, elsewhere, 'board', 'Jordan Elsewhere')).email)).agent;
    const strangerBasics = await seedPlanBasics(w.t.dataSource, elsewhere.id);
    strangerNoticeId = await seedNotice(w.t.dataSource, elsewhere.id, strangerBasics.inspectionId);
  });

  afterAll(() => w?.close());

  const newNotice = (planId = org.planId) => `/plans/${planId}/notices/new`;
  const newWorkstream = (planId = org.planId) => `/plans/${planId}/workstreams/new`;
  const noticeStatus = (noticeId: string) => `/notices/${noticeId}/status`;
  const noticeEdit = (noticeId: string) => `/notices/${noticeId}/edit`;
  const workstreamEdit = (workstreamId: string) => `/workstreams/${workstreamId}/edit`;
  const noticeDelete = (noticeId: string) => `/notices/${noticeId}/delete`;
  const workstreamDelete = (workstreamId: string) => `/workstreams/${workstreamId}/delete`;
  const planPage = (planId = org.planId) => `/plans/${planId}/plan`;
  const tokenOf = async (agent: Agent, path: string) => csrfTokenFrom((await agent.get(path).expect(200)).text);
  const versionIn = (html: string) => Number(/name="version" value="(\d+)"/.exec(html)?.[1]);

  const noticeRows = (title: string) =>
    w.t.dataSource.query<{ id: string; kind: string; inspection_id: string | null; issued_on: string; deadline: string | null; failings: string; requirements: string; status: string; version: number }[]>(
      `SELECT id, kind, inspection_id, issued_on::text, deadline::text, failings, requirements, status, version FROM notice WHERE plan_id = $1 AND title = $2`,
      [org.planId, title],
    );
  const historyOf = (noticeId: string) =>
    w.t.dataSource.query<{ from_status: string | null; to_status: string; changed_on: string; changed_by_id: string; note: string }[]>(
      `SELECT from_status, to_status, changed_on::text, changed_by_id, note FROM notice_status_change WHERE notice_id = $1 ORDER BY created_at, id`,
      [noticeId],
    );
  const workstreamRows = (code: string, planId = org.planId) =>
    w.t.dataSource.query<{ id: string; title: string; description: string; lead_role: string | null; sort_order: number }[]>(
      `SELECT id, title, description, lead_role, sort_order FROM workstream WHERE plan_id = $1 AND code = $2`,
      [planId, code],
    );
  const auditOf = async (entityType: string, entityId: string, action: string) =>
    (await w.t.dataSource.query<{ actor_id: string }[]>(`SELECT actor_id FROM audit_event WHERE entity_type = $1 AND entity_id = $2 AND action = $3`, [entityType, entityId, action])).map((r) => r.actor_id);
  /** A notice of the plan made through the API, as the board would, with its first history line. */
  const apiNotice = async (title: string) =>
    (
      await w.t
        .http()
        .post(inPlan(org.planId, 'notices'))
        .set(bearer(board))
        .send({ kind: 'dfe_improvement_notice', title, issuedOn: '2025-07-15', deadline: '2026-07-31', inspectionId: plan.inspectionId })
        .expect(201)
    ).body as { id: string; version: number };

  const validNotice = (extra: Record<string, unknown> = {}) => ({
    kind: 'dfe_improvement_notice',
    title: 'Failure to protect children at the front door',
    inspectionId: plan.inspectionId,
    'issuedOn-day': '15',
    'issuedOn-month': '7',
    'issuedOn-year': '2025',
    'deadline-day': '31',
    'deadline-month': '7',
    'deadline-year': '2026',
    failings: 'Referrals are not screened in time.\r\nManagers do not oversee decisions.',
    requirements: 'Submit an improvement plan within 30 days; report progress quarterly.',
    status: 'open',
    'statusChangedOn-day': '',
    'statusChangedOn-month': '',
    'statusChangedOn-year': '',
    statusNote: '',
    ...extra,
  });
  const validStatus = (version: number, extra: Record<string, unknown> = {}) => ({
    version: String(version),
    status: 'downgraded',
    'statusChangedOn-day': '20',
    'statusChangedOn-month': '11',
    'statusChangedOn-year': '2026',
    statusNote: 'After the monitoring visit of 10 November',
    ...extra,
  });
  const validNoticeChange = (version: number, extra: Record<string, unknown> = {}) => ({
    version: String(version),
    kind: 'statutory_direction',
    title: 'Direction: children’s front door',
    inspectionId: '',
    'issuedOn-day': '16',
    'issuedOn-month': '7',
    'issuedOn-year': '2025',
    'deadline-day': '',
    'deadline-month': '',
    'deadline-year': '',
    failings: 'Referrals are not screened in time.',
    requirements: '',
    ...extra,
  });
  /** A workstream of the plan made through the API, as the board would. */
  const apiWorkstream = async (code: string) =>
    (await w.t.http().post(inPlan(org.planId, 'workstreams')).set(bearer(board)).send({ code, title: `Workstream ${code}`, leadRole: 'Head of Service', sortOrder: 50 }).expect(201)).body as {
      id: string;
      version: number;
    };
  const workstreamRow = async (id: string) =>
    (
      await w.t.dataSource.query<{ code: string; title: string; description: string; lead_role: string | null; sort_order: number; version: number }[]>(
        'SELECT code, title, description, lead_role, sort_order, version FROM workstream WHERE id = $1',
        [id],
      )
    )[0];
  const validWorkstreamChange = (version: number, extra: Record<string, unknown> = {}) => ({
    version: String(version),
    code: 'KO-CH',
    title: 'Changed workstream',
    description: 'What it now covers.',
    leadRole: '',
    sortOrder: '7',
    ...extra,
  });
  const validWorkstream = (extra: Record<string, unknown> = {}) => ({
    code: 'KO9',
    title: 'Effective performance monitoring',
    description: 'Dashboards the board reads every month.',
    leadRole: 'Head of Performance',
    sortOrder: '',
    ...extra,
  });

  describe('add a notice', () => {
    it('the form offers the kinds the API allows, the plan’s inspections and the statuses, for the board and an administrator', async () => {
      for (const agent of [boardAgent, adminAgent]) {
        const res = await agent.get(newNotice()).expect(200);
        expect(res.text).toContain('<h1 class="govuk-heading-l">Add a notice</h1>');
        for (const kind of ['section_50', 'dfe_improvement_notice', 'statutory_direction', 'ministerial_letter']) expect(res.text).toContain(`value="${kind}"`);
        expect(res.text).toContain('Section 50 notification');
        expect(res.text).toContain(`<option value="${plan.inspectionId}">CQC local authority assessment`);
        expect(res.text).toMatch(/value="open" checked/);
        expect(res.text).toContain('name="issuedOn-day"');
        expect(res.text).toContain('name="_csrf"');
      }
    });

    it('the board adds one: 303 to the plan page with a banner linking to it; the row, its first status line and its audit line are written', async () => {
      const token = await tokenOf(boardAgent, newNotice());
      const res = await boardAgent.post(newNotice()).type('form').send({ _csrf: token, ...validNotice() }).expect(303);
      expect(res.headers.location).toBe(planPage());
      const [row] = await noticeRows('Failure to protect children at the front door');
      expect(row).toMatchObject({
        kind: 'dfe_improvement_notice',
        inspection_id: plan.inspectionId,
        issued_on: '2025-07-15',
        deadline: '2026-07-31',
        failings: 'Referrals are not screened in time.\nManagers do not oversee decisions.',
        requirements: 'Submit an improvement plan within 30 days; report progress quarterly.',
        status: 'open',
      });
      expect(await historyOf(row.id)).toEqual([{ from_status: null, to_status: 'open', changed_on: '2025-07-15', changed_by_id: board.id, note: '' }]);
      expect(await auditOf('notice', row.id, 'create')).toEqual([board.id]);
      const page = await boardAgent.get(planPage()).expect(200);
      expect(page.text).toContain('govuk-notification-banner--success');
      expect(page.text).toContain('The notice has been added');
      expect(page.text).toContain(`<a class="govuk-notification-banner__link" href="#notice-${row.id}">Go to the notice on this page</a>`);
      expect(page.text).toContain(`id="notice-${row.id}"`);
    });

    it('an administrator adds a Section 50 notification recorded after the event, already closed, with no inspection or deadline', async () => {
      const token = await tokenOf(adminAgent, newNotice());
      const body = validNotice({
        kind: 'section_50',
        title: 'Adult safeguarding duties',
        inspectionId: '',
        'deadline-day': '',
        'deadline-month': '',
        'deadline-year': '',
        status: 'closed',
        'statusChangedOn-day': '1',
        'statusChangedOn-month': '10',
        'statusChangedOn-year': '2026',
        statusNote: 'Lifted after the re-assessment',
      });
      await adminAgent.post(newNotice()).type('form').send({ _csrf: token, ...body }).expect(303);
      const [row] = await noticeRows('Adult safeguarding duties');
      expect(row).toMatchObject({ kind: 'section_50', inspection_id: null, deadline: null, status: 'closed' });
      expect(await historyOf(row.id)).toEqual([{ from_status: null, to_status: 'closed', changed_on: '2026-10-01', changed_by_id: org.admin.id, note: 'Lifted after the re-assessment' }]);
      expect(await auditOf('notice', row.id, 'create')).toEqual([org.admin.id]);
    });

    it('missing answers and a 31 February come back on their fields, with what was typed', async () => {
      const token = await tokenOf(boardAgent, newNotice());
      const res = await boardAgent
        .post(newNotice())
        .type('form')
        .send({ _csrf: token, ...validNotice({ kind: '', title: ' ', 'issuedOn-day': '31', 'issuedOn-month': '2', 'deadline-month': '' }) })
        .expect(400);
      expect(res.text).toMatch(/<title>Error: /);
      expect(res.text).toContain('<a href="#kind">Select the kind of notice</a>');
      expect(res.text).toContain('<a href="#title">Enter a title</a>');
      expect(res.text).toContain('<a href="#issuedOn-day">The date it was issued must be a real date</a>');
      expect(res.text).toContain('<a href="#deadline-month">The deadline must include a month</a>');
      expect(res.text).toMatch(/id="title-error"[\s\S]*?Enter a title/);
      expect(res.text).toMatch(/id="issuedOn-day" name="issuedOn-day" type="text" value="31"/);
      expect(res.text).toContain('Submit an improvement plan within 30 days');
      const blank = await boardAgent.post(newNotice()).type('form').send({ _csrf: token }).expect(400);
      expect(blank.text).toContain('<a href="#issuedOn-day">Enter the date on the notice or letter</a>');
      expect(blank.text).toContain('<a href="#status">Select the notice’s status</a>');
    });

    it('the API’s rules come back on their fields: a deadline before the issue date, a status date in the future, another plan’s inspection, a long title', async () => {
      const token = await tokenOf(boardAgent, newNotice());
      const send = (extra: Record<string, unknown>) => boardAgent.post(newNotice()).type('form').send({ _csrf: token, ...validNotice({ title: 'Refused notice', ...extra }) });
      const early = await send({ 'deadline-year': '2024' }).expect(400);
      expect(early.text).toContain('<a href="#deadline-day">The deadline must be the same as or after the date it was issued</a>');
      const future = await send({ 'statusChangedOn-day': '1', 'statusChangedOn-month': '1', 'statusChangedOn-year': '2027' }).expect(400);
      expect(future.text).toContain('<a href="#statusChangedOn-day">The date of its status must be today or in the past</a>');
      const [{ id: otherInspection }] = await w.t.dataSource.query<{ id: string }[]>('SELECT id FROM inspection WHERE plan_id = $1', [closedPlanId]);
      const otherPlans = await send({ inspectionId: otherInspection }).expect(400);
      expect(otherPlans.text).toContain('<a href="#inspectionId">Inspection must be one of this plan’s inspections, from the list</a>');
      const badKind = await send({ kind: 'warning_notice' }).expect(400);
      expect(badKind.text).toContain('<a href="#kind">Kind of notice must be one from the list</a>');
      const long = await send({ title: 'x'.repeat(301) }).expect(400);
      expect(long.text).toContain('<a href="#title">Title must be 300 characters or fewer</a>');
      expect(await noticeRows('Refused notice')).toEqual([]);
    });

    it('owners and scrutiny members are refused (403, as the API); another plan or organisation is a 404', async () => {
      expect((await ownerAgent.get(newNotice()).expect(403)).text).toContain('You do not have permission');
      const ownerToken = await tokenOf(ownerAgent, planPage());
      await ownerAgent.post(newNotice()).type('form').send({ _csrf: ownerToken, ...validNotice({ title: 'Owner notice' }) }).expect(403);
      await scrutinyAgent.get(newNotice()).expect(403);
      await otherPlanAgent.get(newNotice()).expect(404);
      expect((await strangerAgent.get(newNotice()).expect(404)).text).toContain('Page not found');
      expect(await noticeRows('Owner notice')).toEqual([]);
    });

    it('refuses a form sent without its CSRF token', async () => {
      const res = await boardAgent.post(newNotice()).type('form').send(validNotice({ title: 'No token notice' })).expect(403);
      expect(res.text).toContain('Sorry, your form could not be sent');
      expect(await noticeRows('No token notice')).toEqual([]);
    });

    it('a closed plan refuses the form (409)', async () => {
      const token = await tokenOf(boardAgent, newNotice());
      expect((await boardAgent.get(newNotice(closedPlanId)).expect(409)).text).toContain('Sorry');
      await boardAgent.post(newNotice(closedPlanId)).type('form').send({ _csrf: token, ...validNotice({ title: 'Closed plan notice', inspectionId: '' }) }).expect(409);
      expect(await w.t.dataSource.query('SELECT id FROM notice WHERE title = $1', ['Closed plan notice'])).toEqual([]);
    });
  });

  describe('change a notice’s status', () => {
    it('shows the notice’s status now and offers the other statuses, with its version', async () => {
      const n = await apiNotice('Status form notice');
      for (const agent of [boardAgent, adminAgent]) {
        const res = await agent.get(noticeStatus(n.id)).expect(200);
        expect(res.text).toContain('<h1 class="govuk-heading-l">Change the notice’s status</h1>');
        expect(res.text).toContain('Open since 15 July 2025');
        expect(res.text).toContain('value="downgraded"');
        expect(res.text).toContain('value="closed"');
        expect(res.text).not.toContain('value="open"');
        expect(versionIn(res.text)).toBe(n.version);
      }
    });

    it('the board downgrades a notice: the row, a status history line with the date and note, the audit line; 303 to the plan page with a banner', async () => {
      const n = await apiNotice('Notice to downgrade');
      const form = await boardAgent.get(noticeStatus(n.id)).expect(200);
      const res = await boardAgent
        .post(noticeStatus(n.id))
        .type('form')
        .send({ _csrf: csrfTokenFrom(form.text), ...validStatus(versionIn(form.text)) })
        .expect(303);
      expect(res.headers.location).toBe(planPage());
      const [row] = await noticeRows('Notice to downgrade');
      expect(row).toMatchObject({ status: 'downgraded', version: n.version + 1 });
      expect(await historyOf(n.id)).toEqual([
        { from_status: null, to_status: 'open', changed_on: '2025-07-15', changed_by_id: board.id, note: '' },
        { from_status: 'open', to_status: 'downgraded', changed_on: '2026-11-20', changed_by_id: board.id, note: 'After the monitoring visit of 10 November' },
      ]);
      expect(await auditOf('notice', n.id, 'update')).toEqual([board.id]);
      const page = await boardAgent.get(planPage()).expect(200);
      expect(page.text).toContain('The notice’s status has been changed');
      expect(page.text).toContain('Notice to downgrade: Downgraded');
      expect(page.text).toContain(`<a class="govuk-notification-banner__link" href="#notice-${n.id}">Go to the notice on this page</a>`);
    });

    it('a missing status and date, and the service’s date rules, come back on their fields', async () => {
      const n = await apiNotice('Notice with refused changes');
      const form = await boardAgent.get(noticeStatus(n.id)).expect(200);
      const send = (extra: Record<string, unknown>) => boardAgent.post(noticeStatus(n.id)).type('form').send({ _csrf: csrfTokenFrom(form.text), ...validStatus(n.version, extra) });
      const blank = await send({ status: '', 'statusChangedOn-day': '', 'statusChangedOn-month': '', 'statusChangedOn-year': '' }).expect(400);
      expect(blank.text).toContain('<a href="#status">Select the notice’s new status</a>');
      expect(blank.text).toContain('<a href="#statusChangedOn-day">Enter the date the status changed</a>');
      expect(blank.text).toContain('After the monitoring visit of 10 November');
      const early = await send({ 'statusChangedOn-year': '2024' }).expect(400);
      expect(early.text).toContain('<a href="#statusChangedOn-day">The date the status changed must be the same as or after the date it was issued</a>');
      const future = await send({ 'statusChangedOn-day': '24' }).expect(400);
      expect(future.text).toContain('<a href="#statusChangedOn-day">The date the status changed must be today or in the past</a>');
      const unknown = await send({ status: 'lifted' }).expect(400);
      expect(unknown.text).toContain('<a href="#status">Status must be one from the list</a>');
      expect(await historyOf(n.id)).toHaveLength(1);
    });

    it('a stale form answers 409 and shows what the notice says now, with its new version', async () => {
      const n = await apiNotice('Notice changed meanwhile');
      const form = await boardAgent.get(noticeStatus(n.id)).expect(200);
      // Someone closes it through the API after the form was opened.
      await w.t.http().patch(`/api/v1/notices/${n.id}`).set(bearer(org.admin)).send({ version: n.version, status: 'closed', statusChangedOn: '2026-11-02' }).expect(200);
      const res = await boardAgent
        .post(noticeStatus(n.id))
        .type('form')
        .send({ _csrf: csrfTokenFrom(form.text), ...validStatus(versionIn(form.text)) })
        .expect(409);
      expect(res.text).toContain('Someone else changed this notice after you opened the form');
      expect(res.text).toContain('Closed since 2 November 2026');
      expect(res.text).toContain('value="open"');
      expect(res.text).not.toContain('value="closed"');
      expect(versionIn(res.text)).toBe(n.version + 1);
      expect(res.text).toContain('After the monitoring visit of 10 November');
      const [row] = await noticeRows('Notice changed meanwhile');
      expect(row.status).toBe('closed');
      expect((await historyOf(n.id)).map((h) => h.to_status)).toEqual(['open', 'closed']);
      // Sent again with what it says now, it goes through.
      await boardAgent
        .post(noticeStatus(n.id))
        .type('form')
        .send({ _csrf: csrfTokenFrom(res.text), ...validStatus(versionIn(res.text), { status: 'open' }) })
        .expect(303);
      expect((await historyOf(n.id)).map((h) => h.to_status)).toEqual(['open', 'closed', 'open']);
    });

    it('owners and scrutiny members are refused (403, as the API); another plan, another organisation or no such notice is a 404', async () => {
      const n = await apiNotice('Notice owners may not change');
      expect((await ownerAgent.get(noticeStatus(n.id)).expect(403)).text).toContain('You do not have permission');
      const ownerToken = await tokenOf(ownerAgent, planPage());
      await ownerAgent.post(noticeStatus(n.id)).type('form').send({ _csrf: ownerToken, ...validStatus(n.version) }).expect(403);
      await scrutinyAgent.get(noticeStatus(n.id)).expect(403);
      expect((await ownerElsewhereBoardAgent.get(noticeStatus(n.id)).expect(403)).text).toContain('You do not have permission');
      const twoHatsToken = await tokenOf(ownerElsewhereBoardAgent, planPage());
      await ownerElsewhereBoardAgent.post(noticeStatus(n.id)).type('form').send({ _csrf: twoHatsToken, ...validStatus(n.version) }).expect(403);
      // The API says the same to each of them.
      for (const who of [owner, scrutiny]) await w.t.http().patch(`/api/v1/notices/${n.id}`).set(bearer(who)).send({ version: n.version, status: 'closed' }).expect(403);
      await otherPlanAgent.get(noticeStatus(n.id)).expect(404);
      expect((await boardAgent.get(noticeStatus(strangerNoticeId)).expect(404)).text).toContain('Page not found');
      await strangerAgent.get(noticeStatus(n.id)).expect(404);
      await boardAgent.get(noticeStatus('5a8e1c9e-0000-4000-8000-000000000000')).expect(404);
      expect(await historyOf(n.id)).toHaveLength(1);
    });

    it('refuses a form sent without its CSRF token, and a closed plan’s notice (409)', async () => {
      const n = await apiNotice('Notice without a token');
      await boardAgent.post(noticeStatus(n.id)).type('form').send(validStatus(n.version)).expect(403);
      expect(await historyOf(n.id)).toHaveLength(1);
      const token = await tokenOf(boardAgent, newNotice());
      expect((await boardAgent.get(noticeStatus(closedNoticeId)).expect(409)).text).toContain('Sorry');
      await boardAgent.post(noticeStatus(closedNoticeId)).type('form').send({ _csrf: token, ...validStatus(1) }).expect(409);
      expect(await w.t.dataSource.query('SELECT status FROM notice WHERE id = $1', [closedNoticeId])).toEqual([{ status: 'open' }]);
    });
  });

  describe('add a workstream', () => {
    it('the form names the codes the plan already uses, for the board and an administrator', async () => {
      const [{ code }] = await w.t.dataSource.query<{ code: string }[]>('SELECT code FROM workstream WHERE id = $1', [plan.workstreamId]);
      for (const agent of [boardAgent, adminAgent]) {
        const res = await agent.get(newWorkstream()).expect(200);
        expect(res.text).toContain('<h1 class="govuk-heading-l">Add a workstream</h1>');
        expect(res.text).toMatch(new RegExp(`No other workstream of the plan may use it \\(it has [^)]*\\b${code}\\b[^)]*\\)`));
        expect(res.text).toContain('name="_csrf"');
      }
    });

    it('the board adds one after the last: 303 to the plan page with a banner linking to it; the row and its audit line are written', async () => {
      const token = await tokenOf(boardAgent, newWorkstream());
      const res = await boardAgent.post(newWorkstream()).type('form').send({ _csrf: token, ...validWorkstream() }).expect(303);
      expect(res.headers.location).toBe(planPage());
      const [row] = await workstreamRows('KO9');
      const [{ max }] = await w.t.dataSource.query<{ max: number }[]>('SELECT max(sort_order) AS max FROM workstream WHERE plan_id = $1 AND code <> $2', [org.planId, 'KO9']);
      expect(row).toMatchObject({ title: 'Effective performance monitoring', description: 'Dashboards the board reads every month.', lead_role: 'Head of Performance', sort_order: max + 1 });
      expect(await auditOf('workstream', row.id, 'create')).toEqual([board.id]);
      const page = await boardAgent.get(planPage()).expect(200);
      expect(page.text).toContain('The workstream has been added');
      expect(page.text).toContain('KO9: Effective performance monitoring');
      expect(page.text).toContain(`<a class="govuk-notification-banner__link" href="#workstream-${row.id}">Go to the workstream on this page</a>`);
      expect(page.text).toContain(`id="workstream-${row.id}"`);
    });

    it('an administrator adds one at a position, with no lead or description', async () => {
      const token = await tokenOf(adminAgent, newWorkstream());
      await adminAgent.post(newWorkstream()).type('form').send({ _csrf: token, ...validWorkstream({ code: 'KO0', title: 'Governance', description: '', leadRole: '', sortOrder: '0' }) }).expect(303);
      const [row] = await workstreamRows('KO0');
      expect(row).toMatchObject({ title: 'Governance', description: '', lead_role: null, sort_order: 0 });
      expect(await auditOf('workstream', row.id, 'create')).toEqual([org.admin.id]);
    });

    it('missing answers, a position that is not a number, a code already used (409) and the DTO’s limits come back on their fields', async () => {
      const token = await tokenOf(boardAgent, newWorkstream());
      const send = (extra: Record<string, unknown>) => boardAgent.post(newWorkstream()).type('form').send({ _csrf: token, ...validWorkstream({ code: 'KO-REFUSED', ...extra }) });
      const blank = await send({ code: ' ', title: '', sortOrder: 'first' }).expect(400);
      expect(blank.text).toMatch(/<title>Error: /);
      expect(blank.text).toContain('<a href="#code">Enter a code</a>');
      expect(blank.text).toContain('<a href="#title">Enter a title</a>');
      expect(blank.text).toContain('<a href="#sortOrder">Position in the plan must be a whole number, like 3</a>');
      expect(blank.text).toContain('value="Head of Performance"');
      const [{ code }] = await w.t.dataSource.query<{ code: string }[]>('SELECT code FROM workstream WHERE id = $1', [plan.workstreamId]);
      const taken = await send({ code }).expect(409);
      expect(taken.text).toContain('<a href="#code">Code is already used by another workstream of this plan</a>');
      expect(taken.text).toMatch(/id="code-error"[\s\S]*?Code is already used by another workstream of this plan/);
      const longCode = await send({ code: 'K'.repeat(21) }).expect(400);
      expect(longCode.text).toContain('<a href="#code">Code must be 20 characters or fewer</a>');
      const far = await send({ sortOrder: '2000000' }).expect(400);
      expect(far.text).toContain('<a href="#sortOrder">Position in the plan must be 1,000,000 or less</a>');
      expect(await workstreamRows('KO-REFUSED')).toEqual([]);
    });

    it('owners and scrutiny members are refused (403, as the API); another plan or organisation is a 404', async () => {
      expect((await ownerAgent.get(newWorkstream()).expect(403)).text).toContain('You do not have permission');
      const ownerToken = await tokenOf(ownerAgent, planPage());
      await ownerAgent.post(newWorkstream()).type('form').send({ _csrf: ownerToken, ...validWorkstream({ code: 'OWN1' }) }).expect(403);
      await scrutinyAgent.get(newWorkstream()).expect(403);
      await otherPlanAgent.get(newWorkstream()).expect(404);
      expect((await strangerAgent.get(newWorkstream()).expect(404)).text).toContain('Page not found');
      expect(await workstreamRows('OWN1')).toEqual([]);
    });

    it('refuses a form sent without its CSRF token; a closed plan refuses the form (409)', async () => {
      await boardAgent.post(newWorkstream()).type('form').send(validWorkstream({ code: 'NOTOKEN' })).expect(403);
      expect(await workstreamRows('NOTOKEN')).toEqual([]);
      const token = await tokenOf(boardAgent, newWorkstream());
      expect((await boardAgent.get(newWorkstream(closedPlanId)).expect(409)).text).toContain('Sorry');
      await boardAgent.post(newWorkstream(closedPlanId)).type('form').send({ _csrf: token, ...validWorkstream({ code: 'CLOSED1' }) }).expect(409);
      expect(await workstreamRows('CLOSED1', closedPlanId)).toEqual([]);
    });
  });

  describe('change a notice', () => {
    it('the form is prefilled with what the notice says, with its version, for the board and an administrator', async () => {
      const n = await apiNotice('Notice to read back');
      for (const agent of [boardAgent, adminAgent]) {
        const res = await agent.get(noticeEdit(n.id)).expect(200);
        expect(res.text).toContain('<h1 class="govuk-heading-l">Change the notice</h1>');
        expect(res.text).toMatch(/value="dfe_improvement_notice" checked/);
        expect(res.text).toContain('value="Notice to read back"');
        expect(res.text).toContain(`<option value="${plan.inspectionId}" selected>`);
        expect(res.text).toMatch(/id="issuedOn-day" name="issuedOn-day" type="text" value="15"/);
        expect(res.text).toMatch(/id="deadline-year" name="deadline-year" type="text" value="2026"/);
        expect(versionIn(res.text)).toBe(n.version);
        expect(res.text).not.toContain('name="status"');
        expect(res.text).toContain('name="_csrf"');
      }
    });

    it('the board changes it: 303 to the plan page with a banner linking to it; the row and its audit line are written, its status and history untouched', async () => {
      const n = await apiNotice('Notice to change');
      const form = await boardAgent.get(noticeEdit(n.id)).expect(200);
      const res = await boardAgent
        .post(noticeEdit(n.id))
        .type('form')
        .send({ _csrf: csrfTokenFrom(form.text), ...validNoticeChange(versionIn(form.text), { title: 'Notice changed' }) })
        .expect(303);
      expect(res.headers.location).toBe(planPage());
      const [row] = await noticeRows('Notice changed');
      expect(row).toMatchObject({ id: n.id, kind: 'statutory_direction', inspection_id: null, issued_on: '2025-07-16', deadline: null, failings: 'Referrals are not screened in time.', requirements: '', status: 'open', version: n.version + 1 });
      expect(await historyOf(n.id)).toHaveLength(1);
      expect(await auditOf('notice', n.id, 'update')).toEqual([board.id]);
      const page = await boardAgent.get(planPage()).expect(200);
      expect(page.text).toContain('The notice has been changed');
      expect(page.text).toContain(`<a class="govuk-notification-banner__link" href="#notice-${n.id}">Go to the notice on this page</a>`);
    });

    it('refusals come back on their fields, with what was typed: a missing title, a deadline before the issue date', async () => {
      const n = await apiNotice('Notice refused a change');
      const form = await boardAgent.get(noticeEdit(n.id)).expect(200);
      const send = (extra: Record<string, unknown>) =>
        boardAgent
          .post(noticeEdit(n.id))
          .type('form')
          .send({ _csrf: csrfTokenFrom(form.text), ...validNoticeChange(versionIn(form.text), extra) });
      const blank = await send({ title: ' ', failings: 'Kept as typed' }).expect(400);
      expect(blank.text).toContain('<a href="#title">Enter a title</a>');
      expect(blank.text).toMatch(/id="title-error"[\s\S]*?Enter a title/);
      expect(blank.text).toContain('Kept as typed');
      const early = await send({ 'deadline-day': '1', 'deadline-month': '1', 'deadline-year': '2024' }).expect(400);
      expect(early.text).toContain('<a href="#deadline-day">The deadline must be the same as or after the date it was issued</a>');
      expect((await noticeRows('Notice refused a change'))[0]).toMatchObject({ version: n.version, kind: 'dfe_improvement_notice' });
    });

    it('a form gone stale answers 409 with what the notice says now, and goes through sent again', async () => {
      const n = await apiNotice('Notice edited meanwhile');
      const form = await boardAgent.get(noticeEdit(n.id)).expect(200);
      await w.t.http().patch(`/api/v1/notices/${n.id}`).set(bearer(org.admin)).send({ version: n.version, title: 'Notice retitled meanwhile', failings: 'Their failings' }).expect(200);
      const res = await boardAgent
        .post(noticeEdit(n.id))
        .type('form')
        .send({ _csrf: csrfTokenFrom(form.text), ...validNoticeChange(versionIn(form.text), { title: 'My title for it' }) })
        .expect(409);
      expect(res.text).toContain('<a href="#notice-now">Someone else changed this notice after you opened the form');
      expect(res.text).toMatch(/id="notice-now"[\s\S]*?Notice retitled meanwhile[\s\S]*?Their failings/);
      expect(res.text).toContain('value="My title for it"');
      expect(versionIn(res.text)).toBe(n.version + 1);
      expect(await noticeRows('My title for it')).toEqual([]);
      await boardAgent
        .post(noticeEdit(n.id))
        .type('form')
        .send({ _csrf: csrfTokenFrom(res.text), ...validNoticeChange(versionIn(res.text), { title: 'My title for it' }) })
        .expect(303);
      expect(await noticeRows('My title for it')).toHaveLength(1);
    });

    it('owners and scrutiny members are refused (403, as the API); another plan or organisation is a 404; a closed plan 409; no CSRF token 403', async () => {
      const n = await apiNotice('Notice owners may not edit');
      expect((await ownerAgent.get(noticeEdit(n.id)).expect(403)).text).toContain('You do not have permission');
      const ownerToken = await tokenOf(ownerAgent, planPage());
      await ownerAgent.post(noticeEdit(n.id)).type('form').send({ _csrf: ownerToken, ...validNoticeChange(n.version, { title: 'Owner edit' }) }).expect(403);
      await scrutinyAgent.get(noticeEdit(n.id)).expect(403);
      await ownerElsewhereBoardAgent.get(noticeEdit(n.id)).expect(403);
      await otherPlanAgent.get(noticeEdit(n.id)).expect(404);
      expect((await boardAgent.get(noticeEdit(strangerNoticeId)).expect(404)).text).toContain('Page not found');
      await strangerAgent.get(noticeEdit(n.id)).expect(404);
      await boardAgent.post(noticeEdit(n.id)).type('form').send(validNoticeChange(n.version, { title: 'No token edit' })).expect(403);
      const token = await tokenOf(boardAgent, newNotice());
      expect((await boardAgent.get(noticeEdit(closedNoticeId)).expect(409)).text).toContain('Sorry');
      await boardAgent.post(noticeEdit(closedNoticeId)).type('form').send({ _csrf: token, ...validNoticeChange(1, { title: 'Closed edit' }) }).expect(409);
      expect(await noticeRows('Owner edit')).toEqual([]);
      expect(await noticeRows('No token edit')).toEqual([]);
      expect(await w.t.dataSource.query('SELECT title FROM notice WHERE title = $1', ['Closed edit'])).toEqual([]);
    });
  });

  describe('change a workstream', () => {
    it('the form is prefilled with what the workstream says, naming the codes the plan’s other workstreams use', async () => {
      const ws = await apiWorkstream('KO-READ');
      const [{ code }] = await w.t.dataSource.query<{ code: string }[]>('SELECT code FROM workstream WHERE id = $1', [plan.workstreamId]);
      for (const agent of [boardAgent, adminAgent]) {
        const res = await agent.get(workstreamEdit(ws.id)).expect(200);
        expect(res.text).toContain('<h1 class="govuk-heading-l">Change the workstream</h1>');
        expect(res.text).toContain('value="KO-READ"');
        expect(res.text).toContain('value="Head of Service"');
        expect(res.text).toContain('value="50"');
        expect(res.text).toMatch(new RegExp(`\\(it has [^)]*\\b${code}\\b[^)]*\\)`));
        expect(res.text).not.toMatch(/\(it has [^)]*KO-READ/);
        expect(versionIn(res.text)).toBe(ws.version);
      }
    });

    it('the board changes it: 303 to the plan page with a banner linking to it; the row and its audit line are written', async () => {
      const ws = await apiWorkstream('KO-CH0');
      const form = await boardAgent.get(workstreamEdit(ws.id)).expect(200);
      const res = await boardAgent
        .post(workstreamEdit(ws.id))
        .type('form')
        .send({ _csrf: csrfTokenFrom(form.text), ...validWorkstreamChange(versionIn(form.text)) })
        .expect(303);
      expect(res.headers.location).toBe(planPage());
      expect(await workstreamRow(ws.id)).toEqual({ code: 'KO-CH', title: 'Changed workstream', description: 'What it now covers.', lead_role: null, sort_order: 7, version: ws.version + 1 });
      expect(await auditOf('workstream', ws.id, 'update')).toEqual([board.id]);
      const page = await boardAgent.get(planPage()).expect(200);
      expect(page.text).toContain('The workstream has been changed');
      expect(page.text).toContain('KO-CH: Changed workstream');
      expect(page.text).toContain(`<a class="govuk-notification-banner__link" href="#workstream-${ws.id}">Go to the workstream on this page</a>`);
    });

    it('a code another workstream of the plan uses (409) and a missing title come back on their fields', async () => {
      const ws = await apiWorkstream('KO-TAKE');
      const [{ code }] = await w.t.dataSource.query<{ code: string }[]>('SELECT code FROM workstream WHERE id = $1', [plan.workstreamId]);
      const form = await boardAgent.get(workstreamEdit(ws.id)).expect(200);
      const send = (extra: Record<string, unknown>) =>
        boardAgent
          .post(workstreamEdit(ws.id))
          .type('form')
          .send({ _csrf: csrfTokenFrom(form.text), ...validWorkstreamChange(versionIn(form.text), extra) });
      const taken = await send({ code }).expect(409);
      expect(taken.text).toContain('<a href="#code">Code is already used by another workstream of this plan</a>');
      expect(taken.text).toMatch(/id="code-error"[\s\S]*?Code is already used by another workstream of this plan/);
      const blank = await send({ title: '', sortOrder: '' }).expect(400);
      expect(blank.text).toContain('<a href="#title">Enter a title</a>');
      expect(blank.text).toContain('<a href="#sortOrder">Enter the position in the plan, like 3</a>');
      expect(await workstreamRow(ws.id)).toMatchObject({ code: 'KO-TAKE', version: ws.version });
    });

    it('a form gone stale answers 409 with what the workstream says now, and goes through sent again', async () => {
      const ws = await apiWorkstream('KO-STALE');
      const form = await boardAgent.get(workstreamEdit(ws.id)).expect(200);
      await w.t.http().patch(`/api/v1/workstreams/${ws.id}`).set(bearer(org.admin)).send({ version: ws.version, title: 'Retitled meanwhile' }).expect(200);
      const res = await boardAgent
        .post(workstreamEdit(ws.id))
        .type('form')
        .send({ _csrf: csrfTokenFrom(form.text), ...validWorkstreamChange(versionIn(form.text), { code: 'KO-STALE', title: 'My workstream title' }) })
        .expect(409);
      expect(res.text).toContain('<a href="#workstream-now">Someone else changed this workstream after you opened the form');
      expect(res.text).toMatch(/id="workstream-now"[\s\S]*?Retitled meanwhile/);
      expect(res.text).toContain('value="My workstream title"');
      expect(versionIn(res.text)).toBe(ws.version + 1);
      expect((await workstreamRow(ws.id)).title).toBe('Retitled meanwhile');
      await boardAgent
        .post(workstreamEdit(ws.id))
        .type('form')
        .send({ _csrf: csrfTokenFrom(res.text), ...validWorkstreamChange(versionIn(res.text), { code: 'KO-STALE', title: 'My workstream title' }) })
        .expect(303);
      expect((await workstreamRow(ws.id)).title).toBe('My workstream title');
    });

    it('owners and scrutiny members are refused (403, as the API); another plan or organisation is a 404; a closed plan 409; no CSRF token 403', async () => {
      const ws = await apiWorkstream('KO-OWN');
      expect((await ownerAgent.get(workstreamEdit(ws.id)).expect(403)).text).toContain('You do not have permission');
      const ownerToken = await tokenOf(ownerAgent, planPage());
      await ownerAgent.post(workstreamEdit(ws.id)).type('form').send({ _csrf: ownerToken, ...validWorkstreamChange(ws.version) }).expect(403);
      await scrutinyAgent.get(workstreamEdit(ws.id)).expect(403);
      await ownerElsewhereBoardAgent.get(workstreamEdit(ws.id)).expect(403);
      await otherPlanAgent.get(workstreamEdit(ws.id)).expect(404);
      await strangerAgent.get(workstreamEdit(ws.id)).expect(404);
      await boardAgent.post(workstreamEdit(ws.id)).type('form').send(validWorkstreamChange(ws.version)).expect(403);
      expect(await workstreamRow(ws.id)).toMatchObject({ code: 'KO-OWN', version: ws.version });
      const [{ id: closedWorkstreamId }] = await w.t.dataSource.query<{ id: string }[]>('SELECT id FROM workstream WHERE plan_id = $1', [closedPlanId]);
      expect((await boardAgent.get(workstreamEdit(closedWorkstreamId)).expect(409)).text).toContain('Sorry');
      const token = await tokenOf(boardAgent, newNotice());
      await boardAgent.post(workstreamEdit(closedWorkstreamId)).type('form').send({ _csrf: token, ...validWorkstreamChange(1, { code: 'CLOSED-CH' }) }).expect(409);
      expect(await workstreamRows('CLOSED-CH', closedPlanId)).toEqual([]);
    });
  });

  describe('delete a notice', () => {
    const noticeCount = async (id: string) => Number((await w.t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM notice WHERE id = $1', [id]))[0].n);
    const deadlinesOf = async (noticeId: string) => Number((await w.t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM regulator_deadline WHERE notice_id = $1', [noticeId]))[0].n);
    /** A finding of the plan under the notice, through the API. */
    const findingUnder = (noticeId: string, reference: string) =>
      w.t.http().post(inPlan(org.planId, 'findings')).set(bearer(board)).send({ inspectionId: plan.inspectionId, noticeId, reference, title: `Finding ${reference}`, text: 'From the report.', type: 'recommendation' }).expect(201);

    it('asks first, for the board and an administrator: what the notice is and what goes with it, a red "Delete notice" button with its CSRF token, and Cancel back to it', async () => {
      const n = await apiNotice('Notice to ask about');
      for (const agent of [boardAgent, adminAgent]) {
        const res = await agent.get(noticeDelete(n.id)).expect(200);
        expect(res.text).toContain('<h1 class="govuk-heading-l">Are you sure you want to delete the notice ‘Notice to ask about’?</h1>');
        expect(res.text).toContain('Its status history (1 entry) is deleted with it.');
        expect(res.text).toContain('The regulator deadline it set is removed from action RD1');
        expect(res.text).toContain('The audit trail keeps a record of the notice');
        expect(res.text).toMatch(/<button[^>]*class="govuk-button govuk-button--warning"[^>]*>\s*Delete notice\s*<\/button>/);
        expect(res.text).toContain(`<form method="post" action="${noticeDelete(n.id)}" novalidate>`);
        expect(res.text).toContain('name="_csrf"');
        expect(res.text).toContain(`<a class="govuk-link" href="${planPage()}#notice-${n.id}">Cancel</a>`);
        expect(res.text).not.toContain('govuk-error-summary');
      }
      const change = (await boardAgent.get(noticeEdit(n.id)).expect(200)).text;
      expect(change).toContain(`<a class="govuk-link" href="${noticeDelete(n.id)}" data-testid="delete-notice">Delete this notice</a>`);
    });

    it('the board deletes one with no findings: 303 to the plan page with a banner; the row, its history and its regulator deadline are gone; the audit trail has it', async () => {
      const n = await apiNotice('Notice to delete');
      expect(await deadlinesOf(n.id)).toBe(1);
      const form = await boardAgent.get(noticeDelete(n.id)).expect(200);
      const res = await boardAgent.post(noticeDelete(n.id)).type('form').send({ _csrf: csrfTokenFrom(form.text) }).expect(303);
      expect(res.headers.location).toBe(planPage());
      expect(await noticeCount(n.id)).toBe(0);
      expect(await historyOf(n.id)).toEqual([]);
      expect(await deadlinesOf(n.id)).toBe(0);
      expect(await auditOf('notice', n.id, 'delete')).toEqual([board.id]);
      const page = (await boardAgent.get(planPage()).expect(200)).text;
      expect(page).toContain('Notice ‘Notice to delete’ has been deleted');
      expect(page).not.toContain(`id="notice-${n.id}"`);
    });

    it('while findings are under it: the page says why and what to do first, with no button; a send anyway answers 409 with the same page; the notice stays', async () => {
      const n = await apiNotice('Notice with findings');
      for (const ref of ['DEL-F1', 'DEL-F2', 'DEL-F3']) await findingUnder(n.id, ref);
      const page = await boardAgent.get(noticeDelete(n.id)).expect(200);
      expect(page.text).toMatch(/<title>Error: Delete the notice/);
      expect(page.text).toContain('<h1 class="govuk-heading-l">The notice ‘Notice with findings’ cannot be deleted yet</h1>');
      expect(page.text).toContain('<a href="#dependents">This notice has 3 findings: move or delete them first, then delete the notice</a>');
      expect(page.text).toMatch(/id="dependents"[\s\S]*DEL-F1[\s\S]*DEL-F2[\s\S]*DEL-F3/);
      expect(page.text).not.toContain('Delete notice');
      expect(page.text).not.toContain(`action="${noticeDelete(n.id)}"`);
      const token = await tokenOf(boardAgent, newNotice());
      const refused = await boardAgent.post(noticeDelete(n.id)).type('form').send({ _csrf: token }).expect(409);
      expect(refused.text).toContain('This notice has 3 findings: move or delete them first');
      expect(refused.text).not.toContain('Sorry');
      expect(await noticeCount(n.id)).toBe(1);
      expect(await auditOf('notice', n.id, 'delete')).toEqual([]);
    });

    it('owners and scrutiny members are refused (403); another plan or organisation is a 404; a closed plan 409; no CSRF token 403', async () => {
      const n = await apiNotice('Notice owners may not delete');
      expect((await ownerAgent.get(noticeDelete(n.id)).expect(403)).text).toContain('You do not have permission');
      const ownerToken = await tokenOf(ownerAgent, planPage());
      await ownerAgent.post(noticeDelete(n.id)).type('form').send({ _csrf: ownerToken }).expect(403);
      await scrutinyAgent.get(noticeDelete(n.id)).expect(403);
      await ownerElsewhereBoardAgent.get(noticeDelete(n.id)).expect(403);
      await otherPlanAgent.get(noticeDelete(n.id)).expect(404);
      await strangerAgent.get(noticeDelete(n.id)).expect(404);
      expect((await boardAgent.get(noticeDelete(strangerNoticeId)).expect(404)).text).toContain('Page not found');
      const token = await tokenOf(boardAgent, newNotice());
      await boardAgent.post(noticeDelete(strangerNoticeId)).type('form').send({ _csrf: token }).expect(404);
      await boardAgent.post(noticeDelete(n.id)).type('form').send({}).expect(403);
      expect((await boardAgent.get(noticeDelete(closedNoticeId)).expect(409)).text).toContain('Sorry');
      await boardAgent.post(noticeDelete(closedNoticeId)).type('form').send({ _csrf: token }).expect(409);
      expect(await noticeCount(n.id)).toBe(1);
      expect(await noticeCount(strangerNoticeId)).toBe(1);
      expect(await noticeCount(closedNoticeId)).toBe(1);
    });
  });

  describe('delete a workstream', () => {
    const workstreamCount = async (id: string) => Number((await w.t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM workstream WHERE id = $1', [id]))[0].n);

    it('the board deletes one with no actions, after a page that asks first: 303 to the plan page with a banner; the row is gone; the audit trail has it', async () => {
      const ws = await apiWorkstream('KO-DEL');
      const form = await boardAgent.get(workstreamDelete(ws.id)).expect(200);
      expect(form.text).toContain('<h1 class="govuk-heading-l">Are you sure you want to delete the workstream ‘KO-DEL: Workstream KO-DEL’?</h1>');
      expect(form.text).toMatch(/<button[^>]*govuk-button--warning[^>]*>\s*Delete workstream\s*<\/button>/);
      expect(form.text).toContain(`<a class="govuk-link" href="${planPage()}#workstream-${ws.id}">Cancel</a>`);
      const change = (await adminAgent.get(workstreamEdit(ws.id)).expect(200)).text;
      expect(change).toContain(`<a class="govuk-link" href="${workstreamDelete(ws.id)}" data-testid="delete-workstream">Delete this workstream</a>`);
      const res = await boardAgent.post(workstreamDelete(ws.id)).type('form').send({ _csrf: csrfTokenFrom(form.text) }).expect(303);
      expect(res.headers.location).toBe(planPage());
      expect(await workstreamCount(ws.id)).toBe(0);
      expect(await auditOf('workstream', ws.id, 'delete')).toEqual([board.id]);
      const page = (await boardAgent.get(planPage()).expect(200)).text;
      expect(page).toContain('Workstream ‘KO-DEL: Workstream KO-DEL’ has been deleted');
      expect(page).not.toContain(`id="workstream-${ws.id}"`);
    });

    it('while actions are in it: the page names them and what to do first, with no button; a send anyway answers 409; the workstream stays', async () => {
      const ws = await apiWorkstream('KO-BUSY');
      const action = await seedAction(w.t.dataSource, org.id, { ...plan, workstreamId: ws.id }, { ownerId: owner.id, reference: 'BUSY1' });
      const page = await adminAgent.get(workstreamDelete(ws.id)).expect(200);
      expect(page.text).toContain('<h1 class="govuk-heading-l">The workstream ‘KO-BUSY: Workstream KO-BUSY’ cannot be deleted yet</h1>');
      expect(page.text).toContain('<a href="#dependents">This workstream has 1 action: move or delete it first, then delete the workstream</a>');
      expect(page.text).toContain(`<a class="govuk-link" href="/actions/${action.id}">BUSY1</a>`);
      expect(page.text).not.toContain('Delete workstream');
      const token = await tokenOf(adminAgent, newWorkstream());
      const refused = await adminAgent.post(workstreamDelete(ws.id)).type('form').send({ _csrf: token }).expect(409);
      expect(refused.text).toContain('This workstream has 1 action: move or delete it first');
      expect(await workstreamCount(ws.id)).toBe(1);
    });

    it('the regulator deadlines’ workstream (RD) has no "Delete" link; its page, opened anyway, refuses while it holds its action RD1, as the service says', async () => {
      await apiNotice('Notice that makes the RD workstream');
      const [rd] = await w.t.dataSource.query<{ id: string }[]>(`SELECT id FROM workstream WHERE plan_id = $1 AND code = 'RD'`, [org.planId]);
      expect((await boardAgent.get(planPage()).expect(200)).text).toContain(`href="${workstreamEdit(rd.id)}"`);
      expect((await boardAgent.get(planPage()).expect(200)).text).not.toContain(`href="${workstreamDelete(rd.id)}"`);
      expect((await boardAgent.get(workstreamEdit(rd.id)).expect(200)).text).not.toContain('Delete this workstream');
      const page = await boardAgent.get(workstreamDelete(rd.id)).expect(200);
      expect(page.text).toContain('This workstream has 1 action: move or delete it first');
      expect(page.text).toContain('>RD1</a>');
      expect(page.text).not.toContain('Delete workstream');
    });

    it('owners and scrutiny members are refused (403); another plan or organisation is a 404; a closed plan 409; no CSRF token 403', async () => {
      const ws = await apiWorkstream('KO-KEEP');
      expect((await ownerAgent.get(workstreamDelete(ws.id)).expect(403)).text).toContain('You do not have permission');
      const ownerToken = await tokenOf(ownerAgent, planPage());
      await ownerAgent.post(workstreamDelete(ws.id)).type('form').send({ _csrf: ownerToken }).expect(403);
      await scrutinyAgent.get(workstreamDelete(ws.id)).expect(403);
      await ownerElsewhereBoardAgent.get(workstreamDelete(ws.id)).expect(403);
      await otherPlanAgent.get(workstreamDelete(ws.id)).expect(404);
      expect((await strangerAgent.get(workstreamDelete(ws.id)).expect(404)).text).toContain('Page not found');
      const strangerToken = await tokenOf(strangerAgent, '/account');
      await strangerAgent.post(workstreamDelete(ws.id)).type('form').send({ _csrf: strangerToken }).expect(404);
      await boardAgent.post(workstreamDelete(ws.id)).type('form').send({}).expect(403);
      const [{ id: closedWorkstreamId }] = await w.t.dataSource.query<{ id: string }[]>('SELECT id FROM workstream WHERE plan_id = $1', [closedPlanId]);
      expect((await boardAgent.get(workstreamDelete(closedWorkstreamId)).expect(409)).text).toContain('Sorry');
      const token = await tokenOf(boardAgent, newNotice());
      await boardAgent.post(workstreamDelete(closedWorkstreamId)).type('form').send({ _csrf: token }).expect(409);
      expect(await workstreamCount(ws.id)).toBe(1);
      expect(await workstreamCount(closedWorkstreamId)).toBe(1);
    });
  });

  describe('add an action, on a plan with no finding or workstream yet', () => {
    it('links the pages that add them, where it said to use the API', async () => {
      const page = (await boardAgent.get(`/plans/${emptyPlanId}/actions/new`).expect(200)).text;
      expect(page).toContain('This plan has no findings and no workstreams yet');
      expect(page).toContain(`<a class="govuk-link" href="${newWorkstream(emptyPlanId)}">Add a workstream</a>`);
      expect(page).toContain(`<a class="govuk-link" href="/plans/${emptyPlanId}/findings/new">Add a finding</a>`);
      expect(page).not.toContain('through the API');
    });
  });

  describe('the plan page', () => {
    it('offers "Add a notice", "Add a workstream", "Change status", "Change" and "Delete" (each notice and workstream) to the board and administrators of an open plan only', async () => {
      const n = await apiNotice('Notice on the plan page');
      for (const agent of [boardAgent, adminAgent]) {
        const page = (await agent.get(planPage()).expect(200)).text;
        expect(page).toContain(`href="${newNotice()}"`);
        expect(page).toContain(`href="${newWorkstream()}"`);
        expect(page).toContain(`href="${noticeStatus(n.id)}"`);
        expect(page).toContain(`href="${noticeEdit(n.id)}"`);
        expect(page).toContain(`href="${workstreamEdit(plan.workstreamId)}"`);
        expect(page).toContain(`<a class="govuk-link" href="${noticeDelete(n.id)}" data-testid="delete-notice">Delete<span class="govuk-visually-hidden"> Notice on the plan page</span></a>`);
        expect(page).toMatch(new RegExp(`href="${workstreamDelete(plan.workstreamId)}" data-testid="delete-workstream">Delete<span class="govuk-visually-hidden"> KO\\d+ Improved safeguarding practice</span></a>`));
      }
      const ownerPage = (await ownerAgent.get(planPage()).expect(200)).text;
      expect(ownerPage).toContain(`id="notice-${n.id}"`);
      expect(ownerPage).not.toContain('/notices/new');
      expect(ownerPage).not.toContain('/workstreams/new');
      expect(ownerPage).not.toContain('/status"');
      expect(ownerPage).not.toContain('/edit"');
      expect(ownerPage).not.toContain('/delete"');
      const closed = (await boardAgent.get(planPage(closedPlanId)).expect(200)).text;
      expect(closed).toContain('This plan is closed');
      expect(closed).toContain(`id="notice-${closedNoticeId}"`);
      expect(closed).not.toContain('/notices/new');
      expect(closed).not.toContain('/workstreams/new');
      expect(closed).not.toContain(noticeStatus(closedNoticeId));
      expect(closed).not.toContain('/edit"');
      expect(closed).not.toContain('/delete"');
    });

    it('shows each notice’s status history and the plan’s workstreams, to owners too; a notice’s kind is not repeated before its title', async () => {
      const n = await apiNotice('Improvement notice: children’s social care');
      await w.t.http().patch(`/api/v1/notices/${n.id}`).set(bearer(board)).send({ version: n.version, status: 'downgraded', statusChangedOn: '2026-11-02', statusNote: 'After the monitoring visit' }).expect(200);
      const page = (await ownerAgent.get(planPage()).expect(200)).text;
      const block = new RegExp(`id="notice-${n.id}"[\\s\\S]*?</dl>`).exec(page)?.[0] ?? '';
      expect(block).toContain('<span class="govuk-caption-s">DfE improvement notice</span>');
      expect(block).toMatch(/<h4 class="govuk-heading-s">Improvement notice: children’s social care<\/h4>/);
      expect(block).not.toContain('DfE improvement notice: Improvement notice');
      expect(block).toMatch(/Open from 15 July 2025 <span class="govuk-body-s">\(recorded by Avery Boardman\)<\/span>/);
      expect(block).toMatch(/Downgraded from 2 November 2026[\s\S]*After the monitoring visit/);
      expect(page).toContain('<h2 class="govuk-heading-m" id="workstreams-title">Workstreams</h2>');
      expect(page).toContain(`id="workstream-${plan.workstreamId}"`);
      expect(page).toContain('Principal Social Worker');
    });
  });
});
