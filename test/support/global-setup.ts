import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { appDatabaseUrl, createEmptyDatabase, databaseExists, dropDatabase, ensureTestRoles, ownerDatabaseUrl, templateName, withAdminClient } from './databases';

/**
 * Builds the migrated template database once per migration set (reused while migrations are
 * unchanged). Runs the real migrations through the TypeORM CLI as the owner role, as a deploy
 * would, so the template holds the production grants: tests clone it and connect as the
 * application's role.
 */
export default async function globalSetup(): Promise<void> {
  await ensureTestRoles();
  const template = templateName();
  if (await databaseExists(template)) return;
  const building = `${template}_building_${process.pid}`;
  await createEmptyDatabase(building);
  try {
    execFileSync(join('node_modules', '.bin', 'typeorm-ts-node-commonjs'), ['-d', 'src/database/data-source.ts', 'migration:run'], {
      cwd: join(__dirname, '..', '..'),
      env: { ...process.env, MIGRATION_DATABASE_URL: ownerDatabaseUrl(building), DATABASE_URL: appDatabaseUrl(building), LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    // Rename into place only when complete, so a half-migrated template is never cloned.
    await withAdminClient((c) => c.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`)).catch(async (e: Error) => {
      if (!(await databaseExists(template))) throw e; // another run won the race: fine
    });
  } finally {
    await dropDatabase(building);
  }
}
