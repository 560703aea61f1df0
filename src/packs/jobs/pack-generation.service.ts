import { Inject, Injectable, Optional } from '@nestjs/common';
import { createHash, randomUUID, type Hash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { CLOCK, type Clock } from '../../common/clock/clock';
import { compareDates, londonToday } from '../../common/dates/calendar-date';
import { OBJECT_STORAGE, StorageException, type ObjectStorage } from '../../storage/object-storage';
import type { GeneratePackPayload } from '../../queue/queues';
import { RagComputeService } from '../../rag/compute/rag-compute.service';
import type { PackEntity } from '../entities/pack.entity';
import { buildPackModel } from '../model/build-pack-model';
import type { PackModel } from '../model/pack-model';
import type { PublicationCheck } from '../publication/publication-check';
import { renderChartImages, type ChartImage } from '../render/charts';
import { renderFormatTo } from '../render/render-pack';
import { PackRenderThreadService } from './pack-render-thread.service';
import { PacksRepository, type PackFileWrite } from '../packs.repository';
import { PackSourceLoader } from '../source/pack-source.loader';
import { packContentHash } from './content-hash';
import { collectGarbage } from './collect-garbage';
import { noteTransientBytes } from '../../storage/transient-buffers';
import { PACK_FORMAT_INFO, PACK_FORMATS, type PackFormat } from '../../vocabulary/pack-format';

/**
 * Where a pack's file lives: one key per attempt and format. Two runs of one pack never write, or
 * delete, each other's files; a failed attempt deletes its own, and the orphan sweeper removes
 * those of an attempt killed outright (no row refers to them).
 */
export const packStorageKey = (organisationId: string, packId: string, attemptToken: string, format: PackFormat): string =>
  `packs/${organisationId}/${packId}/${attemptToken}/${format}`;

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
  /**
   * `superseded`: another run of the pack started while this one was building it (a stalled job
   * handed to a second worker); this run's files were deleted and the other run finishes the pack.
   */
  | { outcome: 'skipped'; packId: string; reason: 'pack-not-found' | 'already-ready' | 'superseded' }
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

/** Rendered in the render thread when there is one: the PDF takes longer than the other three together. */
const THREAD_FORMATS: readonly PackFormat[] = ['pdf'];
/** Here, smallest working set first (V8 keeps the heap a renderer grew to). */
const RENDER_ORDER: readonly PackFormat[] = ['json', 'xlsx', 'docx', 'pdf'];

/** One file on its way to storage: streamed as blocks arrive, hashed and counted as it goes. */
class StoredOutput {
  private readonly stream = new PassThrough({ highWaterMark: 1 << 20 });
  private readonly hash: Hash = createHash('sha256');
  private digest: string | null = null;
  private failed = false;
  sizeBytes = 0;
  /** Resolves once the object is durable; rejects if storage fails (or the output is discarded). */
  readonly stored: Promise<void>;

  constructor(
    private readonly storage: ObjectStorage,
    readonly key: string,
    readonly contentType: string,
  ) {
    // Errors reach the caller through `stored` (storage's own) or the render that failed.
    this.stream.on('error', () => undefined);
    this.stored = storage.put(key, this.stream, { contentType });
    // Awaited (or discarded) later; until then a storage failure must not go unhandled.
    this.stored.catch(() => undefined);
  }

  write(block: Buffer): void {
    if (this.failed) return;
    this.hash.update(block);
    this.sizeBytes += block.length;
    this.stream.write(block);
    // Garbage once stored (the render thread's blocks too, once here): only a scavenge frees them, and
    // waiting for the PDF this thread makes too few objects to start one; 24 MB of them piled up.
    noteTransientBytes(block.length);
  }

  end(): void {
    if (!this.failed) this.stream.end();
  }

  sha256(): string {
    return (this.digest ??= this.hash.digest('hex'));
  }

  /** Stops the upload (storage drops a partial write) and deletes whatever was stored. */
  async discard(reason: unknown): Promise<void> {
    if (!this.failed) {
      this.failed = true;
      if (!this.stream.writableFinished) this.stream.destroy(reason instanceof Error ? reason : new Error(String(reason)));
    }
    await this.stored.catch(() => undefined);
    await this.storage.delete(this.key);
  }
}

/**
 * The model, held here until this thread has written its formats: the render thread has its own
 * copy, so this one (about 25 MB at 5,000 actions) need not stay beside it while the PDF is written.
 */
class HeldModel {
  constructor(private value: PackModel | null) {}

  get model(): PackModel {
    if (!this.value) throw new Error('The pack model has been released');
    return this.value;
  }

  release(): void {
    this.value = null;
  }
}

/** Share of the progress bar each step ends at. */
const PROGRESS = { snapshots: 10, loaded: 15, model: 20, rendered: 90, stored: 97 } as const;

/**
 * Builds one progress pack in the worker: make sure the RAG snapshots of its reporting date exist,
 * load the source from the database, build the model, render the requested formats, store the files
 * and mark the pack ready with its content hash.
 *
 * Safe to run again for the same pack: the source is read afresh, the generation time is the pack's
 * createdAt (so the same data gives the same bytes), and a pack already ready (or published) is
 * left alone. Each attempt takes the pack over with a fresh token and stores its files under it;
 * only the attempt holding the token marks the pack ready (its files' rows with it) or failed. So
 * when two runs overlap (a stalled job handed to another worker while the first resumes), the
 * older one ends 'superseded', deleting only its own files.
 */
@Injectable()
export class PackGenerationService {
  constructor(
    private readonly packs: PacksRepository,
    private readonly loader: PackSourceLoader,
    private readonly rag: RagComputeService,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    @Inject(CLOCK) private readonly clock: Clock,
    // Optional: without it (unit tests), every format renders in this thread.
    @Optional() private readonly renderThread?: PackRenderThreadService,
  ) {}

  /** Tests only: the render thread dies as it sends this format's first block. */
  crashThreadOn?: PackFormat;

  async generate(payload: GeneratePackPayload, context: PackJobContext): Promise<PackGenerationResult> {
    const { organisationId, packId } = payload;
    const pack = await this.packs.findOne(organisationId, packId);
    if (!pack) return { outcome: 'skipped', packId, reason: 'pack-not-found' };
    const token = randomUUID();
    if (pack.state === 'ready' || !(await this.packs.markGenerating(organisationId, packId, token))) {
      return { outcome: 'skipped', packId, reason: 'already-ready' };
    }
    try {
      return await this.build(pack, token, context);
    } catch (err) {
      const final = context.attempt >= context.maxAttempts;
      const reason = failureReason(err);
      await this.packs.markAttemptFailed(organisationId, packId, final ? reason : `Attempt ${context.attempt} of ${context.maxAttempts} failed, retrying: ${reason}`, final, this.clock.now(), token);
      throw err;
    }
  }

  private async build(pack: PackEntity, token: string, context: PackJobContext): Promise<PackGenerationResult> {
    const started = Date.now();
    let lastProgress = -1;
    const progress = async (percent: number) => {
      const value = Math.max(0, Math.min(100, Math.round(percent)));
      if (value === lastProgress) return;
      lastProgress = value;
      await Promise.all([this.packs.setProgress(pack.organisationId, pack.id, token, value), context.reportProgress?.(value)]);
    };
    await progress(0);

    const recomputeStarted = Date.now();
    const recomputed = await this.ensureSnapshots(pack, (p) => progress((p * PROGRESS.snapshots) / 100));
    const recomputeMs = Date.now() - recomputeStarted;
    await progress(PROGRESS.snapshots);

    const { held, actions, publicationCheck, figuresRevision, screenedTitle, loadMs, modelMs } = await this.loadModel(pack, () => progress(PROGRESS.loaded));

    const formats = PACK_FORMATS.filter((f) => pack.formats.includes(f));
    let done = 0;
    let progressChain = Promise.resolve();
    let contentHash = '';
    const { files, rows, renderMs, storeMs } = await this.renderAndStore(
      pack,
      token,
      held,
      formats,
      async (model) => {
        // The render thread has the model and is rendering the PDF: hash it here meanwhile.
        contentHash = packContentHash(model);
        await progress(PROGRESS.model);
      },
      () => {
        done += 1;
        const percent = PROGRESS.model + ((PROGRESS.rendered - PROGRESS.model) * done) / formats.length;
        progressChain = progressChain.then(() => progress(percent));
      },
    );
    await progressChain;
    await progress(PROGRESS.stored);

    // The files are stored; they stay only if their rows are written with the pack's ready state.
    const dropFiles = () => Promise.allSettled(rows.map((row) => this.storage.delete(row.storageKey)));
    let finished: boolean;
    try {
      finished = await this.packs.markReady(pack.organisationId, pack.id, token, { files: rows, contentHash, completedAt: this.clock.now(), publicationCheck, figuresRevision, screenedTitle });
    } catch (err) {
      await dropFiles();
      throw err;
    }
    if (!finished) {
      // Another run took the pack over while this one built it: it makes the pack, with its own files.
      await dropFiles();
      return { outcome: 'skipped', packId: pack.id, reason: 'superseded' };
    }
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
   * Loads the source and builds the model. A function of its own so that the source's rows are
   * garbage once it returns: only the model is needed from here on. Loaded in build() itself, they
   * stayed reachable from its suspended frame until the pack was stored, beside the renderers.
   */
  private async loadModel(
    pack: PackEntity,
    onLoaded: () => Promise<void>,
  ): Promise<{ held: HeldModel; actions: number; publicationCheck: PublicationCheck | null; figuresRevision: number; screenedTitle: string | null; loadMs: number; modelMs: number }> {
    const loadStarted = Date.now();
    const { source, check, figuresRevision } = await this.loader.loadChecked(pack);
    const loadMs = Date.now() - loadStarted;
    await onLoaded();
    const modelStarted = Date.now();
    const held = new HeldModel(buildPackModel(source));
    // A scrutiny pack's title as its files print it (screened for names like every free-text field):
    // the pack row takes it, so lists, the report page and e-mails show what the files show.
    const screenedTitle = pack.audience === 'scrutiny' && source.title !== undefined && source.title !== pack.title ? source.title : null;
    return { held, actions: source.actions.length, publicationCheck: check, figuresRevision, screenedTitle, loadMs, modelMs: Date.now() - modelStarted };
  }

  /**
   * Renders the formats and streams each to storage as it is produced: the PDF in the render
   * thread (the second core), block by block as its pages are written, the others here meanwhile.
   * Each file is hashed on its way to storage; the rows for the stored files are returned, to be
   * written with the pack's ready state. If anything fails (a renderer, the thread dying, storage),
   * every file this attempt wrote is deleted before the error goes on to fail the attempt, so no
   * file is left without its row.
   */
  private async renderAndStore(
    pack: PackEntity,
    token: string,
    held: HeldModel,
    formats: PackFormat[],
    /** Runs here once the thread has been handed the model, before this thread renders. */
    whileThreadStarts: (model: PackModel) => Promise<void>,
    onRendered: (format: PackFormat) => void,
  ): Promise<{ files: GeneratedPackFile[]; rows: PackFileWrite[]; renderMs: number; storeMs: number }> {
    const started = Date.now();
    const outputs = new Map<PackFormat, StoredOutput>();
    for (const format of formats) {
      outputs.set(format, new StoredOutput(this.storage, packStorageKey(pack.organisationId, pack.id, token, format), PACK_FORMAT_INFO[format].mediaType));
    }
    const output = (format: PackFormat): StoredOutput => outputs.get(format) as StoredOutput;
    const renderTimes = new Map<PackFormat, number>();
    const finished = (format: PackFormat): void => {
      renderTimes.set(format, Date.now() - started);
      output(format).end();
      onRendered(format);
    };

    // Busy (two packs at once in one process: not the worker, which takes one at a time): render here.
    const thread = this.renderThread?.busy ? undefined : this.renderThread;
    const inThread = thread ? formats.filter((f) => THREAD_FORMATS.includes(f)) : [];
    const here = RENDER_ORDER.filter((f) => formats.includes(f) && !inThread.includes(f));
    try {
      let threadRendering = inThread.length > 0;
      const threadDone = thread
        ? thread
            .render(held.model, inThread, { onBlock: (format, block) => output(format).write(block), onDone: finished }, { crashOn: this.crashThreadOn })
            .finally(() => (threadRendering = false))
        : Promise.resolve();
      const hereDone = (async () => {
        await whileThreadStarts(held.model);
        let charts: ChartImage[] | undefined;
        const chartImages = (): ChartImage[] => (charts ??= renderChartImages(held.model));
        let last = Date.now();
        for (const format of here) {
          await renderFormatTo(held.model, format, (block) => output(format).write(block), { charts: chartImages });
          finished(format);
          renderTimes.set(format, Date.now() - last);
          last = Date.now();
          // Let the thread's blocks through to storage between formats.
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        // Done here. While the thread writes the PDF, give back what this heap grew to (the model,
        // the charts and the formats' garbage): otherwise it stays at its peak beside the thread's.
        charts = undefined;
        held.release();
        if (threadRendering) collectGarbage();
      })();
      const rendering = await Promise.allSettled([threadDone, hereDone]);
      const failed = rendering.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) {
        // The other side may still be rendering: stop the thread rather than wait for it.
        if (rendering[1].status === 'rejected') await thread?.abort();
        throw failed.reason;
      }
      const renderMs = Date.now() - started;
      const storeStarted = Date.now();
      await Promise.all([...outputs.values()].map((o) => o.stored));
      const files: GeneratedPackFile[] = [];
      const rows: PackFileWrite[] = [];
      for (const format of formats) {
        const o = output(format);
        rows.push({ organisationId: pack.organisationId, packId: pack.id, format, storageKey: o.key, contentType: o.contentType, sizeBytes: o.sizeBytes, sha256: o.sha256() });
        files.push({ format, sizeBytes: o.sizeBytes, sha256: o.sha256(), renderMs: renderTimes.get(format) ?? 0 });
      }
      return { files, rows, renderMs, storeMs: Date.now() - storeStarted };
    } catch (err) {
      // No file without its row: what this attempt stored (or half stored) goes.
      await Promise.allSettled([...outputs.values()].map((o) => o.discard(err)));
      throw err;
    }
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
