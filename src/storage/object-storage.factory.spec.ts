import * as path from 'node:path';
import type { ObjectStorageConfig } from './object-storage.factory';

/**
 * The S3 driver (and with it the AWS SDK) is loaded only when STORAGE_DRIVER=s3. Here the driver's
 * file is replaced by one that fails as it loads, so the test sees whether a local-disk start reads it.
 */
describe('createObjectStorage', () => {
  const LOCAL: ObjectStorageConfig = {
    STORAGE_DRIVER: 'local',
    DATA_DIR: '/var/lib/improvement-tracker',
    S3_REGION: 'eu-west-2',
    S3_FORCE_PATH_STYLE: false,
  };
  const S3: ObjectStorageConfig = {
    ...LOCAL,
    STORAGE_DRIVER: 's3',
    S3_ENDPOINT: 'http://127.0.0.1:9000',
    S3_BUCKET: 'evidence',
    S3_ACCESS_KEY_ID: 'key',
    S3_SECRET_ACCESS_KEY: 'secret',
  };

  /** The storage `config` gives, with the S3 driver's file made to throw if it is loaded (unless `allowS3`). */
  function create(config: ObjectStorageConfig, allowS3: boolean) {
    let storage: unknown;
    jest.isolateModules(() => {
      if (allowS3) {
        // A mock set by an earlier test stays until it is taken back.
        jest.dontMock('./s3.storage');
      } else {
        jest.doMock('./s3.storage', () => {
          throw new Error('the S3 driver was loaded');
        });
      }
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded inside the isolated registry, after the mock
      const { createObjectStorage } = require('./object-storage.factory') as typeof import('./object-storage.factory');
      storage = createObjectStorage(config);
    });
    return storage as { constructor: { name: string }; rootDir?: string };
  }

  afterEach(() => jest.resetModules());

  it('local disk: stores under DATA_DIR/evidence and never loads the S3 driver', () => {
    const storage = create(LOCAL, false);
    expect(storage.constructor.name).toBe('LocalDiskStorage');
    expect(storage.rootDir).toBe(path.join(LOCAL.DATA_DIR, 'evidence'));
  });

  it('s3: loads the S3 driver when chosen', () => {
    expect(create(S3, true).constructor.name).toBe('S3Storage');
  });

  it('the guard works: choosing s3 with the driver made to throw fails', () => {
    expect(() => create(S3, false)).toThrow('the S3 driver was loaded');
  });

  it('s3 without a bucket or keys is refused, naming the setting', () => {
    expect(() => create({ ...S3, S3_BUCKET: undefined }, true)).toThrow('S3_BUCKET is required when STORAGE_DRIVER=s3');
  });
});
