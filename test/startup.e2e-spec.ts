import { Logger } from '@nestjs/common';
import { bearer, TEST_PASSWORD, TestApp } from './support/test-app';

/** What the API says while it starts: nothing that asks an operator to act. */
describe('API start-up', () => {
  let t: TestApp;
  let warnings: string[];

  beforeAll(async () => {
    warnings = [];
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(function (this: Logger, message: unknown) {
      warnings.push(`${(this as unknown as { context?: string }).context ?? ''}: ${String(message)}`);
    });
    try {
      t = await TestApp.start();
    } finally {
      warn.mockRestore();
    }
  });

  afterAll(() => t.close());

  it('mounts every middleware on a route Express 5 understands (no LegacyRouteConverter warning)', () => {
    expect(warnings.filter((w) => w.startsWith('LegacyRouteConverter') || w.includes('Unsupported route path'))).toEqual([]);
  });

  it('still runs the request-context middleware on every route: the audit trail carries the request id', async () => {
    const org = await t.createOrganisation();
    const res = await t
      .http()
      .post('/api/v1/users')
      .set({ ...bearer(org.admin), 'X-Request-Id': 'startup-check-1' })
      .send({ email: 'startup-check@example.gov.uk', name: 'Startup Check', role: 'board', password: TEST_PASSWORD })
      .expect(201);
    const audit = await t.http().get('/api/v1/audit-events').query({ entityType: 'user', entityId: res.body.id }).set(bearer(org.admin)).expect(200);
    expect(audit.body.items).toEqual([expect.objectContaining({ requestId: res.headers['x-request-id'] })]);
  });
});
