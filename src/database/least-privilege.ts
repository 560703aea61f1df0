import { DataSource } from 'typeorm';

/** The application connects with more power than DML: it could rewrite or disable the audit trail. */
export class UnsafeDatabaseRoleError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `DATABASE_URL logs in with more than the application needs: ${problems.join('; ')}. ` +
        'Connect as a role with DML only and run migrations as the owner role (MIGRATION_DATABASE_URL); see README, "Database roles".',
    );
    this.name = 'UnsafeDatabaseRoleError';
  }
}

/**
 * What the connected role can do beyond what the application needs (README, "Database roles"):
 * empty for the application's role; a superuser, the schema's owner (or a member of it) or a role
 * that may rewrite the audit trail or create objects is named here.
 */
export async function leastPrivilegeProblems(dataSource: DataSource): Promise<string[]> {
  const [row] = await dataSource.query<PrivilegeRow[]>(`
    SELECT current_user AS role, r.rolsuper AS superuser, r.rolbypassrls AS bypass_rls,
           pg_has_role(current_user, c.relowner, 'USAGE') AS owner_privileges,
           has_table_privilege(c.oid, 'UPDATE') OR has_table_privilege(c.oid, 'DELETE') OR has_table_privilege(c.oid, 'TRUNCATE') AS rewrite_audit,
           has_schema_privilege('public', 'CREATE') AS create_in_schema,
           has_database_privilege(current_database(), 'CREATE') AS create_schemas
      FROM pg_roles r, pg_class c
     WHERE r.rolname = current_user AND c.oid = 'public.audit_event'::regclass`);
  const problems: string[] = [];
  if (row.superuser) problems.push(`${row.role} is a superuser`);
  if (row.bypass_rls) problems.push(`${row.role} bypasses row security`);
  if (row.owner_privileges) problems.push(`${row.role} owns the schema's tables (or holds the owner's privileges)`);
  if (row.rewrite_audit) problems.push(`${row.role} may UPDATE, DELETE or TRUNCATE audit_event`);
  if (row.create_in_schema) problems.push(`${row.role} may create objects in schema public`);
  if (row.create_schemas) problems.push(`${row.role} may create schemas in the database`);
  return problems;
}

interface PrivilegeRow {
  role: string;
  superuser: boolean;
  bypass_rls: boolean;
  owner_privileges: boolean;
  rewrite_audit: boolean;
  create_in_schema: boolean;
  create_schemas: boolean;
}
