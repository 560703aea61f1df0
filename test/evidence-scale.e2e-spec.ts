import { makePdf } from './support/evidence-fixtures';
import { seedAction, seedPlanBasics } from './support/plan-fixtures';
import { bearer, TestApp, type TestOrganisation, type TestUser } from './support/test-app';

/**
 * Evidence read at scale (ROWS items in one organisation, as a 10,000-action council holds): every
 * item and list shown says which upload replaced an item, and that lookup is read from its own
 * partial index (IDX_evidence_supersedes), not by scanning the organisation's evidence (63-66 ms per
 * read at 200,000 items before the index; 1-6 ms after, measured at 100,000 actions). The bound only
 * catches a pathological plan; speed itself is the bench's.
 */
const ROWS = 20_000;

describe(`evidence: which upload replaced an item, among ${ROWS} items`, () => {
  let t: TestApp;
  let org: TestOrganisation;
  let board: TestUser;
  let owner: TestUser;
  let rejected: string;
  let replacement: string;

  beforeAll(async () => {
    t = await TestApp.start();
    org = await t.createOrganisation('Stockport Council');
    board = await t.createUser(org, 'board');
    owner = await t.createUser(org, 'owner');
    const plan = await seedPlanBasics(t.dataSource, org.id);
    const action = await seedAction(t.dataSource, org.id, plan, { ownerId: owner.id });
    const other = await seedAction(t.dataSource, org.id, plan, { ownerId: owner.id });
    // The bulk, on another action (so the lists read below stay short): written in SQL.
    await t.dataSource.query(
      `INSERT INTO evidence (organisation_id, action_id, title, file_name, content_type, size_bytes, sha256, storage_key, uploaded_by_id, uploaded_at, review_state, version)
       SELECT $1, $2, 'Evidence ' || g, 'e' || g || '.pdf', 'application/pdf', 1000, md5(g::text), 'sha256/' || md5(g::text), $3, now() - g * interval '1 minute', 'submitted', 1
       FROM generate_series(1, $4) g`,
      [org.id, other.id, owner.id, ROWS],
    );
    await t.asOwner((c) => c.query('ANALYZE evidence'));
    const upload = async (title: string, fields: Record<string, string> = {}) => {
      const req = t.http().post(`/api/v1/actions/${action.id}/evidence`).set(bearer(owner)).field('title', title);
      for (const [name, value] of Object.entries(fields)) req.field(name, value);
      return (await req.attach('file', await makePdf(title), { filename: 'audit.pdf', contentType: 'application/pdf' }).expect(201)).body.id as string;
    };
    rejected = await upload('Audit, unsigned');
    await t.http().post(`/api/v1/evidence/${rejected}/review`).set(bearer(board)).send({ decision: 'rejected', comment: 'Not signed' }).expect(200);
    replacement = await upload('Audit, signed', { supersedesId: rejected });
  }, 120_000);

  afterAll(() => t?.close());

  it('names the replacement on the item and in its action list', async () => {
    const item = await t.http().get(`/api/v1/evidence/${rejected}`).set(bearer(board)).expect(200);
    expect(item.body).toMatchObject({ supersededById: replacement });
    const fresh = await t.http().get(`/api/v1/evidence/${replacement}`).set(bearer(board)).expect(200);
    expect(fresh.body).toMatchObject({ supersedesId: rejected, supersededById: null });
  });

  it('looks the replacement up from IDX_evidence_supersedes, as the repository asks', async () => {
    // The shapes EvidenceRepository sends: findSupersedingIds (a page of ids) and isSuperseded (one id).
    for (const [sql, params] of [
      [
        'SELECT id, supersedes_id FROM evidence WHERE organisation_id = $1 AND supersedes_id IN ($2, $3) AND withdrawn_at IS NULL ORDER BY uploaded_at',
        [org.id, rejected, replacement],
      ],
      ['SELECT 1 FROM evidence WHERE organisation_id = $1 AND supersedes_id = $2 AND withdrawn_at IS NULL LIMIT 1', [org.id, rejected]],
    ] as const) {
      const plan = await t.dataSource.query<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${sql}`, [...params]);
      expect(plan.map((r) => r['QUERY PLAN']).join('\n')).toMatch(/Index Scan using "?IDX_evidence_supersedes/);
    }
  });
});
