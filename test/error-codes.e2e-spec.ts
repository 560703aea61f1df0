import { ERROR_CODES } from '../src/error-catalogue';
import { seedAction, seedPlanBasics } from './support/plan-fixtures';
import { bearer, TEST_PASSWORD, TestApp, TestOrganisation, TestUser, inPlan } from './support/test-app';

/**
 * Every error body carries a stable `code` next to its status: representative errors of each kind
 * (thrown by the services, refused by guards and pipes, refused by body-parser or by Nest itself).
 */
describe('error codes on the wire (real PostgreSQL and Redis)', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let board: TestUser;
  let owner: TestUser;

  beforeAll(async () => {
    t = await TestApp.start({ env: { BODY_LIMIT: '4kb' } });
    org = await t.createOrganisation();
    board = await t.createUser(org, 'board');
    owner = await t.createUser(org, 'owner');
  });

  afterAll(() => t.close());

  function expectError(res: { status: number; body: Record<string, unknown> }, statusCode: number, code: string): void {
    expect({ status: res.status, code: res.body.code }).toEqual({ status: statusCode, code });
    expect(res.body).toMatchObject({ statusCode, code, error: expect.any(String), message: expect.any(String), requestId: expect.any(String) });
    expect(Object.keys(res.body).slice(0, 4)).toEqual(['statusCode', 'error', 'code', 'message']);
  }

  describe('from guards, pipes and the services', () => {
    it('unauthenticated: no bearer token', async () => {
      expectError(await t.http().get(inPlan(org.planId, 'actions')), 401, 'unauthenticated');
    });

    it('invalid_credentials: a wrong password', async () => {
      expectError(await t.http().post('/api/v1/auth/login').send({ email: owner.email, password: `${TEST_PASSWORD}x` }), 401, 'invalid_credentials');
    });

    it('forbidden: a role that may not do this', async () => {
      expectError(await t.http().post(inPlan(owner.planId, 'workstreams')).set(bearer(owner)).send({ code: 'KOX', title: 'Not yours' }), 403, 'forbidden');
    });

    it('validation_failed: a bad field, listed in details', async () => {
      const res = await t.http().post(inPlan(board.planId, 'workstreams')).set(bearer(board)).send({ code: 'EC2' });
      expectError(res, 400, 'validation_failed');
      expect(res.body.details).toEqual(expect.arrayContaining([expect.objectContaining({ field: 'title' })]));
    });

    it('not_found: a row that is not there', async () => {
      expectError(await t.http().get('/api/v1/actions/00000000-0000-4000-8000-000000000000').set(bearer(board)), 404, 'not_found');
    });

    it('code_taken, stale_version and has_dependents on workstreams', async () => {
      const ws = await t.http().post(inPlan(board.planId, 'workstreams')).set(bearer(board)).send({ code: 'EC1', title: 'Practice' }).expect(201);
      expectError(await t.http().post(inPlan(board.planId, 'workstreams')).set(bearer(board)).send({ code: 'EC1', title: 'Again' }), 409, 'code_taken');
      await t.http().patch(`/api/v1/workstreams/${ws.body.id}`).set(bearer(board)).send({ version: 1, title: 'Better practice' }).expect(200);
      const stale = await t.http().patch(`/api/v1/workstreams/${ws.body.id}`).set(bearer(board)).send({ version: 1, title: 'Lost update' });
      expectError(stale, 409, 'stale_version');
      expect(stale.body.details).toEqual({ currentVersion: 2 });

      const plan = await seedPlanBasics(t.dataSource, org.id);
      await seedAction(t.dataSource, org.id, plan, { ownerId: owner.id });
      const blocked = await t.http().delete(`/api/v1/workstreams/${plan.workstreamId}`).set(bearer(board));
      expectError(blocked, 409, 'has_dependents');
    });

    it('append_only: progress updates are never edited', async () => {
      const plan = await seedPlanBasics(t.dataSource, org.id);
      const action = await seedAction(t.dataSource, org.id, plan, { ownerId: owner.id });
      const res = await t.http().patch(`/api/v1/actions/${action.id}/updates/00000000-0000-4000-8000-000000000000`).set(bearer(board)).send({});
      expectError(res, 405, 'append_only');
    });

    it('multipart_required: evidence sent as JSON', async () => {
      const plan = await seedPlanBasics(t.dataSource, org.id);
      const action = await seedAction(t.dataSource, org.id, plan, { ownerId: owner.id });
      expectError(await t.http().post(`/api/v1/actions/${action.id}/evidence`).set(bearer(owner)).send({ title: 'Minutes' }), 415, 'multipart_required');
    });

    it('pack_not_ready and not_a_scrutiny_pack: a board pack still queued', async () => {
      const pack = await t.http().post(inPlan(board.planId, 'packs')).set(bearer(board)).send({ audience: 'board', asOf: '2026-11-20', formats: ['json'] }).expect(202);
      const file = await t.http().get(`/api/v1/packs/${pack.body.id}/files/json`).set(bearer(board));
      expectError(file, 409, 'pack_not_ready');
      expect(file.body.details).toEqual({ state: 'queued' });
      expectError(await t.http().post(`/api/v1/packs/${pack.body.id}/publish`).set(bearer(board)), 409, 'not_a_scrutiny_pack');
    });
  });

  describe('from body-parser and Nest', () => {
    it('malformed_json', async () => {
      const res = await t.http().post('/api/v1/auth/login').set('Content-Type', 'application/json').send('{"email": ');
      expectError(res, 400, 'malformed_json');
    });

    it('payload_too_large: a body over BODY_LIMIT', async () => {
      const res = await t.http().post('/api/v1/auth/login').send({ email: owner.email, password: 'x'.repeat(8 * 1024) });
      expectError(res, 413, 'payload_too_large');
    });

    it('not_found: an unknown route', async () => {
      expectError(await t.http().get('/api/v1/no-such-thing').set(bearer(board)), 404, 'not_found');
    });
  });

  describe('in the OpenAPI document', () => {
    it('describes the error body, with every code as an enum, on every operation', async () => {
      const doc = (await t.http().get('/api/docs-json').expect(200)).body;
      const schema = doc.components.schemas.ErrorBodyDto;
      expect(schema.required).toEqual(expect.arrayContaining(['statusCode', 'error', 'code', 'message', 'requestId']));
      expect(schema.properties.code.allOf).toEqual([{ $ref: '#/components/schemas/ErrorCode' }]);
      expect([...doc.components.schemas.ErrorCode.enum].sort()).toEqual([...ERROR_CODES].sort());
      expect(doc.components.schemas.ErrorCode.enum).toEqual(expect.arrayContaining(['stale_version', 'pack_not_ready', 'has_dependents', 'malformed_json']));
      // Each feature's codes are listed under its name.
      expect(schema.properties.code.description).toContain('packs: pack_not_ready, not_a_scrutiny_pack, already_published, queue_unavailable');

      const ref = { $ref: '#/components/schemas/ErrorBodyDto' };
      const getPack = doc.paths['/packs/{id}'].get;
      expect(getPack.responses['404'].content['application/json'].schema).toEqual(ref);
      for (const [path, item] of Object.entries<Record<string, { responses: Record<string, { content?: unknown }> }>>(doc.paths)) {
        for (const [method, operation] of Object.entries(item)) {
          expect({ path, method, default: operation.responses.default?.content }).toEqual({ path, method, default: { 'application/json': { schema: ref } } });
        }
      }
    });
  });
});
