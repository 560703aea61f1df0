import { Inject, Injectable, Logger } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock/clock';
import { APP_CONFIG, type AppConfig } from '../config/app-config';
import { IdempotencyRepository } from '../idempotency/idempotency.repository';
import { OBJECT_STORAGE, type ObjectStorage } from '../storage/object-storage';
import { StoredKeysRepository } from './stored-keys.repository';

/** Where uploads are staged before they get their content key (see stageUpload). */
const STAGING_PREFIX = 'tmp/';
/** Where stored objects live: evidence by content, pack files by pack, import files by run. Nothing else is ever swept. */
const STORED_PREFIXES = ['sha256/', 'packs/', 'imports/'];
/** Keys checked against the database at a time. */
const BATCH = 500;

export interface SweepReport {
  /** Staged uploads (`tmp/`) and half-written files removed. */
  staged: string[];
  /** Stored objects no row refers to, removed. */
  unreferenced: string[];
  /** Idempotency keys past their 24 hours, deleted. */
  idempotencyKeysExpired: number;
}

/**
 * Removes what a killed API (or a failed clean-up) left in storage: staged uploads older than
 * ORPHAN_UPLOAD_AGE_MINUTES (`tmp/`, the local driver's `.partial/`, S3's unfinished multipart
 * uploads), and stored objects older than ORPHAN_OBJECT_AGE_HOURS that no evidence or pack file row
 * refers to (an upload whose transaction rolled back after its file was promoted). The ages keep it
 * clear of uploads still in progress. Logs every key it removes. Also deletes expired idempotency keys.
 */
@Injectable()
export class OrphanSweeper {
  private readonly logger = new Logger(OrphanSweeper.name);

  constructor(
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly keys: StoredKeysRepository,
    private readonly idempotencyKeys: IdempotencyRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async sweep(): Promise<SweepReport> {
    const now = this.clock.now().getTime();
    const stagedBefore = new Date(now - this.config.ORPHAN_UPLOAD_AGE_MINUTES * 60_000);
    const storedBefore = new Date(now - this.config.ORPHAN_OBJECT_AGE_HOURS * 3_600_000);

    const staged = await this.storage.removeStalePartials(stagedBefore);
    for await (const o of this.storage.list(STAGING_PREFIX)) {
      if (o.lastModified >= stagedBefore) continue;
      await this.storage.delete(o.key);
      staged.push(o.key);
    }

    const unreferenced: string[] = [];
    for (const prefix of STORED_PREFIXES) {
      let batch: string[] = [];
      const flush = async () => {
        const kept = await this.keys.referenced(batch);
        for (const key of batch.filter((k) => !kept.has(k))) {
          await this.storage.delete(key);
          unreferenced.push(key);
        }
        batch = [];
      };
      for await (const o of this.storage.list(prefix)) {
        if (o.lastModified >= storedBefore) continue;
        batch.push(o.key);
        if (batch.length >= BATCH) await flush();
      }
      await flush();
    }

    for (const key of staged) this.logger.warn({ key, storage: this.storage.kind }, 'removed a staged upload left by an unfinished request');
    for (const key of unreferenced) this.logger.warn({ key, storage: this.storage.kind }, 'removed a stored object no row refers to');
    const idempotencyKeysExpired = await this.idempotencyKeys.deleteExpired(this.clock.now());
    this.logger.log({ staged: staged.length, unreferenced: unreferenced.length, idempotencyKeysExpired, storage: this.storage.kind }, 'orphan sweep done');
    return { staged, unreferenced, idempotencyKeysExpired };
  }
}
