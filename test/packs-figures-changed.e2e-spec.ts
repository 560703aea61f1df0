import { seedAction, seedPlanBasics } from './support/plan-fixtures';
import { waitForJob, waitForPack } from './support/wait-for';
import { bearer, inPlan, type TestOrganisation } from './support/test-app';
import { createWebUser, signInWithAgent, startWebApp, type WebTestApp, type WebUser } from './web/support/web-test-app';
import { govukDateTime } from '../src/web/common/nunjucks/filters';

/**
 * A pack says when the RAG statuses of its reporting date changed after it was made (migration
 * RagSnapshotRevisions): a past date recomputed with different results (a correction, as
 * `check-rag-history --repair` makes), or a colour moving later on the pack's own day. The pack
 * itself keeps what it reported; the API gives `figuresChangedAt`, the pack page and the published
 * report warn. A recompute that changes nothing changes nothing. The time of a change is the
 * database's (as the snapshots' computed_at), so it is checked against the real time around it.
 */
const TODAY = '2026-11-23';
const PAST = '2026-11-20';

interface PackBody {
  id: string;
  state: string;
  asOf: string;
  figuresChangedAt: string | null;
}

describe('packs whose reporting date’s RAG statuses changed after they were made (real PostgreSQL, worker in process)', () => {
  let w: WebTestApp;
  let org: TestOrganisation;
  let board: WebUser;
  let scrutiny: WebUser;
  let milestoneId: string;
  const packs: Record<'pastBoard' | 'pastScrutiny' | 'today', string> = { pastBoard: '', pastScrutiny: '', today: '' };

  const t = () => w.t;
  const getPack = async (id: string, user: WebUser = board): Promise<PackBody> => (await t().http().get(`/api/v1/packs/${id}`).set(bearer(user)).expect(200)).body as PackBody;
  const makePack = async (audience: 'board' | 'scrutiny', asOf: string): Promise<string> => {
    const res = await t().http().post(inPlan(org.planId, 'packs')).set(bearer(board)).send({ audience, asOf }).expect(202);
    expect(await waitForPack<PackBody>(t(), board, res.body.id as string)).toMatchObject({ state: 'ready', figuresChangedAt: null });
    return res.body.id as string;
  };
  /** Recomputes the date; the real time before and after, to check a change's time against. */
  const recompute = async (asOf: string): Promise<{ from: number; to: number }> => {
    const from = Date.now() - 1000;
    const res = await t().http().post(inPlan(org.planId, 'rag/recompute')).set(bearer(board)).send({ asOf }).expect(202);
    await waitForJob(t(), board, res.body.jobId as string);
    return { from, to: Date.now() + 1000 };
  };
  const expectWithin = (at: string | null, window: { from: number; to: number }) => {
    expect(at).not.toBeNull();
    expect(Date.parse(at!)).toBeGreaterThanOrEqual(window.from);
    expect(Date.parse(at!)).toBeLessThanOrEqual(window.to);
  };
  let changedAt = '';
  const revision = async (asOf: string): Promise<number> =>
    (await t().dataSource.query(`SELECT revision FROM rag_snapshot_revision WHERE plan_id = $1 AND as_of = $2`, [org.planId, asOf]))[0]?.revision ?? 0;
  const recorded = async (packId: string): Promise<number | null> => (await t().dataSource.query(`SELECT figures_revision FROM pack WHERE id = $1`, [packId]))[0].figures_revision;

  beforeAll(async () => {
    w = await startWebApp({ worker: true, now: `${TODAY}T09:00:00Z` });
    org = await t().createOrganisation('Eastmoor Borough Council');
    board = await createWebUser(t(), org, 'board', 'Nadia Fenwick');
    scrutiny = await createWebUser(t(), org, 'scrutiny', 'Councillor Ann Lee');
    const owner = await createWebUser(t(), org, 'owner', 'Ruth Amberley');
    const plan = await seedPlanBasics(t().dataSource, org.id, org.planId);
    const a1 = await seedAction(t().dataSource, org.id, plan, {
      ownerId: owner.id,
      reference: 'A1',
      title: 'Audit section 42 enquiries',
      milestones: [{ title: 'Audit fieldwork complete', dueDate: '2026-12-10' }],
    });
    await seedAction(t().dataSource, org.id, plan, { ownerId: owner.id, reference: 'A2', title: 'Refresh the safeguarding pathway' });
    await t().dataSource.query(
      `INSERT INTO progress_update (organisation_id, action_id, author_id, update_date, narrative, status_at_time, progress_percent_at_time)
       SELECT organisation_id, id, $2, '2026-11-16', 'On track.', 'in_progress', 40 FROM action WHERE organisation_id = $1`,
      [org.id, owner.id],
    );
    milestoneId = (await t().dataSource.query(`SELECT id FROM milestone WHERE action_id = $1`, [a1.id]))[0].id;

    packs.pastBoard = await makePack('board', PAST);
    packs.pastScrutiny = await makePack('scrutiny', PAST);
    await t().http().post(`/api/v1/packs/${packs.pastScrutiny}/publish`).set(bearer(board)).send({ acknowledgeSuspects: true }).expect(200);
    packs.today = await makePack('board', TODAY);
  }, 180_000);

  afterAll(() => w?.close());

  it('a pack records the revision of its date’s snapshots it was made from, and reports no change', async () => {
    expect(await revision(PAST)).toBeGreaterThan(0);
    expect(await recorded(packs.pastBoard)).toBe(await revision(PAST));
    expect(await recorded(packs.today)).toBe(await revision(TODAY));
    expect((await getPack(packs.pastBoard)).figuresChangedAt).toBeNull();
  });

  it('recomputing the date with the same facts changes nothing: same revision, no warning', async () => {
    const before = await revision(PAST);
    await recompute(PAST);
    expect(await revision(PAST)).toBe(before);
    expect((await getPack(packs.pastBoard)).figuresChangedAt).toBeNull();
  });

  it('a recompute of the past date that changes a colour marks that date’s packs, with the time, and no other', async () => {
    // The milestone was due on 10 December; it is corrected to 1 October, so on 20 November it was overdue.
    await t().dataSource.query(`UPDATE milestone SET due_date = '2026-10-01' WHERE id = $1`, [milestoneId]);
    const before = await revision(PAST);
    const window = await recompute(PAST);
    expect(await revision(PAST)).toBe(before + 1);
    const pack = await getPack(packs.pastBoard);
    expect(pack.state).toBe('ready');
    expectWithin(pack.figuresChangedAt, window);
    changedAt = pack.figuresChangedAt!;
    // Today's snapshots were not touched by a recompute of another date.
    expect((await getPack(packs.today)).figuresChangedAt).toBeNull();

    const list = (await t().http().get(inPlan(org.planId, 'packs')).set(bearer(board)).expect(200)).body.items as PackBody[];
    const changed = Object.fromEntries(list.map((p) => [p.id, p.figuresChangedAt]));
    expect(changed).toEqual({ [packs.pastBoard]: changedAt, [packs.pastScrutiny]: changedAt, [packs.today]: null });
  });

  it('a scrutiny member sees it on the published pack too, and the pages warn in words', async () => {
    expect((await getPack(packs.pastScrutiny, scrutiny)).figuresChangedAt).toBe(changedAt);

    const boardAgent = (await signInWithAgent(t(), board.email)).agent;
    const packPage = (await boardAgent.get(`/packs/${packs.pastBoard}`).expect(200)).text;
    expect(packPage).toContain('data-testid="figures-changed"');
    expect(packPage).toContain(
      `The RAG statuses for 20 November 2026 changed on ${govukDateTime(changedAt)}, after this pack was made. This pack still reports them as they were.`,
    );
    const list = (await boardAgent.get(`/plans/${org.planId}/packs`).expect(200)).text;
    expect(list.match(/data-testid="figures-changed-tag"/g)).toHaveLength(2);
    expect((await boardAgent.get(`/packs/${packs.today}`).expect(200)).text).not.toContain('figures-changed');

    const scrutinyAgent = (await signInWithAgent(t(), scrutiny.email)).agent;
    const report = (await scrutinyAgent.get(`/reports/${packs.pastScrutiny}`).expect(200)).text;
    expect(report).toContain(`The RAG statuses for 20 November 2026 changed on ${govukDateTime(changedAt)}, after this report was made.`);
  });

  it('a pack made again for the date reports the statuses as they are now, with no warning', async () => {
    const again = await makePack('board', PAST);
    expect(await recorded(again)).toBe(await revision(PAST));
    expect((await getPack(again)).figuresChangedAt).toBeNull();
  });

  it('a change later on the pack’s own day marks that day’s pack', async () => {
    // The milestone corrected above is overdue today too: today's recompute moves A1's colour.
    const window = await recompute(TODAY);
    expectWithin((await getPack(packs.today)).figuresChangedAt, window);
  });

  it('each statement that inserts, changes or deletes snapshots raises each (plan, date) it touched once; one that writes none raises nothing', async () => {
    const ds = t().dataSource;
    const before = await revision(PAST);
    await ds.query(`UPDATE rag_snapshot SET reasons = reasons WHERE plan_id = $1 AND as_of = $2 AND false`, [org.planId, PAST]);
    expect(await revision(PAST)).toBe(before);
    // Two rows of one date in one statement: one raise.
    await ds.query(`UPDATE rag_snapshot SET computed_at = computed_at WHERE plan_id = $1 AND as_of = $2`, [org.planId, PAST]);
    expect(await revision(PAST)).toBe(before + 1);
    const [row] = await ds.query(`SELECT * FROM rag_snapshot WHERE plan_id = $1 AND as_of = $2 ORDER BY action_id LIMIT 1`, [org.planId, PAST]);
    await ds.query(`DELETE FROM rag_snapshot WHERE action_id = $1 AND as_of = $2`, [row.action_id, PAST]);
    expect(await revision(PAST)).toBe(before + 2);
    const from = Date.now() - 1000;
    await ds.query(
      `INSERT INTO rag_snapshot (organisation_id, plan_id, action_id, as_of, colour, reasons, overridden, policy_version, computed_at)
       VALUES ($1, $2, $3, $4, $5, $6, false, $7, now())`,
      [row.organisation_id, row.plan_id, row.action_id, PAST, row.colour, JSON.stringify(row.reasons), row.policy_version],
    );
    expect(await revision(PAST)).toBe(before + 3);
    expectWithin((await getPack(packs.pastBoard)).figuresChangedAt, { from, to: Date.now() + 1000 });
  });
});
