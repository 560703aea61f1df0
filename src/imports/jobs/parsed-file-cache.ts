import type { ImportParseResult } from '../import-result';

/**
 * The files this worker process parsed last, so that the commit of an import does not read the
 * file again when the same process previewed it moments before with the same choices (reading a
 * 5,000-row workbook is about a second). The key names everything the parse depends on (the
 * stored file, its hash and every option); anything else is a miss, and the commit reads the file
 * as it always could: with several worker processes, a restart or an expired entry.
 *
 * Small on purpose (the worker's heap is 384 MB): by default one entry, kept ten minutes, and only
 * for files of at most CACHED_FILE_MAX_BYTES (a parsed 5,000-row, 270 KB workbook holds about
 * 11 MB). The cached results are shared: callers must not change them (planImport does not).
 */
export const CACHED_FILE_MAX_BYTES = 5 * 1024 * 1024;

export class ParsedFileCache {
  private readonly entries = new Map<string, { result: ImportParseResult; storedAt: number }>();

  constructor(
    private readonly maxEntries = 1,
    private readonly maxAgeMs = 10 * 60_000,
  ) {}

  get(key: string, now: number): ImportParseResult | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (now - entry.storedAt > this.maxAgeMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.result;
  }

  set(key: string, result: ImportParseResult, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, { result, storedAt: now });
    // Oldest first (insertion order): drop beyond the limit.
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  /** Forgets every entry of one import run (its keys start with the run's id). */
  forgetRun(importRunId: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(`${importRunId}|`)) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
