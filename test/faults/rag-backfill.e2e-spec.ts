import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { addDays } from '../../src/common/dates/calendar-date';
import { ReconcilerService } from '../../src/maintenance/reconciler.service';
import { nightlyJobId } from '../../src/queue/job-ids';
import { QUEUES, RAG_JOBS } from '../../src/queue/queues';
import { RagComputeService } from '../../src/rag/compute/rag-compute.service';
import { BACKFILL_WINDOW_DAYS } from '../../src/rag/jobs/rag-reconciler.service';
import { SnapshotCoverageRepository } from '../../src/rag/jobs/snapshot-coverage.repository';
import { RagTriggerService } from '../../src/rag/rag-trigger.service';
import { bullConnection } from '../../src/redis/redis.module';
import { eventually } from '../support/evidence-fixtures';
import { seedAction, seedPlanBasics } from '../support/plan-fixtures';
import { storedRag } from '../support/rag-fixtures';
import { bearer, TestApp, TestOrganisation } from '../support/test-app';

// Day 1 and day 2 coloured; the worker down from before day 3's nightly run until after day 4's
// midnight: no snapshot of day 3 or day 4. The reconcile runs on day 5 (today).
const DAY1 = '2026-11-19';
const DAY2 = '2026-11-20';
const DAY3 = '2026-11-21';
const DAY4 = '2026-11-22';
const TODAY = '2026-11-23';
/** The first day of the window, and the day before it (outside). */
const WINDOW_FROM = addDays(TODAY, -BACKFILL_WINDOW_DAYS);
const OUTSIDE = addDays(WINDOW_FROM, -1);

/**
 * Whole days lost to an outage longer than a night are backfilled by the worker's reconciler: each
 * day of the window on which an active plan has no snapshot at all, though coloured before, gets
 * that night's own recompute (the nightly job id of the date), as of that date, and a RAG worker
 * records the day's snapshots with the colours of that day; today is caught up as before. A plan
 * first coloured after a date, a closed plan, and a day before the window are left alone; a second
 * reconcile queues nothing while the first's jobs wait, and a day's recompute asked for by an
 * administrator and the backfill of that day are one job (one deduplication id). The reconciler runs on a worker without the
 * RAG queue (WORKER_QUEUES=imports), so its jobs wait until a RAG worker starts.
 */
describe('faults: whole days lost to an outage are backfilled by the reconciler', () => {
  let t: TestApp;
  let reconcilerWorker: INestApplicationContext;
  let ragWorker: INestApplicationContext | null = null;
  let org: TestOrganisation;
  let other: TestOrganisation;
  let lost: string; // coloured on OUTSIDE - 1 and from WINDOW_FROM to day 2; nothing on OUTSIDE, day 3, day 4
  let otherLost: string; // another council's plan, coloured to day 3: day 4 lost
  let fresh: string; // created and first coloured on day 4
  let closed: string; // coloured on days 1 and 2, then closed
  let dueDay3: string;
  let onTrack: string;
  let manualDay3: string; // an administrator's recompute of day 3, asked for before the reconcile
  let rag: Queue;

  const reconcile = () => reconcilerWorker.get(ReconcilerService).reconcile();
  const snapshotsOn = async (planId: string, asOf: string) =>
    (await t.dataSource.query<{ n: number }[]>('SELECT count(*)::int AS n FROM rag_snapshot WHERE plan_id = $1 AND as_of = $2', [planId, asOf]))[0].n;
  const snapshot = async (actionId: string, asOf: string) =>
    (
      await t.dataSource.query<{ colour: string; reasons: { code: string; text: string }[] }[]>(
        'SELECT colour, reasons FROM rag_snapshot WHERE action_id = $1 AND as_of = $2',
        [actionId, asOf],
      )
    )[0];
  const jobState = async (asOf: string, planId: string) => (await rag.getJob(nightlyJobId(asOf, planId)))?.getState() ?? 'missing';

  beforeAll(async () => {
    t = await TestApp.start({ now: `${addDays(OUTSIDE, -1)}T10:00:00Z` });
    rag = new Queue(QUEUES.rag, { connection: bullConnection(t.config), prefix: t.config.QUEUE_PREFIX });
    const ds = t.dataSource;
    const compute = t.app.get(RagComputeService);
    org = await t.createOrganisation('Wirral Council');
    other = await t.createOrganisation('Halton Council');
    const owner = await t.createUser(org, 'owner');
    const otherOwner = await t.createUser(other, 'owner');

    lost = org.planId;
    const lostPlan = await seedPlanBasics(ds, org.id, lost);
    // Due on day 3: on track up to and on day 3, overdue from day 4.
    dueDay3 = (await seedAction(ds, org.id, lostPlan, { ownerId: owner.id, startDate: '2026-11-01', dueDate: DAY3 })).id;
    onTrack = (await seedAction(ds, org.id, lostPlan, { ownerId: owner.id, startDate: '2026-11-01', dueDate: '2027-03-31' })).id;
    closed = (await t.createPlan(org)).id;
    await seedAction(ds, org.id, await seedPlanBasics(ds, org.id, closed), { ownerId: owner.id, startDate: '2026-11-01' });
    otherLost = other.planId;
    await seedAction(ds, other.id, await seedPlanBasics(ds, other.id, otherLost), { ownerId: otherOwner.id, startDate: '2026-11-01' });

    // The nightly runs that happened, each on its day.
    const run = async (organisationId: string, planId: string, asOf: string) => {
      t.clock.set(`${asOf}T03:00:00Z`);
      await compute.recomputePlan(organisationId, planId, asOf);
    };
    await run(org.id, lost, addDays(OUTSIDE, -1));
    for (let day = WINDOW_FROM; day <= DAY2; day = addDays(day, 1)) await run(org.id, lost, day);
    for (const day of [DAY1, DAY2]) await run(org.id, closed, day);
    for (const day of [DAY1, DAY2, DAY3]) await run(other.id, otherLost, day);
    await t.http().post(`/api/v1/plans/${closed}/close`).set(bearer(org.admin)).expect(200);

    // Day 4: a plan is created and coloured (its actions' own recomputes, here run directly).
    t.clock.set(`${DAY4}T10:00:00Z`);
    fresh = (await t.createPlan(org)).id;
    await seedAction(ds, org.id, await seedPlanBasics(ds, org.id, fresh), { ownerId: owner.id, startDate: '2026-11-01' });
    await compute.recomputePlan(org.id, fresh, DAY4);

    t.clock.set(`${TODAY}T03:00:00Z`);
    reconcilerWorker = await t.startWorker(['imports']);
  });

  afterAll(async () => {
    await rag?.close();
    await ragWorker?.close();
    await reconcilerWorker?.close();
    await t?.close();
  });

  it('finds the whole days lost from the kept counts, oldest first and bounded, in one read for every organisation', async () => {
    const coverage = reconcilerWorker.get(SnapshotCoverageRepository);
    // Oldest first; a day's plans by organisation and plan id (random here).
    const day4 = [
      { organisationId: org.id, planId: lost, asOf: DAY4 },
      { organisationId: other.id, planId: otherLost, asOf: DAY4 },
    ].sort((a, b) => a.organisationId.localeCompare(b.organisationId));
    expect(await coverage.lostDays(WINDOW_FROM, DAY4, 50)).toEqual([{ organisationId: org.id, planId: lost, asOf: DAY3 }, ...day4]);
    expect(await coverage.lostDays(WINDOW_FROM, DAY4, 2)).toEqual([{ organisationId: org.id, planId: lost, asOf: DAY3 }, day4[0]]);
    // The day before the window was lost too: it is found when asked for, but the reconciler does not ask.
    expect(await coverage.lostDays(OUTSIDE, OUTSIDE, 50)).toEqual([{ organisationId: org.id, planId: lost, asOf: OUTSIDE }]);
  });

  it('before the nightly time and its half hour of grace, queues nothing', async () => {
    t.clock.set(`${TODAY}T02:15:00Z`);
    try {
      expect((await reconcile()).rag).toEqual({ day: null, checked: 0, requeued: [], backfilled: [] });
    } finally {
      t.clock.set(`${TODAY}T03:00:00Z`);
    }
    expect(await rag.getWaitingCount()).toBe(0);
  });

  it("queues each lost day's recompute as of that day under that night's job id, after today's catch-up; a day an administrator asked for is left to that job", async () => {
    // The administrator follows the old advice for day 3 before the reconcile: that job stands for the day.
    const manual = await t.http().post(`/api/v1/plans/${lost}/rag/recompute`).set(bearer(org.admin)).send({ asOf: DAY3 }).expect(202);
    manualDay3 = manual.body.jobId as string;
    expect(manualDay3).not.toBe(nightlyJobId(DAY3, lost));

    const report = await reconcile();
    // Today: each open plan coloured on its last day before today (day 2, day 3, day 4) is caught up.
    expect([...report.rag.requeued].sort()).toEqual([lost, otherLost, fresh].sort());
    expect(report.rag.backfilled).toHaveLength(2);
    expect(report.rag.backfilled).toEqual(
      expect.arrayContaining([
        { organisationId: org.id, planId: lost, dates: [DAY4] },
        { organisationId: other.id, planId: otherLost, dates: [DAY4] },
      ]),
    );
    expect(await jobState(DAY3, lost)).toBe('missing');
    expect(await (await rag.getJob(manualDay3))!.getState()).toBe('waiting');
    for (const [organisationId, planId, asOf] of [[org.id, lost, DAY4], [other.id, otherLost, DAY4]]) {
      const job = await rag.getJob(nightlyJobId(asOf, planId));
      expect(job).toMatchObject({ name: RAG_JOBS.recomputeOrganisation, data: { organisationId, planId, asOf } });
      expect(await job!.getState()).toBe('waiting');
    }
    // The plan created on day 4 is not missing day 3; the closed plan and the day before the window are left.
    expect(await jobState(DAY3, fresh)).toBe('missing');
    for (const day of [DAY3, DAY4, TODAY]) expect(await jobState(day, closed)).toBe('missing');
    expect(await jobState(OUTSIDE, lost)).toBe('missing');
    expect(await rag.getWaitingCount()).toBe(6);
  });

  it('a second reconcile, or an administrator asking for a day being backfilled, queues no date twice while the first jobs wait', async () => {
    expect((await reconcile()).rag).toMatchObject({ day: TODAY, requeued: [], backfilled: [] });
    // The manual recompute of day 4 is answered with the backfill's job, to poll.
    const manual = await t.http().post(`/api/v1/plans/${lost}/rag/recompute`).set(bearer(org.admin)).send({ asOf: DAY4 }).expect(202);
    expect(manual.body.jobId).toBe(nightlyJobId(DAY4, lost));
    const again = await t.http().post(`/api/v1/plans/${lost}/rag/recompute`).set(bearer(org.admin)).send({ asOf: DAY3 }).expect(202);
    expect(again.body.jobId).toBe(manualDay3);
    // The nightly fan-out of a day whose recompute an administrator asked for is still waiting adds none.
    expect(await t.app.get(RagTriggerService).recomputeOrganisationsForDay(DAY3, [{ organisationId: org.id, planId: lost }])).toEqual([manualDay3]);
    expect(await jobState(DAY3, lost)).toBe('missing');
    expect(await rag.getWaitingCount()).toBe(6);
  });

  it("a RAG worker records each lost day's snapshots with that day's colours, and today's colours", async () => {
    ragWorker = await t.startWorker(['rag']);
    const jobs = [manualDay3, ...([[DAY4, lost], [DAY4, otherLost], [TODAY, lost], [TODAY, otherLost], [TODAY, fresh]] as const).map(([d, p]) => nightlyJobId(d, p))];
    const state = async (id: string) => (await rag.getJob(id))?.getState() ?? 'missing';
    expect(await eventually(async () => (await Promise.all(jobs.map(state))).every((s) => s === 'completed'), 30_000, 100)).toBe(true);

    for (const day of [DAY3, DAY4, TODAY]) expect(await snapshotsOn(lost, day)).toBe(2);
    expect(await snapshotsOn(otherLost, DAY4)).toBe(1);
    // Due on day 3: green on it, overdue the day after and today.
    expect(await snapshot(dueDay3, DAY3)).toMatchObject({ colour: 'green' });
    const day4 = await snapshot(dueDay3, DAY4);
    expect(day4.colour).toBe('red');
    expect(day4.reasons).toEqual([expect.objectContaining({ code: 'overdue', text: 'overdue by 1 day' })]);
    expect((await snapshot(dueDay3, TODAY)).reasons).toEqual([expect.objectContaining({ code: 'overdue', text: 'overdue by 2 days' })]);
    expect(await snapshot(onTrack, DAY4)).toMatchObject({ colour: 'green' });
    // A past date's recompute writes only its snapshots: the actions' colours stay today's.
    expect(await storedRag(t.dataSource, dueDay3)).toMatchObject({ colour: 'red', asOf: TODAY });
    // Left alone.
    expect(await snapshotsOn(fresh, DAY3)).toBe(0);
    expect(await snapshotsOn(lost, OUTSIDE)).toBe(0);
    for (const day of [DAY3, DAY4, TODAY]) expect(await snapshotsOn(closed, day)).toBe(0);

    // The trend now has day 3 and day 4; nothing is left to backfill.
    const trend = await t.http().get(`/api/v1/plans/${lost}/dashboard?asOf=${DAY4}`).set(bearer(org.admin)).expect(200);
    expect(trend.body).toMatchObject({ colourSource: 'snapshot', coloursAvailable: true, overall: { counts: { red: 1, green: 1 } } });
    expect((await reconcile()).rag).toMatchObject({ day: TODAY, requeued: [], backfilled: [] });
  });
});
