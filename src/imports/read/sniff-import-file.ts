import { ImportException } from '../imports.exception';

/**
 * What kind of file this is, judged from its first bytes only (never its name): a zip (an xlsx,
 * checked further by the zip inspection) or text (read as CSV). Anything else is refused here
 * with a message that says what it looks like and what to do.
 */
export type SniffedFormat = 'zip' | 'text';

/** How many bytes the sniff looks at. */
export const SNIFF_BYTES = 8192;

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d];
const PNG = [0x89, 0x50, 0x4e, 0x47];
const JPEG = [0xff, 0xd8, 0xff];
const GIF = [0x47, 0x49, 0x46, 0x38];
const GZIP = [0x1f, 0x8b];
const RAR = [0x52, 0x61, 0x72, 0x21];
const SEVEN_ZIP = [0x37, 0x7a, 0xbc, 0xaf];

function startsWith(head: Buffer, magic: number[]): boolean {
  return head.length >= magic.length && magic.every((b, i) => head[i] === b);
}

export function sniffImportFile(head: Buffer): SniffedFormat {
  if (head.length === 0) throw ImportException.fileEmpty();
  if (startsWith(head, ZIP)) return 'zip';
  if (startsWith(head, EMPTY_ZIP)) throw ImportException.unsupportedType('This is an empty zip archive, not an Excel workbook.');
  if (startsWith(head, OLE2)) throw ImportException.legacyExcel();
  if (startsWith(head, PDF)) throw ImportException.unsupportedType('This is a PDF document, not a spreadsheet.');
  if (startsWith(head, PNG) || startsWith(head, JPEG) || startsWith(head, GIF)) throw ImportException.unsupportedType('This is an image, not a spreadsheet.');
  if (startsWith(head, GZIP) || startsWith(head, RAR) || startsWith(head, SEVEN_ZIP)) {
    throw ImportException.unsupportedType('This is a compressed archive, not a spreadsheet.');
  }
  const hasUtf16Bom = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  if (!hasUtf16Bom) {
    // Text has no NUL bytes; a few stray ones are cleaned out of cells, many mean binary (or UTF-16 without its marker).
    let nul = 0;
    for (const byte of head) if (byte === 0) nul++;
    if (nul > Math.max(2, head.length * 0.01)) throw ImportException.textEncodingUnsupported();
    const start = head.subarray(0, 512).toString('latin1').replace(/^\ufeff|^\xef\xbb\xbf/, '').trimStart().toLowerCase();
    if (start.startsWith('<!doctype html') || start.startsWith('<html') || start.startsWith('<table')) {
      throw ImportException.unsupportedType('This is a web page (some systems export one named .xls). Open it in Excel and save it as .xlsx.');
    }
    if (start.startsWith('<?xml') && /urn:schemas-microsoft-com:office:spreadsheet/.test(head.toString('latin1'))) {
      throw ImportException.unsupportedType('This is an Excel 2003 XML spreadsheet. Open it in Excel and save it as .xlsx.');
    }
    if (start.startsWith('{\\rtf')) throw ImportException.unsupportedType('This is a Rich Text document, not a spreadsheet.');
  }
  return 'text';
}
