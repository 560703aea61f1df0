import { Queue } from 'bullmq';
import { PackEntity } from '../../src/packs/entities/pack.entity';
import { ALL_QUEUES, JOB_SCHEDULERS } from '../../src/queue/queues';
import { bullConnection } from '../../src/redis/redis.module';
import { eventually } from '../support/evidence-fixtures';
import { Child, freePort, startRedis } from '../support/processes';
import { bearer, TestApp, TestOrganisation, TestUser, inPlan } from '../support/test-app';

/**
 * Redis restarts without persistence (its own redis-server on a spare port, killed with -9 and
 * started again empty) while a pack is requested: the API accepts the pack during the outage, and
 * once Redis is back the worker's watchdog re-creates every job scheduler and the reconciler queues
 * the pack, which is then built. Health says every queue is consumed again.
 */
describe('faults: Redis restarts empty', () => {
  let t: TestApp;
  let redis: Child;
  let port: number;
  let org: TestOrganisation;
  let board: TestUser;

  beforeAll(async () => {
    port = await freePort();
    redis = startRedis(port);
    await redis.waitFor(/Ready to accept connections/, 30_000);
    t = await TestApp.start({ worker: true, env: { REDIS_URL: `redis://127.0.0.1:${port}`, RECONCILE_INTERVAL_SECONDS: '2' } });
    org = await t.createOrganisation('St Helens Council');
    board = await t.createUser(org, 'board');
  });

  afterAll(async () => {
    await t?.close();
    await redis?.kill9();
  });

  it('a pack requested during the outage is built afterwards, and every schedule exists again', async () => {
    await redis.kill9();
    const started = Date.now();
    const res = await t.http().post(inPlan(board.planId, 'packs')).set(bearer(board)).send({ audience: 'board', asOf: '2026-11-20', formats: ['json'] }).expect(202);
    expect(Date.now() - started).toBeLessThan(6000);
    const packs = t.dataSource.getRepository(PackEntity);
    expect(await packs.findOneByOrFail({ id: res.body.id })).toMatchObject({ state: 'queued' });

    redis = startRedis(port);
    await redis.waitFor(/Ready to accept connections/, 30_000);

    expect(await eventually(async () => (await packs.findOneByOrFail({ id: res.body.id })).state === 'ready', 90_000, 250)).toBe(true);
    const queues = ALL_QUEUES.map((name) => new Queue(name, { connection: bullConnection(t.config), prefix: t.config.QUEUE_PREFIX }));
    try {
      for (const s of Object.values(JOB_SCHEDULERS)) {
        const queue = queues.find((q) => q.name === s.queue)!;
        expect(await eventually(async () => Boolean(await queue.getJobScheduler(s.id)), 30_000, 250)).toBe(true);
      }
    } finally {
      await Promise.all(queues.map((q) => q.close()));
    }
    await t.http().get('/api/v1/health/ready').expect(200);
    const health = await t.http().get('/api/v1/health/ready/details').set(bearer(org.admin)).expect(200);
    for (const name of ALL_QUEUES) expect(health.body.info.queues[name]).toMatchObject({ consuming: true, missingSchedulers: [] });
  });
});
