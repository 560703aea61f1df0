import { seedNotice } from '../support/actions-fixtures';
import { regulatorIds } from '../support/inspections-api';
import { PlanFixture, seedPlanBasics } from '../support/plan-fixtures';
import { bearer, inPlan, TestOrganisation } from '../support/test-app';
import { createWebUser, csrfTokenFrom, signInWithAgent, startWebApp, WebTestApp, WebUser } from './support/web-test-app';

jest.setTimeout(120_000);

type Agent = Awaited<ReturnType<typeof signInWithAgent>>['agent'];

/**
 * "Add an inspection" (`/plans/:planId/inspections/new`) and "Add a finding"
 * (`/plans/:planId/findings/new`) over HTTP: what they write (row, audit, the regulator's deadline),
 * their refusals on the fields, and who may use them (exactly who the API lets create inspections
 * and findings), and the plan page's links to them.
 */
describe('web: adding an inspection and a finding (supertest)', () => {
  let w: WebTestApp;
  let org: TestOrganisation;
  let board: WebUser;
  let plan: PlanFixture;
  let regulators: Record<string, string>;
  let ofstedInspectionId: string;
  let noticeId: string;
  let otherPlanInspectionId: string;
  let closedPlanId: string;
  let boardAgent: Agent;
  let adminAgent: Agent;
  let ownerAgent: Agent;
  let scrutinyAgent: Agent;
  let otherPlanAgent: Agent;
  let strangerAgent: Agent;

  beforeAll(async () => {
    // The clock: Monday 23 November 2026, 10:00 UTC.
    w = await startWebApp();
    org = await w.t.createOrganisation('Exampleshire Council');
    board = await createWebUser(w.t, org, 'board', 'Avery Boardman', { jobTitle: 'Programme lead' });
    const owner = await createWebUser(w.t, org, 'owner', 'Rowan Ownwell');
    const scrutiny = await createWebUser(w.t, org, 'scrutiny', 'Morgan Scrutton');
    // The plan's CQC assessment (finding QS-SAFE-<n>), an Ofsted focused visit, and a notice that follows the CQC one.
    plan = await seedPlanBasics(w.t.dataSource, org.id);
    regulators = await regulatorIds(w.t, board);
    const visit = await w.t
      .http()
      .post(inPlan(org.planId, 'inspections'))
      .set(bearer(board))
      .send({ regulatorId: regulators.ofsted, kind: 'ofsted_focused_visit', title: 'Ofsted focused visit 2026', startDate: '2026-02-10' })
      .expect(201);
    ofstedInspectionId = visit.body.id;
    noticeId = await seedNotice(w.t.dataSource, org.id, plan.inspectionId, org.planId);
    // Another plan of the organisation, with its own inspection; and a plan the board will see closed.
    const otherPlan = await w.t.createPlan(org, { title: 'SEND improvement plan' });
    otherPlanInspectionId = (await seedPlanBasics(w.t.dataSource, org.id, otherPlan.id)).inspectionId;
    const otherPlanBoard = await createWebUser(w.t, org, 'board', 'Sasha Planswell', { planId: otherPlan.id });
    closedPlanId = (await w.t.createPlan(org, { title: 'Closed adoption plan' })).id;
    await w.t.addMember(org, closedPlanId, board, 'board');
    await seedPlanBasics(w.t.dataSource, org.id, closedPlanId);
    await w.t.http().post(`/api/v1/plans/${closedPlanId}/close`).set(bearer(org.admin)).expect(200);

    boardAgent = (await signInWithAgent(w.t, board.email)).agent;
    adminAgent = (await signInWithAgent(w.t, org.admin.email)).agent;
    ownerAgent = (await signInWithAgent(w.t, owner.email)).agent;
    scrutinyAgent = (await signInWithAgent(w.t, scrutiny.email)).agent;
    otherPlanAgent = (await signInWithAgent(w.t, otherPlanBoard.email)).agent;
    const elsewhere = await w.t.createOrganisation('Elsewhere Council');
    strangerAgent = (await signInWithAgent(w.t, (await createWebUser(w.t, elsewhere, 'board', 'Jordan Elsewhere')).email)).agent;
  });

  afterAll(() => w?.close());

  const newInspection = (planId = org.planId) => `/plans/${planId}/inspections/new`;
  const newFinding = (planId = org.planId) => `/plans/${planId}/findings/new`;
  const planPage = (planId = org.planId) => `/plans/${planId}/plan`;
  const tokenOf = async (agent: Agent, path: string) => csrfTokenFrom((await agent.get(path).expect(200)).text);

  const inspectionRows = (title: string) =>
    w.t.dataSource.query<
      { id: string; regulator_id: string; kind: string; start_date: string; end_date: string | null; published_date: string | null; report_reference: string | null; report_url: string | null; overall_judgement: string | null }[]
    >(
      `SELECT id, regulator_id, kind, start_date::text, end_date::text, published_date::text, report_reference, report_url, overall_judgement FROM inspection WHERE plan_id = $1 AND title = $2`,
      [org.planId, title],
    );
  const findingRows = (reference: string) =>
    w.t.dataSource.query<{ id: string; inspection_id: string; notice_id: string | null; title: string; text: string; type: string; theme: string | null; score: number | null }[]>(
      `SELECT id, inspection_id, notice_id, title, text, type, theme, score FROM finding WHERE organisation_id = $1 AND reference = $2`,
      [org.id, reference],
    );
  const createdBy = async (entityType: string, entityId: string) =>
    (await w.t.dataSource.query<{ actor_id: string }[]>(`SELECT actor_id FROM audit_event WHERE entity_type = $1 AND entity_id = $2 AND action = 'create'`, [entityType, entityId])).map((r) => r.actor_id);

  const validInspection = (extra: Record<string, unknown> = {}) => ({
    regulatorId: regulators.cqc,
    kind: 'cqc_la_assessment',
    title: 'CQC assessment of adult social care 2026',
    'startDate-day': '3',
    'startDate-month': '3',
    'startDate-year': '2026',
    'endDate-day': '14',
    'endDate-month': '3',
    'endDate-year': '2026',
    'publishedDate-day': '',
    'publishedDate-month': '',
    'publishedDate-year': '',
    reportReference: 'CQC LA assessment report 2026',
    reportUrl: 'https://www.cqc.org.uk/care-services/local-authority-assessment-reports',
    overallJudgement: '',
    ...extra,
  });
  const validFinding = (extra: Record<string, unknown> = {}) => ({
    inspectionId: plan.inspectionId,
    noticeId: '',
    reference: 'QS-ACC-1',
    title: 'Access to care: some shortfalls',
    text: 'People found it hard to reach the council.\r\nWaits were long.',
    type: 'area_for_improvement',
    theme: 'care_provision_integration_continuity',
    score: '2',
    ...extra,
  });

  describe('add an inspection', () => {
    it('the form offers the regulators and the kinds each carries out, for the board and an administrator', async () => {
      for (const agent of [boardAgent, adminAgent]) {
        const res = await agent.get(newInspection()).expect(200);
        expect(res.text).toContain('<h1 class="govuk-heading-l">Add an inspection</h1>');
        expect(res.text).toMatch(/<option value="[0-9a-f-]{36}">Care Quality Commission<\/option>/);
        expect(res.text).toContain('HM Inspectorate of Constabulary and Fire &amp; Rescue Services');
        expect(res.text).toContain('value="ofsted_focused_visit"');
        expect(res.text).toContain('Joint targeted area inspection (JTAI)');
        expect(res.text).toContain('recorded through the import or the API');
        expect(res.text).toContain('name="_csrf"');
        expect(res.text).not.toContain('qualityStatementScores');
      }
    });

    it('the board adds one: 303 to it on the plan page with a banner; the row and its audit line are written', async () => {
      const token = await tokenOf(boardAgent, newInspection());
      const res = await boardAgent.post(newInspection()).type('form').send({ _csrf: token, ...validInspection() }).expect(303);
      const [row] = await inspectionRows('CQC assessment of adult social care 2026');
      expect(row).toMatchObject({
        regulator_id: regulators.cqc,
        kind: 'cqc_la_assessment',
        start_date: '2026-03-03',
        end_date: '2026-03-14',
        published_date: null,
        report_reference: 'CQC LA assessment report 2026',
        report_url: 'https://www.cqc.org.uk/care-services/local-authority-assessment-reports',
        overall_judgement: null,
      });
      expect(res.headers.location).toBe(planPage());
      expect(await createdBy('inspection', row.id)).toEqual([board.id]);
      // The API reads it back as it reads its own.
      const api = await w.t.http().get(`/api/v1/inspections/${row.id}`).set(bearer(board)).expect(200);
      expect(api.body).toMatchObject({ title: 'CQC assessment of adult social care 2026', kindLabel: 'CQC local authority assessment' });
      const page = await boardAgent.get(planPage()).expect(200);
      expect(page.text).toContain('govuk-notification-banner--success');
      expect(page.text).toContain('The inspection has been added');
      // The banner links down to the new inspection (the page opens at its top, where the banner is).
      expect(page.text).toContain(`<a class="govuk-notification-banner__link" href="#inspection-${row.id}">Go to the inspection on this page</a>`);
      expect(page.text).toContain(`id="inspection-${row.id}"`);
    });

    it('an administrator adds an ILACS inspection with its overall judgement; the regulator’s deadline is made with it', async () => {
      const token = await tokenOf(adminAgent, newInspection());
      const body = validInspection({
        regulatorId: regulators.ofsted,
        kind: 'ofsted_ilacs_full',
        title: 'Ofsted ILACS inspection 2026',
        'publishedDate-day': '20',
        'publishedDate-month': '4',
        'publishedDate-year': '2026',
        overallJudgement: 'Requires improvement to be good',
      });
      const res = await adminAgent.post(newInspection()).type('form').send({ _csrf: token, ...body }).expect(303);
      const [row] = await inspectionRows('Ofsted ILACS inspection 2026');
      expect(row).toMatchObject({ kind: 'ofsted_ilacs_full', published_date: '2026-04-20', overall_judgement: 'Requires improvement to be good' });
      expect(res.headers.location).toBe(planPage());
      expect(await createdBy('inspection', row.id)).toEqual([org.admin.id]);
      const deadlines = await w.t.dataSource.query<{ key: string }[]>('SELECT key FROM regulator_deadline WHERE inspection_id = $1', [row.id]);
      expect(deadlines.map((d) => d.key)).toEqual(['ilacs_action_plan']);
    });

    it('missing answers and a 31 February come back on their fields, with what was typed', async () => {
      const token = await tokenOf(boardAgent, newInspection());
      const res = await boardAgent
        .post(newInspection())
        .type('form')
        .send({ _csrf: token, ...validInspection({ regulatorId: '', kind: '', title: ' ', 'startDate-day': '31', 'startDate-month': '2', 'startDate-year': '2026', 'endDate-month': '' }) })
        .expect(400);
      expect(res.text).toMatch(/<title>Error: /);
      expect(res.text).toContain('<a href="#regulatorId">Select the regulator</a>');
      expect(res.text).toContain('<a href="#kind">Select the kind of inspection</a>');
      expect(res.text).toContain('<a href="#title">Enter a title</a>');
      expect(res.text).toContain('<a href="#startDate-day">The start date must be a real date</a>');
      expect(res.text).toContain('<a href="#endDate-month">The end date must include a month</a>');
      expect(res.text).toMatch(/id="startDate-day" name="startDate-day" type="text" value="31"/);
      expect(res.text).toContain('value="CQC LA assessment report 2026"');
      const blank = await boardAgent.post(newInspection()).type('form').send({ _csrf: token }).expect(400);
      expect(blank.text).toContain('<a href="#startDate-day">Enter the date the inspection started</a>');
      expect(await inspectionRows('')).toEqual([]);
    });

    it('the API’s rules come back on their fields: a kind the regulator does not carry out, dates before the start, a judgement it does not give, a bad link', async () => {
      const token = await tokenOf(boardAgent, newInspection());
      const send = (extra: Record<string, unknown>) => boardAgent.post(newInspection()).type('form').send({ _csrf: token, ...validInspection({ title: 'Refused inspection', ...extra }) });
      const kind = await send({ kind: 'ofsted_focused_visit' }).expect(400);
      expect(kind.text).toContain('<a href="#kind">Kind of inspection must be one the regulator carries out: CQC local authority assessment</a>');
      expect(kind.text).toMatch(/id="kind-error"[\s\S]*?Kind of inspection must be one the regulator carries out/);
      const early = await send({ 'endDate-year': '2025' }).expect(400);
      expect(early.text).toContain('<a href="#endDate-day">The end date must be the same as or after the start date</a>');
      const published = await send({ 'publishedDate-day': '1', 'publishedDate-month': '1', 'publishedDate-year': '2026' }).expect(400);
      expect(published.text).toContain('<a href="#publishedDate-day">The date the report was published must be the same as or after the start date</a>');
      const derived = await send({ overallJudgement: 'Good' }).expect(400);
      expect(derived.text).toContain('<a href="#overallJudgement">Overall judgement must be None: a CQC assessment’s rating is worked out from its quality statement scores');
      const ungraded = await send({ regulatorId: regulators.ofsted, kind: 'ofsted_focused_visit', overallJudgement: 'Good' }).expect(400);
      expect(ungraded.text).toContain('<a href="#overallJudgement">Overall judgement must be None: an Ofsted focused visit is not graded</a>');
      const offScale = await send({ regulatorId: regulators.ofsted, kind: 'ofsted_ilacs_short', overallJudgement: 'Requires improvement' }).expect(400);
      expect(offScale.text).toContain('Overall judgement must be on the regulator’s scale: Outstanding, Good, Requires improvement to be good, Inadequate');
      const link = await send({ reportUrl: 'cqc.org.uk/report' }).expect(400);
      expect(link.text).toContain('<a href="#reportUrl">The link to the report must be a web address starting with https:// or http://</a>');
      const notARegulator = await send({ regulatorId: 'cqc' }).expect(400);
      expect(notARegulator.text).toContain('<a href="#regulatorId">Regulator must be one from the list</a>');
      const unknownRegulator = await send({ regulatorId: '5a8e1c9e-0000-4000-8000-000000000000' }).expect(400);
      expect(unknownRegulator.text).toContain('<a href="#regulatorId">Regulator must be one from the list</a>');
      const long = await send({ title: 'x'.repeat(301) }).expect(400);
      expect(long.text).toContain('<a href="#title">Title must be 300 characters or fewer</a>');
      expect(await inspectionRows('Refused inspection')).toEqual([]);
    });

    it('owners and scrutiny members are refused (403, as the API); another plan or organisation is a 404', async () => {
      expect((await ownerAgent.get(newInspection()).expect(403)).text).toContain('You do not have permission');
      const ownerToken = await tokenOf(ownerAgent, planPage());
      await ownerAgent.post(newInspection()).type('form').send({ _csrf: ownerToken, ...validInspection({ title: 'Owner inspection' }) }).expect(403);
      await scrutinyAgent.get(newInspection()).expect(403);
      await otherPlanAgent.get(newInspection()).expect(404);
      expect((await strangerAgent.get(newInspection()).expect(404)).text).toContain('Page not found');
      expect(await inspectionRows('Owner inspection')).toEqual([]);
    });

    it('refuses a form sent without its CSRF token', async () => {
      const res = await boardAgent.post(newInspection()).type('form').send(validInspection({ title: 'No token inspection' })).expect(403);
      expect(res.text).toContain('Sorry, your form could not be sent');
      expect(await inspectionRows('No token inspection')).toEqual([]);
    });

    it('a closed plan refuses the form (409)', async () => {
      const token = await tokenOf(boardAgent, newInspection());
      expect((await boardAgent.get(newInspection(closedPlanId)).expect(409)).text).toContain('Sorry');
      await boardAgent.post(newInspection(closedPlanId)).type('form').send({ _csrf: token, ...validInspection({ title: 'Closed plan inspection' }) }).expect(409);
      expect(await w.t.dataSource.query('SELECT id FROM inspection WHERE title = $1', ['Closed plan inspection'])).toEqual([]);
    });
  });

  describe('add a finding', () => {
    it('the form offers the plan’s inspections (not another plan’s) and its notices; ?inspection= chooses one', async () => {
      for (const agent of [boardAgent, adminAgent]) {
        const res = await agent.get(newFinding()).expect(200);
        expect(res.text).toContain('<h1 class="govuk-heading-l">Add a finding</h1>');
        expect(res.text).toContain(`<option value="${plan.inspectionId}">CQC local authority assessment`);
        expect(res.text).toContain(`<option value="${ofstedInspectionId}">Ofsted focused visit 2026 (10 February 2026)</option>`);
        expect(res.text).not.toContain(otherPlanInspectionId);
        expect(res.text).toMatch(new RegExp(`<option value="${noticeId}">Section 50 notification: Section 50 notice`));
        expect(res.text).toContain('value="area_for_priority_action"');
        // Themes from the lists of the plan's inspections: CQC quality statements and Ofsted's judgements.
        expect(res.text).toContain('<option value="safeguarding">CQC quality statement: Safeguarding</option>');
        expect(res.text).toContain('<option value="help_and_protection">Ofsted ILACS judgement: ');
        expect(res.text).toContain('1: significant shortfalls');
        expect(res.text).toContain('<option value="" selected>Choose an inspection</option>');
      }
      const chosen = await boardAgent.get(`${newFinding()}?inspection=${ofstedInspectionId}`).expect(200);
      expect(chosen.text).toContain(`<option value="${ofstedInspectionId}" selected>`);
      expect(chosen.text).toContain(`href="${planPage()}#inspection-${ofstedInspectionId}"`);
      // Another plan's inspection, or not an id at all, chooses nothing.
      for (const q of [otherPlanInspectionId, 'nonsense']) {
        expect((await boardAgent.get(`${newFinding()}?inspection=${q}`).expect(200)).text).toContain('<option value="" selected>Choose an inspection</option>');
      }
    });

    it('the board adds one: 303 to it on the plan page with a banner; the row and its audit line are written', async () => {
      const token = await tokenOf(boardAgent, newFinding());
      const res = await boardAgent.post(newFinding()).type('form').send({ _csrf: token, ...validFinding({ noticeId }) }).expect(303);
      const [row] = await findingRows('QS-ACC-1');
      expect(row).toMatchObject({
        inspection_id: plan.inspectionId,
        notice_id: noticeId,
        title: 'Access to care: some shortfalls',
        text: 'People found it hard to reach the council.\nWaits were long.',
        type: 'area_for_improvement',
        theme: 'care_provision_integration_continuity',
        score: 2,
      });
      expect(res.headers.location).toBe(planPage());
      expect(await createdBy('finding', row.id)).toEqual([board.id]);
      const api = await w.t.http().get(`/api/v1/findings/${row.id}`).set(bearer(board)).expect(200);
      expect(api.body).toMatchObject({ reference: 'QS-ACC-1', themeLabel: 'Care provision, integration and continuity', typeLabel: 'Area for improvement' });
      const page = await boardAgent.get(planPage()).expect(200);
      expect(page.text).toContain('The finding has been added');
      expect(page.text).toContain(`<a class="govuk-notification-banner__link" href="#finding-${row.id}">Go to the finding on this page</a>`);
      expect(page.text).toContain('QS-ACC-1: Access to care: some shortfalls');
      expect(page.text).toContain(`id="finding-${row.id}"`);
    });

    it('an administrator adds one to the Ofsted visit, with no theme or score', async () => {
      const token = await tokenOf(adminAgent, newFinding());
      await adminAgent
        .post(newFinding())
        .type('form')
        .send({ _csrf: token, ...validFinding({ inspectionId: ofstedInspectionId, reference: 'FV-1', type: 'area_for_priority_action', theme: '', score: '' }) })
        .expect(303);
      const [row] = await findingRows('FV-1');
      expect(row).toMatchObject({ inspection_id: ofstedInspectionId, theme: null, score: null, type: 'area_for_priority_action' });
      expect(await createdBy('finding', row.id)).toEqual([org.admin.id]);
    });

    it('missing answers come back on their fields, with what was typed', async () => {
      const token = await tokenOf(boardAgent, newFinding());
      const res = await boardAgent
        .post(newFinding())
        .type('form')
        .send({ _csrf: token, ...validFinding({ inspectionId: '', reference: ' ', title: '', type: '', score: '7' }) })
        .expect(400);
      expect(res.text).toMatch(/<title>Error: /);
      expect(res.text).toContain('<a href="#inspectionId">Select the inspection the finding comes from</a>');
      expect(res.text).toContain('<a href="#reference">Enter the finding’s reference in the report</a>');
      expect(res.text).toContain('<a href="#title">Enter a title</a>');
      expect(res.text).toContain('<a href="#type">Select the type of finding</a>');
      expect(res.text).toContain('<a href="#score">Select a score from the list</a>');
      expect(res.text).toContain('People found it hard to reach the council.');
      expect(res.text).toContain('<option value="care_provision_integration_continuity" selected>');
    });

    it('the API’s rules come back on their fields: a reference already used (409), another plan’s inspection, a theme or score the regulator does not use, a notice of another inspection', async () => {
      const token = await tokenOf(boardAgent, newFinding());
      const send = (extra: Record<string, unknown>) => boardAgent.post(newFinding()).type('form').send({ _csrf: token, ...validFinding({ reference: 'QS-REFUSED', ...extra }) });
      const [seeded] = await w.t.dataSource.query<{ reference: string }[]>('SELECT reference FROM finding WHERE id = $1', [plan.findingId]);
      const taken = await send({ reference: seeded.reference }).expect(409);
      expect(taken.text).toContain('<a href="#reference">Reference is already used by another finding of this inspection</a>');
      expect(taken.text).toMatch(/id="reference-error"[\s\S]*?Reference is already used by another finding of this inspection/);
      expect(taken.text).toContain('value="Access to care: some shortfalls"');
      const otherPlans = await send({ inspectionId: otherPlanInspectionId }).expect(400);
      expect(otherPlans.text).toContain('<a href="#inspectionId">Inspection must be one of this plan’s inspections, from the list</a>');
      const notAnId = await send({ inspectionId: 'not-an-id' }).expect(400);
      expect(notAnId.text).toContain('<a href="#inspectionId">Inspection must be one of this plan’s inspections, from the list</a>');
      const theme = await send({ theme: 'help_and_protection' }).expect(400);
      expect(theme.text).toContain('<a href="#theme">Theme must be a CQC quality statement for the inspection chosen</a>');
      const score = await send({ inspectionId: ofstedInspectionId, theme: '', score: '1' }).expect(400);
      expect(score.text).toContain('<a href="#score">Score must be Not scored for this inspection: only CQC scores its findings</a>');
      const notice = await send({ inspectionId: ofstedInspectionId, theme: '', score: '', noticeId }).expect(400);
      expect(notice.text).toContain('<a href="#noticeId">The notice follows a different inspection from the one chosen: choose No notice, or that inspection</a>');
      const long = await send({ title: 'x'.repeat(301) }).expect(400);
      expect(long.text).toContain('<a href="#title">Title must be 300 characters or fewer</a>');
      expect(await findingRows('QS-REFUSED')).toEqual([]);
    });

    it('owners and scrutiny members are refused (403, as the API); another plan or organisation is a 404', async () => {
      expect((await ownerAgent.get(newFinding()).expect(403)).text).toContain('You do not have permission');
      const ownerToken = await tokenOf(ownerAgent, planPage());
      await ownerAgent.post(newFinding()).type('form').send({ _csrf: ownerToken, ...validFinding({ reference: 'OWN-1' }) }).expect(403);
      await scrutinyAgent.get(newFinding()).expect(403);
      await otherPlanAgent.get(newFinding()).expect(404);
      expect((await strangerAgent.get(newFinding()).expect(404)).text).toContain('Page not found');
      expect(await findingRows('OWN-1')).toEqual([]);
    });

    it('refuses a form sent without its CSRF token', async () => {
      const res = await boardAgent.post(newFinding()).type('form').send(validFinding({ reference: 'NO-TOKEN-1' })).expect(403);
      expect(res.text).toContain('Sorry, your form could not be sent');
      expect(await findingRows('NO-TOKEN-1')).toEqual([]);
    });

    it('a closed plan refuses the form (409)', async () => {
      const token = await tokenOf(boardAgent, newFinding());
      expect((await boardAgent.get(newFinding(closedPlanId)).expect(409)).text).toContain('Sorry');
      await boardAgent.post(newFinding(closedPlanId)).type('form').send({ _csrf: token, ...validFinding({ reference: 'CLOSED-1' }) }).expect(409);
      expect(await findingRows('CLOSED-1')).toEqual([]);
    });
  });

  describe('the plan page', () => {
    it('links both forms for the board and administrators of an open plan, not for owners or on a closed plan', async () => {
      for (const agent of [boardAgent, adminAgent]) {
        const page = (await agent.get(planPage()).expect(200)).text;
        expect(page).toContain(`href="${newInspection()}"`);
        expect(page).toContain(`href="${newFinding()}?inspection=${plan.inspectionId}"`);
        expect(page).toContain(`href="${newFinding()}?inspection=${ofstedInspectionId}"`);
      }
      const ownerPage = (await ownerAgent.get(planPage()).expect(200)).text;
      expect(ownerPage).not.toContain('/inspections/new');
      expect(ownerPage).not.toContain('/findings/new');
      const closed = (await boardAgent.get(planPage(closedPlanId)).expect(200)).text;
      expect(closed).toContain('This plan is closed');
      expect(closed).not.toContain('/inspections/new');
      expect(closed).not.toContain('/findings/new');
    });
  });
});
