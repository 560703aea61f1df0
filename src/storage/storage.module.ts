import { Module } from '@nestjs/common';
import { OBJECT_STORAGE } from './object-storage';
import { objectStorageProvider } from './object-storage.factory';

/**
 * Object storage (evidence files and pack files), provided once: every module that needs
 * OBJECT_STORAGE imports this one, so the process holds a single storage client.
 */
@Module({
  providers: [objectStorageProvider],
  exports: [OBJECT_STORAGE],
})
export class StorageModule {}
