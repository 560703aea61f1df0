import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-written (grants): the application connects as its own role with DML only, and migrations
 * run as the role that owns the schema (README, "Database roles"). This migration, run as that
 * owner, grants the application's role (the user of DATABASE_URL, passed by the migration data
 * source as the session setting tracker.app_role):
 * - SELECT, INSERT, UPDATE, DELETE on every table, USAGE and SELECT on every sequence;
 * - on `migrations` only SELECT (the processes check that none is pending);
 * - on `audit_event` only SELECT and INSERT (revoked in AuditHashChain, which also chains it);
 * - the same on tables and sequences this owner creates later (default privileges), so a new
 *   table's migration needs no grant of its own.
 * Never TRUNCATE, REFERENCES or TRIGGER, never ownership: the application cannot alter, disable
 * or drop anything.
 */
export class LeastPrivilegeApplicationRole1763900001100 implements MigrationInterface {
  name = 'LeastPrivilegeApplicationRole1763900001100';

  public async up(queryRunner: QueryRunner): Promise<void> {
    const { app, owner } = await roles(queryRunner);
    await queryRunner.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
    await queryRunner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
    await queryRunner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
    await queryRunner.query(`REVOKE INSERT, UPDATE, DELETE ON migrations FROM ${app}`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO ${app}`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const { app, owner } = await roles(queryRunner);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM ${app}`);
    await queryRunner.query(`ALTER DEFAULT PRIVILEGES FOR ROLE ${owner} IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM ${app}`);
    await queryRunner.query(`REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${app}`);
    await queryRunner.query(`REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${app}`);
  }
}

/** The application's role and the owner (this session's user), quoted as identifiers. */
async function roles(queryRunner: QueryRunner): Promise<{ app: string; owner: string }> {
  const [row] = (await queryRunner.query(
    `SELECT current_setting('tracker.app_role', true) AS app, quote_ident(current_setting('tracker.app_role', true)) AS app_ident,
            current_user AS owner, quote_ident(current_user) AS owner_ident,
            (SELECT rolsuper FROM pg_roles WHERE rolname = current_setting('tracker.app_role', true)) AS app_super`,
  )) as { app: string | null; app_ident: string | null; owner: string; owner_ident: string; app_super: boolean | null }[];
  if (!row.app) {
    throw new Error(
      "The application's role is unknown (session setting tracker.app_role). Run migrations with `npm run migration:run` " +
        '(src/database/data-source.ts), which passes the user of DATABASE_URL.',
    );
  }
  if (row.app === row.owner) {
    throw new Error(
      `DATABASE_URL and MIGRATION_DATABASE_URL both log in as ${row.owner}. The application needs a role of its own with DML only ` +
        '(README, "Database roles"; `npm run services` creates both locally).',
    );
  }
  if (row.app_super === null) throw new Error(`The application's role ${row.app} (the user of DATABASE_URL) does not exist: create it first (README, "Database roles").`);
  if (row.app_super) throw new Error(`The application's role ${row.app} is a superuser; it must be an ordinary role with DML only (README, "Database roles").`);
  return { app: row.app_ident!, owner: row.owner_ident };
}
