/**
 * The limits an import file is held to, as one object so that a setting can replace any of them
 * later (the configuration reads them; these are the defaults). Every limit is checked before the
 * work it protects: the size before reading, the zip's directory before inflating, the inflated
 * sizes and cell counts before the workbook is parsed, rows and columns before rows are built.
 */
export interface ImportLimits {
  /** Largest file accepted, in bytes (xlsx or csv). Refused before reading when the size is known. */
  maxFileBytes: number;
  /** Most entries (parts) an xlsx zip may hold; a real tracker has 10 to 100. */
  maxZipEntries: number;
  /** Largest uncompressed size of any one part of an xlsx. */
  maxEntryUncompressedBytes: number;
  /** Largest uncompressed size of all parts of an xlsx together. */
  maxTotalUncompressedBytes: number;
  /**
   * Highest compression ratio (uncompressed / compressed) tolerated for a part larger than
   * `ratioCheckFromBytes`. Spreadsheet XML compresses 5 to 30 times; a zip bomb a thousand times.
   */
  maxCompressionRatio: number;
  /** Parts smaller than this are not ratio-checked (a tiny part of spaces compresses very well). */
  ratioCheckFromBytes: number;
  /** Most cells (with or without a value) in the whole workbook: bounds the parser's memory. */
  maxCells: number;
  /** Most data rows (below the header) on the sheet imported. */
  maxRows: number;
  /** Most columns on the sheet imported. */
  maxColumns: number;
  /** Longest text in one cell, in characters (Excel's own limit is 32,767). */
  maxCellChars: number;
  /** How many rows from the top are searched for the header row. */
  headerSearchRows: number;
}

const MiB = 1024 * 1024;

export const DEFAULT_IMPORT_LIMITS: Readonly<ImportLimits> = Object.freeze({
  maxFileBytes: 20 * MiB,
  maxZipEntries: 500,
  maxEntryUncompressedBytes: 64 * MiB,
  maxTotalUncompressedBytes: 128 * MiB,
  maxCompressionRatio: 100,
  ratioCheckFromBytes: 1 * MiB,
  maxCells: 300_000,
  maxRows: 10_000,
  maxColumns: 200,
  maxCellChars: 32_767,
  headerSearchRows: 20,
});

/** The defaults with a caller's changes (tests lower them; settings may raise them). */
export function importLimits(overrides?: Partial<ImportLimits>): ImportLimits {
  return { ...DEFAULT_IMPORT_LIMITS, ...overrides };
}
