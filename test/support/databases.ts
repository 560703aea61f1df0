import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { databaseRole, loadConfig } from '../../src/config/app-config';

/**
 * Where tests find PostgreSQL and Redis, and as whom they connect (README, "Database roles"):
 * - the application under test logs in as the application's role (the user of DATABASE_URL,
 *   default tracker_app), with DML only, exactly as in production;
 * - the template database is migrated as the owner role (the user of MIGRATION_DATABASE_URL,
 *   default tracker_owner), which owns every object in it and in each clone;
 * - databases are created and dropped by a superuser (TEST_ADMIN_DATABASE_URL, default the
 *   postgres user on the same server).
 * The roles are cluster-wide and shared by every test database; only the database name differs.
 */
const urls = loadConfig({ DATABASE_URL: process.env.DATABASE_URL, MIGRATION_DATABASE_URL: process.env.MIGRATION_DATABASE_URL });
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
export const TEST_APP_ROLE = databaseRole(urls.DATABASE_URL) ?? 'tracker_app';
export const TEST_OWNER_ROLE = databaseRole(urls.MIGRATION_DATABASE_URL) ?? 'tracker_owner';
const TEST_ADMIN_URL = process.env.TEST_ADMIN_DATABASE_URL ?? withDatabase(withUser(urls.DATABASE_URL, 'postgres', ''), 'postgres');

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

function withUser(url: string, user: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/** The URL the application uses for a test database (the application's role). */
export const appDatabaseUrl = (database: string): string => withDatabase(urls.DATABASE_URL, database);
/** The URL of the owner role for a test database (migrations, and tests that play a hostile owner or need ANALYZE). */
export const ownerDatabaseUrl = (database: string): string => withDatabase(urls.MIGRATION_DATABASE_URL, database);
/** The superuser's URL for one test database (to LOAD a server module such as auto_explain, say). */
export const adminDatabaseUrl = (database: string): string => withDatabase(TEST_ADMIN_URL, database);
/** The database a URL names. */
export const databaseOf = (url: string): string => decodeURIComponent(new URL(url).pathname.slice(1));

const MIGRATIONS_DIR = join(__dirname, '..', '..', 'src', 'database', 'migrations');

/** The template's name changes whenever a migration (or a role it grants to) changes, so a stale template is never used. */
export function templateName(): string {
  const hash = createHash('sha256').update(`${TEST_OWNER_ROLE}\n${TEST_APP_ROLE}\n`);
  for (const f of readdirSync(MIGRATIONS_DIR).sort()) hash.update(f).update(readFileSync(join(MIGRATIONS_DIR, f)));
  return `it_tpl_${hash.digest('hex').slice(0, 12)}`;
}

export async function withAdminClient<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  return withClient(TEST_ADMIN_URL, fn);
}

export async function withClient<T>(connectionString: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/**
 * Creates the owner and application roles when they are missing (as `npm run services` does), so
 * `npx jest <file>` works on a cluster that has never seen them. Refuses roles that could bypass
 * the database's own rules: the tests must prove what the application's role cannot do.
 */
export async function ensureTestRoles(): Promise<void> {
  await withAdminClient(async (c) => {
    for (const url of [urls.MIGRATION_DATABASE_URL, urls.DATABASE_URL]) {
      const role = databaseRole(url)!;
      const password = decodeURIComponent(new URL(url).password);
      const exists = (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role])).rowCount === 1;
      if (!exists) {
        const withPassword = password ? ` PASSWORD ${c.escapeLiteral(password)}` : '';
        await c.query(`CREATE ROLE ${c.escapeIdentifier(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS${withPassword}`).catch((e: { code?: string }) => {
          if (e.code !== '42710') throw e; // created by a parallel run at the same moment
        });
      }
    }
    const { rows } = await c.query<{ rolname: string }>('SELECT rolname FROM pg_roles WHERE rolname = ANY($1) AND (rolsuper OR rolbypassrls)', [[TEST_APP_ROLE, TEST_OWNER_ROLE]]);
    if (rows.length) throw new Error(`Test roles must not be superusers: ${rows.map((r) => r.rolname).join(', ')} (set DATABASE_URL and MIGRATION_DATABASE_URL).`);
    if (TEST_APP_ROLE === TEST_OWNER_ROLE) throw new Error('DATABASE_URL and MIGRATION_DATABASE_URL must log in as different roles.');
  });
}

export async function databaseExists(name: string): Promise<boolean> {
  return withAdminClient(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
}

/** An empty database owned by the owner role (for the template, or a test of an unmigrated schema). */
export async function createEmptyDatabase(name: string): Promise<void> {
  await withAdminClient((c) => c.query(`CREATE DATABASE ${c.escapeIdentifier(name)} OWNER ${c.escapeIdentifier(TEST_OWNER_ROLE)}`));
}

/**
 * A fresh database for one test file, cloned from the migrated template (fast: a file copy), or
 * from another database (`template`: a bench's seeded copy). The clone keeps the template's catalog:
 * every object owned by the owner role, the application role's grants and the owner's default
 * privileges. Returns the application role's URL.
 */
export async function createDatabaseFromTemplate(name: string, template = templateName()): Promise<string> {
  await withAdminClient(async (c) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)} TEMPLATE ${c.escapeIdentifier(template)} OWNER ${c.escapeIdentifier(TEST_OWNER_ROLE)}`);
        return;
      } catch (e) {
        // Two files cloning at the same instant can see the template "in use" (or a bench's seeding
        // connection has not left it yet); wait and retry.
        if (attempt >= 20 || !/being accessed by other users/.test((e as Error).message)) throw e;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  });
  return appDatabaseUrl(name);
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`));
}
