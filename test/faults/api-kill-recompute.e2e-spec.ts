import http from 'node:http';
import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { ReconcilerService } from '../../src/maintenance/reconciler.service';
import { QUEUES, RAG_JOBS } from '../../src/queue/queues';
import type { PendingRecompute } from '../../src/rag/pending/rag-pending.repository';
import { RagTriggerService } from '../../src/rag/rag-trigger.service';
import { bullConnection } from '../../src/redis/redis.module';
import { actionBody, createAction } from '../support/actions-fixtures';
import { eventually, makePdf } from '../support/evidence-fixtures';
import { post, regulatorIds } from '../support/inspections-api';
import { PlanFixture, seedPlanBasics } from '../support/plan-fixtures';
import { apiAnswers, Child, childEnv, freePort, startNodeEntry, startRedis } from '../support/processes';
import { ageRecordedRecomputes } from '../support/rag-fixtures';
import { bearer, inPlan, TestApp, TestOrganisation, TestUser } from '../support/test-app';

/**
 * A change's RAG recompute is recorded in the change's own transaction (the outbox
 * rag_recompute_pending / rag_plan_recompute_pending), so no moment between the commit and the
 * queueing can lose it: every kind of change has its record committed by the time it is queued, and
 * an API killed with -9 in that moment leaves the record, which the worker's reconciler queues.
 */
describe('faults: a recompute survives the API dying between its commit and the queueing', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let board: TestUser;
  let owner: TestUser;
  let plan: PlanFixture;

  beforeAll(async () => {
    t = await TestApp.start();
    org = await t.createOrganisation('Wirral Council');
    board = await t.createUser(org, 'board');
    owner = await t.createUser(org, 'owner');
    plan = await seedPlanBasics(t.dataSource, org.id);
  });

  afterAll(() => t?.close());

  /** Read on another connection than the request's: only what is committed. */
  const recorded = async (actionId: string): Promise<boolean> =>
    (await t.dataSource.query<unknown[]>('SELECT 1 FROM rag_recompute_pending WHERE action_id = $1', [actionId])).length === 1;

  describe('every kind of change records its recompute with it', () => {
    /** Each queueing of a recorded action recompute: the action, and whether its record was committed by then. */
    const queued: { actionId: string | null; committed: boolean }[] = [];
    let trigger: RagTriggerService;

    beforeAll(() => {
      trigger = t.app.get(RagTriggerService);
      const original = trigger.queueRecorded.bind(trigger);
      jest.spyOn(trigger, 'queueRecorded').mockImplementation(async (row: PendingRecompute) => {
        queued.push({ actionId: row.actionId, committed: row.actionId ? await recorded(row.actionId) : false });
        return original(row);
      });
    });

    afterAll(() => jest.restoreAllMocks());

    /** Runs the change, then: its action's recompute was queued with its record committed, and the record is gone. */
    async function expectRecordedThenQueued(actionId: () => string, change: () => Promise<unknown>): Promise<void> {
      queued.length = 0;
      await change();
      // Some changes queue after the response (a regulator deadline's, on the commit).
      expect(await eventually(() => queued.some((q) => q.actionId === actionId()), 10_000)).toBe(true);
      expect(queued.filter((q) => q.actionId === actionId())).toEqual([{ actionId: actionId(), committed: true }]);
      expect(await eventually(async () => !(await recorded(actionId())), 5_000)).toBe(true);
    }

    it('actions, milestones, progress updates, overrides, evidence, regulator deadlines', async () => {
      const http = () => t.http();
      let a = { id: '', version: 0 };
      await expectRecordedThenQueued(
        () => a.id,
        async () => (a = await createAction(t, board, actionBody(plan, owner.id))),
      );
      await expectRecordedThenQueued(
        () => a.id,
        () => http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ title: 'Retitled', version: a.version }).expect(200),
      );
      let milestone = { id: '', version: 0 };
      await expectRecordedThenQueued(
        () => a.id,
        async () => (milestone = (await http().post(`/api/v1/actions/${a.id}/milestones`).set(bearer(board)).send({ title: 'Audit', dueDate: '2026-12-01' }).expect(201)).body),
      );
      await expectRecordedThenQueued(
        () => a.id,
        () => http().patch(`/api/v1/actions/${a.id}/milestones/${milestone.id}`).set(bearer(board)).send({ dueDate: '2026-12-02', version: milestone.version }).expect(200),
      );
      await expectRecordedThenQueued(
        () => a.id,
        () => http().delete(`/api/v1/actions/${a.id}/milestones/${milestone.id}`).set(bearer(board)).expect(204),
      );
      await expectRecordedThenQueued(
        () => a.id,
        () => http().post(`/api/v1/actions/${a.id}/updates`).set(bearer(owner)).send({ narrative: 'Audit booked' }).expect(201),
      );
      await expectRecordedThenQueued(
        () => a.id,
        () => http().post(`/api/v1/actions/${a.id}/rag-override`).set(bearer(board)).send({ colour: 'red', reason: 'Partner withdrew', expiresOn: '2026-12-01' }).expect(201),
      );
      await expectRecordedThenQueued(
        () => a.id,
        () => http().delete(`/api/v1/actions/${a.id}/rag-override`).set(bearer(board)).expect(200),
      );
      const upload = (title: string) =>
        http().post(`/api/v1/actions/${a.id}/evidence`).set(bearer(owner)).field('title', title).attach('file', pdf, { filename: 'audit.pdf', contentType: 'application/pdf' }).expect(201);
      const pdf = await makePdf('recorded with the upload');
      let evidence = { id: '' };
      await expectRecordedThenQueued(
        () => a.id,
        async () => (evidence = (await upload('Audit report')).body),
      );
      await expectRecordedThenQueued(
        () => a.id,
        () => http().post(`/api/v1/evidence/${evidence.id}/review`).set(bearer(board)).send({ decision: 'rejected', comment: 'Unsigned' }).expect(200),
      );
      const second = (await upload('Audit report, signed')).body as { id: string };
      await expectRecordedThenQueued(
        () => a.id,
        () => http().post(`/api/v1/evidence/${second.id}/withdraw`).set(bearer(owner)).send({}).expect(200),
      );

      // A published ILACS report makes a regulator deadline (a milestone of the plan's deadlines action).
      const reg = await regulatorIds(t, board);
      let deadlines: { id: string; actionId: string }[] = [];
      queued.length = 0;
      await post(t, board, 'inspections', {
        regulatorId: reg.ofsted,
        kind: 'ofsted_ilacs_full',
        title: 'Ofsted inspection of local authority children’s services',
        startDate: '2026-09-21',
        endDate: '2026-10-02',
        publishedDate: '2026-11-02',
        reportReference: 'ILACS report',
      });
      deadlines = (await http().get(inPlan(board.planId, 'regulator-deadlines')).set(bearer(board)).expect(200)).body.items;
      expect(deadlines).toHaveLength(1);
      expect(await eventually(() => queued.some((q) => q.actionId === deadlines[0].actionId), 10_000)).toBe(true);
      expect(queued.filter((q) => q.actionId === deadlines[0].actionId)).toEqual([{ actionId: deadlines[0].actionId, committed: true }]);
      await expectRecordedThenQueued(
        () => deadlines[0].actionId,
        () => http().post(`/api/v1/regulator-deadlines/${deadlines[0].id}/not-applicable`).set(bearer(board)).send({ reason: 'Handled by the DfE adviser' }).expect(200),
      );
    });

    it("a RAG policy change: the plan's recompute is recorded with the new version, queued, its record deleted", async () => {
      const seen: boolean[] = [];
      const original = trigger.planChanged.bind(trigger);
      const spy = jest.spyOn(trigger, 'planChanged').mockImplementation(async (row: PendingRecompute) => {
        seen.push((await t.dataSource.query<unknown[]>('SELECT 1 FROM rag_plan_recompute_pending WHERE plan_id = $1', [row.planId])).length === 1);
        return original(row);
      });
      try {
        const res = await t.http().put(inPlan(board.planId, 'settings/rag')).set(bearer(org.admin)).send({ redAfterDays: 21 }).expect(200);
        expect(res.body.recompute).toEqual(expect.objectContaining({ jobId: expect.any(String) }));
        expect(seen).toEqual([true]);
        expect(await t.dataSource.query('SELECT plan_id FROM rag_plan_recompute_pending')).toEqual([]);
      } finally {
        spy.mockRestore();
      }
    });
  });

  describe('kill -9', () => {
    let api: Child | null = null;
    let redis: Child | null = null;
    let worker: INestApplicationContext | null = null;
    let paused: Redis | null = null;
    let rag: Queue | null = null;

    afterAll(async () => {
      await api?.kill9();
      paused?.disconnect();
      await redis?.kill9();
      await rag?.close();
      await worker?.close();
    });

    it("an API killed after the commit but before Redis took the job: the record stays, and the worker's reconciler queues the recompute", async () => {
      const a = await createAction(t, board, actionBody(plan, owner.id));
      await eventually(async () => !(await recorded(a.id)), 5_000);
      expect(await recorded(a.id)).toBe(false);

      // The API's Redis is one of its own, which will stop taking writes: the queueing then hangs
      // (up to its 2-second deadline) right after the commit, and the API is killed in that moment.
      const redisPort = await freePort();
      redis = startRedis(redisPort);
      await redis.waitFor(/Ready to accept connections/);
      const port = await freePort();
      api = startNodeEntry('main', { ...childEnv(t.config, 'warn'), REDIS_URL: `redis://127.0.0.1:${redisPort}`, PORT: String(port) });
      expect(await eventually(() => apiAnswers(port), 180_000, 250)).toBe(true);
      paused = new Redis(`redis://127.0.0.1:${redisPort}`);
      await paused.call('CLIENT', 'PAUSE', '60000', 'WRITE');

      const body = JSON.stringify({ title: 'Changed as the API died', version: a.version });
      const req = http.request({
        host: '127.0.0.1',
        port,
        path: `/api/v1/actions/${a.id}`,
        method: 'PATCH',
        headers: { Authorization: `Bearer ${board.token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      });
      req.on('error', () => undefined);
      req.end(body);
      const title = async () => (await t.dataSource.query<{ title: string }[]>('SELECT title FROM action WHERE id = $1', [a.id]))[0].title;
      expect(await eventually(async () => (await title()) === 'Changed as the API died', 30_000, 10)).toBe(true);
      await api.kill9();
      req.destroy();

      // Committed, with its recompute recorded; nothing of it reached a queue.
      expect(await recorded(a.id)).toBe(true);

      // The worker (on the shared Redis, without the RAG queue's consumer, so the job stays to be read) reconciles.
      worker = await t.startWorker(['imports']);
      rag = new Queue(QUEUES.rag, { connection: bullConnection(t.config), prefix: t.config.QUEUE_PREFIX });
      // As the reconciler finds it once its grace is out (the API that wrote it is gone).
      await ageRecordedRecomputes(t.dataSource);
      const report = await worker.get(ReconcilerService).reconcile();
      expect(report.ragPending.actions).toContain(a.id);
      expect(await recorded(a.id)).toBe(false);
      const waiting = (await rag.getJobs(['waiting'])).filter((j) => j.name === RAG_JOBS.recomputeAction && (j.data as { actionId?: string }).actionId === a.id);
      expect(waiting.map((j) => j.data)).toEqual([{ organisationId: org.id, actionId: a.id }]);
    }, 400_000);
  });
});
