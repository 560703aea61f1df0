import { Inject, Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { CLOCK, type Clock } from '../../common/clock/clock';
import { compareDates, londonToday } from '../../common/dates/calendar-date';
import { OBJECT_STORAGE, StorageException, type ObjectStorage } from '../../storage/object-storage';
import type { GeneratePackPayload } from '../../queue/queues';
import { RagComputeService } from '../../rag/compute/rag-compute.service';
import type { PackEntity } from '../entities/pack.entity';
import { buildPackModel } from '../model/build-pack-model';
import type { PackSource } from '../model/pack-source';
import { renderPack } from '../render/render-pack';
import { PacksRepository } from '../packs.repository';
import { PackSourceLoader } from '../source/pack-source.loader';
import { packContentHash, sha256Hex } from './content-hash';
import { PACK_FORMATS, type PackFormat } from '../../vocabulary/pack-format';

/** Where a pack's file lives: one key per pack and format, so a retry overwrites rather than adds. */
export const packStorageKey = (organisationId: string, packId: string, format: PackFormat): string => `packs/${organisationId}/${packId}/${format}`;

export interface PackJobContext {
  jobId: string;
  /** 1-based: the attempt running now. */
  attempt: number;
  maxAttempts: number;
  /** The queue job's progress (the pack row's progress column is written here). */
  reportProgress?: (percent: number) => Promise<void>;
}

export interface GeneratedPackFile {
  format: PackFormat;
  sizeBytes: number;
  sha256: string;
  renderMs: number;
}

export type PackGenerationResult =
  | { outcome: 'skipped'; packId: string; reason: 'pack-not-found' | 'already-ready' }
  | {
      outcome: 'generated';
      packId: string;
      asOf: string;
      audience: string;
      contentHash: string;
      actions: number;
      /** Whether the RAG snapshots of asOf had to be computed first. */
      recomputed: boolean;
      files: GeneratedPackFile[];
      timings: { recomputeMs: number; loadMs: number; modelMs: number; renderMs: number; storeMs: number; totalMs: number };
    };

/** Share of the progress bar each step ends at. */
const PROGRESS = { snapshots: 10, loaded: 15, model: 20, rendered: 90, stored: 97 } as const;

/**
 * Builds one progress pack in the worker: make sure the RAG snapshots of its reporting date exist,
 * load the source from the database, build the model, render the requested formats, store the files
 * and mark the pack ready with its content hash.
 *
 * Safe to run again for the same pack: the source is read afresh, the generation time is the pack's
 * createdAt (so the same data gives the same bytes), files go to the same keys and their rows are
 * upserted, and a pack already ready (or published) is left alone.
 */
@Injectable()
export class PackGenerationService {
  constructor(
    private readonly packs: PacksRepository,
    private readonly loader: PackSourceLoader,
    private readonly rag: RagComputeService,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async generate(payload: GeneratePackPayload, context: PackJobContext): Promise<PackGenerationResult> {
    const { organisationId, packId } = payload;
    const pack = await this.packs.findOne(organisationId, packId);
    if (!pack) return { outcome: 'skipped', packId, reason: 'pack-not-found' };
    if (pack.state === 'ready' || !(await this.packs.markGenerating(organisationId, packId))) {
      return { outcome: 'skipped', packId, reason: 'already-ready' };
    }
    try {
      return await this.build(pack, context);
    } catch (err) {
      const final = context.attempt >= context.maxAttempts;
      const reason = failureReason(err);
      await this.packs.markAttemptFailed(organisationId, packId, final ? reason : `Attempt ${context.attempt} of ${context.maxAttempts} failed, retrying: ${reason}`, final, this.clock.now());
      throw err;
    }
  }

  private async build(pack: PackEntity, context: PackJobContext): Promise<PackGenerationResult> {
    const started = Date.now();
    let lastProgress = -1;
    const progress = async (percent: number) => {
      const value = Math.max(0, Math.min(100, Math.round(percent)));
      if (value === lastProgress) return;
      lastProgress = value;
      await Promise.all([this.packs.setProgress(pack.organisationId, pack.id, value), context.reportProgress?.(value)]);
    };
    await progress(0);

    const recomputeStarted = Date.now();
    const recomputed = await this.ensureSnapshots(pack, (p) => progress((p * PROGRESS.snapshots) / 100));
    const recomputeMs = Date.now() - recomputeStarted;
    await progress(PROGRESS.snapshots);

    const loadStarted = Date.now();
    const loaded = await this.loader.loadChecked(pack);
    let source: PackSource | null = loaded.source;
    const publicationCheck = loaded.check;
    const loadMs = Date.now() - loadStarted;
    await progress(PROGRESS.loaded);

    const modelStarted = Date.now();
    const model = buildPackModel(source);
    const actions = source.actions.length;
    // Only the model is needed from here on; let the rows go before the renderers need memory.
    source = null;
    const contentHash = packContentHash(model);
    const modelMs = Date.now() - modelStarted;
    await progress(PROGRESS.model);

    const formats = PACK_FORMATS.filter((f) => pack.formats.includes(f));
    const renderStarted = Date.now();
    const renderTimes = new Map<PackFormat, number>();
    let last = renderStarted;
    const rendered = await renderPack(model, formats, {
      onRendered: async (format, index, count) => {
        const now = Date.now();
        renderTimes.set(format, now - last);
        last = now;
        await progress(PROGRESS.model + ((PROGRESS.rendered - PROGRESS.model) * (index + 1)) / count);
      },
    });
    const renderMs = Date.now() - renderStarted;

    const storeStarted = Date.now();
    const files: GeneratedPackFile[] = [];
    for (const file of rendered) {
      const key = packStorageKey(pack.organisationId, pack.id, file.format);
      const sha256 = sha256Hex(file.buffer);
      await this.storage.put(key, Readable.from(file.buffer), { contentType: file.contentType, sizeHint: file.buffer.length });
      await this.packs.upsertFile({
        organisationId: pack.organisationId,
        packId: pack.id,
        format: file.format,
        storageKey: key,
        contentType: file.contentType,
        sizeBytes: file.buffer.length,
        sha256,
      });
      files.push({ format: file.format, sizeBytes: file.buffer.length, sha256, renderMs: renderTimes.get(file.format) ?? 0 });
    }
    const storeMs = Date.now() - storeStarted;
    await progress(PROGRESS.stored);

    await this.packs.markReady(pack.organisationId, pack.id, contentHash, this.clock.now(), publicationCheck);
    await context.reportProgress?.(100);
    return {
      outcome: 'generated',
      packId: pack.id,
      asOf: pack.asOf,
      audience: pack.audience,
      contentHash,
      actions,
      recomputed,
      files,
      timings: { recomputeMs, loadMs, modelMs, renderMs, storeMs, totalMs: Date.now() - started },
    };
  }

  /**
   * The pack reads the RAG snapshots of its date. None yet (a date nobody recomputed): compute them
   * now. For today, also when an action has none yet (created since the last run), so the pack
   * counts what the dashboard counts. A past date with snapshots is left as recorded.
   */
  private async ensureSnapshots(pack: PackEntity, onProgress: (percent: number) => Promise<void>): Promise<boolean> {
    const coverage = await this.loader.snapshotCoverage(pack.organisationId, pack.planId, pack.asOf);
    const today = londonToday(this.clock.now());
    const needed = coverage.snapshots === 0 || (compareDates(pack.asOf, today) === 0 && coverage.actionsWithout > 0);
    if (!needed) return false;
    await this.rag.recomputePlan(pack.organisationId, pack.planId, pack.asOf, onProgress);
    return true;
  }
}

/**
 * What board members read on a failed pack. Storage errors carry file-system paths or bucket
 * details, which belong in the worker's log (with the job id), not in the API.
 */
export function failureReason(err: unknown): string {
  if (err instanceof StorageException) return 'The pack files could not be stored (storage failure); the worker log has the details.';
  const message = err instanceof Error ? err.message : String(err);
  return message.length > 500 ? `${message.slice(0, 497)}...` : message;
}
