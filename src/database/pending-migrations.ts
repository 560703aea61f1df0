import { DataSource, DataSourceOptions } from 'typeorm';

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

/** Checked before a process starts any module, so no queue consumer runs on a schema that is behind. */
export async function assertSchemaCurrent(options: DataSourceOptions): Promise<void> {
  const dataSource = new DataSource({ ...options, extra: { max: 1 } });
  await dataSource.initialize();
  try {
    await assertNoPendingMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
