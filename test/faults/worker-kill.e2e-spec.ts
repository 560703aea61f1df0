import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { PackEntity } from '../../src/packs/entities/pack.entity';
import { packJobId } from '../../src/queue/job-ids';
import { QUEUES } from '../../src/queue/queues';
import { bullConnection } from '../../src/redis/redis.module';
import { eventually } from '../support/evidence-fixtures';
import { PlanFixture, seedGeneratedActions, seedPlanBasics } from '../support/plan-fixtures';
import { Child, childEnv, startNodeEntry } from '../support/processes';
import { bearer, inPlan, TestApp, TestOrganisation, TestUser } from '../support/test-app';

const ACTIONS = 1500;

/**
 * kill -9 of the worker process, twice, while it builds one pack: the pack still ends `ready` or
 * `failed` (never `generating` for ever). BullMQ's stall detection re-runs the job after the first
 * kill and fails it after the second (maxStalledCount 1); the reconciler then marks the pack failed
 * with a reason. The waits BullMQ would spend (the 120 s lock, two 30 s stall checks) are skipped
 * by doing in Redis what their expiry does: the lock goes, the check is due, the job is a candidate.
 */
describe('faults: the worker is killed twice during one pack', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let board: TestUser;
  let plan: PlanFixture;
  let packId: string;
  let worker: Child | null = null;

  beforeAll(async () => {
    t = await TestApp.start();
    org = await t.createOrganisation('Oldham Council');
    board = await t.createUser(org, 'board');
    plan = await seedPlanBasics(t.dataSource, org.id);
    // A plan big enough that building its pack in every format takes a while.
    await seedGeneratedActions(t.dataSource, org.id, plan, org.admin.id, ACTIONS);
    packId = (await t.http().post(inPlan(board.planId, 'packs')).set(bearer(board)).send({ audience: 'board', asOf: '2026-11-20' }).expect(202)).body.id as string;
  }, 120_000);

  afterAll(async () => {
    await worker?.kill9();
    await t?.close();
  });

  it('the pack ends ready or failed (with a reason), never generating', async () => {
    const env = {
      ...childEnv(t.config, 'info'),
      RECONCILE_INTERVAL_SECONDS: '2',
    };
    const packs = t.dataSource.getRepository(PackEntity);
    const finished = async () => ['ready', 'failed'].includes((await packs.findOneByOrFail({ id: packId })).state);
    const queue = new Queue(QUEUES.packs, { connection: bullConnection(t.config), prefix: t.config.QUEUE_PREFIX });
    const redis = new Redis(t.config.REDIS_URL);
    const jobId = packJobId(packId);
    const key = (suffix: string) => `${t.config.QUEUE_PREFIX}:${QUEUES.packs}:${suffix}`;
    let kills = 0;
    try {
      for (let attempt = 1; attempt <= 2; attempt++) {
        worker = startNodeEntry('worker', env);
        // This worker has started building the pack (its own attempt), or the pack got done first.
        const building = async () => (await finished()) || (((await queue.getJob(jobId))?.attemptsStarted ?? 0) >= attempt && (await packs.findOneByOrFail({ id: packId })).state === 'generating');
        expect(await eventually(building, 180_000, 50)).toBe(true);
        if (await finished()) break;
        await worker.kill9();
        kills++;
        await redis.del(key(`${jobId}:lock`), key('stalled-check'));
        await redis.sadd(key('stalled'), jobId);
      }
      worker = startNodeEntry('worker', env);
      expect(await eventually(finished, 180_000, 250)).toBe(true);
      const pack = await packs.findOneByOrFail({ id: packId });
      if (pack.state === 'failed') expect(pack.failureReason).toMatch(/stopped more than once/);
      // The point of the test is the double kill: make sure it happened.
      expect(kills).toBe(2);
    } finally {
      redis.disconnect();
      await queue.close();
    }
  }, 600_000);
});
