import { bearer, TestApp, TestOrganisation, inPlan } from './support/test-app';
import type { AuthUser } from '../src/common/request-context/request-context';
import { NoticesService } from '../src/notices/notices.service';
import { UsersRepository } from '../src/users/users.repository';
import { ApiRow, auditOf, expectInvalidField, expectPlanPermissions, planRoles, PlanRoles, post, regulatorIds, seed002InspectionBody } from './support/inspections-api';

// The fixed clock: 2026-11-23 in London.
const TODAY = '2026-11-23';

describe('notices and their status history (real PostgreSQL)', () => {
  let t: TestApp;
  let orgA: TestOrganisation;
  let orgB: TestOrganisation;
  let roles: PlanRoles;
  let inspectionId: string;
  let otherInspectionId: string;
  let strangerInspectionId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    orgA = await t.createOrganisation('Warrington Borough Council');
    orgB = await t.createOrganisation('Wigan Council');
    roles = await planRoles(t, orgA, orgB);
    const reg = await regulatorIds(t, roles.board);
    inspectionId = (await post(t, roles.board, 'inspections', seed002InspectionBody(reg.cqc))).id;
    otherInspectionId = (await post(t, roles.board, 'inspections', seed002InspectionBody(reg.cqc, { title: 'Earlier assessment' }))).id;
    strangerInspectionId = (await post(t, roles.stranger, 'inspections', seed002InspectionBody(reg.cqc))).id;
  });

  afterAll(() => t.close());

  const section50 = () => ({
    kind: 'section_50',
    title: 'Section 50 notice: Care Act safeguarding duties',
    inspectionId,
    issuedOn: '2025-07-15',
    deadline: '2026-07-31',
    failings: 'Evidence shows significant shortfalls for the safeguarding element of the assessment.',
    requirements: 'Address all concerns related to the Section 50 notice; be fully complete by Summer 2026.',
  });

  describe('seed 002: a Section 50 notice and the minister’s letter', () => {
    let notice: ApiRow;

    it('records a Section 50 notice, open, with its first history line', async () => {
      notice = await post(t, roles.board, 'notices', section50());
      expect(notice).toMatchObject({
        ...section50(),
        kindLabel: 'Section 50 notification',
        status: 'open',
        version: 1,
        statusHistory: [{ fromStatus: null, toStatus: 'open', changedOn: '2025-07-15', changedById: roles.board.id, note: '' }],
      });
      expect(notice.statusHistory[0].changedByName).toMatch(/^board /);
    });

    it('records a ministerial letter without a deadline or an inspection', async () => {
      const letter = await post(t, roles.admin, 'notices', {
        kind: 'ministerial_letter',
        title: 'Letter from the Minister for Care',
        issuedOn: '2025-08-01',
        requirements: 'Expectations for improvement, particularly around safeguarding practices.',
      });
      expect(letter).toMatchObject({ kindLabel: 'Ministerial letter', inspectionId: null, deadline: null, failings: '', status: 'open' });
    });

    it('writes each status change to the history, in the same transaction as the change', async () => {
      const down = await t.http()
        .patch(`/api/v1/notices/${notice.id}`)
        .set(bearer(roles.board))
        .send({ version: 1, status: 'downgraded', statusChangedOn: '2026-05-01', statusNote: 'Minister satisfied with the pace of improvement' })
        .expect(200);
      expect(down.body).toMatchObject({ status: 'downgraded', version: 2 });
      expect(down.body.statusHistory).toHaveLength(2);
      expect(down.body.statusHistory[1]).toMatchObject({
        fromStatus: 'open',
        toStatus: 'downgraded',
        changedOn: '2026-05-01',
        changedById: roles.board.id,
        note: 'Minister satisfied with the pace of improvement',
      });

      // A stale version writes neither the notice nor a history line.
      const stale = await t.http().patch(`/api/v1/notices/${notice.id}`).set(bearer(roles.admin)).send({ version: 1, status: 'closed' }).expect(409);
      expect(stale.body.details).toEqual({ currentVersion: 2 });

      // The change date defaults to today (London).
      const closed = await t.http().patch(`/api/v1/notices/${notice.id}`).set(bearer(roles.admin)).send({ version: 2, status: 'closed' }).expect(200);
      const history = (await t.http().get(`/api/v1/notices/${notice.id}`).set(bearer(roles.owner)).expect(200)).body.statusHistory;
      expect(closed.body.statusHistory).toEqual(history);
      expect(history.map((h: { fromStatus: string; toStatus: string; changedOn: string }) => [h.fromStatus, h.toStatus, h.changedOn])).toEqual([
        [null, 'open', '2025-07-15'],
        ['open', 'downgraded', '2026-05-01'],
        ['downgraded', 'closed', TODAY],
      ]);
      expect(history[2].changedById).toBe(roles.admin.id);
      expect(typeof history[2].recordedAt).toBe('string');

      // An edit that does not change the status adds no line.
      const retitled = await t.http().patch(`/api/v1/notices/${notice.id}`).set(bearer(roles.admin)).send({ version: 3, title: 'Section 50 notice', status: 'closed' }).expect(200);
      expect(retitled.body.statusHistory).toHaveLength(3);
      notice = retitled.body;
    });

    it('audits every change with its fields', async () => {
      const audit = await auditOf(t, roles.board, 'notice', notice.id);
      expect(audit.map((e) => e.action)).toEqual(['create', 'update', 'update', 'update']);
      expect(audit[1].changes.status).toEqual({ before: 'open', after: 'downgraded' });
      expect(audit[2]).toMatchObject({ actorId: roles.admin.id, changes: { status: { before: 'downgraded', after: 'closed' } } });
      expect(audit[3].changes).toEqual({ title: { before: 'Section 50 notice: Care Act safeguarding duties', after: 'Section 50 notice' } });
    });
  });

  describe('validation: each a 400 naming the field', () => {
    const cases: [string, () => object, string, RegExp | null][] = [
      ['an unknown kind', () => ({ ...section50(), kind: 'warning_notice' }), 'kind', null],
      ['a deadline before it was issued', () => ({ ...section50(), deadline: '2025-07-14' }), 'deadline', /not be before issuedOn/],
      ['an impossible issue date', () => ({ ...section50(), issuedOn: '2025-13-01' }), 'issuedOn', null],
      ['a missing issue date', () => ({ ...section50(), issuedOn: undefined }), 'issuedOn', null],
      ['an unknown status', () => ({ ...section50(), status: 'lifted' }), 'status', null],
      ['a missing title', () => ({ ...section50(), title: '' }), 'title', null],
      ['an unknown inspection', () => ({ ...section50(), inspectionId: '3f0c7a8e-1d2b-4c5d-8e9f-0a1b2c3d4e5f' }), 'inspectionId', /no such inspection/],
      ["another organisation's inspection", () => ({ ...section50(), inspectionId: strangerInspectionId }), 'inspectionId', /no such inspection/],
      ['a status date before the notice', () => ({ ...section50(), status: 'closed', statusChangedOn: '2025-01-01' }), 'statusChangedOn', null],
      ['a status date in the future', () => ({ ...section50(), status: 'closed', statusChangedOn: '2026-11-24' }), 'statusChangedOn', /future/],
    ];
    it.each(cases)('refuses %s', async (_, body, field, message) => {
      expectInvalidField(await t.http().post(inPlan(roles.board.planId, 'notices')).set(bearer(roles.board)).send(body()), field, message ?? undefined);
    });

    it('refuses status details without a status change, and bad dates, on update', async () => {
      const n = await post(t, roles.board, 'notices', section50());
      const patch = (body: object) => t.http().patch(`/api/v1/notices/${n.id}`).set(bearer(roles.board)).send({ version: 1, ...body });
      expectInvalidField(await patch({ statusNote: 'why' }), 'statusNote', /only with a change of status/);
      expectInvalidField(await patch({ status: 'open', statusChangedOn: '2026-01-01' }), 'statusChangedOn', /only with a change of status/);
      expectInvalidField(await patch({ status: 'closed', statusChangedOn: '2025-07-14' }), 'statusChangedOn', /not be before issuedOn/);
      expectInvalidField(await patch({ status: 'closed', statusChangedOn: '2026-12-01' }), 'statusChangedOn', /future/);
      expectInvalidField(await patch({ issuedOn: '2026-08-01' }), 'deadline');
      expectInvalidField(await patch({ failings: null }), 'failings');
      expectInvalidField(await patch({ status: null }), 'status');
      expectInvalidField(await patch({ inspectionId: strangerInspectionId }), 'inspectionId');
      const unlinked = await patch({ inspectionId: null, deadline: null }).expect(200);
      expect(unlinked.body).toMatchObject({ inspectionId: null, deadline: null, version: 2, statusHistory: [{ toStatus: 'open' }] });
    });

    it('starts a notice recorded after the event in the status it had, dated as told', async () => {
      const n = await post(t, roles.board, 'notices', { ...section50(), status: 'downgraded', statusChangedOn: '2026-02-01', statusNote: 'Recorded late' });
      expect(n.statusHistory).toEqual([expect.objectContaining({ fromStatus: null, toStatus: 'downgraded', changedOn: '2026-02-01', note: 'Recorded late' })]);
    });
  });

  describe('lists', () => {
    it('filter by status, kind and inspection, and paginate', async () => {
      const get = async (q: string) => (await t.http().get(inPlan(roles.owner.planId, `notices?pageSize=200&${q}`)).set(bearer(roles.owner)).expect(200)).body;
      const dfe = await post(t, roles.board, 'notices', { kind: 'dfe_improvement_notice', title: 'DfE improvement notice', inspectionId: otherInspectionId, issuedOn: '2024-03-01' });
      const all = await get('');
      expect(all.total).toBeGreaterThanOrEqual(5);
      expect((await get('kind=dfe_improvement_notice')).items.map((n: { id: string }) => n.id)).toEqual([dfe.id]);
      expect((await get(`inspectionId=${otherInspectionId}`)).items.map((n: { id: string }) => n.id)).toEqual([dfe.id]);
      const closed = await get('status=closed');
      expect(closed.items.length).toBeGreaterThan(0);
      expect(closed.items.every((n: { status: string }) => n.status === 'closed')).toBe(true);
      expect((await get('status=open')).items.every((n: { status: string }) => n.status === 'open')).toBe(true);
      // Lists leave the history out; the single row has it.
      expect(all.items[0].statusHistory).toBeUndefined();
      const page = (await t.http().get(inPlan(roles.board.planId, 'notices?pageSize=2&page=2')).set(bearer(roles.board)).expect(200)).body;
      expect(page).toMatchObject({ page: 2, pageSize: 2, total: all.total });
      expect(page.items.map((n: { id: string }) => n.id)).toEqual(all.items.slice(2, 4).map((n: { id: string }) => n.id));
      expectInvalidField(await t.http().get(inPlan(roles.board.planId, 'notices?status=lifted')).set(bearer(roles.board)), 'status');
      expectInvalidField(await t.http().get(inPlan(roles.board.planId, 'notices?inspectionId=abc')).set(bearer(roles.board)), 'inspectionId');
    });
  });

  describe('the status histories of a plan, in one grouped read (the web plan page)', () => {
    it('gives every notice of the plan the history its own GET gives, and nothing of another organisation', async () => {
      const moved = await post(t, roles.board, 'notices', { ...section50(), title: 'Notice with a history' });
      await t.http().patch(`/api/v1/notices/${moved.id}`).set(bearer(roles.board)).send({ version: moved.version, status: 'downgraded', statusChangedOn: '2026-11-02', statusNote: 'After the visit' }).expect(200);
      const stranger = await post(t, roles.stranger, 'notices', { ...section50(), inspectionId: strangerInspectionId });
      const found = (await t.app.get(UsersRepository).findActiveWithPlans(roles.board.id))!;
      const user: AuthUser = { ...found.user, plans: found.plans };
      const grouped = await t.app.get(NoticesService).statusHistoriesOfPlan(user, roles.board.planId);
      const all = (await t.http().get(inPlan(roles.board.planId, 'notices?pageSize=200')).set(bearer(roles.board)).expect(200)).body as { items: { id: string }[] };
      expect([...grouped.keys()].sort()).toEqual(all.items.map((n) => n.id).sort());
      expect(grouped.has(stranger.id as string)).toBe(false);
      for (const { id } of all.items) {
        const one = (await t.http().get(`/api/v1/notices/${id}`).set(bearer(roles.board)).expect(200)).body as { statusHistory: unknown[] };
        expect(JSON.parse(JSON.stringify(grouped.get(id)))).toEqual(one.statusHistory);
      }
      expect(grouped.get(moved.id as string)?.map((h) => [h.toStatus, h.changedOn, h.note])).toEqual([
        ['open', '2025-07-15', ''],
        ['downgraded', '2026-11-02', 'After the visit'],
      ]);
    });
  });

  describe('permissions', () => {
    it('admin and board write; owner reads; scrutiny 403 on lists, 404 on rows; another organisation 404', async () => {
      const row = await post(t, roles.board, 'notices', section50());
      let n = 0;
      await expectPlanPermissions(t, roles, {
        path: 'notices',
        id: row.id,
        createBody: () => ({ ...section50(), title: `Matrix ${++n}` }),
        updateBody: (version) => ({ version, status: 'downgraded', statusNote: `note ${++n}` }),
      });
    });
  });

  describe('delete', () => {
    it('is refused with 409 naming the findings under the notice; once they go, the notice and its history go', async () => {
      const n = await post(t, roles.board, 'notices', section50());
      const f = await post(t, roles.board, 'findings', { inspectionId, noticeId: n.id, reference: 'S50-1', title: 'Safeguarding duties', type: 'requirement' });
      const res = await t.http().delete(`/api/v1/notices/${n.id}`).set(bearer(roles.board)).expect(409);
      expect(res.body.message).toBe(`notice '${n.title}' has finding S50-1; remove or move them first`);
      expect(res.body.details.dependents).toEqual([{ entityType: 'finding', count: 1, items: [{ id: f.id, label: 'S50-1' }] }]);

      // Moving the notice to another inspection would leave its finding behind.
      expectInvalidField(await t.http().patch(`/api/v1/notices/${n.id}`).set(bearer(roles.board)).send({ version: 1, inspectionId: otherInspectionId }), 'inspectionId', /S50-1/);

      await t.http().patch(`/api/v1/findings/${f.id}`).set(bearer(roles.board)).send({ version: 1, noticeId: null }).expect(200);
      await t.http().delete(`/api/v1/notices/${n.id}`).set(bearer(roles.board)).expect(204);
      await t.http().get(`/api/v1/notices/${n.id}`).set(bearer(roles.board)).expect(404);
      const [{ count }] = await t.dataSource.query('SELECT count(*)::int AS count FROM notice_status_change WHERE notice_id = $1', [n.id]);
      expect(count).toBe(0);
      expect((await auditOf(t, roles.admin, 'notice', n.id)).map((e) => e.action)).toEqual(['create', 'delete']);
    });
  });
});
