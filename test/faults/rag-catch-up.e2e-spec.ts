import { INestApplicationContext } from '@nestjs/common';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { ReconcilerService } from '../../src/maintenance/reconciler.service';
import { nightlyJobId } from '../../src/queue/job-ids';
import { QUEUES, RAG_JOBS } from '../../src/queue/queues';
import { RagComputeService } from '../../src/rag/compute/rag-compute.service';
import { RagTriggerService } from '../../src/rag/rag-trigger.service';
import { bullConnection } from '../../src/redis/redis.module';
import { eventually } from '../support/evidence-fixtures';
import { seedAction, seedPlanBasics } from '../support/plan-fixtures';
import { storedRag } from '../support/rag-fixtures';
import { bearer, TestApp, TestOrganisation, TestUser } from '../support/test-app';

const YESTERDAY = '2026-11-22';
const TODAY = '2026-11-23';

/**
 * The nightly RAG run is lost (Redis emptied at 02:00, PostgreSQL down until its jobs used their
 * attempts): the worker's reconciler catches it up once today's nightly time (RAG_NIGHTLY_CRON,
 * 02:00 London) and half an hour have passed. Each active plan with actions lacking today's snapshot
 * gets its recompute for today under the nightly job's own id, so a second reconcile (or a late
 * nightly run) adds nothing; a plan already covered, a closed plan, an empty plan and a plan whose
 * actions came after yesterday's run (their own recomputes colour them) are left alone.
 * The reconciler runs on a worker without the RAG queue (WORKER_QUEUES=imports): it queues, and a
 * RAG worker started afterwards records today's snapshots and the actions' current colours.
 */
describe('faults: a lost nightly RAG run is caught up by the reconciler', () => {
  let t: TestApp;
  let reconcilerWorker: INestApplicationContext;
  let ragWorker: INestApplicationContext | null = null;
  let org: TestOrganisation;
  let other: TestOrganisation;
  let owner: TestUser;
  let lost: string; // the plan whose run was lost (Redis): no job, no snapshot of today
  let failed: string; // another council's plan whose run failed for good (PostgreSQL down)
  let covered: string;
  let closed: string;
  let empty: string;
  let fresh: string; // a plan whose actions came after yesterday's run (imported today): their own recomputes colour them
  let overdueAction: string;
  let onTrackAction: string;
  let rag: Queue;

  const reconcile = () => reconcilerWorker.get(ReconcilerService).reconcile();
  const todaysSnapshots = async (planId: string) =>
    (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM rag_snapshot WHERE plan_id = $1 AND as_of = $2', [planId, TODAY]))[0].n;
  const jobState = async (planId: string) => (await rag.getJob(nightlyJobId(TODAY, planId)))?.getState() ?? 'missing';

  beforeAll(async () => {
    // Yesterday, 10:00: the plans are built and yesterday's nightly run records them.
    t = await TestApp.start({ now: `${YESTERDAY}T10:00:00Z` });
    rag = new Queue(QUEUES.rag, { connection: bullConnection(t.config), prefix: t.config.QUEUE_PREFIX });
    const ds = t.dataSource;
    const compute = t.app.get(RagComputeService);
    org = await t.createOrganisation('Knowsley Council');
    other = await t.createOrganisation('Sefton Council');
    owner = await t.createUser(org, 'owner');
    const otherOwner = await t.createUser(other, 'owner');

    lost = org.planId;
    const lostPlan = await seedPlanBasics(ds, org.id, lost);
    // Due today: on track yesterday, overdue from today.
    overdueAction = (await seedAction(ds, org.id, lostPlan, { ownerId: owner.id, startDate: '2026-11-01', dueDate: YESTERDAY })).id;
    onTrackAction = (await seedAction(ds, org.id, lostPlan, { ownerId: owner.id, startDate: '2026-11-01', dueDate: '2027-03-31' })).id;

    covered = (await t.createPlan(org)).id;
    await seedAction(ds, org.id, await seedPlanBasics(ds, org.id, covered), { ownerId: owner.id, startDate: '2026-11-01' });
    closed = (await t.createPlan(org)).id;
    await seedAction(ds, org.id, await seedPlanBasics(ds, org.id, closed), { ownerId: owner.id, startDate: '2026-11-01' });
    empty = (await t.createPlan(org)).id;
    fresh = (await t.createPlan(org)).id;
    await seedAction(ds, org.id, await seedPlanBasics(ds, org.id, fresh), { ownerId: owner.id, startDate: '2026-11-01' });
    failed = other.planId;
    await seedAction(ds, other.id, await seedPlanBasics(ds, other.id, failed), { ownerId: otherOwner.id, startDate: '2026-11-01' });

    for (const [o, p] of [[org.id, lost], [org.id, covered], [org.id, closed], [other.id, failed]]) await compute.recomputePlan(o, p, YESTERDAY);
    await t.http().post(`/api/v1/plans/${closed}/close`).set(bearer(org.admin)).expect(200);

    // Today: the covered plan's nightly run happened; the failed plan's job used up its attempts.
    t.clock.set(`${TODAY}T01:00:00Z`);
    await compute.recomputePlan(org.id, covered, TODAY);
    await rag.add(RAG_JOBS.recomputeOrganisation, { organisationId: other.id, planId: failed, asOf: TODAY }, { jobId: nightlyJobId(TODAY, failed), attempts: 5 });
    const manual = new Worker(QUEUES.rag, null, { connection: bullConnection(t.config), prefix: t.config.QUEUE_PREFIX, autorun: false });
    try {
      const job = await manual.getNextJob('test-token');
      expect(job?.id).toBe(nightlyJobId(TODAY, failed));
      await job.moveToFailed(new UnrecoverableError('connect ECONNREFUSED 127.0.0.1:5432'), 'test-token', false);
    } finally {
      await manual.close();
    }
    expect(await jobState(failed)).toBe('failed');

    reconcilerWorker = await t.startWorker(['imports']);
  });

  afterAll(async () => {
    await rag?.close();
    await ragWorker?.close();
    await reconcilerWorker?.close();
    await t?.close();
  });

  it('before the nightly time and its half hour of grace, checks nothing and queues nothing', async () => {
    for (const at of [`${TODAY}T01:00:00Z`, `${TODAY}T02:15:00Z`]) {
      t.clock.set(at);
      expect((await reconcile()).rag).toEqual({ day: null, checked: 0, requeued: [], backfilled: [] });
    }
    expect(await jobState(lost)).toBe('missing');
    expect(await jobState(failed)).toBe('failed');
    expect(await rag.getWaitingCount()).toBe(0);
  });

  it("after it, queues today's recompute of each open plan missing today's snapshots, under the nightly job's id", async () => {
    t.clock.set(`${TODAY}T03:00:00Z`);
    expect((await storedRag(t.dataSource, overdueAction)).colour).toBe('green');

    const report = await reconcile();
    // The lost plan, the failed one, the covered one and the fresh one are looked at; the closed and the empty plan are not.
    expect(report.rag).toMatchObject({ day: TODAY, checked: 4 });
    expect([...report.rag.requeued].sort()).toEqual([lost, failed].sort());

    const added = await rag.getJob(nightlyJobId(TODAY, lost));
    expect(added).toMatchObject({ name: RAG_JOBS.recomputeOrganisation, data: { organisationId: org.id, planId: lost, asOf: TODAY } });
    expect(await added!.getState()).toBe('waiting');
    // The failed job is sent round again with fresh attempts (an add under its id would be ignored).
    const retried = await rag.getJob(nightlyJobId(TODAY, failed));
    expect(await retried!.getState()).toBe('waiting');
    expect(retried!.attemptsMade).toBe(0);
    // The fresh plan has no snapshot of today either, but none of yesterday: no run was lost for it.
    for (const planId of [covered, closed, empty, fresh]) expect(await jobState(planId)).toBe('missing');
    expect(await rag.getWaitingCount()).toBe(2);
  });

  it('a second reconcile, or the nightly run coming late, queues no duplicate', async () => {
    expect((await reconcile()).rag).toEqual({ day: TODAY, checked: 4, requeued: [], backfilled: [] });
    // The night's scheduler job run late (a worker back after a night down): its fan-out adds nothing.
    await t.app.get(RagTriggerService).recomputeOrganisationsForDay(TODAY, [
      { organisationId: org.id, planId: lost },
      { organisationId: other.id, planId: failed },
    ]);
    expect(await rag.getWaitingCount()).toBe(2);
  });

  it("a RAG worker then records today's snapshots and the actions' colours; the reconciler leaves them", async () => {
    ragWorker = await t.startWorker(['rag']);
    expect(await eventually(async () => (await jobState(lost)) === 'completed' && (await jobState(failed)) === 'completed', 30_000, 100)).toBe(true);

    expect(await todaysSnapshots(lost)).toBe(2);
    expect(await todaysSnapshots(failed)).toBe(1);
    expect(await todaysSnapshots(closed)).toBe(0);
    const overdue = await storedRag(t.dataSource, overdueAction);
    expect(overdue).toMatchObject({ colour: 'red', asOf: TODAY });
    expect(overdue.reasons).toEqual([expect.objectContaining({ code: 'overdue', text: 'overdue by 1 day' })]);
    expect(await storedRag(t.dataSource, onTrackAction)).toMatchObject({ colour: 'green', asOf: TODAY });
    const dashboard = await t.http().get(`/api/v1/plans/${lost}/dashboard`).set(bearer(owner)).expect(200);
    expect(dashboard.body).toMatchObject({ asOf: TODAY, overall: { colour: 'red', counts: { red: 1, green: 1 } } });
    // Tomorrow, today is history: the dashboard (and a pack) of this date finds its snapshots.
    t.clock.set('2026-11-24T10:00:00Z');
    try {
      const history = await t.http().get(`/api/v1/plans/${lost}/dashboard?asOf=${TODAY}`).set(bearer(owner)).expect(200);
      expect(history.body).toMatchObject({ colourSource: 'snapshot', coloursAvailable: true, note: null, overall: { counts: { red: 1, green: 1 } } });
    } finally {
      t.clock.set(`${TODAY}T03:00:00Z`);
    }

    expect((await reconcile()).rag).toEqual({ day: TODAY, checked: 4, requeued: [], backfilled: [] });
  });

  it("an action losing today's snapshot after the day's job completed gets it back (the completed job is sent round again)", async () => {
    await t.dataSource.query('DELETE FROM rag_snapshot WHERE action_id = $1 AND as_of = $2', [onTrackAction, TODAY]);
    expect((await reconcile()).rag).toEqual({ day: TODAY, checked: 4, requeued: [lost], backfilled: [] });
    expect(await eventually(async () => (await todaysSnapshots(lost)) === 2, 30_000, 100)).toBe(true);
    expect(await eventually(async () => (await jobState(lost)) === 'completed', 30_000, 100)).toBe(true);
    expect((await reconcile()).rag.requeued).toEqual([]);

    // Short again within the hour: the completed job is not sent round on every reconcile (a run
    // covers every action there is, so a re-run at once would not mend what keeps it short)...
    await t.dataSource.query('DELETE FROM rag_snapshot WHERE action_id = $1 AND as_of = $2', [onTrackAction, TODAY]);
    t.clock.set(`${TODAY}T03:59:00Z`);
    expect((await reconcile()).rag.requeued).toEqual([]);
    expect(await jobState(lost)).toBe('completed');
    // ...but once an hour.
    t.clock.set(`${TODAY}T04:00:00Z`);
    expect((await reconcile()).rag.requeued).toEqual([lost]);
    expect(await eventually(async () => (await todaysSnapshots(lost)) === 2, 30_000, 100)).toBe(true);
  });
});
