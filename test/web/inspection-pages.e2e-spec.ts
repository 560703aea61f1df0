import { seedNotice } from '../support/actions-fixtures';
import { regulatorIds } from '../support/inspections-api';
import { seedPlanBasics } from '../support/plan-fixtures';
import { bearer, inPlan, TestOrganisation } from '../support/test-app';
import { closePlan, planRoles, type Agent } from './support/plan-roles';
import { csrfTokenFrom, startWebApp, WebTestApp, WebUser } from './support/web-test-app';

jest.setTimeout(120_000);

/**
 * "Change the inspection" (`/inspections/:inspectionId/edit`) and "Delete the inspection"
 * (`/inspections/:inspectionId/delete`) over HTTP: what they write (row, audit), their refusals on
 * the fields, the version check, the refusal while findings or notices belong to it, and who may use
 * them (exactly who the API lets change and delete inspections); and the plan page's links to them.
 */
describe('web: changing and deleting an inspection (supertest)', () => {
  let w: WebTestApp;
  let org: TestOrganisation;
  let board: WebUser;
  let regulators: Record<string, string>;
  let closedInspectionId: string;
  let strangerInspectionId: string;
  let boardAgent: Agent;
  let adminAgent: Agent;
  let ownerAgent: Agent;
  let scrutinyAgent: Agent;
  let otherPlanAgent: Agent;
  let ownerElsewhereBoardAgent: Agent;
  let strangerAgent: Agent;

  beforeAll(async () => {
    w = await startWebApp();
    org = await w.t.createOrganisation('Exampleshire Council');
    const roles = await planRoles(w.t, org);
    ({ board, boardAgent, adminAgent, ownerAgent, scrutinyAgent, otherPlanAgent, ownerElsewhereBoardAgent, strangerAgent } = roles);
    await seedPlanBasics(w.t.dataSource, org.id);
    regulators = await regulatorIds(w.t, board);
    closedInspectionId = (await seedPlanBasics(w.t.dataSource, org.id, roles.closedPlanId)).inspectionId;
    await closePlan(w.t, org, roles.closedPlanId);
    strangerInspectionId = (await seedPlanBasics(w.t.dataSource, roles.elsewhere.id)).inspectionId;
  });

  afterAll(() => w?.close());

  const inspectionEdit = (id: string) => `/inspections/${id}/edit`;
  const inspectionDelete = (id: string) => `/inspections/${id}/delete`;
  const planPage = (planId = org.planId) => `/plans/${planId}/plan`;
  const tokenOf = async (agent: Agent, path: string) => csrfTokenFrom((await agent.get(path).expect(200)).text);
  const versionIn = (html: string) => Number(/name="version" value="(\d+)"/.exec(html)?.[1]);

  const inspectionRow = async (id: string) =>
    (
      await w.t.dataSource.query<
        { regulator_id: string; kind: string; title: string; start_date: string; end_date: string | null; published_date: string | null; report_reference: string | null; report_url: string | null; overall_judgement: string | null; version: number }[]
      >(
        `SELECT regulator_id, kind, title, to_char(start_date, 'YYYY-MM-DD') AS start_date, to_char(end_date, 'YYYY-MM-DD') AS end_date, to_char(published_date, 'YYYY-MM-DD') AS published_date,
                report_reference, report_url, overall_judgement, version FROM inspection WHERE id = $1`,
        [id],
      )
    )[0];
  const inspectionCount = async (id: string) => Number((await w.t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM inspection WHERE id = $1', [id]))[0].n);
  const auditOf = async (entityId: string, action: string) =>
    (await w.t.dataSource.query<{ actor_id: string }[]>(`SELECT actor_id FROM audit_event WHERE entity_type = 'inspection' AND entity_id = $1 AND action = $2`, [entityId, action])).map((r) => r.actor_id);
  /** An inspection of the plan made through the API, as the board would: an HMICFRS inspection, graded. */
  const apiInspection = async (title: string, extra: Record<string, unknown> = {}) =>
    (
      await w.t
        .http()
        .post(inPlan(org.planId, 'inspections'))
        .set(bearer(board))
        .send({ regulatorId: regulators.hmicfrs, kind: 'other', title, startDate: '2026-03-02', reportReference: 'REF-1', overallJudgement: 'Good', ...extra })
        .expect(201)
    ).body as { id: string; version: number };
  const apiFinding = async (inspectionId: string, reference: string) =>
    (
      await w.t
        .http()
        .post(inPlan(org.planId, 'findings'))
        .set(bearer(board))
        .send({ inspectionId, reference, title: `Finding ${reference}`, text: '', type: 'recommendation' })
        .expect(201)
    ).body as { id: string };
  const validChange = (version: number, extra: Record<string, unknown> = {}) => ({
    version: String(version),
    regulatorId: regulators.ofsted,
    kind: 'ofsted_focused_visit',
    title: 'Ofsted focused visit: front door',
    'startDate-day': '10',
    'startDate-month': '2',
    'startDate-year': '2026',
    'endDate-day': '12',
    'endDate-month': '2',
    'endDate-year': '2026',
    'publishedDate-day': '',
    'publishedDate-month': '',
    'publishedDate-year': '',
    reportReference: '',
    reportUrl: 'https://reports.ofsted.gov.uk/provider/44/80000',
    overallJudgement: '',
    ...extra,
  });
  /** The change form of an inspection, and a send of it with `extra` changed. */
  const changeOf = async (agent: Agent, id: string) => {
    const form = await agent.get(inspectionEdit(id)).expect(200);
    return (extra: Record<string, unknown>) =>
      agent
        .post(inspectionEdit(id))
        .type('form')
        .send({ _csrf: csrfTokenFrom(form.text), ...validChange(versionIn(form.text), extra) });
  };

  describe('change an inspection', () => {
    it('the form is prefilled with what the inspection says, with its version, for the board and an administrator', async () => {
      const i = await apiInspection('Peer review 2026', { endDate: '2026-03-04', reportUrl: 'https://example.org/report' });
      for (const agent of [boardAgent, adminAgent]) {
        const res = await agent.get(inspectionEdit(i.id)).expect(200);
        expect(res.text).toContain('<h1 class="govuk-heading-l">Change the inspection</h1>');
        expect(res.text).toContain('<span class="govuk-caption-l">Peer review 2026</span>');
        expect(res.text).toContain(`<option value="${regulators.hmicfrs}" selected>`);
        expect(res.text).toMatch(/value="other" checked/);
        expect(res.text).toContain('value="Peer review 2026"');
        expect(res.text).toMatch(/name="startDate-day"[^>]*value="2"/);
        expect(res.text).toMatch(/name="endDate-day"[^>]*value="4"/);
        expect(res.text).toContain('value="REF-1"');
        expect(res.text).toContain('value="https://example.org/report"');
        expect(res.text).toContain('<option value="Good" selected>');
        expect(versionIn(res.text)).toBe(i.version);
        expect(res.text).toContain('name="_csrf"');
        expect(res.text).toContain(`<a class="govuk-link" href="${inspectionDelete(i.id)}" data-testid="delete-inspection">Delete this inspection</a>`);
        expect(res.text).toContain(`<a class="govuk-link" href="${planPage()}#inspection-${i.id}">Cancel</a>`);
      }
    });

    it('the board changes every field, clearing what is left blank: 303 to the plan page with a banner; the row and its audit line are written', async () => {
      const i = await apiInspection('Peer review to change', { publishedDate: '2026-04-01' });
      const res = await (await changeOf(boardAgent, i.id))({}).expect(303);
      expect(res.headers.location).toBe(planPage());
      expect(await inspectionRow(i.id)).toEqual({
        regulator_id: regulators.ofsted,
        kind: 'ofsted_focused_visit',
        title: 'Ofsted focused visit: front door',
        start_date: '2026-02-10',
        end_date: '2026-02-12',
        published_date: null,
        report_reference: null,
        report_url: 'https://reports.ofsted.gov.uk/provider/44/80000',
        overall_judgement: null,
        version: i.version + 1,
      });
      expect(await auditOf(i.id, 'update')).toEqual([board.id]);
      const page = await boardAgent.get(planPage()).expect(200);
      expect(page.text).toContain('The inspection has been changed');
      expect(page.text).toContain(`<a class="govuk-notification-banner__link" href="#inspection-${i.id}">Go to the inspection on this page</a>`);
    });

    it('each of the form’s own refusals comes back on its field, with what was typed; nothing is written', async () => {
      const i = await apiInspection('Peer review refused');
      const send = await changeOf(adminAgent, i.id);
      const res = await send({ regulatorId: '', kind: '', title: '', 'startDate-day': '31', 'startDate-month': '2', 'endDate-month': '13', reportReference: 'Kept as typed' }).expect(400);
      expect(res.text).toMatch(/<title>Error: Change the inspection/);
      expect(res.text).toContain('<a href="#regulatorId">Select the regulator</a>');
      expect(res.text).toContain('<a href="#kind">Select the kind of inspection</a>');
      expect(res.text).toContain('<a href="#title">Enter a title</a>');
      expect(res.text).toMatch(/<a href="#startDate-day">The start date must be a real date<\/a>/);
      expect(res.text).toContain('href="#endDate-');
      expect(res.text).toContain('value="Kept as typed"');
      expect(await inspectionRow(i.id)).toMatchObject({ title: 'Peer review refused', version: i.version });
    });

    it('the API’s rules come back on their fields: dates before the start, a judgement not graded, another regulator while findings are themed for this one, a long title', async () => {
      const i = await apiInspection('Peer review rules');
      const send = await changeOf(boardAgent, i.id);
      const before = await send({ 'endDate-day': '1', 'endDate-month': '1', 'endDate-year': '2026' }).expect(400);
      expect(before.text).toContain('<a href="#endDate-day">The end date must be the same as or after the start date</a>');
      const graded = await send({ overallJudgement: 'Good' }).expect(400);
      expect(graded.text).toContain('<a href="#overallJudgement">Overall judgement must be None: an Ofsted focused visit is not graded</a>');
      const long = await send({ title: 'x'.repeat(301) }).expect(400);
      expect(long.text).toContain('<a href="#title">Title must be 300 characters or fewer</a>');
      await apiFinding(i.id, 'RULE-1');
      const themed = await send({}).expect(400);
      expect(themed.text).toContain('<a href="#regulatorId">Regulator cannot change while the inspection has findings (RULE-1): their themes and scores are the regulator’s</a>');
      expect(await inspectionRow(i.id)).toMatchObject({ regulator_id: regulators.hmicfrs, title: 'Peer review rules', version: i.version });
    });

    it('a form gone stale answers 409 with what the inspection says now, and goes through sent again', async () => {
      const i = await apiInspection('Peer review stale');
      const form = await boardAgent.get(inspectionEdit(i.id)).expect(200);
      await w.t.http().patch(`/api/v1/inspections/${i.id}`).set(bearer(org.admin)).send({ version: i.version, title: 'Retitled meanwhile' }).expect(200);
      const res = await boardAgent
        .post(inspectionEdit(i.id))
        .type('form')
        .send({ _csrf: csrfTokenFrom(form.text), ...validChange(versionIn(form.text), { title: 'My title for it' }) })
        .expect(409);
      expect(res.text).toContain('<a href="#inspection-now">Someone else changed this inspection after you opened the form');
      expect(res.text).toMatch(/id="inspection-now"[\s\S]*?Retitled meanwhile/);
      expect(res.text).toContain('value="My title for it"');
      expect(versionIn(res.text)).toBe(i.version + 1);
      expect(await inspectionRow(i.id)).toMatchObject({ title: 'Retitled meanwhile', regulator_id: regulators.hmicfrs });
      await boardAgent
        .post(inspectionEdit(i.id))
        .type('form')
        .send({ _csrf: csrfTokenFrom(res.text), ...validChange(versionIn(res.text), { title: 'My title for it' }) })
        .expect(303);
      expect(await inspectionRow(i.id)).toMatchObject({ title: 'My title for it', version: i.version + 2 });
    });

    it('owners and scrutiny members are refused (403, as the API); another plan or organisation is a 404; a closed plan 409; no CSRF token 403', async () => {
      const i = await apiInspection('Peer review kept');
      expect((await ownerAgent.get(inspectionEdit(i.id)).expect(403)).text).toContain('You do not have permission');
      const ownerToken = await tokenOf(ownerAgent, planPage());
      await ownerAgent.post(inspectionEdit(i.id)).type('form').send({ _csrf: ownerToken, ...validChange(i.version, { title: 'Owner edit' }) }).expect(403);
      await scrutinyAgent.get(inspectionEdit(i.id)).expect(403);
      await ownerElsewhereBoardAgent.get(inspectionEdit(i.id)).expect(403);
      await otherPlanAgent.get(inspectionEdit(i.id)).expect(404);
      await strangerAgent.get(inspectionEdit(i.id)).expect(404);
      expect((await boardAgent.get(inspectionEdit(strangerInspectionId)).expect(404)).text).toContain('Page not found');
      const token = await tokenOf(boardAgent, planPage());
      await boardAgent.post(inspectionEdit(strangerInspectionId)).type('form').send({ _csrf: token, ...validChange(1, { title: 'Stranger edit' }) }).expect(404);
      const noToken = await boardAgent.post(inspectionEdit(i.id)).type('form').send(validChange(i.version, { title: 'No token edit' })).expect(403);
      expect(noToken.text).toContain('Sorry, your form could not be sent');
      expect((await boardAgent.get(inspectionEdit(closedInspectionId)).expect(409)).text).toContain('Sorry');
      await boardAgent.post(inspectionEdit(closedInspectionId)).type('form').send({ _csrf: token, ...validChange(1, { title: 'Closed edit' }) }).expect(409);
      expect(await inspectionRow(i.id)).toMatchObject({ title: 'Peer review kept', version: i.version });
      expect(await w.t.dataSource.query('SELECT id FROM inspection WHERE title = ANY($1)', [['Owner edit', 'Stranger edit', 'No token edit', 'Closed edit']])).toEqual([]);
    });
  });

  describe('delete an inspection', () => {
    it('asks first, for the board and an administrator: what the inspection is, a red "Delete inspection" button with its CSRF token, and Cancel back to it', async () => {
      const i = await apiInspection('Peer review to ask');
      for (const agent of [boardAgent, adminAgent]) {
        const res = await agent.get(inspectionDelete(i.id)).expect(200);
        expect(res.text).toContain('<h1 class="govuk-heading-l">Are you sure you want to delete the inspection ‘Peer review to ask’?</h1>');
        expect(res.text).toContain('HM Inspectorate of Constabulary and Fire &amp; Rescue Services');
        expect(res.text).toContain('The audit trail keeps a record of the inspection and who deleted it.');
        expect(res.text).toMatch(/<button[^>]*class="govuk-button govuk-button--warning"[^>]*>\s*Delete inspection\s*<\/button>/);
        expect(res.text).toContain(`<form method="post" action="${inspectionDelete(i.id)}" novalidate>`);
        expect(res.text).toContain('name="_csrf"');
        expect(res.text).toContain(`<a class="govuk-link" href="${planPage()}#inspection-${i.id}">Cancel</a>`);
        expect(res.text).not.toContain('govuk-error-summary');
      }
    });

    it('the board deletes one nothing belongs to: 303 to the plan page with a banner; the row is gone; the audit trail has it', async () => {
      const i = await apiInspection('Peer review to delete');
      const form = await boardAgent.get(inspectionDelete(i.id)).expect(200);
      const res = await boardAgent.post(inspectionDelete(i.id)).type('form').send({ _csrf: csrfTokenFrom(form.text) }).expect(303);
      expect(res.headers.location).toBe(planPage());
      expect(await inspectionCount(i.id)).toBe(0);
      expect(await auditOf(i.id, 'delete')).toEqual([board.id]);
      const page = (await boardAgent.get(planPage()).expect(200)).text;
      expect(page).toContain('Inspection ‘Peer review to delete’ has been deleted');
      expect(page).not.toContain(`id="inspection-${i.id}"`);
    });

    it('while findings and notices belong to it: the page lists them, linked to their change pages, with no button; a send anyway answers 409 with the same page; nothing is deleted', async () => {
      const i = await apiInspection('Peer review busy');
      const f1 = await apiFinding(i.id, 'BUSY-1');
      const f2 = await apiFinding(i.id, 'BUSY-2');
      const notice = await seedNotice(w.t.dataSource, org.id, i.id, org.planId);
      const page = await adminAgent.get(inspectionDelete(i.id)).expect(200);
      expect(page.text).toMatch(/<title>Error: Delete the inspection/);
      expect(page.text).toContain('<h1 class="govuk-heading-l">The inspection ‘Peer review busy’ cannot be deleted yet</h1>');
      expect(page.text).toContain('<a href="#dependents">This inspection has 2 findings and 1 notice: move or delete them first, then delete the inspection</a>');
      expect(page.text).toContain('Findings of this inspection');
      expect(page.text).toContain(`<a class="govuk-link" href="/findings/${f1.id}/edit">BUSY-1</a>`);
      expect(page.text).toContain(`<a class="govuk-link" href="/findings/${f2.id}/edit">BUSY-2</a>`);
      expect(page.text).toContain('Notices following this inspection');
      expect(page.text).toContain(`href="/notices/${notice}/edit"`);
      expect(page.text).not.toContain('Delete inspection');
      expect(page.text).not.toContain(`action="${inspectionDelete(i.id)}"`);
      const token = await tokenOf(adminAgent, planPage());
      const refused = await adminAgent.post(inspectionDelete(i.id)).type('form').send({ _csrf: token }).expect(409);
      expect(refused.text).toContain('This inspection has 2 findings and 1 notice: move or delete them first');
      expect(refused.text).not.toContain('Sorry');
      expect(await inspectionCount(i.id)).toBe(1);
      expect(await auditOf(i.id, 'delete')).toEqual([]);
      // Once the findings and the notice are gone, it can go.
      for (const f of [f1, f2]) await w.t.http().delete(`/api/v1/findings/${f.id}`).set(bearer(board)).expect(204);
      await w.t.http().delete(`/api/v1/notices/${notice}`).set(bearer(board)).expect(204);
      expect((await boardAgent.get(inspectionDelete(i.id)).expect(200)).text).toContain('Are you sure you want to delete the inspection ‘Peer review busy’?');
    });

    it('owners and scrutiny members are refused (403); another plan or organisation is a 404; a closed plan 409; no CSRF token 403', async () => {
      const i = await apiInspection('Peer review kept too');
      expect((await ownerAgent.get(inspectionDelete(i.id)).expect(403)).text).toContain('You do not have permission');
      const ownerToken = await tokenOf(ownerAgent, planPage());
      await ownerAgent.post(inspectionDelete(i.id)).type('form').send({ _csrf: ownerToken }).expect(403);
      await scrutinyAgent.get(inspectionDelete(i.id)).expect(403);
      await ownerElsewhereBoardAgent.get(inspectionDelete(i.id)).expect(403);
      await otherPlanAgent.get(inspectionDelete(i.id)).expect(404);
      expect((await strangerAgent.get(inspectionDelete(i.id)).expect(404)).text).toContain('Page not found');
      const token = await tokenOf(boardAgent, planPage());
      await boardAgent.post(inspectionDelete(strangerInspectionId)).type('form').send({ _csrf: token }).expect(404);
      await boardAgent.post(inspectionDelete(i.id)).type('form').send({}).expect(403);
      expect((await boardAgent.get(inspectionDelete(closedInspectionId)).expect(409)).text).toContain('Sorry');
      await boardAgent.post(inspectionDelete(closedInspectionId)).type('form').send({ _csrf: token }).expect(409);
      expect(await inspectionCount(i.id)).toBe(1);
      expect(await inspectionCount(strangerInspectionId)).toBe(1);
      expect(await inspectionCount(closedInspectionId)).toBe(1);
    });
  });

  describe('links to them', () => {
    it('the plan page offers each inspection’s "Change" and "Delete", named for screen readers, to the board and administrators of an open plan only', async () => {
      const i = await apiInspection('Peer review linked');
      for (const agent of [boardAgent, adminAgent]) {
        const page = (await agent.get(planPage()).expect(200)).text;
        expect(page).toContain(`<a class="govuk-link" href="${inspectionEdit(i.id)}" data-testid="change-inspection">Change<span class="govuk-visually-hidden"> Peer review linked</span></a>`);
        expect(page).toContain(`<a class="govuk-link" href="${inspectionDelete(i.id)}" data-testid="delete-inspection">Delete<span class="govuk-visually-hidden"> Peer review linked</span></a>`);
      }
      const ownerPage = (await ownerAgent.get(planPage()).expect(200)).text;
      expect(ownerPage).toContain(`id="inspection-${i.id}"`);
      expect(ownerPage).not.toContain('/inspections/');
      const [{ plan_id: closedPlanId }] = await w.t.dataSource.query<{ plan_id: string }[]>('SELECT plan_id FROM inspection WHERE id = $1', [closedInspectionId]);
      const closed = (await boardAgent.get(planPage(closedPlanId)).expect(200)).text;
      expect(closed).toContain(`id="inspection-${closedInspectionId}"`);
      expect(closed).not.toContain(inspectionEdit(closedInspectionId));
      expect(closed).not.toContain(inspectionDelete(closedInspectionId));
    });
  });
});
