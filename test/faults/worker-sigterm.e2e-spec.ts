import { createHash } from 'node:crypto';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { PackEntity } from '../../src/packs/entities/pack.entity';
import { packJobId } from '../../src/queue/job-ids';
import { QUEUES } from '../../src/queue/queues';
import { bullConnection } from '../../src/redis/redis.module';
import { eventually } from '../support/evidence-fixtures';
import { binaryParser } from '../support/packs-readers';
import { seedGeneratedActions, seedPlanBasics } from '../support/plan-fixtures';
import { Child, childEnv, startNodeEntry } from '../support/processes';
import { bearer, inPlan, TestApp, type TestOrganisation, type TestUser } from '../support/test-app';

/** Big enough that the pack's render takes seconds (about 3 s for the PDF here): the signal lands well inside it. */
const ACTIONS = 3000;
/** The default grace period (WORKER_SHUTDOWN_GRACE_MS). */
const GRACE_MS = 25_000;
/** The pack row's progress once the model has gone to the render thread (PROGRESS.model), and once every format is rendered. */
const RENDER_STARTED = 20;
const RENDERED = 90;

interface PackFileView {
  format: string;
  sizeBytes: number;
  sha256: string;
}

/**
 * SIGTERM (a deploy) reaches the real worker process (`src/worker.ts`) while it renders a pack. The
 * worker must take no new job, let the pack finish, and only then stop its render thread, Redis and
 * the database, and exit 0: the pack is ready with no failed attempt. With a grace period too short
 * for the pack, it must exit at once and leave the job active for BullMQ's stall detection, not
 * record a failed attempt (nor write "Attempt 1 of 5 failed" on the pack).
 *
 * The signal is sent once the pack row says the render thread has the model (progress 20) and before
 * every format is rendered (progress 90), so the job is known to be mid-render, without a sleep.
 */
describe('faults: SIGTERM reaches the worker while it renders a pack', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let board: TestUser;
  let queue: Queue;
  let redis: Redis;
  const workers: Child[] = [];

  beforeAll(async () => {
    t = await TestApp.start();
    org = await t.createOrganisation('Bury Council');
    board = await t.createUser(org, 'board');
    const plan = await seedPlanBasics(t.dataSource, org.id);
    await seedGeneratedActions(t.dataSource, org.id, plan, org.admin.id, ACTIONS);
    queue = new Queue(QUEUES.packs, { connection: bullConnection(t.config), prefix: t.config.QUEUE_PREFIX });
    redis = new Redis(t.config.REDIS_URL);
  }, 120_000);

  afterAll(async () => {
    for (const w of workers) await w.kill9();
    redis?.disconnect();
    await queue?.close();
    await t?.close();
  });

  const startWorker = (env: Record<string, string> = {}): Child => {
    const worker = startNodeEntry('worker', {
      ...childEnv(t.config, 'info'),
      // Only the packs (and maintenance): nothing else is running when the signal comes.
      WORKER_QUEUES: 'packs',
      ...env,
    });
    workers.push(worker);
    return worker;
  };

  const pack = (id: string) => t.dataSource.getRepository(PackEntity).findOneByOrFail({ id });

  const requestPack = async (asOf: string): Promise<string> =>
    (await t.http().post(inPlan(board.planId, 'packs')).set(bearer(board)).send({ audience: 'board', asOf }).expect(202)).body.id as string;

  /** Waits until the render thread has the pack's model; returns the progress then (below 90: not every format rendered). */
  async function waitUntilRendering(packId: string): Promise<number> {
    let progress = -1;
    const rendering = async () => {
      const p = await pack(packId);
      progress = p.progress;
      return p.state === 'generating' && p.progress >= RENDER_STARTED;
    };
    expect(await eventually(rendering, 120_000, 20)).toBe(true);
    return progress;
  }

  /** SIGTERM; resolves with the exit code (null: ended by a signal) and how long it took. */
  async function sigterm(worker: Child): Promise<{ exitCode: number | null; ms: number }> {
    const sent = Date.now();
    worker.process.kill('SIGTERM');
    const exitCode = await worker.exited;
    return { exitCode, ms: Date.now() - sent };
  }

  async function expectFilesDownload(packId: string): Promise<void> {
    const view = (await t.http().get(`/api/v1/packs/${packId}`).set(bearer(board)).expect(200)).body as { files: PackFileView[] };
    expect(view.files.map((f) => f.format).sort()).toEqual(['docx', 'json', 'pdf', 'xlsx']);
    for (const f of view.files) {
      const res = await t.http().get(`/api/v1/packs/${packId}/files/${f.format}`).set(bearer(board)).buffer(true).parse(binaryParser).expect(200);
      const body = res.body as Buffer;
      expect({ format: f.format, bytes: body.length, sha256: createHash('sha256').update(body).digest('hex') }).toEqual({ format: f.format, bytes: f.sizeBytes, sha256: f.sha256 });
    }
  }

  it('finishes the pack it is rendering, then stops its dependencies and exits 0 within the grace period', async () => {
    const worker = startWorker();
    await worker.waitFor(/worker started/);
    const packId = await requestPack('2026-11-20');
    const progressAtSignal = await waitUntilRendering(packId);
    expect(progressAtSignal).toBeLessThan(RENDERED);

    const { exitCode, ms } = await sigterm(worker);

    const p = await pack(packId);
    const job = await queue.getJob(packJobId(packId));
    expect({ exitCode, state: p.state, failureReason: p.failureReason, jobState: await job?.getState(), attemptsMade: job?.attemptsMade, failedReason: job?.failedReason ?? null, stacktrace: job?.stacktrace ?? [] }).toEqual({
      exitCode: 0,
      state: 'ready',
      failureReason: null,
      jobState: 'completed',
      // The one attempt, which completed: no failed attempt before it.
      attemptsMade: 1,
      failedReason: null,
      stacktrace: [],
    });
    expect(ms).toBeLessThan(GRACE_MS);
    // In this order: the job was still running when the worker began to stop, and finished before it stopped.
    const lines = ['"msg":"worker stopping: waiting for 1 active jobs"', '"msg":"Pack job finished"', '"msg":"worker stopped"'].map((line) => worker.output.indexOf(line));
    expect(lines.every((at, i) => at >= 0 && (i === 0 || at > lines[i - 1]))).toBe(true);
    expect(worker.output).not.toMatch(/Pack job failed/);
    await expectFilesDownload(packId);
  }, 300_000);

  it('past a grace period too short for the pack, exits at once and leaves the job to stall recovery, not a failed attempt', async () => {
    const worker = startWorker({ WORKER_SHUTDOWN_GRACE_MS: '200' });
    await worker.waitFor(/worker started/);
    const packId = await requestPack('2026-11-21');
    const jobId = packJobId(packId);
    expect(await waitUntilRendering(packId)).toBeLessThan(RENDERED);

    const { exitCode, ms } = await sigterm(worker);

    const job = await queue.getJob(jobId);
    const p = await pack(packId);
    expect({ exitCode, jobState: await job?.getState(), attemptsMade: job?.attemptsMade, failedReason: job?.failedReason ?? null, state: p.state, failureReason: p.failureReason }).toEqual({
      exitCode: 0,
      // Still active (its lock held by nobody): stall detection's to hand over.
      jobState: 'active',
      attemptsMade: 0,
      failedReason: null,
      state: 'generating',
      failureReason: null,
    });
    // 200 ms of grace, then out: well under the time the render still needed.
    expect(ms).toBeLessThan(5_000);
    expect(worker.output).toMatch(/"msg":"worker stopping: waiting for 1 active jobs"/);
    expect(worker.output).toMatch(/grace period over/);
    expect(worker.output).not.toMatch(/Pack job (finished|failed)/);

    // What the lock's expiry and the next stall check do (120 s and 30 s): another worker takes the job.
    const key = (suffix: string) => `${t.config.QUEUE_PREFIX}:${QUEUES.packs}:${suffix}`;
    await redis.del(key(`${jobId}:lock`), key('stalled-check'));
    await redis.sadd(key('stalled'), jobId);
    const next = startWorker();
    // The job, not just the pack: the pack is ready a moment before its job is recorded completed.
    expect(await eventually(async () => ['completed', 'failed'].includes(await queue.getJobState(jobId)), 180_000, 100)).toBe(true);
    const done = await queue.getJob(jobId);
    const p2 = await pack(packId);
    expect({ jobState: await done?.getState(), attemptsMade: done?.attemptsMade, stalledCounter: done?.stalledCounter, state: p2.state, failureReason: p2.failureReason }).toEqual({
      jobState: 'completed',
      state: 'ready',
      attemptsMade: 1,
      stalledCounter: 1,
      failureReason: null,
    });
    await expectFilesDownload(packId);

    // An idle worker stops at once, and cleanly.
    await next.waitFor(/Pack job finished/);
    const idle = await sigterm(next);
    expect(idle.exitCode).toBe(0);
    expect(next.output).toMatch(/"msg":"worker stopping: waiting for 0 active jobs"/);
  }, 400_000);
});
