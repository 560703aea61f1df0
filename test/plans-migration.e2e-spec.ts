import { DataSource } from 'typeorm';
import { migrationOptions } from '../src/database/typeorm-options';
import { actionBody, createAction } from './support/actions-fixtures';
import { seedAction, seedPlanBasics } from './support/plan-fixtures';
import { insertEvidence, insertProgressUpdate } from './support/rag-fixtures';
import { TestApp, TestOrganisation } from './support/test-app';

/**
 * Migration PlansAndMemberships (issue 19) on a filled database: down then up keeps every action,
 * milestone, progress update, evidence item and audit event (counts and checksums of their own
 * columns), folds plan roles back into one role per user and out again, and refuses to go down
 * once an organisation runs several plans.
 */
const MIGRATION = 'PlansAndMemberships1763900001900';

/** Counts and an md5 of every row's own columns (plan ids excluded: `up` makes new plans). */
const FINGERPRINTS: Record<string, string> = {
  action: 'SELECT id, organisation_id, reference, title, workstream_id, owner_id, status, progress_percent, due_date, rag_colour, version FROM action',
  milestone: 'SELECT id, organisation_id, action_id, title, due_date, completed_on, version FROM milestone',
  progress_update: 'SELECT id, organisation_id, action_id, author_id, update_date, narrative FROM progress_update',
  evidence: 'SELECT id, organisation_id, action_id, title, sha256, review_state, uploaded_by_id, version FROM evidence',
  audit_event: 'SELECT id, organisation_id, seq, entity_type, entity_id, action, prev_hash, hash FROM audit_event',
  workstream: 'SELECT id, organisation_id, code, title, version FROM workstream',
  finding: 'SELECT id, organisation_id, inspection_id, reference, version FROM finding',
  inspection: 'SELECT id, organisation_id, title, version FROM inspection',
  user: 'SELECT id, organisation_id, email, active, version FROM "user"',
};

async function fingerprint(ds: DataSource): Promise<Record<string, { n: number; md5: string | null }>> {
  const out: Record<string, { n: number; md5: string | null }> = {};
  for (const [table, sql] of Object.entries(FINGERPRINTS)) {
    const [row] = await ds.query<{ n: number; md5: string | null }[]>(`SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t.id)) AS md5 FROM (${sql}) t`);
    out[table] = row;
  }
  return out;
}

/** Each user's plan role as one string per user: the old `user.role`, or the membership of the organisation's plan. */
async function rolesByUser(ds: DataSource, shape: 'before' | 'after'): Promise<Record<string, string>> {
  const sql =
    shape === 'before'
      ? `SELECT u.id, u.role || COALESCE(':' || m.role, '') AS role FROM "user" u LEFT JOIN plan_membership m ON m.user_id = u.id`
      : `SELECT id, role FROM "user"`;
  const rows = await ds.query<{ id: string; role: string }[]>(sql);
  return Object.fromEntries(rows.map((r) => [r.id, r.role]));
}

describe('migration PlansAndMemberships on a filled database', () => {
  let t: TestApp;
  let orgs: TestOrganisation[];
  let migrations: DataSource;

  beforeAll(async () => {
    t = await TestApp.start();
    migrations = await new DataSource(migrationOptions(t.config)).initialize();
    orgs = [await t.createOrganisation('Wirral Council'), await t.createOrganisation("Wigan Council children's services")];
    for (const org of orgs) {
      const board = await t.createUser(org, 'board');
      const owner = await t.createUser(org, 'owner');
      await t.createUser(org, 'scrutiny');
      const plan = await seedPlanBasics(t.dataSource, org.id);
      // Through the API, so the audit trail holds real events (and their hash chain).
      for (let i = 0; i < 3; i++) {
        await createAction(t, board, actionBody(plan, owner.id, { milestones: [{ title: `Milestone ${i}`, dueDate: '2026-06-30' }] }));
      }
      const seeded = await seedAction(t.dataSource, org.id, plan, { ownerId: owner.id, milestones: [{ title: 'Audit done', dueDate: '2026-03-31', completedOn: '2026-03-20' }] });
      await insertEvidence(t.dataSource, { organisationId: org.id, actionId: seeded.id, uploadedById: owner.id, uploadedAt: '2026-03-21T10:00:00Z', state: 'accepted' });
      await insertProgressUpdate(t.dataSource, { organisationId: org.id, actionId: seeded.id, authorId: owner.id, updateDate: '2026-03-22' });
    }
  });

  afterAll(async () => {
    await migrations?.destroy();
    await t.close();
  });

  /** Undoes migrations down to and including this one (later ones first, if any were added since). */
  async function downPastPlans(): Promise<void> {
    for (;;) {
      const [last] = await migrations.query<{ name: string }[]>('SELECT name FROM migrations ORDER BY timestamp DESC LIMIT 1');
      await migrations.undoLastMigration({ transaction: 'each' });
      if (last.name === MIGRATION) return;
    }
  }

  it('keeps every row through down and up, and moves roles into memberships and back', async () => {
    const before = await fingerprint(t.dataSource);
    const rolesBefore = await rolesByUser(t.dataSource, 'before');
    expect(before.action.n).toBe(8);
    expect(before.milestone.n).toBe(8);
    expect(before.evidence.n).toBe(2);
    expect(before.audit_event.n).toBeGreaterThan(20);

    await downPastPlans();
    expect(await fingerprint(t.dataSource)).toEqual(before);
    const columns = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM information_schema.columns WHERE column_name = 'plan_id' AND table_schema = 'public'`);
    expect(columns[0].n).toBe(0);
    // One role per user again: admin stays admin, members take their plan role back.
    const folded = await rolesByUser(t.dataSource, 'after');
    for (const [id, role] of Object.entries(rolesBefore)) expect(folded[id]).toBe(role === 'admin' ? 'admin' : role.split(':')[1]);

    await migrations.runMigrations({ transaction: 'each' });
    expect(await fingerprint(t.dataSource)).toEqual(before);
    expect(await rolesByUser(t.dataSource, 'before')).toEqual(rolesBefore);
    const plans = await t.dataSource.query<{ title: string; service_area: string; rows: number }[]>(
      `SELECT p.title, p.service_area, (SELECT count(*)::int FROM action a WHERE a.plan_id = p.id) AS rows FROM plan p ORDER BY p.title`,
    );
    expect(plans).toEqual([
      { title: "Wigan Council children's services improvement plan", service_area: 'childrens_services', rows: 4 },
      { title: 'Wirral Council improvement plan', service_area: 'other', rows: 4 },
    ]);
    const chain = await t.http().get('/api/v1/audit-events/verify').set('Authorization', `Bearer ${orgs[0].admin.token}`).expect(200);
    expect(chain.body).toMatchObject({ valid: true });
  });

  it('refuses to go down, clearly, once an organisation runs several plans', async () => {
    await t.createPlan(orgs[0], { title: 'SEND improvement plan', serviceArea: 'send' });
    await expect(downPastPlans()).rejects.toThrow(/1 organisation\(s\) run several plans/);
    const [still] = await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM plan');
    expect(still.n).toBe(3);
  });
});
