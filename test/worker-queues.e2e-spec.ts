import { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { QueuesHealthIndicator } from '../src/health/queues.health';
import { PackEntity } from '../src/packs/entities/pack.entity';
import { RAG_JOBS } from '../src/queue/queues';
import { WorkerModule } from '../src/worker.module';
import { eventually } from './support/evidence-fixtures';
import { RagQueueDriver } from './support/rag-fixtures';
import { bearer, inPlan, TestApp, TestOrganisation } from './support/test-app';

type Consumers = Record<string, { workers: number; consuming: boolean; waiting: number }>;

/**
 * WORKER_QUEUES: a worker consumes only the queues it is told (and maintenance), so the nightly
 * RAG's workers and the packs' can be scaled apart. A RAG-only worker leaves a pack queued until a
 * packs worker starts; each reports as a consumer of its own queues only.
 */
describe('workers per queue (WORKER_QUEUES)', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let rag: RagQueueDriver;
  let packsWorker: INestApplicationContext | null = null;
  const consumers = async () => ((await t.app.get(QueuesHealthIndicator).consumers('queues')) as unknown as { queues: Consumers }).queues;

  beforeAll(async () => {
    t = await TestApp.start({ worker: true, env: { WORKER_QUEUES: 'rag' } });
    org = await t.createOrganisation('Sefton Council');
    rag = await RagQueueDriver.open(t);
  });

  afterAll(async () => {
    await rag?.close();
    await packsWorker?.close();
    await t?.close();
  });

  it('a RAG-only worker consumes the RAG and maintenance queues, not the others', async () => {
    expect(t.config.WORKER_QUEUES).toEqual(['rag']);
    const queues = await consumers();
    expect(queues.rag).toMatchObject({ consuming: true });
    expect(queues.maintenance).toMatchObject({ consuming: true });
    for (const other of ['packs', 'notifications', 'imports']) expect(queues[other]).toMatchObject({ workers: 0, consuming: false });
    const result = await rag.run<{ actions: number }>(RAG_JOBS.recomputeOrganisation, { organisationId: org.id });
    expect(result.actions).toBe(0);
  });

  it('leaves a pack queued until a packs worker starts, which builds it', async () => {
    const packId = (await t.http().post(inPlan(org.planId, 'packs')).set(bearer(org.admin)).send({ audience: 'board', asOf: '2026-11-20', formats: ['json'] }).expect(202)).body
      .id as string;
    const packs = t.dataSource.getRepository(PackEntity);
    await new Promise((r) => setTimeout(r, 2000));
    expect(await packs.findOneByOrFail({ id: packId })).toMatchObject({ state: 'queued' });
    expect((await consumers()).packs).toMatchObject({ workers: 0, waiting: 1 });

    const ref = await Test.createTestingModule({ imports: [WorkerModule.forRoot({ config: { ...t.config, WORKER_QUEUES: ['packs'] }, clock: t.clock })] }).compile();
    packsWorker = await ref.init();
    expect(await eventually(async () => (await packs.findOneByOrFail({ id: packId })).state === 'ready', 60_000, 250)).toBe(true);
    expect((await consumers()).packs).toMatchObject({ consuming: true });
  });
});
