import { bufferSource, localHeaderEntryNames, RandomAccessSource, readZipEntryNames } from './zip-entries';

export { bufferSource } from './zip-entries';
export type { RandomAccessSource } from './zip-entries';

export interface AllowedType {
  mime: string;
  /** Without the dot; what a download of this content should be called. */
  extension: string;
  /** In the users' words, for the upload page and the 415 message. */
  label: string;
}

export type TextCharset = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface SniffedType extends AllowedType {
  /** Text types only: how the bytes are encoded (for the download's Content-Type). */
  charset?: TextCharset;
}

const PDF: AllowedType = { mime: 'application/pdf', extension: 'pdf', label: 'PDF document' };
const PNG: AllowedType = { mime: 'image/png', extension: 'png', label: 'PNG image' };
const JPEG: AllowedType = { mime: 'image/jpeg', extension: 'jpg', label: 'JPEG image' };
const DOC: AllowedType = { mime: 'application/msword', extension: 'doc', label: 'Word 97-2003 document' };
const XLS: AllowedType = { mime: 'application/vnd.ms-excel', extension: 'xls', label: 'Excel 97-2003 workbook' };
const PPT: AllowedType = { mime: 'application/vnd.ms-powerpoint', extension: 'ppt', label: 'PowerPoint 97-2003 presentation' };
const OLE: AllowedType = { mime: 'application/x-ole-storage', extension: 'ole', label: 'Office document (legacy binary format)' };
const DOCX: AllowedType = {
  mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  extension: 'docx',
  label: 'Word document',
};
const XLSX: AllowedType = {
  mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  extension: 'xlsx',
  label: 'Excel workbook',
};
const PPTX: AllowedType = {
  mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  extension: 'pptx',
  label: 'PowerPoint presentation',
};
// Macro-enabled files are typed as such (not as .docx/.xlsx, which Office would refuse to open), so the
// product can warn reviewers or drop them from this list as a policy decision.
const DOCM: AllowedType = { mime: 'application/vnd.ms-word.document.macroEnabled.12', extension: 'docm', label: 'Word document (macro-enabled)' };
const XLSM: AllowedType = { mime: 'application/vnd.ms-excel.sheet.macroEnabled.12', extension: 'xlsm', label: 'Excel workbook (macro-enabled)' };
const PPTM: AllowedType = {
  mime: 'application/vnd.ms-powerpoint.presentation.macroEnabled.12',
  extension: 'pptm',
  label: 'PowerPoint presentation (macro-enabled)',
};
const CSV: AllowedType = { mime: 'text/csv', extension: 'csv', label: 'CSV spreadsheet data' };
const TEXT: AllowedType = { mime: 'text/plain', extension: 'txt', label: 'Plain text' };

/** Every type an evidence upload may be, judged by content. Anything else is refused (415). */
export const ALLOWED_TYPES: readonly AllowedType[] = Object.freeze([
  PDF,
  PNG,
  JPEG,
  DOCX,
  XLSX,
  PPTX,
  DOCM,
  XLSM,
  PPTM,
  DOC,
  XLS,
  PPT,
  OLE,
  CSV,
  TEXT,
]);

const PDF_MAGIC = Buffer.from('%PDF-', 'latin1');
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const JPEG_MAGIC = Buffer.from([0xff, 0xd8, 0xff]);
const OLE2_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/** Names under which text content is accepted. A script or page named `.pdf`, `.html`, `.sh` is not. */
const TEXT_EXTENSIONS = new Set(['', 'txt', 'text', 'csv', 'tsv', 'log', 'md']);
/** Share of control characters tolerated in text (a stray form feed or escape in an export). */
const MAX_CONTROL_SHARE = 0.01;
const CSV_SAMPLE_LINES = 50;

/**
 * Judges an upload's type from its bytes, never from its name or declared type. The name is
 * consulted only where the content cannot say: which legacy Office application an OLE2 file belongs
 * to, and whether text is meant as CSV or is acceptable as text at all.
 *
 * `head` is the first bytes (8 KiB from `HashingStream` is plenty for every check but one). For zips,
 * the entry list decides whether this is a Word, Excel or PowerPoint file; it lives at the end of
 * the file, so pass `source` (random access to the stored object, for example
 * `storedObjectSource(storage, tempKey, size)`). Without it only the local headers within `head`
 * are read, which can miss the entries and refuse a genuine document.
 *
 * Text (CSV or plain) is accepted only under a text-like name (.txt, .csv, ... or none), encoded as
 * UTF-8, UTF-16 with a BOM, or Windows-1252 (Excel's CSV export), with no NUL and few control characters.
 *
 * Returns null for anything not in `ALLOWED_TYPES` (the caller answers 415), including empty files.
 */
export async function sniffContentType(head: Buffer, fileName: string, source?: RandomAccessSource): Promise<SniffedType | null> {
  if (head.length === 0) return null;
  if (startsWith(head, PDF_MAGIC)) return { ...PDF };
  if (startsWith(head, PNG_MAGIC)) return { ...PNG };
  if (startsWith(head, JPEG_MAGIC)) return { ...JPEG };
  if (startsWith(head, OLE2_MAGIC)) return { ...legacyOfficeType(fileName) };
  if (startsWith(head, ZIP_MAGIC)) {
    const type = await officeOpenXmlType(head, source);
    return type ? { ...type } : null;
  }
  return sniffText(head, extensionOf(fileName));
}

function legacyOfficeType(fileName: string): AllowedType {
  switch (extensionOf(fileName)) {
    case 'doc':
      return DOC;
    case 'xls':
      return XLS;
    case 'ppt':
      return PPT;
    default:
      // Still an Office container (also an Outlook .msg, or a password-protected .docx), typed generically.
      return OLE;
  }
}

async function officeOpenXmlType(head: Buffer, source?: RandomAccessSource): Promise<AllowedType | null> {
  let names: string[] | null = null;
  if (source) {
    names = await readZipEntryNames(source);
  } else {
    // The head may be the whole file; if not, its local headers are the best we have.
    names = (await readZipEntryNames(bufferSource(head))) ?? localHeaderEntryNames(head);
  }
  return names ? classifyOfficeZip(names) : null;
}

/** OOXML = a zip with `[Content_Types].xml` and the parts of Word, Excel or PowerPoint. Any other zip: null. */
export function classifyOfficeZip(entryNames: readonly string[]): AllowedType | null {
  const names = entryNames.map((n) => n.toLowerCase());
  if (!names.includes('[content_types].xml')) return null;
  const hasMacros = names.some((n) => n.endsWith('vbaproject.bin'));
  const applications: Array<{ main: string; folder: string; plain: AllowedType; macro: AllowedType }> = [
    { main: 'word/document.xml', folder: 'word/', plain: DOCX, macro: DOCM },
    { main: 'xl/workbook.xml', folder: 'xl/', plain: XLSX, macro: XLSM },
    { main: 'ppt/presentation.xml', folder: 'ppt/', plain: PPTX, macro: PPTM },
  ];
  // The main part decides; the folder alone is the fallback for producers that name the part differently.
  const match =
    applications.find((a) => names.includes(a.main)) ?? applications.find((a) => names.some((n) => n.startsWith(a.folder)));
  if (!match) return null;
  return hasMacros ? match.macro : match.plain;
}

function sniffText(head: Buffer, extension: string): SniffedType | null {
  if (!TEXT_EXTENSIONS.has(extension)) return null;
  const decoded = decodeText(head);
  if (!decoded) return null;
  const { text, charset } = decoded;
  if (!looksPrintable(text)) return null;
  if (extension === 'csv' || hasConsistentCommas(text)) return { ...CSV, charset };
  return { ...TEXT, charset };
}

function decodeText(head: Buffer): { text: string; charset: TextCharset } | null {
  if (head[0] === 0xff && head[1] === 0xfe) {
    return { text: decodeUtf16(head.subarray(2), 'le'), charset: 'utf-16le' };
  }
  if (head[0] === 0xfe && head[1] === 0xff) {
    return { text: decodeUtf16(head.subarray(2), 'be'), charset: 'utf-16be' };
  }
  // Without a BOM, NUL bytes mean binary (or BOM-less UTF-16, which we do not guess at).
  if (head.includes(0)) return null;
  const body = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
  try {
    // `stream: true` tolerates a character cut in half at the end of the head; anything else invalid throws.
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body, { stream: true }), charset: 'utf-8' };
  } catch {
    // Excel's default "CSV (Comma delimited)" on Windows is Windows-1252, not UTF-8 (a '£' is byte A3):
    // accept it rather than refuse every such export, unless it uses bytes that code page leaves undefined.
    if (WINDOWS_1252_UNDEFINED.some((b) => body.includes(b))) return null;
    return { text: new TextDecoder('windows-1252').decode(body), charset: 'windows-1252' };
  }
}

const WINDOWS_1252_UNDEFINED = [0x81, 0x8d, 0x8f, 0x90, 0x9d];

function decodeUtf16(bytes: Buffer, order: 'le' | 'be'): string {
  const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
  if (order === 'le') return even.toString('utf16le');
  const swapped = Buffer.from(even);
  swapped.swap16();
  return swapped.toString('utf16le');
}

function looksPrintable(text: string): boolean {
  let total = 0;
  let control = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code === 0) return false;
    total++;
    const isAllowedWhitespace = code === 0x09 || code === 0x0a || code === 0x0d || code === 0x0c;
    if ((code < 0x20 && !isAllowedWhitespace) || (code >= 0x7f && code <= 0x9f)) control++;
  }
  return total > 0 && control / total <= MAX_CONTROL_SHARE;
}

/** At least two lines, every one with the same number (>= 1) of commas outside double quotes. */
function hasConsistentCommas(text: string): boolean {
  const lines = text.split(/\r\n|\n|\r/);
  // The last line may be cut short by the end of the head, or be the empty string after a final newline.
  if (lines.length > 1) lines.pop();
  const sample = lines.filter((l) => l.trim() !== '').slice(0, CSV_SAMPLE_LINES);
  if (sample.length < 2) return false;
  const counts = sample.map(countUnquotedCommas);
  return counts[0] > 0 && counts.every((c) => c === counts[0]);
}

function countUnquotedCommas(line: string): number {
  let inQuotes = false;
  let commas = 0;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (ch === ',' && !inQuotes) commas++;
  }
  return commas;
}

function startsWith(buffer: Buffer, prefix: Buffer): boolean {
  return buffer.length >= prefix.length && buffer.subarray(0, prefix.length).equals(prefix);
}

function extensionOf(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).trim().toLowerCase() : '';
}
