import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { typeormOptions } from '../src/database/typeorm-options';
import { leastPrivilegeProblems, UnsafeDatabaseRoleError } from '../src/database/least-privilege';
import { assertSchemaCurrent } from '../src/database/pending-migrations';
import { TEST_APP_ROLE, TEST_OWNER_ROLE } from './support/databases';
import { bearer, TestApp, TestOrganisation, inPlan } from './support/test-app';

const run = promisify(execFile);

/**
 * The audit trail cannot be rewritten, even by the application (issue 11): the application runs
 * as a role with DML only, and every event is chained by hash to the one before it, so an insider
 * with the owner's powers who edits or deletes an event is caught by the verifier.
 */
describe('database roles and the tamper-evident audit trail', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await TestApp.start();
  });

  afterAll(() => t.close());

  /** An organisation with some history: its admin creates users and workstreams through the API. */
  async function organisationWithHistory(events = 12): Promise<TestOrganisation> {
    const org = await t.createOrganisation();
    const board = await t.createUser(org, 'board');
    for (let i = 1; events > 2 + i; i++) {
      await t.http().post(inPlan(board.planId, 'workstreams')).set(bearer(board)).send({ code: `W${i}`, title: `Workstream ${i}` }).expect(201);
    }
    return org;
  }

  const verify = (org: TestOrganisation) => t.http().get('/api/v1/audit-events/verify').set(bearer(org.admin));
  const eventCount = async (org: TestOrganisation) =>
    Number((await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM audit_event WHERE organisation_id = $1', [org.id]))[0].n);

  /** As the owner, past the append-only trigger: what only an insider with the owner's password could do. */
  const asInsider = (sql: string, params: unknown[]) =>
    t.asOwner(async (c) => {
      await c.query('BEGIN');
      await c.query('ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only');
      await c.query(sql, params);
      await c.query('ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only');
      await c.query('COMMIT');
    });

  describe("the application's role", () => {
    it('is the least-privileged role from DATABASE_URL, not the owner of any table', async () => {
      const [who] = await t.dataSource.query<{ role: string; superuser: boolean }[]>(
        'SELECT current_user AS role, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user',
      );
      expect(who).toEqual({ role: TEST_APP_ROLE, superuser: false });
      const owners = await t.dataSource.query<{ owner: string }[]>(`SELECT DISTINCT tableowner AS owner FROM pg_tables WHERE schemaname = 'public'`);
      expect(owners).toEqual([{ owner: TEST_OWNER_ROLE }]);
      expect(await leastPrivilegeProblems(t.dataSource)).toEqual([]);
    });

    it.each([
      ['disable the audit triggers', 'ALTER TABLE audit_event DISABLE TRIGGER ALL', /must be owner/],
      ['disable the append-only trigger', 'ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only', /must be owner/],
      ['switch triggers off for the session', 'SET session_replication_role = replica', /permission denied/],
      ['drop the append-only trigger', 'DROP TRIGGER audit_event_append_only ON audit_event', /must be owner/],
      ['drop the chain trigger', 'DROP TRIGGER audit_event_chain ON audit_event', /must be owner/],
      ['replace the chain function', "CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'", /must be owner|permission denied/],
      ['update an audit event', "UPDATE audit_event SET action = 'tampered'", /permission denied/],
      ['delete audit events', 'DELETE FROM audit_event', /permission denied/],
      ['truncate the audit trail', 'TRUNCATE audit_event', /permission denied/],
      ['create a table', 'CREATE TABLE shadow (id int)', /permission denied for schema public/],
      ['create a schema', 'CREATE SCHEMA shadow', /permission denied for database/],
      ['alter a table', 'ALTER TABLE action ADD COLUMN shadow int', /must be owner/],
      ['drop a table', 'DROP TABLE rag_snapshot', /must be owner/],
      ['become the owner', `SET ROLE ${TEST_OWNER_ROLE}`, /permission denied/],
      ['mark a migration as run', "INSERT INTO migrations (timestamp, name) VALUES (1, 'Forged1')", /permission denied/],
    ])('cannot %s', async (_what, sql, error) => {
      await expect(t.dataSource.query(sql)).rejects.toThrow(error);
    });

    it('keeps its grants in every database cloned from the template, and gets them on tables created later by the owner', async () => {
      const [grants] = await t.dataSource.query<Record<string, boolean>[]>(`
        SELECT has_table_privilege('audit_event', 'SELECT') AS audit_select, has_table_privilege('audit_event', 'INSERT') AS audit_insert,
               has_table_privilege('audit_event', 'UPDATE') AS audit_update, has_table_privilege('action', 'UPDATE') AS action_update,
               has_table_privilege('action', 'DELETE') AS action_delete, has_table_privilege('action', 'TRUNCATE') AS action_truncate,
               has_table_privilege('migrations', 'SELECT') AS migrations_select, has_table_privilege('migrations', 'DELETE') AS migrations_delete`);
      expect(grants).toEqual({
        audit_select: true,
        audit_insert: true,
        audit_update: false,
        action_update: true,
        action_delete: true,
        action_truncate: false,
        migrations_select: true,
        migrations_delete: false,
      });
      // As a later migration would: the owner creates a table; default privileges grant DML, nothing more.
      await t.asOwner((c) => c.query('CREATE TABLE later_feature (id serial PRIMARY KEY, note text)'));
      await t.dataSource.query("INSERT INTO later_feature (note) VALUES ('a')");
      await t.dataSource.query("UPDATE later_feature SET note = 'b'");
      expect(await t.dataSource.query('SELECT note FROM later_feature')).toEqual([{ note: 'b' }]);
      await t.dataSource.query('DELETE FROM later_feature');
      await expect(t.dataSource.query('TRUNCATE later_feature')).rejects.toThrow(/permission denied/);
      await expect(t.dataSource.query('ALTER TABLE later_feature ADD COLUMN x int')).rejects.toThrow(/must be owner/);
    });

    it('is refused at start-up in production when DATABASE_URL names the owner instead', async () => {
      const asOwner = new DataSource({ ...typeormOptions(t.config, 'api'), url: t.config.MIGRATION_DATABASE_URL, extra: { max: 1 } });
      await asOwner.initialize();
      try {
        expect(await leastPrivilegeProblems(asOwner)).toEqual([
          `${TEST_OWNER_ROLE} owns the schema's tables (or holds the owner's privileges)`,
          `${TEST_OWNER_ROLE} may UPDATE, DELETE or TRUNCATE audit_event`,
          `${TEST_OWNER_ROLE} may create objects in schema public`,
          `${TEST_OWNER_ROLE} may create schemas in the database`,
        ]);
      } finally {
        await asOwner.destroy();
      }
      // What src/main.ts and src/worker.ts run before anything else ('refuse' in production).
      await expect(assertSchemaCurrent({ ...typeormOptions(t.config, 'api'), url: t.config.MIGRATION_DATABASE_URL }, 'refuse')).rejects.toThrow(UnsafeDatabaseRoleError);
      await expect(assertSchemaCurrent({ ...typeormOptions(t.config, 'api'), url: t.config.MIGRATION_DATABASE_URL }, 'refuse')).rejects.toThrow(
        /^DATABASE_URL logs in with more than the application needs: .*owns the schema's tables/,
      );
      await expect(assertSchemaCurrent(typeormOptions(t.config, 'api'), 'refuse')).resolves.toBeUndefined();
    });
  });

  describe('the hash chain', () => {
    it('verifies a clean chain: every event numbered and linked, for the caller’s organisation only', async () => {
      const org = await organisationWithHistory(14);
      const other = await organisationWithHistory(5);
      const res = await verify(org).expect(200);
      expect(res.body).toMatchObject({ organisationId: org.id, valid: true, eventsVerified: await eventCount(org), firstBreak: null });
      expect(res.body.eventsVerified).toBeGreaterThanOrEqual(14);
      const [head] = await t.dataSource.query<{ id: string; seq: string; hash: string }[]>(
        'SELECT e.id, e.seq::text AS seq, e.hash FROM audit_event e WHERE e.organisation_id = $1 ORDER BY e.seq DESC LIMIT 1',
        [org.id],
      );
      expect(res.body.head).toMatchObject({ seq: head.seq, eventId: head.id, hash: head.hash });
      expect((await verify(other).expect(200)).body).toMatchObject({ organisationId: other.id, valid: true, eventsVerified: await eventCount(other) });
      // The list shows each event's place in the chain.
      const list = await t.http().get('/api/v1/audit-events?pageSize=100').set(bearer(org.admin)).expect(200);
      expect(list.body.items.find((e: { id: string }) => e.id === head.id)).toMatchObject({ seq: head.seq, hash: head.hash, prevHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    });

    it("names each event's actor (name and role when it was written) inside the hash, and catches a renamed actor", async () => {
      const org = await organisationWithHistory(6);
      const list = await t.http().get('/api/v1/audit-events?pageSize=100').set(bearer(org.admin)).expect(200);
      const byUser = (list.body.items as { actorKind: string; actorName: string | null; actorRole: string | null }[]).filter((e) => e.actorKind === 'user');
      expect(byUser.length).toBeGreaterThan(0);
      for (const e of byUser) expect(e).toMatchObject({ actorName: expect.any(String), actorRole: expect.stringMatching(/^(admin|board|owner|scrutiny|member|chief_officer)$/) });
      const [named] = await t.dataSource.query<{ id: string; seq: string; hash_version: number }[]>(
        `SELECT id, seq::text AS seq, hash_version FROM audit_event WHERE organisation_id = $1 AND actor_name IS NOT NULL ORDER BY seq LIMIT 1`,
        [org.id],
      );
      expect(named.hash_version).toBe(2);
      await asInsider(`UPDATE audit_event SET actor_name = 'Someone Else' WHERE id = $1`, [named.id]);
      expect((await verify(org).expect(200)).body).toMatchObject({ valid: false, firstBreak: { seq: named.seq, eventId: named.id, problem: 'hash' } });
    });

    it('is for admins only', async () => {
      const org = await t.createOrganisation();
      for (const role of ['board', 'owner', 'scrutiny'] as const) {
        const user = await t.createUser(org, role);
        await t.http().get('/api/v1/audit-events/verify').set(bearer(user)).expect(403);
      }
      await t.http().get('/api/v1/audit-events/verify').expect(401);
    });

    it('stamps the server’s time, number and hash whatever the application sends', async () => {
      const org = await organisationWithHistory(4);
      const before = await eventCount(org);
      await t.dataSource.query(
        `INSERT INTO audit_event (organisation_id, actor_kind, occurred_at, entity_type, entity_id, action, changes, seq, prev_hash, hash)
         VALUES ($1, 'system', '2001-01-01T00:00:00Z', 'action', gen_random_uuid(), 'backdated', '{}', 1, repeat('0', 64), repeat('f', 64))`,
        [org.id],
      );
      const [row] = await t.dataSource.query<{ seq: string; occurred_at: Date; hash: string }[]>(
        `SELECT seq::text AS seq, occurred_at, hash FROM audit_event WHERE organisation_id = $1 AND action = 'backdated'`,
        [org.id],
      );
      expect(row.seq).toBe(String(before + 1));
      expect(row.hash).not.toBe('f'.repeat(64));
      expect(Math.abs(row.occurred_at.getTime() - Date.now())).toBeLessThan(60_000);
      expect((await verify(org).expect(200)).body).toMatchObject({ valid: true, eventsVerified: before + 1 });
    });

    it('catches an event edited by the owner, at that event', async () => {
      const org = await organisationWithHistory(12);
      const [victim] = await t.dataSource.query<{ id: string; seq: string }[]>(
        'SELECT id, seq::text AS seq FROM audit_event WHERE organisation_id = $1 AND seq = 11',
        [org.id],
      );
      await asInsider(`UPDATE audit_event SET changes = '{"title": {"before": null, "after": "Nothing to see"}}' WHERE id = $1`, [victim.id]);
      const res = await verify(org).expect(200);
      expect(res.body).toMatchObject({ valid: false, eventsVerified: 10, head: { seq: '10' }, firstBreak: { seq: '11', eventId: victim.id, problem: 'hash' } });
      expect(res.body.firstBreak.expected).toMatch(/^[0-9a-f]{64}$/);
      expect(res.body.firstBreak.found).not.toBe(res.body.firstBreak.expected);
    });

    it('catches an edit whose hash the owner recomputed, at the next event', async () => {
      const org = await organisationWithHistory(8);
      await asInsider(
        `UPDATE audit_event SET actor_id = NULL,
                hash = audit_event_hash_v2(organisation_id, seq, prev_hash, id, occurred_at, NULL, actor_kind, entity_type, entity_id, action, changes,
                                           request_id, actor_name, actor_role)
          WHERE organisation_id = $1 AND seq = 5`,
        [org.id],
      );
      expect((await verify(org).expect(200)).body).toMatchObject({ valid: false, firstBreak: { seq: '6', problem: 'previous_hash' } });
    });

    it('catches a deleted event, at the one after it', async () => {
      const org = await organisationWithHistory(12);
      await asInsider('DELETE FROM audit_event WHERE organisation_id = $1 AND seq = 7', [org.id]);
      const res = await verify(org).expect(200);
      expect(res.body).toMatchObject({ valid: false, eventsVerified: 6, firstBreak: { seq: '8', problem: 'sequence', expected: '7', found: '8' } });
    });

    it('stays one valid chain under concurrent writes in one organisation', async () => {
      const org = await t.createOrganisation();
      const board = await t.createUser(org, 'board');
      const other = await t.createOrganisation();
      const otherBoard = await t.createUser(other, 'board');
      const writes = Array.from({ length: 24 }, (_, i) =>
        t
          .http()
          .post(inPlan((i % 4 === 3 ? otherBoard : board).planId, 'workstreams'))
          .set(bearer(i % 4 === 3 ? otherBoard : board))
          .send({ code: `C${i}`, title: `Concurrent ${i}` }),
      );
      const results = await Promise.all(writes);
      expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
      for (const o of [org, other]) {
        const res = await verify(o).expect(200);
        expect(res.body).toMatchObject({ valid: true, eventsVerified: await eventCount(o) });
        const seqs = await t.dataSource.query<{ seq: string }[]>('SELECT seq::text AS seq FROM audit_event e WHERE organisation_id = $1 ORDER BY e.seq', [o.id]);
        expect(seqs.map((s) => Number(s.seq))).toEqual(seqs.map((_, i) => i + 1));
      }
    });

    // A child process under ts-node: slow on a loaded machine.
    it('is checked by `npm run cli -- verify-audit`, which exits 1 naming the broken organisation', async () => {
      const clean = await organisationWithHistory(4);
      const broken = await organisationWithHistory(6);
      await asInsider("UPDATE audit_event SET action = 'rewritten' WHERE organisation_id = $1 AND seq = 3", [broken.id]);
      const env = { ...process.env, DATABASE_URL: t.config.DATABASE_URL, REDIS_URL: t.config.REDIS_URL, LOG_LEVEL: 'silent' };
      const cli = ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', 'verify-audit'];
      const all = await run('node', cli, { env, timeout: 170_000 }).catch((e: { code: number; stdout: string }) => e);
      expect((all as { code: number }).code).toBe(1);
      expect((all as { stdout: string }).stdout).toMatch(new RegExp(`^BROKEN +${broken.id}: at seq 3 \\(event [0-9a-f-]{36}\\): hash: expected [0-9a-f]{64}, found [0-9a-f]{64}`, 'm'));
      expect((all as { stdout: string }).stdout).toMatch(new RegExp(`^ok +${clean.id}: \\d+ event\\(s\\), head seq \\d+ hash [0-9a-f]{64}$`, 'm'));
    }, 180_000);
  });
});
