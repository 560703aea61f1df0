import { ActionEntity } from '../src/actions/entities/action.entity';
import { MilestoneEntity } from '../src/actions/entities/milestone.entity';
import { EvidenceEntity } from '../src/evidence/entities/evidence.entity';
import { actionBody, createAction, drainRagQueue, ragJobsFor, seedFinding, seedInspection, seedWorkstream } from './support/actions-fixtures';
import { PlanFixture, seedPlanBasics } from './support/plan-fixtures';
import { bearer, TestApp, TestOrganisation, TestUser, inPlan } from './support/test-app';

describe('actions: create, read, update, delete (real PostgreSQL and Redis)', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let other: TestOrganisation;
  let board: TestUser;
  let owner: TestUser;
  let plan: PlanFixture;
  let otherPlan: PlanFixture;

  beforeAll(async () => {
    // 10:00 UTC on 23 November 2026: London today is 2026-11-23.
    t = await TestApp.start();
    org = await t.createOrganisation('Warrington Borough Council');
    other = await t.createOrganisation('Wigan Council');
    board = await t.createUser(org, 'board');
    owner = await t.createUser(org, 'owner', { jobTitle: 'Detective Inspector', partnerAgency: 'Cheshire Police' });
    plan = await seedPlanBasics(t.dataSource, org.id);
    otherPlan = await seedPlanBasics(t.dataSource, other.id);
  });

  afterAll(() => t.close());

  const auditFor = async (entityType: string, entityId: string) =>
    (await t.http().get(`/api/v1/audit-events?entityType=${entityType}&entityId=${entityId}`).set(bearer(board)).expect(200)).body.items as {
      action: string;
      actorId: string;
      changes: Record<string, { before: unknown; after: unknown }>;
    }[];

  describe('create', () => {
    it('creates an action with its finding links and milestones in one request, and GET shows it all', async () => {
      const inspection = await seedInspection(t.dataSource, org.id);
      const secondFinding = await seedFinding(t.dataSource, org.id, inspection);
      const created = await createAction(t, board, {
        ...actionBody(plan, owner.id, { reference: 'A1.3' }),
        findingIds: [plan.findingId, secondFinding],
        title: 'Multi-agency safeguarding audit programme',
        description: 'Quarterly audits of front door decisions.',
        leadAgency: 'Cheshire Police',
        successMeasures: '90% of audited cases rated good or better',
        milestones: [
          { title: 'Audit tool agreed', dueDate: '2026-03-31' },
          { title: 'First audit reported to board', dueDate: '2026-06-30' },
          { title: 'Re-audit after the plan ends', dueDate: '2027-03-31', allowAfterActionDue: true },
        ],
      });
      expect(created).toMatchObject({
        reference: 'A1.3',
        status: 'not_started',
        progressPercent: 0,
        leadAgency: 'Cheshire Police',
        startDate: '2026-01-05',
        dueDate: '2026-12-31',
        completedOn: null,
        version: 1,
        rag: null,
        workstream: { id: plan.workstreamId, code: expect.any(String), title: 'Improved safeguarding practice' },
        owner: { id: owner.id, name: expect.any(String), jobTitle: 'Detective Inspector', partnerAgency: 'Cheshire Police' },
        latestUpdate: null,
        evidence: { submitted: 0, accepted: 0, rejected: 0, withdrawn: 0 },
      });
      expect(created.findings).toHaveLength(2);
      expect((created.findings as { id: string }[]).map((f) => f.id).sort()).toEqual([plan.findingId, secondFinding].sort());
      expect(created.milestones.map((m) => m.title)).toEqual(['Audit tool agreed', 'First audit reported to board', 'Re-audit after the plan ends']);
      expect(created.owner).not.toHaveProperty('email');

      const got = await t.http().get(`/api/v1/actions/${created.id}`).set(bearer(owner)).expect(200);
      expect(got.body).toEqual(created);

      const actionAudit = await auditFor('action', created.id);
      expect(actionAudit).toHaveLength(1);
      expect(actionAudit[0]).toMatchObject({ action: 'create', actorId: board.id });
      expect(actionAudit[0].changes.findingIds.after).toEqual([plan.findingId, secondFinding].sort());
      for (const m of created.milestones) expect(await auditFor('milestone', m.id)).toEqual([expect.objectContaining({ action: 'create' })]);
    });

    it('rolls the whole request back when a milestone is bad: no action, no links, no milestones, no audit', async () => {
      const body = actionBody(plan, owner.id, {
        reference: 'ROLLBACK-1',
        milestones: [
          { title: 'Fine', dueDate: '2026-06-30' },
          { title: 'After the action is due', dueDate: '2027-01-31' },
        ],
      });
      const linksBefore = await t.dataSource.query(`SELECT count(*)::int AS n FROM action_finding WHERE organisation_id = $1`, [org.id]);
      const res = await t.http().post(inPlan(board.planId, 'actions')).set(bearer(board)).send(body).expect(400);
      expect(res.body.details).toEqual([{ field: 'milestones.1.dueDate', messages: [expect.stringMatching(/after the action's due date 2026-12-31/)] }]);
      expect(await t.dataSource.getRepository(ActionEntity).countBy({ organisationId: org.id, reference: 'ROLLBACK-1' })).toBe(0);
      expect(await t.dataSource.getRepository(MilestoneEntity).countBy({ organisationId: org.id, title: 'Fine' })).toBe(0);
      expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM action_finding WHERE organisation_id = $1`, [org.id])).toEqual(linksBefore);
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE organisation_id = $1 AND changes->'reference'->>'after' = 'ROLLBACK-1'`, [org.id]);
      expect(n).toBe(0);
      // The same request without the bad milestone succeeds: nothing half-written blocks the reference.
      await createAction(t, board, { ...body, milestones: [{ title: 'Fine', dueDate: '2026-06-30' }] });
    });

    it('creates an action already complete with its completion stamped', async () => {
      const created = await createAction(t, board, actionBody(plan, owner.id, { status: 'complete' }));
      expect(created).toMatchObject({ status: 'complete', progressPercent: 100, completedOn: '2026-11-23', effectivenessCheckDue: '2027-02-21', embeddedOn: null });
    });

    describe('validation: each a 400 naming the field', () => {
      const expectField = async (body: Record<string, unknown>, field: string, message?: RegExp) => {
        const res = await t.http().post(inPlan(board.planId, 'actions')).set(bearer(board)).send(body).expect(400);
        expect(res.body.details.map((d: { field: string }) => d.field)).toContain(field);
        if (message) expect(res.body.message).toMatch(message);
        return res;
      };

      it('due date before start date', async () => {
        await expectField(actionBody(plan, owner.id, { startDate: '2026-06-01', dueDate: '2026-05-31' }), 'dueDate', /before startDate/);
      });

      it('owner inactive, in another organisation, scrutiny, or not a user', async () => {
        const leaver = await t.createUser(org, 'owner');
        const current = await t.http().get(`/api/v1/users/${leaver.id}`).set(bearer(org.admin)).expect(200);
        await t.http().patch(`/api/v1/users/${leaver.id}`).set(bearer(org.admin)).send({ active: false, version: current.body.version }).expect(200);
        await expectField(actionBody(plan, leaver.id), 'ownerId', /active user/);
        await expectField(actionBody(plan, other.admin.id), 'ownerId', /active user/);
        const scrutiny = await t.createUser(org, 'scrutiny');
        await expectField(actionBody(plan, scrutiny.id), 'ownerId', /scrutiny/);
        await expectField(actionBody(plan, '00000000-0000-4000-8000-000000000000'), 'ownerId');
      });

      it("finding or workstream of another organisation, no findings at all", async () => {
        await expectField({ ...actionBody(plan, owner.id), findingIds: [plan.findingId, otherPlan.findingId] }, 'findingIds', new RegExp(otherPlan.findingId));
        await expectField({ ...actionBody(plan, owner.id), workstreamId: otherPlan.workstreamId }, 'workstreamId');
        await expectField({ ...actionBody(plan, owner.id), findingIds: [] }, 'findingIds');
        await expectField({ ...actionBody(plan, owner.id), findingIds: undefined }, 'findingIds');
      });

      it('malformed fields, unknown fields, progress out of range, embedded at creation', async () => {
        await expectField(actionBody(plan, owner.id, { dueDate: '2026-02-30' }), 'dueDate');
        await expectField(actionBody(plan, owner.id, { progressPercent: 101 }), 'progressPercent');
        await expectField(actionBody(plan, owner.id, { status: 'finished' }), 'status');
        await expectField(actionBody(plan, owner.id, { status: 'embedded' }), 'status', /only once it is complete/);
        await expectField(actionBody(plan, owner.id, { ragColour: 'green' }), 'ragColour');
        await expectField(actionBody(plan, owner.id, { reference: '' }), 'reference');
        await expectField(actionBody(plan, owner.id, { milestones: [{ title: 'No date' }] }), 'milestones.0.dueDate');
      });

      it('a duplicate reference is a 409 naming reference; the same reference in another organisation is fine', async () => {
        await createAction(t, board, actionBody(plan, owner.id, { reference: 'DUP-1' }));
        const res = await t.http().post(inPlan(board.planId, 'actions')).set(bearer(board)).send(actionBody(plan, owner.id, { reference: 'DUP-1' })).expect(409);
        expect(res.body.message).toMatch(/^reference: DUP-1/);
        expect(res.body.details).toEqual([{ field: 'reference', messages: [expect.any(String)] }]);
        await createAction(t, other.admin, actionBody(otherPlan, other.admin.id, { reference: 'DUP-1' }));
      });
    });
  });

  describe('update', () => {
    it('edits fields, replaces finding links, bumps the version and audits before and after', async () => {
      const a = await createAction(t, board, actionBody(plan, owner.id));
      const inspection = await seedInspection(t.dataSource, org.id);
      const newFinding = await seedFinding(t.dataSource, org.id, inspection);
      const ws = await seedWorkstream(t.dataSource, org.id);
      const res = await t
        .http()
        .patch(`/api/v1/actions/${a.id}`)
        .set(bearer(board))
        .send({ version: 1, title: 'Renamed', findingIds: [newFinding], workstreamId: ws, leadAgency: null, dueDate: '2027-01-31' })
        .expect(200);
      expect(res.body).toMatchObject({ title: 'Renamed', version: 2, leadAgency: null, dueDate: '2027-01-31', workstream: { id: ws } });
      expect(res.body.findings.map((f: { id: string }) => f.id)).toEqual([newFinding]);
      const audit = await auditFor('action', a.id);
      const update = audit.find((e) => e.action === 'update')!;
      expect(update.actorId).toBe(board.id);
      expect(update.changes).toMatchObject({
        title: { before: a.title, after: 'Renamed' },
        findingIds: { before: [plan.findingId], after: [newFinding] },
        dueDate: { before: '2026-12-31', after: '2027-01-31' },
      });
      expect(update.changes).not.toHaveProperty('description');
    });

    it('refuses a stale version with 409 and the current version', async () => {
      const a = await createAction(t, board, actionBody(plan, owner.id));
      await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ version: 1, title: 'First' }).expect(200);
      const res = await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(org.admin)).send({ version: 1, title: 'Second' }).expect(409);
      expect(res.body.details).toEqual({ currentVersion: 2 });
      const got = await t.http().get(`/api/v1/actions/${a.id}`).set(bearer(board)).expect(200);
      expect(got.body.title).toBe('First');
    });

    it('two PATCHes in parallel with the same version: exactly one 200, the other 409 with the current version', async () => {
      for (let round = 0; round < 5; round++) {
        const a = await createAction(t, board, actionBody(plan, owner.id));
        const [r1, r2] = await Promise.all([
          t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ version: 1, title: 'Board edit' }),
          t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(org.admin)).send({ version: 1, title: 'Admin edit' }),
        ]);
        expect([r1.status, r2.status].sort()).toEqual([200, 409]);
        const winner = r1.status === 200 ? r1 : r2;
        const loser = r1.status === 200 ? r2 : r1;
        expect(loser.body.details).toEqual({ currentVersion: 2 });
        const got = await t.http().get(`/api/v1/actions/${a.id}`).set(bearer(board)).expect(200);
        expect(got.body).toMatchObject({ title: winner.body.title, version: 2 });
        expect((await auditFor('action', a.id)).filter((e) => e.action === 'update')).toHaveLength(1);
      }
    });

    it('validates dates against the stored values, and an earlier due date against the milestones', async () => {
      const a = await createAction(t, board, actionBody(plan, owner.id, { milestones: [{ title: 'Late in the year', dueDate: '2026-11-30' }] }));
      let res = await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ version: 1, dueDate: '2026-01-01' }).expect(400);
      expect(res.body.details[0].field).toBe('dueDate');
      res = await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ version: 1, startDate: '2027-06-01' }).expect(400);
      expect(res.body.details[0].field).toBe('startDate');
      res = await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ version: 1, dueDate: '2026-10-31' }).expect(400);
      expect(res.body.details[0].field).toBe('dueDate');
      expect(res.body.message).toMatch(/Late in the year/);
      for (const field of ['title', 'dueDate', 'workstreamId', 'ownerId', 'reference']) {
        res = await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ version: 1, [field]: null }).expect(400);
        expect(res.body.details[0].field).toBe(field);
      }
      res = await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ title: 'No version' }).expect(400);
      expect(res.body.details[0].field).toBe('version');
      await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ version: 1, findingIds: [otherPlan.findingId] }).expect(400);
      await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ version: 1, ownerId: other.admin.id }).expect(400);
      const got = await t.http().get(`/api/v1/actions/${a.id}`).set(bearer(board)).expect(200);
      expect(got.body.version).toBe(1);
    });

    it('refuses to rename onto a reference in use (409 naming reference)', async () => {
      await createAction(t, board, actionBody(plan, owner.id, { reference: 'TAKEN-1' }));
      const a = await createAction(t, board, actionBody(plan, owner.id));
      const res = await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ version: 1, reference: 'TAKEN-1' }).expect(409);
      expect(res.body.details[0].field).toBe('reference');
    });

    it('status rules: complete stamps dates and 100%, embedded only from complete, reopening clears', async () => {
      const a = await createAction(t, board, actionBody(plan, owner.id, { status: 'in_progress', progressPercent: 40 }));
      let res = await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ version: 1, status: 'embedded' }).expect(400);
      expect(res.body.details[0].field).toBe('status');
      res = await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ version: 1, status: 'complete', progressPercent: 90 }).expect(400);
      expect(res.body.details[0].field).toBe('progressPercent');
      res = await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ version: 1, effectivenessCheckDue: '2027-01-01' }).expect(400);
      expect(res.body.details[0].field).toBe('effectivenessCheckDue');
      res = await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ version: 1, status: 'complete' }).expect(200);
      expect(res.body).toMatchObject({ status: 'complete', progressPercent: 100, completedOn: '2026-11-23', effectivenessCheckDue: '2027-02-21', embeddedOn: null });
      // The clock moves on: the check is done and the change is sustained.
      t.clock.set('2027-02-25T12:00:00Z');
      try {
        res = await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ version: 2, status: 'embedded' }).expect(200);
        expect(res.body).toMatchObject({ status: 'embedded', completedOn: '2026-11-23', embeddedOn: '2027-02-25' });
        res = await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ version: 3, status: 'in_progress', progressPercent: 80 }).expect(200);
        expect(res.body).toMatchObject({ status: 'in_progress', progressPercent: 80, completedOn: null, effectivenessCheckDue: null, embeddedOn: null });
      } finally {
        t.clock.set('2026-11-23T10:00:00Z');
      }
      res = await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ version: 4, status: 'complete', effectivenessCheckDue: '2027-05-01' }).expect(200);
      expect(res.body).toMatchObject({ completedOn: '2026-11-23', effectivenessCheckDue: '2027-05-01' });
    });

    it('uses the London date for completion: 23:30 UTC on 31 May is 1 June in London', async () => {
      const a = await createAction(t, board, actionBody(plan, owner.id, { startDate: '2026-01-01', dueDate: '2026-12-31' }));
      t.clock.set('2026-05-31T23:30:00Z');
      try {
        const res = await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ version: 1, status: 'complete' }).expect(200);
        expect(res.body.completedOn).toBe('2026-06-01');
      } finally {
        t.clock.set('2026-11-23T10:00:00Z');
      }
    });
  });

  describe('GET one', () => {
    it('shows the stored RAG, the latest update and evidence counts by review state', async () => {
      const a = await createAction(t, board, actionBody(plan, owner.id, { status: 'in_progress' }));
      await t.dataSource.getRepository(ActionEntity).update(a.id, {
        ragColour: 'amber',
        ragReasons: [{ code: 'stale_updates', colour: 'amber', text: 'no progress update for 50 days' }],
        ragOverridden: false,
        ragPolicyVersion: 3,
        ragAsOf: '2026-11-22',
        ragComputedAt: new Date('2026-11-22T02:00:00Z'),
      });
      const evidence = t.dataSource.getRepository(EvidenceEntity);
      const base = { organisationId: org.id, actionId: a.id, title: 'Audit report', fileName: 'audit.pdf', contentType: 'application/pdf', sizeBytes: 10, sha256: 'a'.repeat(64), storageKey: 'k', uploadedById: owner.id, uploadedAt: new Date() };
      await evidence.save([
        { ...base, reviewState: 'submitted' as const },
        { ...base, reviewState: 'accepted' as const },
        { ...base, reviewState: 'accepted' as const },
        { ...base, reviewState: 'rejected' as const },
        { ...base, reviewState: 'submitted' as const, withdrawnAt: new Date() },
      ]);
      await t.http().post(`/api/v1/actions/${a.id}/updates`).set(bearer(owner)).send({ narrative: 'Older', updateDate: '2026-10-01' }).expect(201);
      await t.http().post(`/api/v1/actions/${a.id}/updates`).set(bearer(owner)).send({ narrative: 'Newest' }).expect(201);
      const res = await t.http().get(`/api/v1/actions/${a.id}`).set(bearer(board)).expect(200);
      expect(res.body.rag).toEqual({
        colour: 'amber',
        reasons: [{ code: 'stale_updates', colour: 'amber', text: 'no progress update for 50 days' }],
        overridden: false,
        computed: null,
        override: null,
        policyVersion: 3,
        asOf: '2026-11-22',
        computedAt: '2026-11-22T02:00:00.000Z',
      });
      expect(res.body.evidence).toEqual({ submitted: 1, accepted: 2, rejected: 1, withdrawn: 1 });
      expect(res.body.latestUpdate).toMatchObject({ narrative: 'Newest', updateDate: '2026-11-23', author: { id: owner.id, partnerAgency: 'Cheshire Police' } });
    });

    it('answers 400 for a malformed id and 404 for an unknown one', async () => {
      const bad = await t.http().get('/api/v1/actions/not-a-uuid').set(bearer(board)).expect(400);
      expect(bad.body.details).toEqual([{ field: 'id', messages: ['must be a UUID'] }]);
      await t.http().get('/api/v1/actions/00000000-0000-4000-8000-000000000000').set(bearer(board)).expect(404);
    });
  });

  describe('delete', () => {
    it('deletes an action with nothing hanging off it, with its finding links, and audits it', async () => {
      const a = await createAction(t, board, actionBody(plan, owner.id));
      await t.http().delete(`/api/v1/actions/${a.id}`).set(bearer(board)).expect(204);
      await t.http().get(`/api/v1/actions/${a.id}`).set(bearer(board)).expect(404);
      const [{ n }] = await t.dataSource.query('SELECT count(*)::int AS n FROM action_finding WHERE action_id = $1', [a.id]);
      expect(n).toBe(0);
      const audit = await auditFor('action', a.id);
      expect(audit.map((e) => e.action).sort()).toEqual(['create', 'delete']);
      expect(audit.find((e) => e.action === 'delete')!.changes.reference).toEqual({ before: a.reference, after: null });
    });

    it('refuses with 409 naming what depends on it: milestones, progress updates, evidence', async () => {
      const a = await createAction(t, board, actionBody(plan, owner.id, { milestones: [{ title: 'M1', dueDate: '2026-06-30' }, { title: 'M2', dueDate: '2026-07-31' }] }));
      await t.http().post(`/api/v1/actions/${a.id}/updates`).set(bearer(owner)).send({ narrative: 'Started' }).expect(201);
      await t.dataSource.getRepository(EvidenceEntity).save({
        organisationId: org.id, actionId: a.id, title: 'Minutes', fileName: 'm.pdf', contentType: 'application/pdf', sizeBytes: 1, sha256: 'b'.repeat(64), storageKey: 'k2', uploadedById: owner.id, uploadedAt: new Date(),
      });
      const res = await t.http().delete(`/api/v1/actions/${a.id}`).set(bearer(board)).expect(409);
      expect(res.body.message).toBe(`Action ${a.reference} has milestones M1, M2 and has progress update of 2026-11-23 and has evidence item Minutes; remove or move them first`);
      expect(res.body.details.dependents).toEqual([
        { entityType: 'milestone', count: 2, items: a.milestones.map((m) => ({ id: m.id, label: m.title })) },
        { entityType: 'progress update', count: 1, items: [{ id: expect.any(String), label: 'of 2026-11-23' }] },
        { entityType: 'evidence item', count: 1, items: [{ id: expect.any(String), label: 'Minutes' }] },
      ]);
      await t.http().get(`/api/v1/actions/${a.id}`).set(bearer(board)).expect(200);
    });
  });

  describe('OpenAPI', () => {
    it('documents the action, milestone and progress update routes and their schemas', async () => {
      const doc = (await t.http().get('/api/docs-json').expect(200)).body;
      for (const path of ['/plans/{planId}/actions', '/actions/{id}', '/actions/{id}/milestones', '/actions/{id}/milestones/{milestoneId}', '/actions/{id}/updates']) {
        expect(doc.paths).toHaveProperty([path]);
      }
      // The append-only refusals are routes, but not part of the contract.
      expect(doc.paths).not.toHaveProperty(['/actions/{id}/updates/{updateId}']);
      expect(Object.keys(doc.components.schemas.CreateActionDto.properties)).toEqual(
        expect.arrayContaining(['reference', 'findingIds', 'ownerId', 'dueDate', 'milestones', 'status', 'progressPercent']),
      );
      expect(Object.keys(doc.components.schemas.ActionDto.properties)).toEqual(expect.arrayContaining(['rag', 'findings', 'milestones', 'latestUpdate', 'evidence', 'version']));
      const listParams = doc.paths['/plans/{planId}/actions'].get.parameters.map((p: { name: string }) => p.name);
      expect(listParams).toEqual(expect.arrayContaining(['page', 'pageSize', 'workstreamId', 'findingId', 'noticeId', 'inspectionId', 'regulator', 'ownerId', 'status', 'ragColour', 'dueBefore', 'dueAfter', 'overdueAt', 'q', 'sort']));
    });
  });

  describe('RAG recompute requests', () => {
    it('enqueues a recompute after create, update, a progress update and a milestone change', async () => {
      await drainRagQueue(t);
      const a = await createAction(t, board, actionBody(plan, owner.id, { milestones: [{ title: 'M', dueDate: '2026-06-30' }] }));
      expect(await ragJobsFor(t, a.id)).toBe(1);

      await drainRagQueue(t);
      await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ version: 1, status: 'blocked' }).expect(200);
      expect(await ragJobsFor(t, a.id)).toBe(1);

      await drainRagQueue(t);
      await t.http().post(`/api/v1/actions/${a.id}/updates`).set(bearer(owner)).send({ narrative: 'Unblocked', status: 'in_progress' }).expect(201);
      expect(await ragJobsFor(t, a.id)).toBe(1);

      await drainRagQueue(t);
      const m = a.milestones[0];
      await t.http().patch(`/api/v1/actions/${a.id}/milestones/${m.id}`).set(bearer(owner)).send({ version: m.version, completedOn: '2026-06-29' }).expect(200);
      expect(await ragJobsFor(t, a.id)).toBe(1);

      await drainRagQueue(t);
      const added = await t.http().post(`/api/v1/actions/${a.id}/milestones`).set(bearer(board)).send({ title: 'Added', dueDate: '2026-08-31' }).expect(201);
      expect(await ragJobsFor(t, a.id)).toBe(1);

      await drainRagQueue(t);
      await t.http().delete(`/api/v1/actions/${a.id}/milestones/${added.body.id}`).set(bearer(board)).expect(204);
      expect(await ragJobsFor(t, a.id)).toBe(1);

      // A refused change enqueues nothing.
      await drainRagQueue(t);
      await t.http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ version: 1, title: 'stale' }).expect(409);
      expect(await ragJobsFor(t, a.id)).toBe(0);
    });
  });
});
