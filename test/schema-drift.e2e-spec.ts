import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { typeormOptions } from '../src/database/typeorm-options';
import { createDatabaseFromTemplate, dropDatabase } from './support/databases';

/**
 * The entities and the migrations describe the same schema: on a database built by the migrations
 * (the test template, migrated by the TypeORM CLI as a deploy would), TypeORM's schema builder finds
 * nothing to change. An entity change merged without its migration fails here.
 */
describe('schema drift: entities vs migrations', () => {
  const databaseName = `it_schema_drift_${randomBytes(4).toString('hex')}`;
  let dataSource: DataSource;

  beforeAll(async () => {
    const url = await createDatabaseFromTemplate(databaseName);
    dataSource = new DataSource(typeormOptions(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, DATABASE_POOL_SIZE: '2' }), 'worker'));
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(databaseName);
  });

  it('has no pending migration on the migrated database', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('needs no schema change to match the entities (run `npm run migration:generate -- <Name>` if it does)', async () => {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    expect(sql.upQueries.map((q) => q.query)).toEqual([]);
  });
});
