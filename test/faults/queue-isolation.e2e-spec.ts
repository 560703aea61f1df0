import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { QueuesHealthIndicator } from '../../src/health/queues.health';
import { PackEntity } from '../../src/packs/entities/pack.entity';
import { WorkerModule } from '../../src/worker.module';
import { databaseOf } from '../support/databases';
import { eventually } from '../support/evidence-fixtures';
import { bearer, TestApp, TestOrganisation, TestUser, inPlan } from '../support/test-app';

/**
 * Two deployments (each its own database) share one Redis and leave QUEUE_PREFIX unset: each
 * derives its own prefix from its database, so B's worker never takes A's jobs (it would find no
 * such pack in its database and drop the job, leaving A's pack queued for ever), and A's health
 * does not count B's worker.
 */
describe('faults: queues are isolated per deployment', () => {
  let a: TestApp;
  let b: TestApp;
  let aWorker: INestApplicationContext | null = null;
  let org: TestOrganisation;
  let board: TestUser;
  let packId: string;

  beforeAll(async () => {
    // An empty QUEUE_PREFIX counts as unset: the default applies.
    a = await TestApp.start({ env: { QUEUE_PREFIX: '' } });
    org = await a.createOrganisation('Knowsley Council');
    board = await a.createUser(org, 'board');
    packId = (await a.http().post(inPlan(board.planId, 'packs')).set(bearer(board)).send({ audience: 'board', asOf: '2026-11-20', formats: ['json'] }).expect(202)).body.id;
    // Started after A's authenticated requests (each app's JwtAuthGuard checks tokens against its own
    // database; when tokens went through passport, its one 'jwt' strategy per process was B's from here on).
    b = await TestApp.start({ env: { QUEUE_PREFIX: '' }, worker: true });
  });

  afterAll(async () => {
    await aWorker?.close();
    await b?.close();
    await a?.close();
  });

  it('derives a different prefix from each database', () => {
    expect(a.config.QUEUE_PREFIX).toBe(`it:${databaseOf(a.config.DATABASE_URL)}`);
    expect(b.config.QUEUE_PREFIX).toBe(`it:${databaseOf(b.config.DATABASE_URL)}`);
    expect(a.config.QUEUE_PREFIX).not.toBe(b.config.QUEUE_PREFIX);
  });

  it("B's worker leaves A's pack alone, A's health sees no worker, and A's own worker builds it", async () => {
    const packs = a.dataSource.getRepository(PackEntity);

    // B's worker is running and polling its own queues; give it time to (wrongly) take the job.
    await new Promise((r) => setTimeout(r, 3000));
    expect(await packs.findOneByOrFail({ id: packId })).toMatchObject({ state: 'queued' });
    // What /health/ready/details (admins) reports, read from the indicator.
    const health = (await a.app.get(QueuesHealthIndicator).consumers('queues')) as unknown as { queues: Record<string, unknown> };
    expect(health.queues.packs).toMatchObject({ workers: 0, consuming: false, waiting: 1 });

    const workerRef = await Test.createTestingModule({ imports: [WorkerModule.forRoot({ config: a.config, clock: a.clock })] }).compile();
    aWorker = await workerRef.init();
    expect(await eventually(async () => (await packs.findOneByOrFail({ id: packId })).state === 'ready', 60_000, 250)).toBe(true);
  });
});
