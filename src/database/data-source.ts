import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { migrationOptions } from './typeorm-options';

/** The data source the TypeORM CLI uses (migration:generate / run / revert): the owner role, MIGRATION_DATABASE_URL. */
export default new DataSource(migrationOptions(loadConfig()));
