import { DataSource, DataSourceOptions } from 'typeorm';
import { leastPrivilegeProblems, UnsafeDatabaseRoleError } from './least-privilege';

export class PendingMigrationsError extends Error {
  constructor(readonly pending: string[]) {
    super(
      `The database schema is behind: ${pending.length} migration(s) pending (${pending.join(', ')}). ` +
        'Run `npm run migration:run` before starting the API or the worker.',
    );
    this.name = 'PendingMigrationsError';
  }
}

/** Refuse to start on a schema that is behind (or half-migrated). */
export async function assertNoPendingMigrations(dataSource: DataSource): Promise<void> {
  const executed = await dataSource
    .query<{ name: string }[]>('SELECT name FROM migrations')
    .then((rows) => new Set(rows.map((r) => r.name)))
    .catch(() => new Set<string>());
  const pending = dataSource.migrations.map((m) => m.name ?? m.constructor.name).filter((name) => !executed.has(name));
  if (pending.length > 0) throw new PendingMigrationsError(pending);
}

/**
 * Checked before a process starts any module, so no queue consumer runs on a schema that is
 * behind. Then the role: one that can do more than DML (a superuser, the schema's owner) is
 * refused in production and warned about elsewhere.
 */
export async function assertSchemaCurrent(options: DataSourceOptions, unsafeRole: 'refuse' | 'warn' = 'warn'): Promise<void> {
  const dataSource = new DataSource({ ...options, extra: { max: 1 } });
  await dataSource.initialize();
  try {
    await assertNoPendingMigrations(dataSource);
    const problems = await leastPrivilegeProblems(dataSource);
    if (problems.length > 0) {
      const error = new UnsafeDatabaseRoleError(problems);
      if (unsafeRole === 'refuse') throw error;
      process.stderr.write(`WARNING: ${error.message}\n`);
    }
  } finally {
    await dataSource.destroy();
  }
}
