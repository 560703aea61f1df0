import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (functions, a trigger, a backfill, grants): makes the audit trail tamper-evident.
 *
 * Each organisation's events form a chain: `seq` numbers them 1, 2, 3..., `prev_hash` is the
 * previous event's `hash`, and `hash` is the SHA-256 of the event's canonical form (every column,
 * `prev_hash` included; the format is `canonicalAuditEvent` in src/audit/chain/audit-chain.ts,
 * which the verifier recomputes independently). A BEFORE INSERT trigger, SECURITY DEFINER and
 * owned by the schema owner, sets all three and `occurred_at` itself, whatever the client sends:
 * - it takes a per-organisation transaction lock, so concurrent writers queue (until commit)
 *   instead of forking the chain; a unique (organisation_id, seq) index backs that up;
 * - `occurred_at` is the server's clock (to the millisecond), never earlier than the previous
 *   event's, so neither a forged time nor a back-dated insert can enter the chain unnoticed.
 * Existing events are chained in (occurred_at, id) order, their times cut to the millisecond.
 * The application's role keeps only SELECT and INSERT on the table (no UPDATE, DELETE, TRUNCATE).
 * This must stay the last BEFORE INSERT trigger on audit_event (triggers fire in name order):
 * a later one changing a column would break the hash it computed.
 */
export class AuditHashChain1763900001101 implements MigrationInterface {
  name = 'AuditHashChain1763900001101';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE audit_event ADD "seq" bigint, ADD "prev_hash" character(64), ADD "hash" character(64)`);

    // One line per field, "name:<bytes>:<value>" or "name:-" for NULL: unambiguous whatever the values hold.
    await queryRunner.query(`
      CREATE FUNCTION audit_event_field(name text, value text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT name || ':' || CASE WHEN value IS NULL THEN '-' ELSE octet_length(convert_to(value, 'UTF8')) || ':' || value END || E'\\n'
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION audit_event_hash(
        organisation_id uuid, seq bigint, prev_hash text, id uuid, occurred_at timestamptz, actor_id uuid, actor_kind text,
        entity_type text, entity_id uuid, action text, changes jsonb, request_id text
      ) RETURNS text
      LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, public AS $$
        SELECT encode(sha256(convert_to(
          E'audit_event v1\\n'
          || audit_event_field('organisation_id', organisation_id::text)
          || audit_event_field('seq', seq::text)
          || audit_event_field('prev_hash', prev_hash)
          || audit_event_field('id', id::text)
          || audit_event_field('occurred_at', to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))
          || audit_event_field('actor_id', actor_id::text)
          || audit_event_field('actor_kind', actor_kind)
          || audit_event_field('entity_type', entity_type)
          || audit_event_field('entity_id', entity_id::text)
          || audit_event_field('action', action)
          || audit_event_field('changes', changes::text)
          || audit_event_field('request_id', request_id),
          'UTF8')), 'hex')
      $$`);

    await queryRunner.query(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only`);
    await queryRunner.query(`UPDATE audit_event SET occurred_at = date_trunc('milliseconds', occurred_at) WHERE occurred_at <> date_trunc('milliseconds', occurred_at)`);
    await queryRunner.query(`
      DO $$
      DECLARE
        e record;
        org uuid;
        n bigint;
        prev text;
      BEGIN
        FOR e IN SELECT * FROM audit_event ORDER BY organisation_id, occurred_at, id LOOP
          IF org IS DISTINCT FROM e.organisation_id THEN
            org := e.organisation_id;
            n := 0;
            prev := repeat('0', 64);
          END IF;
          n := n + 1;
          UPDATE audit_event
             SET seq = n, prev_hash = prev,
                 hash = audit_event_hash(e.organisation_id, n, prev, e.id, e.occurred_at, e.actor_id, e.actor_kind,
                                         e.entity_type, e.entity_id, e.action, e.changes, e.request_id)
           WHERE id = e.id
          RETURNING hash INTO prev;
        END LOOP;
      END
      $$`);
    await queryRunner.query(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only`);
    await queryRunner.query(`ALTER TABLE audit_event ALTER "seq" SET NOT NULL, ALTER "prev_hash" SET NOT NULL, ALTER "hash" SET NOT NULL`);
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_7aa032add80dd1b1bfff73c764" ON audit_event ("organisation_id", "seq")`);

    await queryRunner.query(`
      CREATE FUNCTION audit_event_chain() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
      DECLARE
        head record;
      BEGIN
        -- One writer per organisation at a time, held until commit: the next writer reads this head.
        PERFORM pg_advisory_xact_lock(hashtextextended('audit_event_chain:' || NEW.organisation_id::text, 0));
        SELECT e.seq, e.hash, e.occurred_at INTO head
          FROM public.audit_event e
         WHERE e.organisation_id = NEW.organisation_id
         ORDER BY e.seq DESC
         LIMIT 1;
        NEW.seq := coalesce(head.seq, 0) + 1;
        NEW.prev_hash := coalesce(head.hash, repeat('0', 64));
        NEW.occurred_at := greatest(date_trunc('milliseconds', clock_timestamp()), head.occurred_at);
        NEW.hash := public.audit_event_hash(NEW.organisation_id, NEW.seq, NEW.prev_hash, NEW.id, NEW.occurred_at, NEW.actor_id,
                                            NEW.actor_kind, NEW.entity_type, NEW.entity_id, NEW.action, NEW.changes, NEW.request_id);
        RETURN NEW;
      END;
      $$`);
    await queryRunner.query(`REVOKE ALL ON FUNCTION audit_event_chain() FROM PUBLIC`);
    await queryRunner.query(`
      CREATE TRIGGER audit_event_chain BEFORE INSERT ON audit_event
      FOR EACH ROW EXECUTE FUNCTION audit_event_chain()`);

    // The application may read and append, nothing else (it never had TRUNCATE, REFERENCES or TRIGGER).
    await queryRunner.query(`
      DO $$
      DECLARE
        grantee text;
      BEGIN
        FOR grantee IN
          SELECT DISTINCT g.grantee FROM information_schema.role_table_grants g
           WHERE g.table_schema = 'public' AND g.table_name = 'audit_event' AND g.grantee <> current_user
             AND g.privilege_type IN ('UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER')
        LOOP
          EXECUTE format('REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON audit_event FROM %I', grantee);
        END LOOP;
      END
      $$`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const [{ app }] = (await queryRunner.query(`SELECT quote_ident(current_setting('tracker.app_role', true)) AS app`)) as { app: string | null }[];
    if (app) await queryRunner.query(`GRANT UPDATE, DELETE ON audit_event TO ${app}`);
    await queryRunner.query(`DROP TRIGGER audit_event_chain ON audit_event`);
    await queryRunner.query(`DROP FUNCTION audit_event_chain()`);
    await queryRunner.query(`DROP INDEX "IDX_7aa032add80dd1b1bfff73c764"`);
    await queryRunner.query(`DROP FUNCTION audit_event_hash(uuid, bigint, text, uuid, timestamptz, uuid, text, text, uuid, text, jsonb, text)`);
    await queryRunner.query(`DROP FUNCTION audit_event_field(text, text)`);
    await queryRunner.query(`ALTER TABLE audit_event DROP "hash", DROP "prev_hash", DROP "seq"`);
  }
}
