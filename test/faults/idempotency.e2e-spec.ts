import { EvidenceEntity } from '../../src/evidence/entities/evidence.entity';
import { ProgressUpdateEntity } from '../../src/actions/entities/progress-update.entity';
import { IdempotencyKeyEntity } from '../../src/idempotency/idempotency-key.entity';
import { OrphanSweeper } from '../../src/maintenance/orphan-sweeper.service';
import { actionBody, createAction } from '../support/actions-fixtures';
import { PlanFixture, seedPlanBasics } from '../support/plan-fixtures';
import { bearer, TestApp, TestOrganisation, TestUser, inPlan } from '../support/test-app';

/**
 * Idempotency-Key on creates: a client that retries (its first attempt timed out, the connection
 * dropped) never creates twice. Keys live in PostgreSQL, per user, for 24 hours.
 */
describe('faults: Idempotency-Key on creates', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let board: TestUser;
  let owner: TestUser;
  let plan: PlanFixture;

  beforeAll(async () => {
    t = await TestApp.start({ worker: true });
    org = await t.createOrganisation('Cheshire East Council');
    board = await t.createUser(org, 'board');
    owner = await t.createUser(org, 'owner');
    plan = await seedPlanBasics(t.dataSource, org.id);
  });

  afterAll(() => t.close());

  const updates = (id: string) => `/api/v1/actions/${id}/updates`;
  const countUpdates = (actionId: string) => t.dataSource.getRepository(ProgressUpdateEntity).countBy({ actionId });

  it('a retry with the same key and body replays the first response and creates nothing', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id));
    const first = await t.http().post(updates(a.id)).set(bearer(owner)).set('Idempotency-Key', 'upd-1').send({ narrative: 'Audit booked' }).expect(201);
    const again = await t.http().post(updates(a.id)).set(bearer(owner)).set('Idempotency-Key', 'upd-1').send({ narrative: 'Audit booked' }).expect(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(await countUpdates(a.id)).toBe(1);
    // Without a key, or with another, a request creates as usual.
    await t.http().post(updates(a.id)).set(bearer(owner)).set('Idempotency-Key', 'upd-2').send({ narrative: 'Audit booked' }).expect(201);
    expect(await countUpdates(a.id)).toBe(2);
  });

  it('an evidence upload retried with the same key stores one row; another file under that key is 422', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id));
    const upload = (key: string, content: string) =>
      t
        .http()
        .post(`/api/v1/actions/${a.id}/evidence`)
        .set(bearer(owner))
        .set('Idempotency-Key', key)
        .field('title', 'Audit report')
        .attach('file', Buffer.from(content), { filename: 'audit.txt', contentType: 'text/plain' });
    const first = await upload('ev-1', 'Audit of 60 enquiries: findings attached.').expect(201);
    const again = await upload('ev-1', 'Audit of 60 enquiries: findings attached.').expect(201);
    expect(again.body.id).toBe(first.body.id);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const other = await upload('ev-1', 'A different, longer file: the second audit, with its appendix.').expect(422);
    expect(other.body.code).toBe('idempotency_key_reused');
    expect(await t.dataSource.getRepository(EvidenceEntity).countBy({ actionId: a.id })).toBe(1);
  });

  it('the same key with a different body is 422 idempotency_key_reused, and nothing is created', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id));
    await t.http().post(updates(a.id)).set(bearer(owner)).set('Idempotency-Key', 'upd-3').send({ narrative: 'First' }).expect(201);
    const res = await t.http().post(updates(a.id)).set(bearer(owner)).set('Idempotency-Key', 'upd-3').send({ narrative: 'Second' }).expect(422);
    expect(res.body.code).toBe('idempotency_key_reused');
    expect(await countUpdates(a.id)).toBe(1);
  });

  it('concurrent duplicates create one row; the others replay it or are told it is in progress', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id));
    const send = () => t.http().post(updates(a.id)).set(bearer(owner)).set('Idempotency-Key', 'upd-burst').send({ narrative: 'Sent eight times at once' });
    const results = await Promise.all(Array.from({ length: 8 }, send));
    expect(results.filter((r) => r.status === 201).length).toBeGreaterThanOrEqual(1);
    for (const r of results) {
      expect([201, 409]).toContain(r.status);
      if (r.status === 409) expect(r.body.code).toBe('idempotency_request_in_progress');
    }
    expect(await countUpdates(a.id)).toBe(1);
  });

  it('a failed request releases its key; keys are per user; a bad key is 400', async () => {
    const a = await createAction(t, board, actionBody(plan, owner.id));
    await t.http().post(updates(a.id)).set(bearer(owner)).set('Idempotency-Key', 'upd-4').send({}).expect(400);
    await t.http().post(updates(a.id)).set(bearer(owner)).set('Idempotency-Key', 'upd-4').send({ narrative: 'Fixed' }).expect(201);
    // Another user's identical key is another key.
    await t.http().post(updates(a.id)).set(bearer(board)).set('Idempotency-Key', 'upd-4').send({ narrative: 'Fixed' }).expect(201);
    expect(await countUpdates(a.id)).toBe(2);
    const bad = await t.http().post(updates(a.id)).set(bearer(owner)).set('Idempotency-Key', 'x'.repeat(201)).send({ narrative: 'Too long a key' }).expect(400);
    expect(bad.body.code).toBe('idempotency_key_invalid');
  });

  it('works on other creates (an action) and the OpenAPI document declares the header', async () => {
    const body = actionBody(plan, owner.id);
    const first = await t.http().post(inPlan(board.planId, 'actions')).set(bearer(board)).set('Idempotency-Key', 'act-1').send(body).expect(201);
    const again = await t.http().post(inPlan(board.planId, 'actions')).set(bearer(board)).set('Idempotency-Key', 'act-1').send(body).expect(201);
    expect(again.body.id).toBe(first.body.id);
    const doc = (await t.http().get('/api/docs-json').expect(200)).body as { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> };
    // Paths are relative to the document's server URL (/api/v1).
    for (const path of ['/plans/{planId}/actions', '/actions/{id}/updates', '/plans/{planId}/packs']) {
      expect(doc.paths[path].post.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'Idempotency-Key', in: 'header' })]));
    }
  });

  it('the maintenance sweep deletes keys past their 24 hours', async () => {
    const keys = t.dataSource.getRepository(IdempotencyKeyEntity);
    const before = await keys.count();
    expect(before).toBeGreaterThan(0);
    t.clock.set(new Date(t.clock.now().getTime() + 25 * 3_600_000));
    const report = await t.worker!.get(OrphanSweeper).sweep();
    expect(report.idempotencyKeysExpired).toBe(before);
    expect(await keys.count()).toBe(0);
  });
});
