import { ImportsRepository } from '../src/imports/imports.repository';
import { NotificationScanRepository } from '../src/notifications/scans/notification-scan.repository';
import { seedPlanBasics, type PlanFixture } from './support/plan-fixtures';
import { insertEvidence } from './support/rag-fixtures';
import { bearer, TestApp, TestOrganisation, TestPlan, TestUser } from './support/test-app';

/**
 * People who leave a plan stop hearing about it: a member made a chief officer leaves every plan
 * (not while owning open actions), a chief officer is nobody's board member or action owner
 * whatever rows remain, and an evidence-rejected e-mail goes to its uploader only while they can
 * still work on the action.
 */
describe('people who leave a plan', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let planA: string;
  let planB: TestPlan;
  let board: TestUser;
  let fixture: PlanFixture;
  const http = () => t.http();

  async function createAction(reference: string, ownerId: string): Promise<string> {
    const res = await http()
      .post(`/api/v1/plans/${planA}/actions`)
      .set(bearer(board))
      .send({ reference, title: `Action ${reference}`, workstreamId: fixture.workstreamId, findingIds: [fixture.findingId], ownerId, startDate: '2026-01-05', dueDate: '2026-12-31' })
      .expect(201);
    return res.body.id as string;
  }

  async function patchUser(userId: string, body: Record<string, unknown>, status: number) {
    const { version } = (await http().get(`/api/v1/users/${userId}`).set(bearer(org.admin)).expect(200)).body as { version: number };
    return http().patch(`/api/v1/users/${userId}`).set(bearer(org.admin)).send({ ...body, version }).expect(status);
  }

  async function reassign(actionId: string, ownerId: string): Promise<void> {
    const { version } = (await http().get(`/api/v1/actions/${actionId}`).set(bearer(board)).expect(200)).body as { version: number };
    await http().patch(`/api/v1/actions/${actionId}`).set(bearer(board)).send({ ownerId, version }).expect(200);
  }

  const memberships = (userId: string) =>
    t.dataSource.query<{ plan_id: string; role: string }[]>('SELECT plan_id, role FROM plan_membership WHERE user_id = $1 ORDER BY plan_id', [userId]);

  const rejectedMessages = (evidenceId: string) =>
    t.dataSource.query<{ recipient_user_id: string }[]>(`SELECT recipient_user_id FROM outbox_message WHERE kind = 'evidence_rejected' AND subject_ref = $1`, [`evidence:${evidenceId}`]);

  beforeAll(async () => {
    t = await TestApp.start({ now: '2026-11-23T10:00:00Z' });
    org = await t.createOrganisation('Wigan Council');
    planA = org.planId;
    planB = await t.createPlan(org, { title: "Children's services improvement plan", serviceArea: 'childrens_services' });
    board = await t.createUser(org, 'board');
    fixture = await seedPlanBasics(t.dataSource, org.id, planA);
  }, 60_000);

  afterAll(() => t.close());

  describe('a member made a chief officer', () => {
    it('is refused (409 naming the open actions and their plan) while they own open actions, then leaves every plan, each departure audited', async () => {
      const director = await t.createUser(org, 'owner');
      await t.addMember(org, planB.id, director, 'board');
      const actionId = await createAction('CO1', director.id);

      const refused = await patchUser(director.id, { role: 'chief_officer' }, 409);
      expect(refused.body.code).toBe('has_dependents');
      const [{ title }] = await t.dataSource.query<{ title: string }[]>('SELECT title FROM plan WHERE id = $1', [planA]);
      expect(refused.body.message).toContain(`owns open action CO1 in ${title}`);
      // Nothing changed: still a member, both roles kept.
      expect((await http().get(`/api/v1/users/${director.id}`).set(bearer(org.admin)).expect(200)).body.role).toBe('member');
      expect(await memberships(director.id)).toHaveLength(2);

      await reassign(actionId, board.id);
      const made = await patchUser(director.id, { role: 'chief_officer' }, 200);
      expect(made.body.role).toBe('chief_officer');
      expect(await memberships(director.id)).toEqual([]);
      await http().get(`/api/v1/plans/${planB.id}/members`).set(bearer(org.admin)).expect(200).expect((res) => {
        expect((res.body.items as { userId: string }[]).map((m) => m.userId)).not.toContain(director.id);
      });
      // One audit line per plan left, each stored with its plan (so each plan's board reads its own).
      const events = await t.dataSource.query<{ plan_id: string; action: string; changes: { role: { before: string } } }[]>(
        `SELECT plan_id, action, changes FROM audit_event WHERE entity_type = 'plan_membership' AND entity_id = $1 AND action = 'delete' ORDER BY plan_id`,
        [director.id],
      );
      expect(events.map((e) => [e.plan_id, e.changes.role.before]).sort()).toEqual(
        [
          [planA, 'owner'],
          [planB.id, 'board'],
        ].sort(),
      );
    });

    it('a completed action they own does not hold them back', async () => {
      const lead = await t.createUser(org, 'owner');
      const actionId = await createAction('CO2', lead.id);
      await t.dataSource.query(`UPDATE action SET status = 'complete', completed_on = '2026-11-20' WHERE id = $1`, [actionId]);
      await patchUser(lead.id, { role: 'chief_officer' }, 200);
      expect(await memberships(lead.id)).toEqual([]);
    });
  });

  describe('a chief officer with a membership row left from before (written outside the application)', () => {
    let chief: TestUser;

    beforeAll(async () => {
      chief = await t.createUser(org, 'chief_officer' as never);
      await t.dataSource.query(`INSERT INTO plan_membership (organisation_id, plan_id, user_id, role) VALUES ($1, $2, $3, 'owner')`, [org.id, planA, chief.id]);
      await t.dataSource.query(`INSERT INTO plan_membership (organisation_id, plan_id, user_id, role) VALUES ($1, $2, $3, 'board')`, [org.id, planB.id, chief.id]);
    });

    it('cannot be made an action owner (400 naming ownerId)', async () => {
      const res = await http()
        .post(`/api/v1/plans/${planA}/actions`)
        .set(bearer(board))
        .send({ reference: 'CO3', title: 'Action CO3', workstreamId: fixture.workstreamId, findingIds: [fixture.findingId], ownerId: chief.id, startDate: '2026-01-05', dueDate: '2026-12-31' })
        .expect(400);
      expect(res.body.details).toEqual([expect.objectContaining({ field: 'ownerId' })]);
    });

    it('is offered to no import as an owner', async () => {
      const candidates = await t.app.get(ImportsRepository, { strict: false }).ownerCandidates(org.id, planA);
      expect(candidates.map((c) => c.id)).not.toContain(chief.id);
      expect(candidates.map((c) => c.id)).toContain(board.id);
    });

    it("is not one of the plan's board members the board e-mails go to", async () => {
      const scans = t.app.get(NotificationScanRepository, { strict: false });
      const boardB = (await scans.planMembers('board', [planB.id])).map((m) => m.userId);
      expect(boardB).not.toContain(chief.id);
      // The control: a board member of the plan is one.
      const member = await t.createUser(org, 'board', { planId: planB.id });
      expect((await scans.planMembers('board', [planB.id])).map((m) => m.userId)).toContain(member.id);
    });
  });

  describe('a done action reopened', () => {
    it("keeps its owner only while they can own it: one who has left the plan is refused (400 naming ownerId) until another is named", async () => {
      const leaver = await t.createUser(org, 'owner');
      const actionId = await createAction('RO1', leaver.id);
      await t.dataSource.query(`UPDATE action SET status = 'complete', completed_on = '2026-11-20', progress_percent = 100 WHERE id = $1`, [actionId]);
      // Nothing of theirs is open, so they may leave the plan.
      await http().delete(`/api/v1/plans/${planA}/members/${leaver.id}`).set(bearer(org.admin)).expect(204);

      const { version } = (await http().get(`/api/v1/actions/${actionId}`).set(bearer(board)).expect(200)).body as { version: number };
      const refused = await http().patch(`/api/v1/actions/${actionId}`).set(bearer(board)).send({ status: 'in_progress', version }).expect(400);
      expect(refused.body.details).toEqual([expect.objectContaining({ field: 'ownerId' })]);
      expect((await t.dataSource.query(`SELECT status FROM action WHERE id = $1`, [actionId]))[0].status).toBe('complete');
      const reopened = await http().patch(`/api/v1/actions/${actionId}`).set(bearer(board)).send({ status: 'in_progress', ownerId: board.id, version }).expect(200);
      expect(reopened.body).toMatchObject({ status: 'in_progress', owner: expect.objectContaining({ id: board.id }) });
    });

    it('keeps an owner who still holds a role in the plan', async () => {
      const stayer = await t.createUser(org, 'owner');
      const actionId = await createAction('RO2', stayer.id);
      await t.dataSource.query(`UPDATE action SET status = 'complete', completed_on = '2026-11-20', progress_percent = 100 WHERE id = $1`, [actionId]);
      const { version } = (await http().get(`/api/v1/actions/${actionId}`).set(bearer(board)).expect(200)).body as { version: number };
      await http().patch(`/api/v1/actions/${actionId}`).set(bearer(board)).send({ status: 'in_progress', version }).expect(200);
    });
  });

  describe('an evidence-rejected e-mail', () => {
    async function rejected(uploader: TestUser, actionId: string, before: () => Promise<void> = async () => undefined): Promise<string[]> {
      const evidenceId = await insertEvidence(t.dataSource, { organisationId: org.id, actionId, uploadedById: uploader.id, uploadedAt: '2026-11-20T10:00:00Z' });
      await before();
      await http().post(`/api/v1/evidence/${evidenceId}/review`).set(bearer(board)).send({ decision: 'rejected', comment: 'Covers Q2 only.' }).expect(200);
      return (await rejectedMessages(evidenceId)).map((m) => m.recipient_user_id);
    }

    it('goes to the uploader who still owns the action', async () => {
      const owner = await t.createUser(org, 'owner');
      const actionId = await createAction('EV1', owner.id);
      expect(await rejected(owner, actionId)).toEqual([owner.id]);
    });

    it('goes to nobody when the uploader has since left the plan: the action went to someone else first', async () => {
      const owner = await t.createUser(org, 'owner');
      const actionId = await createAction('EV2', owner.id);
      const recipients = await rejected(owner, actionId, async () => {
        await reassign(actionId, board.id);
        await http().delete(`/api/v1/plans/${planA}/members/${owner.id}`).set(bearer(org.admin)).expect(204);
      });
      expect(recipients).toEqual([]);
    });

    it('goes to nobody when the uploader is an owner whose action went to someone else, or is now a scrutiny member', async () => {
      const owner = await t.createUser(org, 'owner');
      const actionId = await createAction('EV3', owner.id);
      expect(await rejected(owner, actionId, () => reassign(actionId, board.id))).toEqual([]);
      await t.addMember(org, planA, owner, 'scrutiny');
      expect(await rejected(owner, actionId)).toEqual([]);
    });
  });
});
