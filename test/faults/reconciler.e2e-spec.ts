import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Queue, UnrecoverableError, Worker } from 'bullmq';
import { ReconcilerService } from '../../src/maintenance/reconciler.service';
import { PackEntity } from '../../src/packs/entities/pack.entity';
import { packJobId } from '../../src/queue/job-ids';
import { JOB_SCHEDULERS, QUEUES } from '../../src/queue/queues';
import { bullConnection } from '../../src/redis/redis.module';
import { WorkerModule } from '../../src/worker.module';
import { eventually } from '../support/evidence-fixtures';
import { bearer, TestApp, TestOrganisation, TestUser, inPlan } from '../support/test-app';

/**
 * The worker's reconciler makes Redis agree with PostgreSQL, at start and on its schedule: a pack
 * whose job was lost is queued again and built; a pack whose job died for good (stalled too often)
 * is marked failed with a reason users read; job schedulers Redis lost are re-created, and health
 * says a queue is not consuming while they are missing.
 */
describe('faults: the reconciler', () => {
  let t: TestApp;
  let worker: INestApplicationContext | null = null;
  let org: TestOrganisation;
  let board: TestUser;
  const queues: Queue[] = [];

  const queue = (name: string) => {
    const q = new Queue(name, { connection: bullConnection(t.config), prefix: t.config.QUEUE_PREFIX });
    queues.push(q);
    return q;
  };
  /** Each queue's consumers and schedulers, as GET /health/ready/details reports them. */
  const queuesHealth = async () =>
    ((await t.http().get('/api/v1/health/ready/details').set(bearer(org.admin)).expect(200)).body as { info: { queues: Record<string, unknown> } }).info.queues;
  const pack = (id: string) => t.dataSource.getRepository(PackEntity).findOneByOrFail({ id });
  const requestPack = async (asOf: string): Promise<string> =>
    (await t.http().post(inPlan(board.planId, 'packs')).set(bearer(board)).send({ audience: 'board', asOf, formats: ['json'] }).expect(202)).body.id as string;

  beforeAll(async () => {
    t = await TestApp.start();
    org = await t.createOrganisation('Halton Council');
    board = await t.createUser(org, 'board');
  });

  afterAll(async () => {
    await Promise.all(queues.map((q) => q.close()));
    await worker?.close();
    await t?.close();
  });

  it('at worker start: a lost pack job is queued again and built; a dead one ends failed with a reason', async () => {
    // A pack being built when its worker was killed more often than BullMQ allows: the job failed for good.
    const deadId = await requestPack('2026-11-19');
    const manual = new Worker(QUEUES.packs, null, { connection: bullConnection(t.config), prefix: t.config.QUEUE_PREFIX, autorun: false });
    const job = await manual.getNextJob('test-token');
    expect(job?.id).toBe(packJobId(deadId));
    await t.dataSource.getRepository(PackEntity).update({ id: deadId }, { state: 'generating' });
    try {
      // Unrecoverable: no retry left, as when BullMQ fails a job that stalled more than maxStalledCount.
      await job.moveToFailed(new UnrecoverableError('job stalled more than allowable limit'), 'test-token', false);
      expect(await job.getState()).toBe('failed');
    } finally {
      await manual.close();
    }

    // A pack whose job Redis lost (a restart without persistence).
    const lostId = await requestPack('2026-11-20');
    await queue(QUEUES.packs).remove(packJobId(lostId));

    const workerRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot({ config: t.config, clock: t.clock })] }).compile();
    worker = await workerRef.init();

    expect(await eventually(async () => (await pack(lostId)).state === 'ready', 60_000, 250)).toBe(true);
    expect(await eventually(async () => (await pack(deadId)).state === 'failed', 30_000, 250)).toBe(true);
    expect((await pack(deadId)).failureReason).toMatch(/worker building this pack stopped more than once.*request the pack again/);
    const shown = await t.http().get(`/api/v1/packs/${deadId}`).set(bearer(board)).expect(200);
    expect(shown.body).toMatchObject({ state: 'failed', failureReason: expect.stringMatching(/request the pack again/) });
  });

  it('re-creates lost job schedulers; health does not claim consumption while they are gone', async () => {
    const rag = queue(QUEUES.rag);
    const maintenance = queue(QUEUES.maintenance);
    expect(await eventually(async () => Boolean(await rag.getJobScheduler(JOB_SCHEDULERS.ragNightly.id)), 10_000)).toBe(true);
    await rag.removeJobScheduler(JOB_SCHEDULERS.ragNightly.id);
    await maintenance.removeJobScheduler(JOB_SCHEDULERS.heartbeat.id);

    const before = await queuesHealth();
    expect(before.rag).toMatchObject({ consuming: false, missingSchedulers: [JOB_SCHEDULERS.ragNightly.id] });
    expect(before.maintenance).toMatchObject({ consuming: false, missingSchedulers: [JOB_SCHEDULERS.heartbeat.id] });

    const report = await worker!.get(ReconcilerService).reconcile();
    expect(report.schedulersRecreated.sort()).toEqual([JOB_SCHEDULERS.heartbeat.id, JOB_SCHEDULERS.ragNightly.id].sort());
    expect(await rag.getJobScheduler(JOB_SCHEDULERS.ragNightly.id)).toMatchObject({ pattern: t.config.RAG_NIGHTLY_CRON, tz: 'Europe/London' });

    const after = await queuesHealth();
    for (const name of [QUEUES.rag, QUEUES.maintenance, QUEUES.packs, QUEUES.notifications]) {
      expect(after[name]).toMatchObject({ consuming: true, missingSchedulers: [] });
    }
  });
  it('import runs whose job was lost: a preview is queued again and finishes; a commit ends failed, so the board can check the file again', async () => {
    const csv = (ref: string) => Buffer.from(['Ref,Action,Lead officer,Target date,Status', `${ref},Audit the case files,${board.email},31/03/2027,On track`, ''].join('\r\n'), 'utf8');
    const upload = async (ref: string) => (await t.http().post(inPlan(board.planId, 'imports')).set(bearer(board)).attach('file', csv(ref), 'tracker.csv').expect(202)).body.id as string;
    const run = (id: string) => t.dataSource.query<{ status: string; error: { code: string } | null; job_id: string | null }[]>('SELECT status, error, job_id FROM import_run WHERE id = $1', [id]).then((r) => r[0]);
    const previewing = await upload('P1');
    const committing = await upload('P2');
    expect(await eventually(async () => (await run(previewing)).status === 'previewed' && (await run(committing)).status === 'previewed', 30_000, 100)).toBe(true);
    // As Redis lost them (or never had them: Redis was down after the request committed), untouched for a while.
    const longAgo = new Date(t.clock.now().getTime() - 10 * 60_000);
    await t.dataSource.query(`UPDATE import_run SET status = 'previewing', job_id = 'import-lost-job', updated_at = $2 WHERE id = $1`, [previewing, longAgo]);
    await t.dataSource.query(`UPDATE import_run SET status = 'committing', job_id = NULL, updated_at = $2 WHERE id = $1`, [committing, longAgo]);

    const report = await worker!.get(ReconcilerService).reconcile();
    expect(report.imports).toMatchObject({ requeued: [previewing], failed: [committing] });
    expect(await eventually(async () => (await run(previewing)).status === 'previewed', 30_000, 100)).toBe(true);
    expect(await run(committing)).toMatchObject({ status: 'failed', error: { code: 'import_job_lost' } });
    // Failed is a state the board can leave: check the file again.
    await t.http().put(`/api/v1/imports/${committing}/mapping`).set(bearer(board)).send({}).expect(202);
    // A run just confirmed (its job id not written yet) is left alone.
    await t.dataSource.query(`UPDATE import_run SET status = 'committing', job_id = NULL, updated_at = $2 WHERE id = $1`, [previewing, t.clock.now()]);
    expect((await worker!.get(ReconcilerService).reconcile()).imports.failed).toEqual([]);
  });
});
