import { seedAction } from './support/plan-fixtures';
import { bearer, TestApp, TestOrganisation, inPlan } from './support/test-app';
import {
  ApiRow,
  auditOf,
  expectInvalidField,
  expectPlanPermissions,
  planRoles,
  PlanRoles,
  post,
  regulatorIds,
  SEED_002_KEY_OUTCOMES,
  seed002InspectionBody,
} from './support/inspections-api';

describe('findings (real PostgreSQL)', () => {
  let t: TestApp;
  let orgA: TestOrganisation;
  let orgB: TestOrganisation;
  let roles: PlanRoles;
  let reg: Record<string, string>;
  let cqc: ApiRow;
  let section50: ApiRow;
  let letter: ApiRow;
  let ofsted: ApiRow;
  let ciw: ApiRow;
  let stranger: { inspectionId: string; noticeId: string };

  const finding = (extra: Record<string, unknown> = {}) => ({
    inspectionId: cqc.id,
    reference: 'QS-SAFE-1',
    title: 'Safeguarding: significant shortfalls',
    text: 'Evidence shows significant shortfalls for the safeguarding element of the assessment.',
    theme: 'safeguarding',
    score: 1,
    type: 'area_for_priority_action',
    ...extra,
  });

  beforeAll(async () => {
    t = await TestApp.start();
    orgA = await t.createOrganisation('Warrington Borough Council');
    orgB = await t.createOrganisation('Wigan Council');
    roles = await planRoles(t, orgA, orgB);
    await post(t, roles.board, 'regulators', { code: 'ciw', name: 'Care Inspectorate Wales', judgementScale: ['Excellent', 'Good', 'Adequate', 'Poor'] });
    reg = await regulatorIds(t, roles.board);
    cqc = await post(t, roles.board, 'inspections', seed002InspectionBody(reg.cqc));
    section50 = await post(t, roles.board, 'notices', { kind: 'section_50', title: 'Section 50 notice', inspectionId: cqc.id, issuedOn: '2025-07-15', deadline: '2026-07-31' });
    letter = await post(t, roles.board, 'notices', { kind: 'ministerial_letter', title: 'Letter from the Minister for Care', issuedOn: '2025-08-01' });
    ofsted = await post(t, roles.board, 'inspections', { regulatorId: reg.ofsted, kind: 'ofsted_ilacs_full', title: 'ILACS', startDate: '2022-05-09' });
    ciw = await post(t, roles.board, 'inspections', { regulatorId: reg.ciw, kind: 'other', title: 'CIW inspection', startDate: '2024-03-10' });
    const theirInspection = await post(t, roles.stranger, 'inspections', seed002InspectionBody(reg.cqc));
    const theirNotice = await post(t, roles.stranger, 'notices', { kind: 'section_50', title: 'Theirs', inspectionId: theirInspection.id, issuedOn: '2025-07-15' });
    stranger = { inspectionId: theirInspection.id, noticeId: theirNotice.id };
  });

  afterAll(() => t.close());

  describe('the seed-002 plan, built through the API', () => {
    it('records findings under the CQC assessment, the Section 50 notice and the minister’s letter, and the five key outcomes', async () => {
      const safe1 = await post(t, roles.board, 'findings', finding({ noticeId: section50.id }));
      expect(safe1).toMatchObject({
        inspectionId: cqc.id,
        noticeId: section50.id,
        reference: 'QS-SAFE-1',
        theme: 'safeguarding',
        themeLabel: 'Safeguarding',
        score: 1,
        type: 'area_for_priority_action',
        typeLabel: 'Area for priority action',
        version: 1,
      });
      await post(t, roles.board, 'findings', finding({ reference: 'QS-SAFE-2', title: 'Online referral form lacks human oversight', noticeId: section50.id }));
      await post(t, roles.admin, 'findings', finding({ reference: 'QS-PATH-1', title: 'Safeguarding adult pathway is complex', theme: 'safe_pathways_systems_transitions', score: 2, type: 'area_for_improvement' }));
      await post(t, roles.board, 'findings', finding({ reference: 'ML-1', title: 'Making Safeguarding Personal understood and applied', noticeId: letter.id, score: null, type: 'recommendation' }));
      for (const [i, ko] of SEED_002_KEY_OUTCOMES.entries()) await post(t, roles.board, 'workstreams', { ...ko, sortOrder: i + 1 });

      const list = await t.http().get(inPlan(roles.owner.planId, `findings?inspectionId=${cqc.id}`)).set(bearer(roles.owner)).expect(200);
      expect(list.body.total).toBe(4);
      expect(list.body.items.map((f: { reference: string }) => f.reference)).toEqual(['ML-1', 'QS-PATH-1', 'QS-SAFE-1', 'QS-SAFE-2']);
      const plan = await t.http().get(inPlan(roles.owner.planId, 'workstreams')).set(bearer(roles.owner)).expect(200);
      expect(plan.body.items.map((w: { code: string }) => w.code)).toEqual(['KO1', 'KO2', 'KO3', 'KO4', 'KO5']);
    });

    it('lets Ofsted findings take a judgement key and other regulators any theme', async () => {
      expect((await post(t, roles.board, 'findings', { inspectionId: ofsted.id, reference: 'para 12', title: 'Domestic abuse response not robust', theme: 'help_and_protection', type: 'area_for_improvement' })).themeLabel).toBe(
        'The experiences and progress of children who need help and protection',
      );
      const free = await post(t, roles.board, 'findings', { inspectionId: ciw.id, reference: 'R1', title: 'Carers assessments', theme: 'Voice and control', type: 'recommendation' });
      expect(free).toMatchObject({ theme: 'Voice and control', themeLabel: null, score: null });
    });
  });

  describe('validation: each a 400 naming the field', () => {
    const cases: [string, () => object, string, RegExp | null][] = [
      ['a theme that is not a CQC quality statement', () => finding({ reference: 'V1', theme: 'leadership' }), 'theme', /CQC quality statement/],
      ['an Ofsted theme on a CQC finding', () => finding({ reference: 'V2', theme: 'help_and_protection' }), 'theme', null],
      ['a CQC theme on an Ofsted finding', () => ({ ...finding({ reference: 'V3', score: undefined }), inspectionId: ofsted.id }), 'theme', /Ofsted ILACS judgement/],
      ['a score on an Ofsted finding', () => ({ ...finding({ reference: 'V4', theme: 'care_leavers' }), inspectionId: ofsted.id }), 'score', /score only where the regulator scores/],
      ['a score on another regulator’s finding', () => ({ ...finding({ reference: 'V5', theme: 'x' }), inspectionId: ciw.id }), 'score', /score only where the regulator scores/],
      ['a score of 5', () => finding({ reference: 'V6', score: 5 }), 'score', null],
      ['a score of 0', () => finding({ reference: 'V7', score: 0 }), 'score', null],
      ['a fractional score', () => finding({ reference: 'V8', score: 1.5 }), 'score', null],
      ['an unknown type', () => finding({ reference: 'V9', type: 'concern' }), 'type', null],
      ['no inspection', () => finding({ reference: 'V10', inspectionId: undefined }), 'inspectionId', null],
      ["another organisation's inspection", () => finding({ reference: 'V11', inspectionId: stranger.inspectionId }), 'inspectionId', /no such inspection/],
      ["another organisation's notice", () => finding({ reference: 'V12', noticeId: stranger.noticeId }), 'noticeId', /no such notice/],
      ['a notice that follows another inspection', () => ({ ...finding({ reference: 'V13', theme: 'care_leavers', score: null, noticeId: section50.id }), inspectionId: ofsted.id }), 'noticeId', /different inspection/],
      ['a blank reference', () => finding({ reference: '  ' }), 'reference', null],
      ['a reference over 60 characters', () => finding({ reference: 'R'.repeat(61) }), 'reference', null],
      ['a missing title', () => finding({ reference: 'V14', title: undefined }), 'title', null],
    ];
    it.each(cases)('refuses %s', async (_, body, field, message) => {
      expectInvalidField(await t.http().post(inPlan(roles.board.planId, 'findings')).set(bearer(roles.board)).send(body()), field, message ?? undefined);
    });

    it('refuses a reference already used in the same inspection (409 naming reference), but not in another', async () => {
      const res = await t.http().post(inPlan(roles.board.planId, 'findings')).set(bearer(roles.board)).send(finding()).expect(409);
      expect(res.body.message).toMatch(/^reference: 'QS-SAFE-1' is already used/);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'reference' })]);
      const second = await post(t, roles.board, 'inspections', seed002InspectionBody(reg.cqc, { title: 'Re-assessment', startDate: '2027-01-11', endDate: null, publishedDate: null }));
      expect((await post(t, roles.board, 'findings', finding({ inspectionId: second.id }))).reference).toBe('QS-SAFE-1');
      // Another organisation has its own references.
      expect((await post(t, roles.stranger, 'findings', finding({ inspectionId: stranger.inspectionId }))).reference).toBe('QS-SAFE-1');
    });

    it('checks an update against the merged row: theme, score, reference and links', async () => {
      const f = await post(t, roles.board, 'findings', finding({ reference: 'U1', score: 2 }));
      const patch = (body: object) => t.http().patch(`/api/v1/findings/${f.id}`).set(bearer(roles.board)).send({ version: 1, ...body });
      expectInvalidField(await patch({ theme: 'children_in_care' }), 'theme');
      expectInvalidField(await patch({ score: 9 }), 'score');
      expectInvalidField(await patch({ inspectionId: ofsted.id }), 'theme'); // its CQC theme does not suit Ofsted
      expectInvalidField(await patch({ inspectionId: ofsted.id, theme: 'care_leavers' }), 'score');
      expectInvalidField(await patch({ title: null }), 'title');
      expectInvalidField(await patch({ type: null }), 'type');
      expect((await patch({ reference: 'QS-SAFE-1' })).status).toBe(409);
      const moved = await patch({ inspectionId: ofsted.id, theme: 'care_leavers', score: null }).expect(200);
      expect(moved.body).toMatchObject({ inspectionId: ofsted.id, theme: 'care_leavers', score: null, version: 2 });
      const stale = await patch({ title: 'Lost' }).expect(409);
      expect(stale.body).toMatchObject({ details: { currentVersion: 2 } });
      expect((await patch({ version: 2, reference: 'U1' })).status).toBe(200); // its own reference is no clash
    });
  });

  describe('lists', () => {
    const refs = async (q: string) => {
      const res = await t.http().get(inPlan(roles.owner.planId, `findings?pageSize=200&${q}`)).set(bearer(roles.owner)).expect(200);
      return res.body.items.map((f: { reference: string }) => f.reference);
    };

    it('filter by inspection, notice, theme, type and text in reference or title', async () => {
      expect(await refs(`noticeId=${section50.id}`)).toEqual(['QS-SAFE-1', 'QS-SAFE-2']);
      expect(await refs(`noticeId=${letter.id}`)).toEqual(['ML-1']);
      expect(await refs(`inspectionId=${cqc.id}&theme=safe_pathways_systems_transitions`)).toEqual(['QS-PATH-1']);
      expect(await refs(`inspectionId=${cqc.id}&type=area_for_priority_action`)).toEqual(['QS-SAFE-1', 'QS-SAFE-2']);
      expect(await refs(`inspectionId=${cqc.id}&q=referral`)).toEqual(['QS-SAFE-2']);
      expect(await refs(`inspectionId=${cqc.id}&q=qs-path`)).toEqual(['QS-PATH-1']);
      expect(await refs('q=100%25')).toEqual([]); // % is literal text, not a wildcard
      const theirs = await t.http().get(inPlan(roles.stranger.planId, 'findings?pageSize=200')).set(bearer(roles.stranger)).expect(200);
      expect(theirs.body.items.every((f: { inspectionId: string }) => f.inspectionId === stranger.inspectionId)).toBe(true);
    });

    it('paginate with a total', async () => {
      const all = (await t.http().get(inPlan(roles.board.planId, 'findings?pageSize=200')).set(bearer(roles.board)).expect(200)).body;
      const page = (await t.http().get(inPlan(roles.board.planId, 'findings?pageSize=3&page=2')).set(bearer(roles.board)).expect(200)).body;
      expect(page).toMatchObject({ page: 2, pageSize: 3, total: all.total });
      expect(page.items.map((f: { id: string }) => f.id)).toEqual(all.items.slice(3, 6).map((f: { id: string }) => f.id));
      expectInvalidField(await t.http().get(inPlan(roles.board.planId, 'findings?type=concern')).set(bearer(roles.board)), 'type');
      expectInvalidField(await t.http().get(inPlan(roles.board.planId, 'findings?page=0')).set(bearer(roles.board)), 'page');
    });
  });

  describe('permissions', () => {
    it('admin and board write; owner reads; scrutiny 403 on lists, 404 on rows; another organisation 404', async () => {
      const row = await post(t, roles.board, 'findings', finding({ reference: 'M0' }));
      let n = 0;
      await expectPlanPermissions(t, roles, {
        path: 'findings',
        id: row.id,
        createBody: () => finding({ reference: `M${++n}` }),
        updateBody: (version) => ({ version, title: `Matrix ${++n}` }),
      });
    });
  });

  describe("roll-up of the answering actions' colours", () => {
    it('Blue only if every action is Blue, else the worst of the rest, with counts; actions not yet coloured apart; on get, list and update', async () => {
      const f = await post(t, roles.board, 'findings', finding({ reference: 'RU-1', title: 'Supervision is not recorded' }));
      const none = await post(t, roles.board, 'findings', finding({ reference: 'RU-2', title: 'No action yet' }));
      const empty = { colour: null, total: 0, counts: { red: 0, amber: 0, green: 0, grey: 0, blue: 0 }, notComputed: 0 };
      expect(f.rag).toEqual(empty);

      const ws = (await t.http().get(inPlan(roles.board.planId, 'workstreams')).set(bearer(roles.board)).expect(200)).body.items[0].id;
      const plan = { inspectionId: cqc.id, findingId: f.id, workstreamId: ws };
      const colours: (string | null)[] = ['blue', 'amber', 'red', 'blue', null];
      const ids: string[] = [];
      for (const [i, colour] of colours.entries()) {
        const a = await seedAction(t.dataSource, orgA.id, plan, { ownerId: roles.owner.id, reference: `RU1.${i + 1}` });
        await t.dataSource.query('UPDATE action SET rag_colour = $2 WHERE id = $1', [a.id, colour]);
        ids.push(a.id);
      }
      const expected = { colour: 'red', total: 4, counts: { red: 1, amber: 1, green: 0, grey: 0, blue: 2 }, notComputed: 1 };
      expect((await t.http().get(`/api/v1/findings/${f.id}`).set(bearer(roles.owner)).expect(200)).body.rag).toEqual(expected);
      const listed = (await t.http().get(inPlan(roles.board.planId, 'findings')).query({ q: 'RU-' }).set(bearer(roles.board)).expect(200)).body.items;
      expect(listed.map((x: ApiRow) => [x.reference, x.rag])).toEqual([
        ['RU-1', expected],
        ['RU-2', empty],
      ]);
      expect((await t.http().get(`/api/v1/findings/${none.id}`).set(bearer(roles.board)).expect(200)).body.rag).toEqual(empty);

      // Every action Blue: the finding is Blue.
      await t.dataSource.query(`UPDATE action SET rag_colour = 'blue' WHERE id = ANY($1::uuid[])`, [ids]);
      const updated = await t.http().patch(`/api/v1/findings/${f.id}`).set(bearer(roles.board)).send({ version: f.version, score: 2 }).expect(200);
      expect(updated.body.rag).toEqual({ colour: 'blue', total: 5, counts: { red: 0, amber: 0, green: 0, grey: 0, blue: 5 }, notComputed: 0 });
    });
  });

  describe('delete and the audit trail', () => {
    it('is refused with 409 naming the actions that answer the finding, and every change is audited', async () => {
      const f = await post(t, roles.board, 'findings', finding({ reference: 'QS-SAFE-9', title: 'Enquiries lack oversight' }));
      const updated = await t.http().patch(`/api/v1/findings/${f.id}`).set(bearer(roles.admin)).send({ version: 1, score: 2, text: 'Partner enquiries lack oversight.' }).expect(200);
      expect(updated.body.version).toBe(2);

      const ws = (await t.http().get(inPlan(roles.board.planId, 'workstreams')).set(bearer(roles.board)).expect(200)).body.items[0].id;
      const plan = { inspectionId: cqc.id, findingId: f.id, workstreamId: ws };
      const a1 = await seedAction(t.dataSource, orgA.id, plan, { ownerId: roles.owner.id, reference: 'A1.3' });
      const a2 = await seedAction(t.dataSource, orgA.id, plan, { ownerId: roles.owner.id, reference: 'A2.1' });

      const res = await t.http().delete(`/api/v1/findings/${f.id}`).set(bearer(roles.board)).expect(409);
      expect(res.body).toMatchObject({ statusCode: 409, error: 'Conflict' });
      expect(res.body.message).toBe('finding QS-SAFE-9 is answered by actions A1.3, A2.1; remove or move them first');
      expect(res.body.details.dependents).toEqual([
        { entityType: 'action', count: 2, items: [{ id: a1.id, label: 'A1.3' }, { id: a2.id, label: 'A2.1' }] },
      ]);
      await t.http().get(`/api/v1/findings/${f.id}`).set(bearer(roles.board)).expect(200);

      // Once no action answers it, it can go.
      await t.dataSource.query('DELETE FROM action_finding WHERE finding_id = $1', [f.id]);
      await t.http().delete(`/api/v1/findings/${f.id}`).set(bearer(roles.board)).expect(204);

      const audit = await auditOf(t, roles.board, 'finding', f.id);
      expect(audit.map((e) => [e.action, e.actorId])).toEqual([
        ['create', roles.board.id],
        ['update', roles.admin.id],
        ['delete', roles.board.id],
      ]);
      expect(audit[0].changes).toMatchObject({ reference: { before: null, after: 'QS-SAFE-9' }, score: { before: null, after: 1 } });
      expect(audit[1].changes).toEqual({ score: { before: 1, after: 2 }, text: { before: finding().text, after: 'Partner enquiries lack oversight.' } });
      expect(audit[2].changes).toMatchObject({ reference: { before: 'QS-SAFE-9', after: null } });
      expect(audit.every((e) => typeof e.requestId === 'string')).toBe(true);
    });

    it('cannot be reached from another organisation, even to delete', async () => {
      const f = await post(t, roles.board, 'findings', finding({ reference: 'X-ORG' }));
      await t.http().delete(`/api/v1/findings/${f.id}`).set(bearer(roles.stranger)).expect(404);
      await t.http().patch(`/api/v1/findings/${f.id}`).set(bearer(roles.stranger)).send({ version: 1, title: 'Hijack' }).expect(404);
      expect((await t.http().get(`/api/v1/findings/${f.id}`).set(bearer(roles.board)).expect(200)).body.title).toBe(finding().title);
    });
  });
});
