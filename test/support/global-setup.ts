import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { databaseExists, dropDatabase, templateName, TEST_PG_BASE, withAdminClient } from './databases';

/**
 * Builds the migrated template database once per migration set (reused while migrations are
 * unchanged). Runs the real migrations through the TypeORM CLI, as a deploy would.
 */
export default async function globalSetup(): Promise<void> {
  const template = templateName();
  if (await databaseExists(template)) return;
  const building = `${template}_building_${process.pid}`;
  await withAdminClient((c) => c.query(`CREATE DATABASE "${building}"`));
  try {
    execFileSync(join('node_modules', '.bin', 'typeorm-ts-node-commonjs'), ['-d', 'src/database/data-source.ts', 'migration:run'], {
      cwd: join(__dirname, '..', '..'),
      env: { ...process.env, DATABASE_URL: `${TEST_PG_BASE}/${building}`, LOG_LEVEL: 'silent' },
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
