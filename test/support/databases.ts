import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';

/** Where tests find PostgreSQL and Redis: the same variables as the app, local defaults. */
export const TEST_PG_BASE = (process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres').replace(/\/[^/]*$/, '');
export const TEST_REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const MIGRATIONS_DIR = join(__dirname, '..', '..', 'src', 'database', 'migrations');

/** The template's name changes whenever a migration changes, so a stale template is never used. */
export function templateName(): string {
  const hash = createHash('sha256');
  for (const f of readdirSync(MIGRATIONS_DIR).sort()) hash.update(f).update(readFileSync(join(MIGRATIONS_DIR, f)));
  return `it_tpl_${hash.digest('hex').slice(0, 12)}`;
}

export async function withAdminClient<T>(fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: `${TEST_PG_BASE}/postgres` });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function databaseExists(name: string): Promise<boolean> {
  return withAdminClient(async (c) => (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1);
}

/** A fresh database for one test file, cloned from the migrated template (fast: a file copy). */
export async function createDatabaseFromTemplate(name: string): Promise<string> {
  const template = templateName();
  await withAdminClient(async (c) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await c.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        return;
      } catch (e) {
        // Two files cloning at the same instant can see the template "in use"; wait and retry.
        if (attempt >= 20 || !/being accessed by other users/.test((e as Error).message)) throw e;
        await new Promise((r) => setTimeout(r, 100 * attempt));
      }
    }
  });
  return `${TEST_PG_BASE}/${name}`;
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdminClient((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}
