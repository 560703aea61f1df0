import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { typeormOptions } from './typeorm-options';

/** The data source the TypeORM CLI uses (migration:generate / run / revert). */
export default new DataSource(typeormOptions(loadConfig()));
