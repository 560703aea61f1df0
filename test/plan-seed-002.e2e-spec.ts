import { seed002InspectionBody } from './support/inspections-api';
import { bearer, TestApp, TestOrganisation, TestUser, inPlan } from './support/test-app';

/**
 * Issue 3's acceptance, as a new user would do it: the seed-002 plan (CQC assessment rated
 * Requires improvement with safeguarding scored 1, a Section 50 notice, findings, the five key
 * outcomes, actions with milestones) built through the API; an owner updates only their own
 * action; a stale write gets 409; scrutiny sees none of it; the audit log shows every change and
 * refuses to be edited.
 */
describe('the seed-002 plan, built through the API', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let lead: TestUser;
  let reviewer: TestUser;
  let hos: TestUser;
  let police: TestUser;
  let cllr: TestUser;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-02-10T10:00:00Z' });
    org = await t.createOrganisation('Warrington Borough Council');
    lead = await t.createUser(org, 'board', { jobTitle: 'Director of Adult Social Services' });
    reviewer = await t.createUser(org, 'board', { jobTitle: 'Head of Quality Assurance' });
    hos = await t.createUser(org, 'owner', { jobTitle: 'Head of Safeguarding Adults' });
    police = await t.createUser(org, 'owner', { jobTitle: 'Detective Inspector', partnerAgency: 'Cheshire Constabulary' });
    cllr = await t.createUser(org, 'scrutiny', { jobTitle: 'Chair, Scrutiny Committee' });
  });

  afterAll(() => t.close());

  it('records the CQC assessment with its derived rating', async () => {
    const regulators = await t.http().get('/api/v1/regulators').set(bearer(lead)).expect(200);
    const cqc = regulators.body.items.find((r: { code: string }) => r.code === 'cqc');
    const res = await t
      .http()
      .post(inPlan(lead.planId, 'inspections'))
      .set(bearer(lead))
      .send(seed002InspectionBody(cqc.id, { title: 'CQC local authority assessment: adult social care', reportReference: 'CQC-LAA-2025' }))
      .expect(201);
    expect(res.body.overallJudgement).toBe('Requires improvement');
    ids.inspection = res.body.id;
  });

  it('records the Section 50 notice, the findings and the five key outcomes', async () => {
    const notice = await t
      .http()
      .post(inPlan(lead.planId, 'notices'))
      .set(bearer(lead))
      .send({ kind: 'section_50', title: 'Section 50 notification to the Secretary of State', inspectionId: ids.inspection, issuedOn: '2025-07-01', deadline: '2026-07-31', failings: 'Safeguarding duties not discharged to an acceptable standard.', requirements: 'Sustained improvement in safeguarding practice and oversight.' })
      .expect(201);
    ids.notice = notice.body.id;
    const findings = [
      { reference: 'QS-SAFE-01', title: 'Significant shortfalls in safeguarding', theme: 'safeguarding', score: 1, type: 'area_for_priority_action', noticeId: ids.notice },
      { reference: 'QS-SAFE-02', title: 'Online concerns lacked human oversight', theme: 'safeguarding', score: 1, type: 'area_for_priority_action', noticeId: ids.notice },
      { reference: 'QS-SAFE-03', title: 'Partner involvement in enquiries not assured', theme: 'safeguarding', score: 1, type: 'area_for_improvement' },
    ];
    for (const f of findings) {
      const res = await t.http().post(inPlan(lead.planId, 'findings')).set(bearer(lead)).send({ inspectionId: ids.inspection, text: 'From the CQC report.', ...f }).expect(201);
      ids[f.reference] = res.body.id;
    }
    const outcomes = ['Improved safeguarding practice', 'Empowered professionals and partners', 'Accessible services', 'Stronger performance monitoring', 'Clear governance and leadership'];
    for (const [i, title] of outcomes.entries()) {
      const res = await t.http().post(inPlan(lead.planId, 'workstreams')).set(bearer(lead)).send({ code: `KO${i + 1}`, title, sortOrder: i + 1 }).expect(201);
      ids[`KO${i + 1}`] = res.body.id;
    }
    const list = await t.http().get(inPlan(hos.planId, 'workstreams')).set(bearer(hos)).expect(200);
    expect(list.body.items.map((w: { code: string }) => w.code)).toEqual(['KO1', 'KO2', 'KO3', 'KO4', 'KO5']);
  });

  it('creates actions with their finding links and milestones in one request each', async () => {
    const a11 = await t
      .http()
      .post(inPlan(lead.planId, 'actions'))
      .set(bearer(lead))
      .send({
        reference: 'A1.1',
        title: 'Review every case raised through the online safeguarding form',
        workstreamId: ids.KO1,
        findingIds: [ids['QS-SAFE-01'], ids['QS-SAFE-02']],
        ownerId: hos.id,
        leadAgency: 'Warrington Borough Council',
        startDate: '2025-09-01',
        dueDate: '2026-03-31',
        status: 'in_progress',
        milestones: [
          { title: 'Case list extracted', dueDate: '2025-10-01' },
          { title: 'All 1,303 cases reviewed', dueDate: '2026-03-15' },
        ],
      })
      .expect(201);
    ids.A11 = a11.body.id;
    const a14 = await t
      .http()
      .post(inPlan(lead.planId, 'actions'))
      .set(bearer(lead))
      .send({ reference: 'A1.4', title: 'Audit partner involvement in section 42 enquiries', workstreamId: ids.KO2, findingIds: [ids['QS-SAFE-03']], ownerId: police.id, leadAgency: 'Cheshire Constabulary', startDate: '2025-10-01', dueDate: '2026-06-30', milestones: [{ title: 'Audit fieldwork complete', dueDate: '2026-04-30' }] })
      .expect(201);
    ids.A14 = a14.body.id;
    const byNotice = await t.http().get(inPlan(lead.planId, `actions?noticeId=${ids.notice}`)).set(bearer(lead)).expect(200);
    expect(byNotice.body.items.map((a: { reference: string }) => a.reference)).toEqual(['A1.1']);
  });

  it('lets an owner update their own action, and refuses someone else\'s', async () => {
    const mine = await t.http().get(`/api/v1/actions/${ids.A11}`).set(bearer(hos)).expect(200);
    expect(mine.body.milestones).toHaveLength(2);
    const ms = mine.body.milestones.find((m: { title: string }) => m.title === 'Case list extracted');
    await t.http().patch(`/api/v1/actions/${ids.A11}/milestones/${ms.id}`).set(bearer(hos)).send({ completedOn: '2025-09-28', version: ms.version }).expect(200);
    await t.http().post(`/api/v1/actions/${ids.A11}/updates`).set(bearer(hos)).send({ narrative: '800 of 1,303 cases reviewed; no harm identified so far.', progressPercent: 60 }).expect(201);
    await t.http().post(`/api/v1/actions/${ids.A14}/updates`).set(bearer(hos)).send({ narrative: 'Not mine to update.' }).expect(403);
    const theirs = await t.http().get(`/api/v1/actions/${ids.A14}`).set(bearer(hos)).expect(200);
    await t.http().patch(`/api/v1/actions/${ids.A14}`).set(bearer(hos)).send({ progressPercent: 50, version: theirs.body.version }).expect(403);
  });

  it('refuses a stale write with 409 naming the current version', async () => {
    const current = await t.http().get(`/api/v1/actions/${ids.A14}`).set(bearer(lead)).expect(200);
    await t.http().patch(`/api/v1/actions/${ids.A14}`).set(bearer(lead)).send({ title: 'Audit partner involvement in s42 enquiries', version: current.body.version }).expect(200);
    const stale = await t.http().patch(`/api/v1/actions/${ids.A14}`).set(bearer(reviewer)).send({ dueDate: '2026-07-31', version: current.body.version }).expect(409);
    expect(stale.body.details.currentVersion).toBe(current.body.version + 1);
  });

  it('shows scrutiny none of the working plan', async () => {
    for (const path of ['actions', 'findings', 'workstreams', 'inspections', 'notices']) {
      await t.http().get(inPlan(cllr.planId, path)).set(bearer(cllr)).expect(403);
    }
    for (const path of [`/api/v1/actions/${ids.A11}`, `/api/v1/findings/${ids['QS-SAFE-01']}`, `/api/v1/inspections/${ids.inspection}`, `/api/v1/notices/${ids.notice}`, `/api/v1/workstreams/${ids.KO1}`]) {
      await t.http().get(path).set(bearer(cllr)).expect(404);
    }
  });

  it('shows every change in the audit log, which refuses to be edited', async () => {
    const res = await t.http().get('/api/v1/audit-events?pageSize=200').set(bearer(lead)).expect(200);
    const seen = new Set(res.body.items.map((e: { entityType: string; action: string }) => `${e.entityType}:${e.action}`));
    for (const expected of ['inspection:create', 'notice:create', 'finding:create', 'workstream:create', 'action:create', 'milestone:create', 'milestone:update', 'progress_update:create', 'action:update']) {
      expect(seen).toContain(expected);
    }
    const titleChange = res.body.items.find((e: { entityId: string; action: string; changes: Record<string, unknown> }) => e.entityId === ids.A14 && e.action === 'update' && e.changes.title);
    expect(titleChange.changes.title).toEqual({ before: 'Audit partner involvement in section 42 enquiries', after: 'Audit partner involvement in s42 enquiries' });
    expect(titleChange.actorId).toBe(lead.id);
    await expect(t.dataSource.query("UPDATE audit_event SET action = 'nothing'")).rejects.toThrow(/permission denied/);
    await expect(t.dataSource.query('DELETE FROM audit_event')).rejects.toThrow(/permission denied/);
    await expect(t.asOwner((c) => c.query("UPDATE audit_event SET action = 'nothing'"))).rejects.toThrow(/append-only/);
  });
});
