import { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { createServer } from 'node:net';
import request from 'supertest';
import { AppModule } from '../../src/app.module';
import { ActionEntity } from '../../src/actions/entities/action.entity';
import { configureApp } from '../../src/configure-app';
import { ProgressUpdateEntity } from '../../src/actions/entities/progress-update.entity';
import { PackEntity } from '../../src/packs/entities/pack.entity';
import { actionBody, createAction } from '../support/actions-fixtures';
import { PlanFixture, seedPlanBasics } from '../support/plan-fixtures';
import { bearer, TEST_PASSWORD, TestApp, TestOrganisation, TestUser, inPlan } from '../support/test-app';

/** A TCP port on which nothing listens (bound, then released). */
async function deadPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

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
 * Redis works; a second API process (same database, same secrets) has none.
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
    const config = { ...t.config, REDIS_URL: `redis://127.0.0.1:${await deadPort()}` };
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

  it('PATCH of an action answers promptly and its row is committed (the recompute is best effort)', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id));
    const { result, ms } = await timed(() => http().patch(`/api/v1/actions/${a.id}`).set(bearer(board)).send({ title: 'Retitled while Redis is down', version: a.version }));
    expect(result.status).toBe(200);
    expect(ms).toBeLessThan(BOUND_MS);
    expect(await t.dataSource.getRepository(ActionEntity).findOneByOrFail({ id: a.id })).toMatchObject({ title: 'Retitled while Redis is down', version: a.version + 1 });
  });

  it('a progress update is created once, promptly', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id));
    const { result, ms } = await timed(() => http().post(`/api/v1/actions/${a.id}/updates`).set(bearer(owner)).send({ narrative: 'Written during the outage' }));
    expect(result.status).toBe(201);
    expect(ms).toBeLessThan(BOUND_MS);
    expect(await t.dataSource.getRepository(ProgressUpdateEntity).countBy({ actionId: a.id })).toBe(1);
  });

  it('a pack request is accepted and stays queued for the reconciler', async () => {
    const { result, ms } = await timed(() => http().post(inPlan(board.planId, 'packs')).set(bearer(board)).send({ audience: 'board', asOf: '2026-11-20' }));
    expect(result.status).toBe(202);
    expect(ms).toBeLessThan(BOUND_MS);
    expect(await t.dataSource.getRepository(PackEntity).findOneByOrFail({ id: result.body.id })).toMatchObject({ state: 'queued' });
  });

  it('a tracker upload is accepted and stays previewing for the reconciler; a RAG policy change is saved (200, no recompute)', async () => {
    const csv = Buffer.from(['Ref,Action,Lead officer,Target date,Status', `U1,Audit the case files,${board.email},31/03/2027,On track`, ''].join('\r\n'), 'utf8');
    const { result, ms } = await timed(() => http().post(inPlan(board.planId, 'imports')).set(bearer(board)).attach('file', csv, 'tracker.csv'));
    expect(result.status).toBe(202);
    expect(ms).toBeLessThan(BOUND_MS);
    const [run] = await t.dataSource.query<{ status: string; job_id: string | null }[]>('SELECT status, job_id FROM import_run WHERE id = $1', [result.body.id]);
    expect(run).toEqual({ status: 'previewing', job_id: null });

    const policy = await timed(() => http().put(inPlan(board.planId, 'settings/rag')).set(bearer(board)).send({ redAfterDays: 21 }));
    expect({ status: policy.result.status, changed: policy.result.body.changed, recompute: policy.result.body.recompute }).toEqual({ status: 200, changed: true, recompute: null });
    expect(policy.ms).toBeLessThan(BOUND_MS);
  });

  it('what needs Redis answers 503 dependency_unavailable promptly: login (its rate limit), a recompute, a job poll', async () => {
    for (const send of [
      () => http().post('/api/v1/auth/login').send({ email: board.email, password: TEST_PASSWORD }),
      () => http().post(inPlan(board.planId, 'rag/recompute')).set(bearer(board)).send({}),
      () => http().get('/api/v1/jobs/rag-0b5c1d3e-0000-4000-8000-000000000000').set(bearer(board)),
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
});
