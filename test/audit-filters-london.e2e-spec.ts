import { bearer, TestApp, type TestOrganisation } from './support/test-app';

/**
 * GET /audit-events `from` and `to` given as a date, or a date-time without an offset, mean London
 * time, whatever the database server's time zone: the session here is set to UTC, as on most
 * servers, and one event is moved (as the schema owner) to 23:30 UTC on 1 July, which is 00:30 on
 * 2 July in London (BST).
 */
describe('Audit events: date filters are London dates (e2e)', () => {
  let t: TestApp;
  let org: TestOrganisation;
  let eventId: string;
  let entityId: string;

  beforeAll(async () => {
    t = await TestApp.start();
    org = await t.createOrganisation('Sefton Council (audit dates)');
    const user = await t.createUser(org, 'board');
    entityId = user.id;
    const [row] = await t.dataSource.query<{ id: string }[]>('SELECT id FROM audit_event WHERE organisation_id = $1 AND entity_id = $2 LIMIT 1', [org.id, entityId]);
    eventId = row.id;
    await t.asOwner(async (c) => {
      await c.query('BEGIN');
      await c.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
      await c.query(`UPDATE audit_event SET occurred_at = '2026-07-01T23:30:00Z' WHERE id = $1`, [eventId]);
      await c.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
      await c.query('COMMIT');
      // What PostgreSQL would read a bare date as, in the servers' usual zone.
      await c.query(`ALTER DATABASE "${c.database}" SET timezone = 'UTC'`);
    });
    // The pool's sessions opened before the change keep their zone: start from fresh ones.
    await t.dataSource.destroy();
    await t.dataSource.initialize();
  });

  afterAll(async () => {
    await t?.close();
  });

  async function found(query: Record<string, string>): Promise<boolean> {
    const res = await t.http().get('/api/v1/audit-events').query({ entityId, pageSize: '100', ...query }).set(bearer(org.admin));
    expect(res.status).toBe(200);
    return (res.body.items as { id: string }[]).some((e) => e.id === eventId);
  }

  it('a date starts at London midnight: the event is on 2 July, not 1 July', async () => {
    const [zone] = await t.dataSource.query<{ tz: string }[]>(`SELECT current_setting('TimeZone') AS tz`);
    expect(zone.tz).toBe('UTC');
    expect(await found({ from: '2026-07-02', to: '2026-07-03' })).toBe(true);
    expect(await found({ from: '2026-07-01', to: '2026-07-02' })).toBe(false);
    expect(await found({ to: '2026-07-02' })).toBe(false);
    expect(await found({ from: '2026-07-02' })).toBe(true);
  });

  it('a date-time without an offset is London time; with one, that instant', async () => {
    expect(await found({ from: '2026-07-02T00:30', to: '2026-07-02T00:31' })).toBe(true);
    expect(await found({ from: '2026-07-02T00:31' })).toBe(false);
    expect(await found({ to: '2026-07-02T00:30' })).toBe(false);
    expect(await found({ from: '2026-07-01T23:30:00Z', to: '2026-07-01T23:30:00.000001Z' })).toBe(true);
    expect(await found({ from: '2026-07-01T23:30:00.000001Z' })).toBe(false);
    expect(await found({ from: '2026-07-02T00:30:00+01:00', to: '2026-07-02T00:31:00+01:00' })).toBe(true);
  });
});
