/** The files a progress pack is produced as. */
export type PackFormat = 'pdf' | 'docx' | 'xlsx' | 'json';

export interface PackFormatInfo {
  key: PackFormat;
  label: string;
  description: string;
  /** The Content-Type of the file. */
  mediaType: string;
  /** The file name extension, without the dot. */
  extension: string;
}

/** In the order files are listed (and produced when no formats are named). */
export const PACK_FORMAT_INFO: Readonly<Record<PackFormat, PackFormatInfo>> = Object.freeze({
  pdf: { key: 'pdf', label: 'PDF', description: 'tagged PDF (headings, tables, alternative text) for reading and printing', mediaType: 'application/pdf', extension: 'pdf' },
  docx: {
    key: 'docx',
    label: 'Word',
    description: 'Word document with real headings, for editing into committee papers',
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extension: 'docx',
  },
  xlsx: {
    key: 'xlsx',
    label: 'Excel',
    description: 'spreadsheet tracker: summary, exceptions, every action, a sheet per workstream',
    mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
  },
  json: { key: 'json', label: 'JSON', description: 'the pack model as data, for other systems', mediaType: 'application/json', extension: 'json' },
});

export const PACK_FORMATS: readonly PackFormat[] = Object.freeze(Object.keys(PACK_FORMAT_INFO) as PackFormat[]);

export function isPackFormat(value: unknown): value is PackFormat {
  return typeof value === 'string' && Object.hasOwn(PACK_FORMAT_INFO, value);
}
