import { seedNotice } from '../support/actions-fixtures';
import { regulatorIds } from '../support/inspections-api';
import { PlanFixture, seedAction, seedPlanBasics } from '../support/plan-fixtures';
import { bearer, inPlan, TestOrganisation } from '../support/test-app';
import { closePlan, planRoles, type Agent } from './support/plan-roles';
import { csrfTokenFrom, startWebApp, WebTestApp, WebUser } from './support/web-test-app';

jest.setTimeout(120_000);

/**
 * "Change the finding" (`/findings/:findingId/edit`) and "Delete the finding"
 * (`/findings/:findingId/delete`) over HTTP: what they write (row, audit), their refusals on the
 * fields, the version check, moving a finding to another notice or to none, the refusal while
 * actions answer it, and who may use them (exactly who the API lets change and delete findings);
 * and the plan page's and the notice delete page's links to them.
 */
describe('web: changing and deleting a finding (supertest)', () => {
  let w: WebTestApp;
  let org: TestOrganisation;
  let board: WebUser;
  let owner: WebUser;
  let plan: PlanFixture;
  let ofstedInspectionId: string;
  /** Two notices following the plan's CQC assessment, and one following the Ofsted visit. */
  let noticeA: string;
  let noticeB: string;
  let ofstedNotice: string;
  let closedFindingId: string;
  let strangerFindingId: string;
  let boardAgent: Agent;
  let adminAgent: Agent;
  let ownerAgent: Agent;
  let scrutinyAgent: Agent;
  let otherPlanAgent: Agent;
  let ownerElsewhereBoardAgent: Agent;
  let strangerAgent: Agent;

  beforeAll(async () => {
    // The clock: Monday 23 November 2026, 10:00 UTC.
    w = await startWebApp();
    org = await w.t.createOrganisation('Exampleshire Council');
    const roles = await planRoles(w.t, org);
    ({ board, owner, boardAgent, adminAgent, ownerAgent, scrutinyAgent, otherPlanAgent, ownerElsewhereBoardAgent, strangerAgent } = roles);
    plan = await seedPlanBasics(w.t.dataSource, org.id);
    const regulators = await regulatorIds(w.t, board);
    ofstedInspectionId = (
      await w.t
        .http()
        .post(inPlan(org.planId, 'inspections'))
        .set(bearer(board))
        .send({ regulatorId: regulators.ofsted, kind: 'ofsted_focused_visit', title: 'Ofsted focused visit 2026', startDate: '2026-02-10' })
        .expect(201)
    ).body.id;
    noticeA = await seedNotice(w.t.dataSource, org.id, plan.inspectionId, org.planId);
    noticeB = await seedNotice(w.t.dataSource, org.id, plan.inspectionId, org.planId);
    ofstedNotice = await seedNotice(w.t.dataSource, org.id, ofstedInspectionId, org.planId);
    closedFindingId = (await seedPlanBasics(w.t.dataSource, org.id, roles.closedPlanId)).findingId;
    await closePlan(w.t, org, roles.closedPlanId);
    strangerFindingId = (await seedPlanBasics(w.t.dataSource, roles.elsewhere.id)).findingId;
  });

  afterAll(() => w?.close());

  const findingEdit = (id: string) => `/findings/${id}/edit`;
  const findingDelete = (id: string) => `/findings/${id}/delete`;
  const planPage = (planId = org.planId) => `/plans/${planId}/plan`;
  const tokenOf = async (agent: Agent, path: string) => csrfTokenFrom((await agent.get(path).expect(200)).text);
  const versionIn = (html: string) => Number(/name="version" value="(\d+)"/.exec(html)?.[1]);

  const findingRow = async (id: string) =>
    (
      await w.t.dataSource.query<{ inspection_id: string; notice_id: string | null; reference: string; title: string; text: string; type: string; theme: string | null; score: number | null; version: number }[]>(
        'SELECT inspection_id, notice_id, reference, title, text, type, theme, score, version FROM finding WHERE id = $1',
        [id],
      )
    )[0];
  const findingCount = async (id: string) => Number((await w.t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM finding WHERE id = $1', [id]))[0].n);
  const auditOf = async (entityId: string, action: string) =>
    (await w.t.dataSource.query<{ actor_id: string }[]>(`SELECT actor_id FROM audit_event WHERE entity_type = 'finding' AND entity_id = $1 AND action = $2`, [entityId, action])).map((r) => r.actor_id);
  /** A finding of the plan's CQC assessment made through the API, as the board would. */
  const apiFinding = async (reference: string, extra: Record<string, unknown> = {}) =>
    (
      await w.t
        .http()
        .post(inPlan(org.planId, 'findings'))
        .set(bearer(board))
        .send({ inspectionId: plan.inspectionId, reference, title: `Finding ${reference}`, text: 'From the report.', type: 'recommendation', theme: 'safeguarding', score: 2, ...extra })
        .expect(201)
    ).body as { id: string; version: number };
  const validChange = (version: number, extra: Record<string, unknown> = {}) => ({
    version: String(version),
    inspectionId: plan.inspectionId,
    noticeId: '',
    reference: 'CH-1',
    title: 'Access to care: some shortfalls',
    text: 'People found it hard to reach the council.\r\nWaits were long.',
    type: 'area_for_improvement',
    theme: 'care_provision_integration_continuity',
    themeText: '',
    score: '2',
    ...extra,
  });
  /** The change form of a finding, and a send of it with `extra` changed. */
  const changeOf = async (agent: Agent, id: string) => {
    const form = await agent.get(findingEdit(id)).expect(200);
    return (extra: Record<string, unknown>) =>
      agent
        .post(findingEdit(id))
        .type('form')
        .send({ _csrf: csrfTokenFrom(form.text), ...validChange(versionIn(form.text), extra) });
  };

  describe('change a finding', () => {
    it('the form is prefilled with what the finding says, with its version, "No notice" among the notices, for the board and an administrator', async () => {
      const f = await apiFinding('READ-1', { noticeId: noticeA });
      for (const agent of [boardAgent, adminAgent]) {
        const res = await agent.get(findingEdit(f.id)).expect(200);
        expect(res.text).toContain('<h1 class="govuk-heading-l">Change the finding</h1>');
        expect(res.text).toContain('<span class="govuk-caption-l">READ-1: Finding READ-1</span>');
        expect(res.text).toContain(`<option value="${plan.inspectionId}" selected>`);
        expect(res.text).toContain('<option value="">No notice</option>');
        expect(res.text).toContain(`<option value="${noticeA}" selected>`);
        expect(res.text).toContain(`<option value="${noticeB}">`);
        expect(res.text).toContain('value="READ-1"');
        expect(res.text).toContain('From the report.</textarea>');
        expect(res.text).toMatch(/value="recommendation" checked/);
        expect(res.text).toContain('<option value="safeguarding" selected>');
        expect(res.text).toContain('<option value="2" selected>');
        expect(versionIn(res.text)).toBe(f.version);
        expect(res.text).toContain('name="_csrf"');
        expect(res.text).toContain(`<a class="govuk-link" href="${findingDelete(f.id)}" data-testid="delete-finding">Delete this finding</a>`);
        expect(res.text).toContain(`<a class="govuk-link" href="${planPage()}#finding-${f.id}">Cancel</a>`);
      }
    });

    it('the board changes every field: 303 to the plan page with a banner linking to it; the row and its audit line are written', async () => {
      const f = await apiFinding('CHANGE-1');
      const res = await (await changeOf(boardAgent, f.id))({ reference: 'CHANGE-1A', noticeId: noticeB }).expect(303);
      expect(res.headers.location).toBe(planPage());
      expect(await findingRow(f.id)).toEqual({
        inspection_id: plan.inspectionId,
        notice_id: noticeB,
        reference: 'CHANGE-1A',
        title: 'Access to care: some shortfalls',
        text: 'People found it hard to reach the council.\nWaits were long.',
        type: 'area_for_improvement',
        theme: 'care_provision_integration_continuity',
        score: 2,
        version: f.version + 1,
      });
      expect(await auditOf(f.id, 'update')).toEqual([board.id]);
      const page = await boardAgent.get(planPage()).expect(200);
      expect(page.text).toContain('The finding has been changed');
      expect(page.text).toContain('CHANGE-1A: Access to care: some shortfalls');
      expect(page.text).toContain(`<a class="govuk-notification-banner__link" href="#finding-${f.id}">Go to the finding on this page</a>`);
    });

    it('moves a finding to another notice, then to none; clears its theme and score; moves it to another inspection', async () => {
      const f = await apiFinding('MOVE-1', { noticeId: noticeA });
      await (await changeOf(boardAgent, f.id))({ reference: 'MOVE-1', noticeId: noticeB }).expect(303);
      expect(await findingRow(f.id)).toMatchObject({ notice_id: noticeB });
      await (await changeOf(adminAgent, f.id))({ reference: 'MOVE-1', noticeId: '', theme: '', score: '' }).expect(303);
      expect(await findingRow(f.id)).toMatchObject({ notice_id: null, theme: null, score: null, version: f.version + 2 });
      await (await changeOf(boardAgent, f.id))({ reference: 'MOVE-1', inspectionId: ofstedInspectionId, noticeId: ofstedNotice, theme: 'help_and_protection', score: '' }).expect(303);
      expect(await findingRow(f.id)).toMatchObject({ inspection_id: ofstedInspectionId, notice_id: ofstedNotice, theme: 'help_and_protection', score: null });
    });

    it('each of the form’s own refusals comes back on its field, with what was typed; nothing is written', async () => {
      const f = await apiFinding('REFUSE-1');
      const send = await changeOf(boardAgent, f.id);
      const res = await send({ inspectionId: '', reference: ' ', title: '', type: '', theme: 'safeguarding', themeText: 'Own words', score: '7', text: 'Kept as typed' }).expect(400);
      expect(res.text).toMatch(/<title>Error: Change the finding/);
      expect(res.text).toContain('<a href="#inspectionId">Select the inspection the finding comes from</a>');
      expect(res.text).toContain('<a href="#reference">Enter the finding’s reference in the report</a>');
      expect(res.text).toMatch(/id="reference-error"[\s\S]*?Enter the finding’s reference in the report/);
      expect(res.text).toContain('<a href="#title">Enter a title</a>');
      expect(res.text).toContain('<a href="#type">Select the type of finding</a>');
      expect(res.text).toContain('<a href="#score">Select a score from the list</a>');
      expect(res.text).toContain('Kept as typed');
      expect(await findingRow(f.id)).toMatchObject({ reference: 'REFUSE-1', version: f.version });
    });

    it('the API’s rules come back on their fields: a reference already used (409), a notice of another inspection, a score or theme the regulator does not use, a long title', async () => {
      const f = await apiFinding('REFUSE-2');
      await apiFinding('TAKEN-2');
      const send = await changeOf(boardAgent, f.id);
      const taken = await send({ reference: 'TAKEN-2' }).expect(409);
      expect(taken.text).toContain('<a href="#reference">Reference is already used by another finding of this inspection</a>');
      expect(taken.text).not.toContain('Someone else changed this finding');
      const notice = await send({ reference: 'REFUSE-2', noticeId: ofstedNotice }).expect(400);
      expect(notice.text).toContain('<a href="#noticeId">The notice follows a different inspection from the one chosen: choose No notice, or that inspection</a>');
      const score = await send({ reference: 'REFUSE-2', inspectionId: ofstedInspectionId, theme: '', score: '1' }).expect(400);
      expect(score.text).toContain('<a href="#score">Score must be Not scored for this inspection: only CQC scores its findings</a>');
      const theme = await send({ reference: 'REFUSE-2', theme: 'help_and_protection' }).expect(400);
      expect(theme.text).toContain('<a href="#theme">Theme must be a CQC quality statement for the inspection chosen</a>');
      const long = await send({ reference: 'REFUSE-2', title: 'x'.repeat(301) }).expect(400);
      expect(long.text).toContain('<a href="#title">Title must be 300 characters or fewer</a>');
      expect(await findingRow(f.id)).toMatchObject({ reference: 'REFUSE-2', title: 'Finding REFUSE-2', version: f.version });
    });

    it('a form gone stale answers 409 with what the finding says now, and goes through sent again', async () => {
      const f = await apiFinding('STALE-1');
      const form = await boardAgent.get(findingEdit(f.id)).expect(200);
      await w.t.http().patch(`/api/v1/findings/${f.id}`).set(bearer(org.admin)).send({ version: f.version, title: 'Retitled meanwhile', noticeId: noticeA }).expect(200);
      const res = await boardAgent
        .post(findingEdit(f.id))
        .type('form')
        .send({ _csrf: csrfTokenFrom(form.text), ...validChange(versionIn(form.text), { reference: 'STALE-1', title: 'My title for it' }) })
        .expect(409);
      expect(res.text).toContain('<a href="#finding-now">Someone else changed this finding after you opened the form');
      expect(res.text).toMatch(/id="finding-now"[\s\S]*?Retitled meanwhile/);
      expect(res.text).toContain('value="My title for it"');
      expect(versionIn(res.text)).toBe(f.version + 1);
      expect(await findingRow(f.id)).toMatchObject({ title: 'Retitled meanwhile', notice_id: noticeA });
      await boardAgent
        .post(findingEdit(f.id))
        .type('form')
        .send({ _csrf: csrfTokenFrom(res.text), ...validChange(versionIn(res.text), { reference: 'STALE-1', title: 'My title for it' }) })
        .expect(303);
      expect(await findingRow(f.id)).toMatchObject({ title: 'My title for it', notice_id: null, version: f.version + 2 });
    });

    it('owners and scrutiny members are refused (403, as the API); another plan or organisation is a 404; a closed plan 409; no CSRF token 403', async () => {
      const f = await apiFinding('KEEP-1');
      expect((await ownerAgent.get(findingEdit(f.id)).expect(403)).text).toContain('You do not have permission');
      const ownerToken = await tokenOf(ownerAgent, planPage());
      await ownerAgent.post(findingEdit(f.id)).type('form').send({ _csrf: ownerToken, ...validChange(f.version, { title: 'Owner edit' }) }).expect(403);
      await scrutinyAgent.get(findingEdit(f.id)).expect(403);
      await ownerElsewhereBoardAgent.get(findingEdit(f.id)).expect(403);
      await otherPlanAgent.get(findingEdit(f.id)).expect(404);
      await strangerAgent.get(findingEdit(f.id)).expect(404);
      expect((await boardAgent.get(findingEdit(strangerFindingId)).expect(404)).text).toContain('Page not found');
      const token = await tokenOf(boardAgent, planPage());
      await boardAgent.post(findingEdit(strangerFindingId)).type('form').send({ _csrf: token, ...validChange(1, { title: 'Stranger edit' }) }).expect(404);
      const noToken = await boardAgent.post(findingEdit(f.id)).type('form').send(validChange(f.version, { title: 'No token edit' })).expect(403);
      expect(noToken.text).toContain('Sorry, your form could not be sent');
      expect((await boardAgent.get(findingEdit(closedFindingId)).expect(409)).text).toContain('Sorry');
      await boardAgent.post(findingEdit(closedFindingId)).type('form').send({ _csrf: token, ...validChange(1, { title: 'Closed edit' }) }).expect(409);
      expect(await findingRow(f.id)).toMatchObject({ title: 'Finding KEEP-1', version: f.version });
      expect(await w.t.dataSource.query('SELECT id FROM finding WHERE title = ANY($1)', [['Owner edit', 'Stranger edit', 'No token edit', 'Closed edit']])).toEqual([]);
    });
  });

  describe('delete a finding', () => {
    it('asks first, for the board and an administrator: what the finding is, a red "Delete finding" button with its CSRF token, and Cancel back to it', async () => {
      const f = await apiFinding('ASK-1', { noticeId: noticeA });
      for (const agent of [boardAgent, adminAgent]) {
        const res = await agent.get(findingDelete(f.id)).expect(200);
        expect(res.text).toContain('<h1 class="govuk-heading-l">Are you sure you want to delete the finding ‘ASK-1’?</h1>');
        expect(res.text).toContain('Finding ASK-1');
        expect(res.text).toContain('It is removed from the plan and from the notice it falls under.');
        expect(res.text).toContain('The audit trail keeps a record of the finding and who deleted it.');
        expect(res.text).toMatch(/<button[^>]*class="govuk-button govuk-button--warning"[^>]*>\s*Delete finding\s*<\/button>/);
        expect(res.text).toContain(`<form method="post" action="${findingDelete(f.id)}" novalidate>`);
        expect(res.text).toContain('name="_csrf"');
        expect(res.text).toContain(`<a class="govuk-link" href="${planPage()}#finding-${f.id}">Cancel</a>`);
        expect(res.text).not.toContain('govuk-error-summary');
      }
    });

    it('the board deletes one no action answers: 303 to the plan page with a banner; the row is gone; the audit trail has it', async () => {
      const f = await apiFinding('DEL-1');
      const form = await boardAgent.get(findingDelete(f.id)).expect(200);
      const res = await boardAgent.post(findingDelete(f.id)).type('form').send({ _csrf: csrfTokenFrom(form.text) }).expect(303);
      expect(res.headers.location).toBe(planPage());
      expect(await findingCount(f.id)).toBe(0);
      expect(await auditOf(f.id, 'delete')).toEqual([board.id]);
      const page = (await boardAgent.get(planPage()).expect(200)).text;
      expect(page).toContain('Finding ‘DEL-1’ has been deleted');
      expect(page).not.toContain(`id="finding-${f.id}"`);
    });

    it('while actions answer it: the page names them and what to do first, with no button; a send anyway answers 409 with the same page; nothing is deleted', async () => {
      const f = await apiFinding('BUSY-1');
      const a1 = await seedAction(w.t.dataSource, org.id, { ...plan, findingId: f.id }, { ownerId: owner.id, reference: 'BUSY1.1' });
      const a2 = await seedAction(w.t.dataSource, org.id, { ...plan, findingId: f.id }, { ownerId: owner.id, reference: 'BUSY1.2' });
      const page = await adminAgent.get(findingDelete(f.id)).expect(200);
      expect(page.text).toMatch(/<title>Error: Delete the finding/);
      expect(page.text).toContain('<h1 class="govuk-heading-l">The finding ‘BUSY-1’ cannot be deleted yet</h1>');
      expect(page.text).toContain('<a href="#dependents">This finding is answered by 2 actions: move or delete them first, then delete the finding</a>');
      expect(page.text).toContain('Actions answering this finding');
      expect(page.text).toContain(`<a class="govuk-link" href="/actions/${a1.id}">BUSY1.1</a>`);
      expect(page.text).toContain(`<a class="govuk-link" href="/actions/${a2.id}">BUSY1.2</a>`);
      expect(page.text).not.toContain('Delete finding');
      expect(page.text).not.toContain(`action="${findingDelete(f.id)}"`);
      const token = await tokenOf(adminAgent, planPage());
      const refused = await adminAgent.post(findingDelete(f.id)).type('form').send({ _csrf: token }).expect(409);
      expect(refused.text).toContain('This finding is answered by 2 actions: move or delete them first');
      expect(refused.text).not.toContain('Sorry');
      expect(await findingCount(f.id)).toBe(1);
      expect(await auditOf(f.id, 'delete')).toEqual([]);
    });

    it('owners and scrutiny members are refused (403); another plan or organisation is a 404; a closed plan 409; no CSRF token 403', async () => {
      const f = await apiFinding('KEEP-2');
      expect((await ownerAgent.get(findingDelete(f.id)).expect(403)).text).toContain('You do not have permission');
      const ownerToken = await tokenOf(ownerAgent, planPage());
      await ownerAgent.post(findingDelete(f.id)).type('form').send({ _csrf: ownerToken }).expect(403);
      await scrutinyAgent.get(findingDelete(f.id)).expect(403);
      await ownerElsewhereBoardAgent.get(findingDelete(f.id)).expect(403);
      await otherPlanAgent.get(findingDelete(f.id)).expect(404);
      expect((await strangerAgent.get(findingDelete(f.id)).expect(404)).text).toContain('Page not found');
      const token = await tokenOf(boardAgent, planPage());
      await boardAgent.post(findingDelete(strangerFindingId)).type('form').send({ _csrf: token }).expect(404);
      await boardAgent.post(findingDelete(f.id)).type('form').send({}).expect(403);
      expect((await boardAgent.get(findingDelete(closedFindingId)).expect(409)).text).toContain('Sorry');
      await boardAgent.post(findingDelete(closedFindingId)).type('form').send({ _csrf: token }).expect(409);
      expect(await findingCount(f.id)).toBe(1);
      expect(await findingCount(strangerFindingId)).toBe(1);
      expect(await findingCount(closedFindingId)).toBe(1);
    });
  });

  describe('links to them', () => {
    it('the plan page offers each finding’s "Change" and "Delete", named for screen readers, to the board and administrators of an open plan only', async () => {
      const f = await apiFinding('LINK-1');
      for (const agent of [boardAgent, adminAgent]) {
        const page = (await agent.get(planPage()).expect(200)).text;
        expect(page).toContain(`<a class="govuk-link" href="${findingEdit(f.id)}" data-testid="change-finding">Change<span class="govuk-visually-hidden"> LINK-1 Finding LINK-1</span></a>`);
        expect(page).toContain(`<a class="govuk-link" href="${findingDelete(f.id)}" data-testid="delete-finding">Delete<span class="govuk-visually-hidden"> LINK-1 Finding LINK-1</span></a>`);
      }
      const ownerPage = (await ownerAgent.get(planPage()).expect(200)).text;
      expect(ownerPage).toContain(`id="finding-${f.id}"`);
      expect(ownerPage).not.toContain('/findings/');
      const [{ plan_id: closedPlanId }] = await w.t.dataSource.query<{ plan_id: string }[]>('SELECT plan_id FROM finding WHERE id = $1', [closedFindingId]);
      const closed = (await boardAgent.get(planPage(closedPlanId)).expect(200)).text;
      expect(closed).toContain(`id="finding-${closedFindingId}"`);
      expect(closed).not.toContain(findingEdit(closedFindingId));
      expect(closed).not.toContain(findingDelete(closedFindingId));
    });

    it('the notice delete page, refused while findings are under the notice, links each to its change page, where it can be moved; then the notice can go', async () => {
      const notice = await seedNotice(w.t.dataSource, org.id, plan.inspectionId, org.planId);
      const f = await apiFinding('UNDER-1', { noticeId: notice });
      const refused = (await boardAgent.get(`/notices/${notice}/delete`).expect(200)).text;
      expect(refused).toContain('This notice has 1 finding: move or delete it first');
      expect(refused).toContain(`<a class="govuk-link" href="${findingEdit(f.id)}">UNDER-1</a>`);
      await (await changeOf(boardAgent, f.id))({ reference: 'UNDER-1', noticeId: '' }).expect(303);
      const asked = (await boardAgent.get(`/notices/${notice}/delete`).expect(200)).text;
      expect(asked).toContain('Are you sure you want to delete the notice');
    });
  });
});
