import * as path from 'node:path';
import { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { LocalDiskStorage } from './local-disk.storage';
import { OBJECT_STORAGE, ObjectStorage } from './object-storage';
import { S3Storage } from './s3.storage';

export type ObjectStorageConfig = Pick<
  AppConfig,
  'STORAGE_DRIVER' | 'DATA_DIR' | 'S3_ENDPOINT' | 'S3_REGION' | 'S3_BUCKET' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_FORCE_PATH_STYLE'
>;

/** Local disk under `<DATA_DIR>/evidence`, or S3 when `STORAGE_DRIVER=s3` (config validation guarantees the S3 settings). */
export function createObjectStorage(config: ObjectStorageConfig): ObjectStorage {
  if (config.STORAGE_DRIVER === 's3') {
    return new S3Storage({
      endpoint: config.S3_ENDPOINT,
      region: config.S3_REGION,
      bucket: required(config.S3_BUCKET, 'S3_BUCKET'),
      accessKeyId: required(config.S3_ACCESS_KEY_ID, 'S3_ACCESS_KEY_ID'),
      secretAccessKey: required(config.S3_SECRET_ACCESS_KEY, 'S3_SECRET_ACCESS_KEY'),
      forcePathStyle: config.S3_FORCE_PATH_STYLE,
    });
  }
  return new LocalDiskStorage(path.join(config.DATA_DIR, 'evidence'));
}

/** Registered once, by StorageModule; needs the global ConfigModule. */
export const objectStorageProvider: Provider = {
  provide: OBJECT_STORAGE,
  useFactory: (config: AppConfig) => createObjectStorage(config),
  inject: [APP_CONFIG],
};

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required when STORAGE_DRIVER=s3`);
  return value;
}
