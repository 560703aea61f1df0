import { cleanFileName } from './clean-file-name';
import { ALLOWED_TYPES } from './sniff-content-type';

/** Other spellings of an extension that already say the same type. */
const SAME_EXTENSION: Readonly<Record<string, readonly string[]>> = { jpg: ['jpeg', 'jpe'], txt: ['text'] };

/**
 * The name a download is saved under: the uploaded name, ending in the extension of the type
 * sniffed from its content (the stored Content-Type). `report.exe` that is really a PDF downloads
 * as `report.exe.pdf`, so the saved file opens in the program its bytes are for and never as
 * whatever its name claimed. A type we do not know (none should be stored) leaves the name alone.
 */
export function downloadFileName(fileName: string, contentType: string): string {
  const name = cleanFileName(fileName);
  const mime = contentType.split(';')[0].trim().toLowerCase();
  const type = ALLOWED_TYPES.find((t) => t.mime.toLowerCase() === mime);
  if (!type) return name;
  const dot = name.lastIndexOf('.');
  const current = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  if (current === type.extension || SAME_EXTENSION[type.extension]?.includes(current)) return name;
  return `${name}.${type.extension}`;
}
