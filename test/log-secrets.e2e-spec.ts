import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { UserEntity } from '../src/users/entities/user.entity';
import { bearer, TEST_PASSWORD, TestApp, TestOrganisation } from './support/test-app';

/** Nothing secret reaches the logs, even from failing requests and failed queries (issue 11). */
describe('logs carry no secrets (real PostgreSQL and Redis)', () => {
  let t: TestApp;
  let org: TestOrganisation;
  const lines: string[] = [];
  const capture = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });

  beforeAll(async () => {
    t = await TestApp.start({ env: { LOG_LEVEL: 'debug' }, logDestination: capture });
    org = await t.createOrganisation();
  });

  afterAll(() => t.close());

  it('a bad login, an authenticated request, a duplicate user insert: no password, hash or token in the log', async () => {
    const wrongPassword = `Wrong-${randomBytes(6).toString('hex')}`;
    await t.http().post('/api/v1/auth/login').send({ email: org.admin.email, password: wrongPassword }).expect(401);
    await t.http().get('/api/v1/auth/me').set(bearer(org.admin)).set('Cookie', 'tracker.sid=s%3Asecret-session-id').expect(200);

    // Duplicate user creates at once: the unique index refuses one insert inside PostgreSQL.
    const newPassword = `Dup-${randomBytes(8).toString('hex')}`;
    const email = `dup-${randomBytes(4).toString('hex')}@example.gov.uk`;
    const body = { email, name: 'Dup Licate', role: 'owner', password: newPassword };
    const statuses = await Promise.all([1, 2, 3, 4].map(() => t.http().post('/api/v1/users').set(bearer(org.admin)).send(body).then((r) => r.status)));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);

    const hash = (await t.dataSource.getRepository(UserEntity).createQueryBuilder('u').addSelect('u.passwordHash').where('u.email = :email', { email }).getOneOrFail())
      .passwordHash;
    // The failed-insert path for certain: the same row again, with its hash as a bound parameter.
    await expect(
      t.dataSource.query('INSERT INTO "user" (email, name, role, password_hash, organisation_id) VALUES ($1, $2, $3, $4, $5)', [email, 'Again', 'owner', hash, org.id]),
    ).rejects.toThrow();

    await new Promise((resolve) => setImmediate(resolve));
    const log = lines.join('');
    expect(log).toContain('query failed');
    expect(log).toContain('/api/v1/auth/login');
    for (const secret of [wrongPassword, newPassword, TEST_PASSWORD, hash, org.admin.token, 'secret-session-id']) {
      expect(log).not.toContain(secret);
    }
    expect(log).not.toMatch(/\$argon2id\$/);
  });

  it("logs a client's X-Request-Id only as clientRequestId, and only when it is short and safe", async () => {
    const kept = await t.http().get('/api/v1/auth/me').set(bearer(org.admin)).set('X-Request-Id', 'client-abc-123').expect(200);
    expect(kept.headers['x-request-id']).not.toBe('client-abc-123');
    await t.http().get('/api/v1/auth/me').set(bearer(org.admin)).set('X-Request-Id', 'evil"}{ <script>').expect(200);
    await t.http().get('/api/v1/auth/me').set(bearer(org.admin)).set('X-Request-Id', 'x'.repeat(101)).expect(200);
    await new Promise((resolve) => setImmediate(resolve));
    const entries = lines.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { requestId?: string; clientRequestId?: string });
    expect(entries).toEqual(expect.arrayContaining([expect.objectContaining({ requestId: kept.headers['x-request-id'], clientRequestId: 'client-abc-123' })]));
    expect(lines.join('')).not.toContain('<script>');
    expect(lines.join('')).not.toContain('x'.repeat(101));
  });
});
