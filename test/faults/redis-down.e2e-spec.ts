import { INestApplicationContext } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { Queue } from 'bullmq';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { ActionEntity } from '../../src/actions/entities/action.entity';
import { configureApp } from '../../src/configure-app';
import { ProgressUpdateEntity } from '../../src/actions/entities/progress-update.entity';
import { PackEntity } from '../../src/packs/entities/pack.entity';
import { ReconcilerService } from '../../src/maintenance/reconciler.service';
import { QUEUES, RAG_JOBS } from '../../src/queue/queues';
import { RagPendingRepository } from '../../src/rag/pending/rag-pending.repository';
import { bullConnection } from '../../src/redis/redis.module';
import { actionBody, createAction } from '../support/actions-fixtures';
import { PlanFixture, seedAction, seedPlanBasics } from '../support/plan-fixtures';
import { freePort } from '../support/processes';
import { ageRecordedRecomputes } from '../support/rag-fixtures';
import { bearer, TEST_PASSWORD, TestApp, TestOrganisation, TestUser, inPlan } from '../support/test-app';

/** Runs `fn` and returns its result with how long it took. */
async function timed<T>(fn: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = Date.now();
  const result = await fn();
  return { result, ms: Date.now() - started };
}

/**
 * Redis is down (the API points at a port where nothing listens): PostgreSQL writes still answer
 * promptly and are committed, enqueueing is best effort, what truly needs Redis answers 503 with a
 * code, and readiness answers 503 within about two seconds. The data is set up through an app whose
 * Redis works; a second API process (same database, same secrets) has none. A change whose RAG
 * recompute could not be queued is recorded in PostgreSQL, and once Redis answers the worker's
 * reconciler queues it (before, it waited for the next nightly run).
 */
describe('faults: Redis down', () => {
  // Generous for a busy 2-core machine; without the fixes these requests never answer at all.
  const BOUND_MS = 6000;
  let t: TestApp;
  let down: NestExpressApplication;
  let org: TestOrganisation;
  let board: TestUser;
  let owner: TestUser;
  let plan: PlanFixture;

  beforeAll(async () => {
    t = await TestApp.start();
    org = await t.createOrganisation('Sefton Council');
    board = await t.createUser(org, 'board');
    owner = await t.createUser(org, 'owner');
    plan = await seedPlanBasics(t.dataSource, org.id);
    const config = { ...t.config, REDIS_URL: `redis://127.0.0.1:${await freePort()}` };
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot({ config, clock: t.clock })] }).compile();
    down = moduleRef.createNestApplication<NestExpressApplication>({ bodyParser: false, bufferLogs: true });
    configureApp(down, config);
    await down.init();
  });

  afterAll(async () => {
    await down?.close();
    await t?.close();
  });

  const http = () => request(down.getHttpServer());
  const pendingRows = async () =>
    (await t.dataSource.query<{ action_id: string }[]>('SELECT action_id FROM rag_recompute_pending ORDER BY requested_at')).map((r) => r.action_id);

  it('PATCH of an action answers promptly, its row is committed and its recompute recorded for later', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id));
    const { result, ms } = await timed(() => http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ title: 'Retitled while Redis is down', version: a.version }));
    expect(result.status).toBe(200);
    expect(ms).toBeLessThan(BOUND_MS);
    expect(await t.dataSource.getRepository(ActionEntity).findOneByOrFail({ id: a.id })).toMatchObject({ title: 'Retitled while Redis is down', version: a.version + 1 });
    expect(await pendingRows()).toContain(a.id);
  });

  it('a progress update is created once, promptly', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id));
    const { result, ms } = await timed(() => http().post(`/api/v1/actions/${a.id}/updates`).set(bearer(owner)).send({ narrative: 'Written during the outage' }));
    expect(result.status).toBe(201);
    expect(ms).toBeLessThan(BOUND_MS);
    expect(await t.dataSource.getRepository(ProgressUpdateEntity).countBy({ actionId: a.id })).toBe(1);
    expect(await pendingRows()).toContain(a.id);
  });

  it('a pack request is accepted and stays queued for the reconciler', async () => {
    const { result, ms } = await timed(() => http().post(inPlan(board.planId, 'packs')).set(bearer(board)).send({ audience: 'board', asOf: '2026-11-20' }));
    expect(result.status).toBe(202);
    expect(ms).toBeLessThan(BOUND_MS);
    expect(await t.dataSource.getRepository(PackEntity).findOneByOrFail({ id: result.body.id })).toMatchObject({ state: 'queued' });
  });

  it('a tracker upload is accepted and stays previewing for the reconciler; a RAG policy change is saved (200, no recompute queued: recorded)', async () => {
    const csv = Buffer.from(['Ref,Action,Lead officer,Target date,Status', `U1,Audit the case files,${board.email},31/03/2027,On track`, ''].join('\r\n'), 'utf8');
    const { result, ms } = await timed(() => http().post(inPlan(board.planId, 'imports')).set(bearer(board)).attach('file', csv, 'tracker.csv'));
    expect(result.status).toBe(202);
    expect(ms).toBeLessThan(BOUND_MS);
    const [run] = await t.dataSource.query<{ status: string; job_id: string | null }[]>('SELECT status, job_id FROM import_run WHERE id = $1', [result.body.id]);
    expect(run).toEqual({ status: 'previewing', job_id: null });

    const policy = await timed(() => http().put(inPlan(board.planId, 'settings/rag')).set(bearer(org.admin)).send({ redAfterDays: 21 }));
    expect({ status: policy.result.status, changed: policy.result.body.changed, recompute: policy.result.body.recompute }).toEqual({ status: 200, changed: true, recompute: null });
    expect(policy.ms).toBeLessThan(BOUND_MS);
    // The plan's recompute with the new policy is recorded for the reconciler.
    expect(await t.dataSource.query('SELECT plan_id, requested_by_id FROM rag_plan_recompute_pending')).toEqual([{ plan_id: board.planId, requested_by_id: org.admin.id }]);
  });

  it("what needs Redis answers 503 dependency_unavailable promptly: login (its rate limit), a recompute, an administrator's reminder scan, a job poll", async () => {
    for (const send of [
      () => http().post('/api/v1/auth/login').send({ email: board.email, password: TEST_PASSWORD }),
      () => http().post(inPlan(board.planId, 'rag/recompute')).set(bearer(board)).send({}),
      () => http().post('/api/v1/admin/notifications/scan').set(bearer(org.admin)).send(),
      () => http().get('/api/v1/jobs/rag-0b5c1d3e-0000-4000-8000-000000000000').set(bearer(board)),
      () => http().get('/api/v1/jobs/scan-0b5c1d3e-0000-4000-8000-000000000000').set(bearer(org.admin)),
    ]) {
      const { result, ms } = await timed(send);
      expect({ status: result.status, code: result.body.code }).toEqual({ status: 503, code: 'dependency_unavailable' });
      expect(ms).toBeLessThan(BOUND_MS);
    }
  });

  it('readiness answers 503 within about two seconds', async () => {
    const { result, ms } = await timed(() => http().get('/api/v1/health/ready'));
    expect(result.status).toBe(503);
    expect(result.body.details.error.redis.status).toBe('down');
    expect(ms).toBeLessThan(3000);
  });

  describe('recomputes that could not be queued', () => {
    let worker: INestApplicationContext;
    let rag: Queue;

    beforeAll(async () => {
      // A worker whose Redis works, without the RAG queue's consumer, so queued jobs stay to be read;
      // its maintenance runs only when the test calls the reconciler.
      worker = await t.startWorker(['imports']);
      rag = new Queue(QUEUES.rag, { connection: bullConnection(t.config), prefix: t.config.QUEUE_PREFIX });
    });

    afterAll(async () => {
      await rag?.close();
      await worker?.close();
    });

    const waitingRecompute = async (actionId: string) =>
      (await rag.getJobs(['waiting'])).filter((j) => j.name === RAG_JOBS.recomputeAction && (j.data as { actionId?: string }).actionId === actionId);
    const waitingPlanRecomputes = async (planId: string) =>
      (await rag.getJobs(['waiting'])).filter((j) => j.name === RAG_JOBS.recomputeOrganisation && (j.data as { planId?: string }).planId === planId);
    const pendingPlans = async () => (await t.dataSource.query<{ plan_id: string }[]>('SELECT plan_id FROM rag_plan_recompute_pending')).map((r) => r.plan_id);

    it("are queued by the worker's reconciler once Redis answers (the plan's with the new policy, the actions'), each once, and their records deleted", async () => {
      // Made without the API, so no recompute of it is in Redis yet; then changed while Redis is down.
      const seeded = await seedAction(t.dataSource, org.id, plan, { ownerId: owner.id, reference: 'P1' });
      const res = await http().patch(`/api/v1/actions/${seeded.id}`).set(bearer(board)).send({ progressPercent: 40, version: seeded.version });
      expect(res.status).toBe(200);
      expect(await pendingRows()).toContain(seeded.id);
      expect(await waitingRecompute(seeded.id)).toHaveLength(0);

      const recorded = await pendingRows();
      expect(await pendingPlans()).toEqual([board.planId]);
      expect(await waitingPlanRecomputes(board.planId)).toHaveLength(0);
      // Within the grace a record may be its change's, on its way to the queue: left alone.
      expect((await worker.get(ReconcilerService).reconcile()).ragPending).toEqual({ plans: [], actions: [] });
      expect(await pendingRows()).toEqual(recorded);
      expect(await pendingPlans()).toEqual([board.planId]);
      expect(await waitingRecompute(seeded.id)).toHaveLength(0);
      expect(await waitingPlanRecomputes(board.planId)).toHaveLength(0);

      await ageRecordedRecomputes(t.dataSource);
      const report = await worker.get(ReconcilerService).reconcile();
      expect(report.ragPending.plans).toEqual([board.planId]);
      expect([...report.ragPending.actions].sort()).toEqual([...recorded].sort());
      expect(await pendingRows()).toEqual([]);
      expect(await pendingPlans()).toEqual([]);
      expect(await waitingRecompute(seeded.id)).toEqual([expect.objectContaining({ data: { organisationId: org.id, actionId: seeded.id } })]);
      expect(await waitingPlanRecomputes(board.planId)).toEqual([
        expect.objectContaining({ data: { organisationId: org.id, planId: board.planId, requestedById: org.admin.id } }),
      ]);

      // Nothing left to queue: a second round queues nothing, and adds no second job.
      expect((await worker.get(ReconcilerService).reconcile()).ragPending).toEqual({ plans: [], actions: [] });
      expect(await waitingRecompute(seeded.id)).toHaveLength(1);
      expect(await waitingPlanRecomputes(board.planId)).toHaveLength(1);
    });

    it('a record renewed after the reconciler read it is kept for the next round', async () => {
      const pending = t.app.get(RagPendingRepository);
      const seeded = await seedAction(t.dataSource, org.id, plan, { ownerId: owner.id, reference: 'P2' });
      await pending.recordActions(undefined, org.id, [seeded.id]);
      const [read] = await pending.oldest(10, 0);
      expect(read).toMatchObject({ actionId: seeded.id, organisationId: org.id });
      // The action changes again, and its recompute again cannot be queued, before the reconciler deletes the record it read.
      await pending.recordActions(undefined, org.id, [seeded.id]);
      await pending.forget(read);
      expect(await pendingRows()).toEqual([seeded.id]);
      await pending.forget((await pending.oldest(10, 0))[0]);
      expect(await pendingRows()).toEqual([]);
    });

    it("an action deleted, or another organisation's id for an action or a plan, leaves no record", async () => {
      const pending = t.app.get(RagPendingRepository);
      const seeded = await seedAction(t.dataSource, org.id, plan, { ownerId: owner.id, reference: 'P3' });
      await pending.recordActions(undefined, org.id, [seeded.id]);
      await t.dataSource.query('DELETE FROM action WHERE id = $1', [seeded.id]);
      expect(await pendingRows()).toEqual([]);
      const other = await seedAction(t.dataSource, org.id, plan, { ownerId: owner.id, reference: 'P4' });
      expect(await pending.recordActions(undefined, '00000000-0000-4000-8000-000000000000', [other.id])).toEqual([]);
      expect(await pendingRows()).toEqual([]);
      expect(await t.dataSource.transaction((m) => pending.recordPlan(m, '00000000-0000-4000-8000-000000000000', board.planId, null))).toBeNull();
      expect(await pendingPlans()).toEqual([]);
    });
  });
});
