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
  SEED_002_SCORES,
  seed002InspectionBody,
} from './support/inspections-api';

const ILACS_RI = {
  impact_of_leaders: 'Requires improvement to be good',
  help_and_protection: 'Requires improvement to be good',
  children_in_care: 'Good',
  care_leavers: 'Good',
  overall_effectiveness: 'Requires improvement to be good',
};

describe('regulators and inspections (real PostgreSQL)', () => {
  let t: TestApp;
  let orgA: TestOrganisation;
  let orgB: TestOrganisation;
  let roles: PlanRoles;
  let reg: Record<string, string>;

  beforeAll(async () => {
    t = await TestApp.start();
    orgA = await t.createOrganisation('Warrington Borough Council');
    orgB = await t.createOrganisation('Wigan Council');
    roles = await planRoles(t, orgA, orgB);
    reg = await regulatorIds(t, roles.board);
  });

  afterAll(() => t.close());

  describe('regulators', () => {
    it('lists the built-in regulators with their scales, inspection kinds and finding themes', async () => {
      const res = await t.http().get('/api/v1/regulators').set(bearer(roles.owner)).expect(200);
      const byCode = Object.fromEntries(res.body.items.map((r: { code: string }) => [r.code, r]));
      expect(Object.keys(byCode)).toEqual(expect.arrayContaining(['cqc', 'ofsted', 'hmicfrs']));
      expect(byCode.cqc).toMatchObject({
        name: 'Care Quality Commission',
        builtIn: true,
        judgementScale: ['Outstanding', 'Good', 'Requires improvement', 'Inadequate'],
        inspectionKinds: [{ key: 'cqc_la_assessment', assessment: 'cqc_scores' }],
        scoresFindings: true,
      });
      expect(byCode.cqc.findingThemes).toHaveLength(9);
      expect(byCode.cqc.findingThemes).toContainEqual({ key: 'safeguarding', label: 'Safeguarding', group: 'ensuring_safety' });
      expect(byCode.ofsted.inspectionKinds.map((k: { key: string }) => k.key)).toEqual([
        'ofsted_ilacs_full',
        'ofsted_ilacs_short',
        'ofsted_focused_visit',
        'ofsted_monitoring_visit',
        'jtai',
      ]);
      expect(byCode.ofsted.findingThemes.map((k: { key: string }) => k.key)).toContain('help_and_protection');
      expect(byCode.ofsted.scoresFindings).toBe(false);
      expect(byCode.hmicfrs).toMatchObject({ inspectionKinds: [{ key: 'other' }], findingThemes: null });
    });

    it('lets admin and board add their own regulator with a judgement scale, seen only by their organisation', async () => {
      const ciw = await post(t, roles.board, 'regulators', { code: 'CIW', name: 'Care Inspectorate Wales', judgementScale: ['Excellent', 'Good', 'Adequate', 'Poor'] });
      expect(ciw).toMatchObject({ code: 'ciw', builtIn: false, inspectionKinds: [{ key: 'other', assessment: 'overall_only' }], findingThemes: null, scoresFindings: false });
      await post(t, roles.admin, 'regulators', { code: 'hiw', name: 'Healthcare Inspectorate Wales' });

      const mine = await t.http().get('/api/v1/regulators').set(bearer(roles.owner)).expect(200);
      expect(mine.body.items.map((r: { code: string }) => r.code)).toEqual(expect.arrayContaining(['ciw', 'hiw']));
      expect(mine.body.total).toBe(5);
      await t.http().get(`/api/v1/regulators/${ciw.id}`).set(bearer(roles.owner)).expect(200);

      const theirs = await t.http().get('/api/v1/regulators').set(bearer(roles.stranger)).expect(200);
      expect(theirs.body.items.map((r: { code: string }) => r.code)).not.toContain('ciw');
      await t.http().get(`/api/v1/regulators/${ciw.id}`).set(bearer(roles.stranger)).expect(404);
      // Another organisation may use the same code for its own.
      await post(t, roles.stranger, 'regulators', { code: 'ciw', name: 'Care Inspectorate Wales' });

      const audit = await auditOf(t, roles.board, 'regulator', ciw.id);
      expect(audit).toEqual([expect.objectContaining({ action: 'create', actorId: roles.board.id })]);
      reg = await regulatorIds(t, roles.board);
    });

    it('refuses owner and scrutiny (403 on list and create, 404 on a row)', async () => {
      const body = { code: 'xx', name: 'Someone' };
      await t.http().post('/api/v1/regulators').set(bearer(roles.owner)).send(body).expect(403);
      await t.http().post('/api/v1/regulators').set(bearer(roles.scrutiny)).send(body).expect(403);
      await t.http().get('/api/v1/regulators').set(bearer(roles.scrutiny)).expect(403);
      await t.http().get(`/api/v1/regulators/${reg.cqc}`).set(bearer(roles.scrutiny)).expect(404);
    });

    it('refuses a built-in or existing code (409 naming code) and bad fields (400 naming them)', async () => {
      for (const code of ['cqc', 'OFSTED', 'ciw']) {
        const res = await t.http().post('/api/v1/regulators').set(bearer(roles.board)).send({ code, name: 'Clash' }).expect(409);
        expect(res.body.message).toMatch(/^code:/);
        expect(res.body.details).toEqual([expect.objectContaining({ field: 'code' })]);
      }
      expectInvalidField(await t.http().post('/api/v1/regulators').set(bearer(roles.board)).send({ code: 'a b', name: 'X' }), 'code');
      expectInvalidField(await t.http().post('/api/v1/regulators').set(bearer(roles.board)).send({ code: 'abc', name: '  ' }), 'name');
      expectInvalidField(
        await t.http().post('/api/v1/regulators').set(bearer(roles.board)).send({ code: 'abc', name: 'X', judgementScale: ['Good', 'Good'] }),
        'judgementScale',
      );
    });
  });

  describe('a CQC local authority assessment (seed 002)', () => {
    let inspection: ApiRow;

    it('derives "Requires improvement" from the nine scores and shows the themes with their statements', async () => {
      inspection = await post(t, roles.board, 'inspections', seed002InspectionBody(reg.cqc));
      expect(inspection).toMatchObject({
        regulatorId: reg.cqc,
        regulator: { id: reg.cqc, code: 'cqc', name: 'Care Quality Commission' },
        kind: 'cqc_la_assessment',
        kindLabel: 'CQC local authority assessment',
        startDate: '2025-03-03',
        endDate: '2025-03-14',
        publishedDate: '2025-06-20',
        overallJudgement: 'Requires improvement',
        qualityStatementScores: SEED_002_SCORES,
        cqcAssessment: { total: 18, max: 36, percent: 50, wholePercent: 50, rating: 'Requires improvement' },
        judgements: null,
        ilacsJudgements: null,
        version: 1,
      });
      const safety = inspection.cqcAssessment.themes.find((th: { key: string }) => th.key === 'ensuring_safety');
      expect(safety).toEqual({
        key: 'ensuring_safety',
        label: 'How the local authority ensures safety within the system',
        statements: [
          { key: 'safe_pathways_systems_transitions', label: 'Safe pathways, systems and transitions', score: 2 },
          { key: 'safeguarding', label: 'Safeguarding', score: 1 },
        ],
      });
      expect(inspection.cqcAssessment.themes).toHaveLength(4);
      const again = await t.http().get(`/api/v1/inspections/${inspection.id}`).set(bearer(roles.owner)).expect(200);
      expect(again.body).toEqual(inspection);
    });

    it('accepts the derived rating when the client sends the same one', async () => {
      const res = await post(t, roles.admin, 'inspections', seed002InspectionBody(reg.cqc, { title: 'Same rating', overallJudgement: 'Requires improvement' }));
      expect(res.overallJudgement).toBe('Requires improvement');
    });

    it('re-derives the rating when the scores change, and refuses a stale version with the current one', async () => {
      const allThrees = Object.fromEntries(Object.keys(SEED_002_SCORES).map((k) => [k, 3]));
      const updated = await t.http()
        .patch(`/api/v1/inspections/${inspection.id}`)
        .set(bearer(roles.board))
        .send({ version: 1, qualityStatementScores: { ...allThrees, safeguarding: 4, assessing_needs: 4, equity_in_experience_and_outcomes: 4, learning_improvement_innovation: 4, supporting_healthier_lives: 4 } })
        .expect(200);
      expect(updated.body).toMatchObject({ version: 2, overallJudgement: 'Outstanding', cqcAssessment: { total: 32, percent: 88.9, wholePercent: 89 } });

      const stale = await t.http().patch(`/api/v1/inspections/${inspection.id}`).set(bearer(roles.admin)).send({ version: 1, title: 'Lost update' }).expect(409);
      expect(stale.body).toMatchObject({ statusCode: 409, details: { currentVersion: 2 } });
      expect(stale.body.message).toMatch(/current version 2/);

      const back = await t.http().patch(`/api/v1/inspections/${inspection.id}`).set(bearer(roles.admin)).send({ version: 2, qualityStatementScores: SEED_002_SCORES }).expect(200);
      expect(back.body).toMatchObject({ version: 3, overallJudgement: 'Requires improvement', title: inspection.title });
      // A title change leaves the judgement alone.
      const retitled = await t.http().patch(`/api/v1/inspections/${inspection.id}`).set(bearer(roles.admin)).send({ version: 3, title: 'CQC assessment 2025' }).expect(200);
      expect(retitled.body).toMatchObject({ version: 4, overallJudgement: 'Requires improvement', title: 'CQC assessment 2025' });
      inspection = retitled.body;
    });

    it('writes an audit event for every create, update and delete, with the changed fields', async () => {
      const audit = await auditOf(t, roles.board, 'inspection', inspection.id);
      expect(audit.map((e) => e.action)).toEqual(['create', 'update', 'update', 'update']);
      expect(audit[0].changes.overallJudgement).toEqual({ before: null, after: 'Requires improvement' });
      expect(audit[1]).toMatchObject({ actorId: roles.board.id, changes: { overallJudgement: { before: 'Requires improvement', after: 'Outstanding' } } });
      expect(audit[3].changes).toEqual({ title: { before: 'CQC assessment of adult social care', after: 'CQC assessment 2025' } });
      expect(typeof audit[3].requestId).toBe('string');
    });
  });

  describe('validation: each a 400 naming the field', () => {
    const cases: [string, (r: Record<string, string>) => object, string, RegExp?][] = [
      ['a kind the regulator does not carry out', (r) => seed002InspectionBody(r.cqc, { kind: 'ofsted_ilacs_full', qualityStatementScores: undefined }), 'kind'],
      ['an unknown kind', (r) => seed002InspectionBody(r.cqc, { kind: 'audit' }), 'kind'],
      ['an end before the start', (r) => seed002InspectionBody(r.cqc, { endDate: '2025-03-02' }), 'endDate', /not be before startDate/],
      ['publication before the start', (r) => seed002InspectionBody(r.cqc, { publishedDate: '2025-01-01' }), 'publishedDate'],
      ['an impossible date', (r) => seed002InspectionBody(r.cqc, { startDate: '2025-02-29' }), 'startDate'],
      ['a missing quality statement', (r) => seed002InspectionBody(r.cqc, { qualityStatementScores: { ...SEED_002_SCORES, safeguarding: undefined } }), 'qualityStatementScores.safeguarding'],
      ['a score of 5', (r) => seed002InspectionBody(r.cqc, { qualityStatementScores: { ...SEED_002_SCORES, safeguarding: 5 } }), 'qualityStatementScores.safeguarding', /1 to 4/],
      ['a score of 0', (r) => seed002InspectionBody(r.cqc, { qualityStatementScores: { ...SEED_002_SCORES, assessing_needs: 0 } }), 'qualityStatementScores.assessing_needs'],
      ['a fractional score', (r) => seed002InspectionBody(r.cqc, { qualityStatementScores: { ...SEED_002_SCORES, assessing_needs: 1.5 } }), 'qualityStatementScores.assessing_needs'],
      ['an unknown quality statement', (r) => seed002InspectionBody(r.cqc, { qualityStatementScores: { ...SEED_002_SCORES, wellbeing: 2 } }), 'qualityStatementScores.wellbeing'],
      ['scores that are not an object', (r) => seed002InspectionBody(r.cqc, { qualityStatementScores: [2, 2] }), 'qualityStatementScores'],
      ['a CQC rating other than the derived one', (r) => seed002InspectionBody(r.cqc, { overallJudgement: 'Good' }), 'overallJudgement', /derived/],
      ['a CQC rating without scores', (r) => seed002InspectionBody(r.cqc, { overallJudgement: 'Good', qualityStatementScores: undefined }), 'overallJudgement', /derived/],
      [
        'scores on an Ofsted inspection',
        (r) => ({ regulatorId: r.ofsted, kind: 'ofsted_ilacs_full', title: 'ILACS', startDate: '2025-05-12', qualityStatementScores: SEED_002_SCORES }),
        'qualityStatementScores',
        /score only where the regulator scores/,
      ],
      [
        'scores on an own regulator',
        (r) => ({ regulatorId: r.ciw, kind: 'other', title: 'CIW', startDate: '2025-05-12', qualityStatementScores: SEED_002_SCORES }),
        'qualityStatementScores',
        /score only where the regulator scores/,
      ],
      ['ILACS judgements on a CQC assessment', (r) => seed002InspectionBody(r.cqc, { judgements: ILACS_RI }), 'judgements'],
      [
        'ILACS judgements on a focused visit',
        (r) => ({ regulatorId: r.ofsted, kind: 'ofsted_focused_visit', title: 'FV', startDate: '2025-05-12', judgements: ILACS_RI }),
        'judgements',
      ],
      [
        'a grade off Ofsted’s scale',
        (r) => ({ regulatorId: r.ofsted, kind: 'ofsted_ilacs_full', title: 'ILACS', startDate: '2025-05-12', judgements: { ...ILACS_RI, children_in_care: 'Requires improvement' } }),
        'judgements.children_in_care',
      ],
      [
        'a missing ILACS judgement',
        (r) => ({ regulatorId: r.ofsted, kind: 'ofsted_ilacs_full', title: 'ILACS', startDate: '2025-05-12', judgements: { ...ILACS_RI, care_leavers: undefined } }),
        'judgements.care_leavers',
      ],
      [
        'an overall that disagrees with overall_effectiveness',
        (r) => ({ regulatorId: r.ofsted, kind: 'ofsted_ilacs_full', title: 'ILACS', startDate: '2025-05-12', judgements: ILACS_RI, overallJudgement: 'Good' }),
        'overallJudgement',
      ],
      [
        'an Ofsted judgement off its scale',
        (r) => ({ regulatorId: r.ofsted, kind: 'ofsted_ilacs_short', title: 'ILACS', startDate: '2025-05-12', overallJudgement: 'Requires improvement' }),
        'overallJudgement',
        /regulator's scale/,
      ],
      [
        'a judgement on an ungraded monitoring visit',
        (r) => ({ regulatorId: r.ofsted, kind: 'ofsted_monitoring_visit', title: 'MV', startDate: '2025-05-12', overallJudgement: 'Good' }),
        'overallJudgement',
      ],
      [
        'a judgement off an own regulator’s scale',
        (r) => ({ regulatorId: r.ciw, kind: 'other', title: 'CIW', startDate: '2025-05-12', overallJudgement: 'Inadequate' }),
        'overallJudgement',
      ],
      ['an unknown regulator', () => seed002InspectionBody('3f0c7a8e-1d2b-4c5d-8e9f-0a1b2c3d4e5f'), 'regulatorId'],
      ['a malformed regulator id', () => seed002InspectionBody('cqc'), 'regulatorId'],
      ['an empty title', (r) => seed002InspectionBody(r.cqc, { title: '   ' }), 'title'],
      ['a report URL that is not http(s)', (r) => seed002InspectionBody(r.cqc, { reportUrl: 'javascript:alert(1)' }), 'reportUrl'],
      ['an unknown field', (r) => seed002InspectionBody(r.cqc, { rating: 'Good' }), 'rating'],
    ];

    // Every row padded to four values: jest hands a shorter row's missing last argument over as `done`.
    it.each(cases.map(([what, body, field, message]) => [what, body, field, message ?? null] as const))('refuses %s', async (_, body, field, message) => {
      expectInvalidField(await t.http().post(inPlan(roles.board.planId, 'inspections')).set(bearer(roles.board)).send(body(reg)), field, message ?? undefined);
    });

    it("refuses another organisation's own regulator as if it did not exist", async () => {
      const theirs = await regulatorIds(t, roles.stranger);
      const res = await t.http().post(inPlan(roles.board.planId, 'inspections')).set(bearer(roles.board)).send({ regulatorId: theirs.ciw, kind: 'other', title: 'X', startDate: '2025-05-12' });
      expect(theirs.ciw).not.toBe(reg.ciw);
      expectInvalidField(res, 'regulatorId');
    });

    it('refuses null for a required field on update, and checks merged dates', async () => {
      const i = await post(t, roles.board, 'inspections', seed002InspectionBody(reg.cqc, { title: 'For updates' }));
      expectInvalidField(await t.http().patch(`/api/v1/inspections/${i.id}`).set(bearer(roles.board)).send({ version: 1, title: null }), 'title');
      expectInvalidField(await t.http().patch(`/api/v1/inspections/${i.id}`).set(bearer(roles.board)).send({ version: 1, startDate: '2025-03-20' }), 'endDate');
      expectInvalidField(await t.http().patch(`/api/v1/inspections/${i.id}`).set(bearer(roles.board)).send({ version: 1, overallJudgement: 'Good' }), 'overallJudgement');
      expectInvalidField(await t.http().patch(`/api/v1/inspections/${i.id}`).set(bearer(roles.board)).send({ version: 1, kind: 'jtai' }), 'kind');
      expectInvalidField(await t.http().patch(`/api/v1/inspections/${i.id}`).set(bearer(roles.board)).send({}), 'version');
      expectInvalidField(await t.http().patch('/api/v1/inspections/not-a-uuid').set(bearer(roles.board)).send({ version: 1 }), 'id');
      // Moving it to Ofsted needs the scores cleared and an Ofsted kind.
      expectInvalidField(await t.http().patch(`/api/v1/inspections/${i.id}`).set(bearer(roles.board)).send({ version: 1, regulatorId: reg.ofsted }), 'kind');
      expectInvalidField(
        await t.http().patch(`/api/v1/inspections/${i.id}`).set(bearer(roles.board)).send({ version: 1, regulatorId: reg.ofsted, kind: 'ofsted_ilacs_full' }),
        'qualityStatementScores',
      );
      const moved = await t.http()
        .patch(`/api/v1/inspections/${i.id}`)
        .set(bearer(roles.board))
        .send({ version: 1, regulatorId: reg.ofsted, kind: 'ofsted_ilacs_full', qualityStatementScores: null, judgements: ILACS_RI })
        .expect(200);
      expect(moved.body).toMatchObject({ regulator: { code: 'ofsted' }, overallJudgement: 'Requires improvement to be good', qualityStatementScores: null, cqcAssessment: null });
    });
  });

  describe('other regulators', () => {
    it('records an Ofsted ILACS inspection: the overall is overall_effectiveness, with the judgements labelled', async () => {
      const ilacs = await post(t, roles.board, 'inspections', {
        regulatorId: reg.ofsted,
        kind: 'ofsted_ilacs_full',
        title: 'Ofsted ILACS inspection of children’s services',
        startDate: '2022-05-09',
        endDate: '2022-05-20',
        publishedDate: '2022-07-08',
        judgements: ILACS_RI,
      });
      expect(ilacs).toMatchObject({ regulator: { code: 'ofsted', name: 'Ofsted' }, overallJudgement: 'Requires improvement to be good', cqcAssessment: null, judgements: ILACS_RI });
      expect(ilacs.ilacsJudgements).toContainEqual({
        key: 'help_and_protection',
        label: 'The experiences and progress of children who need help and protection',
        grade: 'Requires improvement to be good',
      });
    });

    it('records an ungraded focused visit, an ILACS short inspection with only an overall, and an own regulator on its scale', async () => {
      expect((await post(t, roles.board, 'inspections', { regulatorId: reg.ofsted, kind: 'ofsted_focused_visit', title: 'FV', startDate: '2024-01-10' })).overallJudgement).toBeNull();
      expect(
        (await post(t, roles.board, 'inspections', { regulatorId: reg.ofsted, kind: 'ofsted_ilacs_short', title: 'Short', startDate: '2024-02-10', overallJudgement: 'Good' }))
          .overallJudgement,
      ).toBe('Good');
      const ciw = await post(t, roles.board, 'inspections', { regulatorId: reg.ciw, kind: 'other', title: 'CIW performance evaluation', startDate: '2024-03-10', overallJudgement: 'Adequate' });
      expect(ciw).toMatchObject({ regulator: { code: 'ciw', name: 'Care Inspectorate Wales' }, kindLabel: 'Other inspection or review', overallJudgement: 'Adequate' });
    });
  });

  describe('lists', () => {
    it('filter by regulator and kind, paginate with a total, newest first', async () => {
      const cqc = await t.http().get(inPlan(roles.owner.planId, `inspections?regulatorId=${reg.cqc}`)).set(bearer(roles.owner)).expect(200);
      expect(cqc.body.items.length).toBeGreaterThan(0);
      expect(cqc.body.items.every((i: { regulator: { code: string } }) => i.regulator.code === 'cqc')).toBe(true);
      const fv = await t.http().get(inPlan(roles.owner.planId, 'inspections?kind=ofsted_focused_visit')).set(bearer(roles.owner)).expect(200);
      expect(fv.body).toMatchObject({ total: 1, items: [{ kind: 'ofsted_focused_visit' }] });
      const all = await t.http().get(inPlan(roles.board.planId, 'inspections?pageSize=200')).set(bearer(roles.board)).expect(200);
      const page2 = await t.http().get(inPlan(roles.board.planId, 'inspections?pageSize=2&page=2')).set(bearer(roles.board)).expect(200);
      expect(page2.body).toMatchObject({ page: 2, pageSize: 2, total: all.body.total });
      expect(page2.body.items.map((i: { id: string }) => i.id)).toEqual(all.body.items.slice(2, 4).map((i: { id: string }) => i.id));
      const starts = all.body.items.map((i: { startDate: string }) => i.startDate);
      expect([...starts].sort().reverse()).toEqual(starts);
      expectInvalidField(await t.http().get(inPlan(roles.board.planId, 'inspections?kind=visit')).set(bearer(roles.board)), 'kind');
      expectInvalidField(await t.http().get(inPlan(roles.board.planId, 'inspections?pageSize=201')).set(bearer(roles.board)), 'pageSize');
    });
  });

  describe('permissions', () => {
    it('admin and board write; owner reads; scrutiny 403 on lists, 404 on rows; another organisation 404', async () => {
      const row = await post(t, roles.board, 'inspections', seed002InspectionBody(reg.cqc, { title: 'Matrix' }));
      let n = 0;
      await expectPlanPermissions(t, roles, {
        path: 'inspections',
        id: row.id,
        createBody: () => seed002InspectionBody(reg.cqc, { title: `Matrix ${++n}` }),
        updateBody: (version) => ({ version, reportReference: `ref ${++n}` }),
      });
    });
  });

  describe('delete', () => {
    it('is refused with 409 naming the findings and notices that depend on the inspection, then allowed', async () => {
      const i = await post(t, roles.board, 'inspections', seed002InspectionBody(reg.cqc, { title: 'To delete' }));
      const f1 = await post(t, roles.board, 'findings', { inspectionId: i.id, reference: 'QS-SAFE-1', title: 'Safeguarding', theme: 'safeguarding', score: 1, type: 'area_for_priority_action' });
      const f2 = await post(t, roles.board, 'findings', { inspectionId: i.id, reference: 'QS-SAFE-2', title: 'Pathways', type: 'area_for_improvement' });
      const notice = await post(t, roles.board, 'notices', { kind: 'section_50', title: 'Section 50 notice', inspectionId: i.id, issuedOn: '2025-07-15' });

      const res = await t.http().delete(`/api/v1/inspections/${i.id}`).set(bearer(roles.board)).expect(409);
      expect(res.body.message).toBe("inspection 'To delete' has findings QS-SAFE-1, QS-SAFE-2 and has notice Section 50 notice; remove or move them first");
      expect(res.body.details.dependents).toEqual([
        { entityType: 'finding', count: 2, items: [{ id: f1.id, label: 'QS-SAFE-1' }, { id: f2.id, label: 'QS-SAFE-2' }] },
        { entityType: 'notice', count: 1, items: [{ id: notice.id, label: 'Section 50 notice' }] },
      ]);

      // Changing the regulator would orphan the findings' themes.
      expectInvalidField(await t.http().patch(`/api/v1/inspections/${i.id}`).set(bearer(roles.board)).send({ version: 1, regulatorId: reg.ofsted }), 'regulatorId');

      for (const [path, id] of [['findings', f1.id], ['findings', f2.id], ['notices', notice.id]]) {
        await t.http().delete(`/api/v1/${path}/${id}`).set(bearer(roles.board)).expect(204);
      }
      await t.http().delete(`/api/v1/inspections/${i.id}`).set(bearer(roles.admin)).expect(204);
      await t.http().get(`/api/v1/inspections/${i.id}`).set(bearer(roles.admin)).expect(404);
      await t.http().delete(`/api/v1/inspections/${i.id}`).set(bearer(roles.admin)).expect(404);
      const audit = await auditOf(t, roles.board, 'inspection', i.id);
      expect(audit.map((e) => e.action)).toEqual(['create', 'delete']);
      expect(audit[1]).toMatchObject({ actorId: roles.admin.id, changes: { title: { before: 'To delete', after: null } } });
    });
  });
});
