import { MigrationInterface, QueryRunner } from 'typeorm';

/** The chain trigger's body, with the hash function and version it stamps (see AuditHashChain). */
function chainFunction(hashCall: string, version: number): string {
  return `
      CREATE OR REPLACE FUNCTION audit_event_chain() RETURNS trigger
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
        ${version === 2 ? 'NEW.hash_version := 2;' : ''}
        NEW.hash := ${hashCall};
        RETURN NEW;
      END;
      $$`;
}

const V1_CALL = `public.audit_event_hash(NEW.organisation_id, NEW.seq, NEW.prev_hash, NEW.id, NEW.occurred_at, NEW.actor_id,
                                            NEW.actor_kind, NEW.entity_type, NEW.entity_id, NEW.action, NEW.changes, NEW.request_id)`;
const V2_CALL = `public.audit_event_hash_v2(NEW.organisation_id, NEW.seq, NEW.prev_hash, NEW.id, NEW.occurred_at, NEW.actor_id,
                                               NEW.actor_kind, NEW.entity_type, NEW.entity_id, NEW.action, NEW.changes, NEW.request_id,
                                               NEW.actor_name, NEW.actor_role)`;

/**
 * Generated (three columns), then hand-written (a hash function, the chain trigger's body):
 * audit events name their actor, as they were when the event was written (name and role), and
 * both are inside the tamper-evident hash.
 * - New events are hashed in canonical form version 2 ("audit_event v2": the version-1 lines, then
 *   actor_name and actor_role) and say so in `hash_version`; events written before keep their
 *   version-1 hash (hash_version defaults to 1), so the existing chain still verifies.
 * - The verifier (src/audit/chain/audit-chain.ts) recomputes either form byte for byte.
 * - The trigger stays the last BEFORE INSERT trigger on audit_event and sets hash_version itself,
 *   so a client cannot choose the form.
 * Down puts the version-1 trigger back; events written meanwhile keep version-2 hashes, which
 * cannot be verified once the name columns are gone.
 */
export class AuditActorName1763900001301 implements MigrationInterface {
  name = 'AuditActorName1763900001301';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_event" ADD "actor_name" character varying(200)`);
    await queryRunner.query(`ALTER TABLE "audit_event" ADD "actor_role" character varying(20)`);
    await queryRunner.query(`ALTER TABLE "audit_event" ADD "hash_version" smallint NOT NULL DEFAULT '1'`);

    await queryRunner.query(`
      CREATE FUNCTION audit_event_hash_v2(
        organisation_id uuid, seq bigint, prev_hash text, id uuid, occurred_at timestamptz, actor_id uuid, actor_kind text,
        entity_type text, entity_id uuid, action text, changes jsonb, request_id text, actor_name text, actor_role text
      ) RETURNS text
      LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, public AS $$
        SELECT encode(sha256(convert_to(
          E'audit_event v2\\n'
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
          || audit_event_field('request_id', request_id)
          || audit_event_field('actor_name', actor_name)
          || audit_event_field('actor_role', actor_role),
          'UTF8')), 'hex')
      $$`);
    await queryRunner.query(chainFunction(V2_CALL, 2));
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(chainFunction(V1_CALL, 1));
    await queryRunner.query(
      `DROP FUNCTION audit_event_hash_v2(uuid, bigint, text, uuid, timestamptz, uuid, text, text, uuid, text, jsonb, text, text, text)`,
    );
    await queryRunner.query(`ALTER TABLE "audit_event" DROP COLUMN "hash_version"`);
    await queryRunner.query(`ALTER TABLE "audit_event" DROP COLUMN "actor_role"`);
    await queryRunner.query(`ALTER TABLE "audit_event" DROP COLUMN "actor_name"`);
  }
}
