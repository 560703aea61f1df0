import { createInflateRaw, crc32 } from 'node:zlib';
import { ImportErrorCode, ImportException, formatBytes } from '../imports.exception';
import type { ImportLimits } from '../import-limits';

/**
 * Checks an .xlsx upload as a zip before any spreadsheet code reads it:
 * 1. the directory at the end is read and held to the limits (entry count, each part's and the
 *    total uncompressed size, the compression ratio) without inflating anything;
 * 2. every part's local header must agree with the directory, no two parts may overlap (the trick
 *    behind "non-recursive" zip bombs) or share a name, nothing is encrypted, and only the two
 *    compression methods Excel uses appear;
 * 3. the parts must be those of an Excel workbook (not Word, PowerPoint, OpenDocument or .xlsb);
 * 4. every part is then inflated as a stream, counting bytes and discarding them, and refused as
 *    soon as it produces more than its directory declared or a limit allows; its CRC must match;
 *    the cells of every worksheet are counted on the way, so an over-large sheet is refused before
 *    the workbook parser builds it in memory.
 * Only then does exceljs see the file.
 */
export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  dataStart: number;
}

export interface XlsxZipFacts {
  entries: ZipEntry[];
  hasMacros: boolean;
  externalLinkParts: number;
  /** <c> elements in all worksheets (with or without a value). */
  cellCount: number;
  uncompressedBytes: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;
const ENCRYPTED_FLAG = 1;
const UTF8_FLAG = 1 << 11;

function corrupt(reason: string): ImportException {
  return ImportException.archive(
    ImportErrorCode.ArchiveCorrupt,
    `The file is not a readable Excel workbook: ${reason}. Open it in Excel, save it again as .xlsx, and upload that file.`,
  );
}

export async function inspectXlsxZip(buffer: Buffer, limits: ImportLimits): Promise<XlsxZipFacts> {
  const entries = readDirectory(buffer, limits);
  checkLocalHeaders(buffer, entries);
  const facts = classify(buffer, entries);
  const { cellCount, uncompressedBytes } = await inflateAll(buffer, entries, limits);
  return { entries, ...facts, cellCount, uncompressedBytes };
}

// ---------------------------------------------------------------------------------------------
// 1. The directory.

export function readDirectory(buffer: Buffer, limits: ImportLimits): ZipEntry[] {
  const eocdAt = findEndOfDirectory(buffer);
  if (eocdAt < 0) throw corrupt('its end is missing (the upload may have been cut short)');
  if (buffer.readUInt16LE(eocdAt + 4) !== 0 || buffer.readUInt16LE(eocdAt + 6) !== 0) throw corrupt('it is split across several files');
  let count: number = buffer.readUInt16LE(eocdAt + 10);
  let size: number = buffer.readUInt32LE(eocdAt + 12);
  let offset: number = buffer.readUInt32LE(eocdAt + 16);
  let directoryEnd = eocdAt;
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const zip64 = readZip64End(buffer, eocdAt);
    ({ count, size, offset } = zip64);
    directoryEnd = zip64.at;
  }
  if (count > limits.maxZipEntries) {
    throw ImportException.archive(
      ImportErrorCode.ArchiveTooManyEntries,
      `The file holds ${count.toLocaleString('en-GB')} parts; an Excel workbook has far fewer (the limit is ${limits.maxZipEntries}). It was not read.`,
      { entries: count, limit: limits.maxZipEntries },
    );
  }
  if (count === 0) throw corrupt('it is an empty zip');
  if (offset + size > directoryEnd) throw corrupt('its directory points outside the file');

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let at = offset;
  let totalUncompressed = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > offset + size || buffer.readUInt32LE(at) !== CENTRAL) throw corrupt('its directory is damaged');
    const flags = buffer.readUInt16LE(at + 8);
    const method = buffer.readUInt16LE(at + 10);
    const crc = buffer.readUInt32LE(at + 16);
    let compressedSize: number = buffer.readUInt32LE(at + 20);
    let uncompressedSize: number = buffer.readUInt32LE(at + 24);
    const nameLength = buffer.readUInt16LE(at + 28);
    const extraLength = buffer.readUInt16LE(at + 30);
    const commentLength = buffer.readUInt16LE(at + 32);
    let localHeaderOffset: number = buffer.readUInt32LE(at + 42);
    const nameBytes = buffer.subarray(at + 46, at + 46 + nameLength);
    const name = nameBytes.toString(flags & UTF8_FLAG ? 'utf8' : 'latin1');
    const extra = buffer.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength);
    if (uncompressedSize === 0xffffffff || compressedSize === 0xffffffff || localHeaderOffset === 0xffffffff) {
      ({ uncompressedSize, compressedSize, localHeaderOffset } = readZip64Extra(extra, { uncompressedSize, compressedSize, localHeaderOffset }));
    }
    at += 46 + nameLength + extraLength + commentLength;

    if (flags & ENCRYPTED_FLAG) {
      throw ImportException.archive(
        ImportErrorCode.ArchiveEncrypted,
        'Parts of the file are encrypted, so it cannot be read. Remove any password in Excel and save it again as .xlsx.',
      );
    }
    if (method !== STORED && method !== DEFLATED) throw corrupt(`a part is compressed in a way Excel never uses (method ${method})`);
    if (name === '' || name.includes('\0') || name.startsWith('/') || name.includes('\\') || name.split('/').includes('..')) {
      throw corrupt('a part has a name no workbook would use');
    }
    const key = name.toLowerCase();
    if (names.has(key)) throw corrupt(`it holds two parts called '${name}', which different programs would read differently`);
    names.add(key);
    if (method === STORED && compressedSize !== uncompressedSize) throw corrupt('a stored part has two different sizes');

    if (uncompressedSize > limits.maxEntryUncompressedBytes) {
      throw tooLarge(`one part ('${name}') unpacks to ${formatBytes(uncompressedSize)}, more than the limit of ${formatBytes(limits.maxEntryUncompressedBytes)}`);
    }
    totalUncompressed += uncompressedSize;
    if (totalUncompressed > limits.maxTotalUncompressedBytes) {
      throw tooLarge(`its parts unpack to more than the limit of ${formatBytes(limits.maxTotalUncompressedBytes)}`);
    }
    checkRatio(name, compressedSize, uncompressedSize, limits);
    entries.push({ name, method, flags, crc32: crc, compressedSize, uncompressedSize, localHeaderOffset, dataStart: -1 });
  }
  return entries;
}

function tooLarge(reason: string): ImportException {
  return ImportException.archive(
    ImportErrorCode.ArchiveTooLarge,
    `The file was refused: ${reason}. A tracker is far smaller; this looks like a damaged file or a "zip bomb". Nothing was read.`,
  );
}

function checkRatio(name: string, compressed: number, uncompressed: number, limits: ImportLimits): void {
  if (uncompressed < limits.ratioCheckFromBytes) return;
  const ratio = uncompressed / Math.max(compressed, 1);
  if (ratio > limits.maxCompressionRatio) {
    throw ImportException.archive(
      ImportErrorCode.ArchiveCompressionRatio,
      `The file was refused: one part ('${name}') is compressed ${Math.round(ratio).toLocaleString('en-GB')} times, far beyond any real spreadsheet (the limit is ${limits.maxCompressionRatio}). This is how a "zip bomb" looks. Nothing was read.`,
      { part: name, ratio: Math.round(ratio), limit: limits.maxCompressionRatio },
    );
  }
}

function findEndOfDirectory(buffer: Buffer): number {
  const lowest = Math.max(0, buffer.length - 22 - 0xffff);
  for (let at = buffer.length - 22; at >= lowest; at--) {
    if (buffer.readUInt32LE(at) === EOCD && at + 22 + buffer.readUInt16LE(at + 20) <= buffer.length) return at;
  }
  return -1;
}

function readZip64End(buffer: Buffer, eocdAt: number): { count: number; size: number; offset: number; at: number } {
  if (eocdAt < 20 || buffer.readUInt32LE(eocdAt - 20) !== ZIP64_LOCATOR) throw corrupt('its directory is damaged');
  const at = Number(buffer.readBigUInt64LE(eocdAt - 12));
  if (!Number.isSafeInteger(at) || at + 56 > eocdAt || buffer.readUInt32LE(at) !== ZIP64_EOCD) throw corrupt('its directory is damaged');
  const count = Number(buffer.readBigUInt64LE(at + 32));
  const size = Number(buffer.readBigUInt64LE(at + 40));
  const offset = Number(buffer.readBigUInt64LE(at + 48));
  if (![count, size, offset].every(Number.isSafeInteger)) throw corrupt('its directory is damaged');
  return { count, size, offset, at };
}

function readZip64Extra(
  extra: Buffer,
  sizes: { uncompressedSize: number; compressedSize: number; localHeaderOffset: number },
): { uncompressedSize: number; compressedSize: number; localHeaderOffset: number } {
  let at = 0;
  while (at + 4 <= extra.length) {
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (id === 0x0001) {
      const out = { ...sizes };
      let field = at + 4;
      const next = (): number => {
        if (field + 8 > at + 4 + length) throw corrupt('its directory is damaged');
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        if (!Number.isSafeInteger(value)) throw corrupt('its directory is damaged');
        return value;
      };
      if (sizes.uncompressedSize === 0xffffffff) out.uncompressedSize = next();
      if (sizes.compressedSize === 0xffffffff) out.compressedSize = next();
      if (sizes.localHeaderOffset === 0xffffffff) out.localHeaderOffset = next();
      return out;
    }
    at += 4 + length;
  }
  throw corrupt('its directory is damaged');
}

// ---------------------------------------------------------------------------------------------
// 2. Local headers and overlaps.

function checkLocalHeaders(buffer: Buffer, entries: ZipEntry[]): void {
  for (const entry of entries) {
    const at = entry.localHeaderOffset;
    if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== LOCAL) throw corrupt('a part is missing where the directory says it is');
    if (buffer.readUInt16LE(at + 8) !== entry.method) throw corrupt('a part disagrees with the directory about how it is compressed');
    const nameLength = buffer.readUInt16LE(at + 26);
    const extraLength = buffer.readUInt16LE(at + 28);
    const localName = buffer.subarray(at + 30, at + 30 + nameLength).toString(entry.flags & UTF8_FLAG ? 'utf8' : 'latin1');
    if (localName !== entry.name) throw corrupt('a part has a different name from the one in the directory');
    entry.dataStart = at + 30 + nameLength + extraLength;
    if (entry.dataStart + entry.compressedSize > buffer.length) throw corrupt('a part runs past the end of the file');
  }
  const byOffset = [...entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  for (let i = 1; i < byOffset.length; i++) {
    const previous = byOffset[i - 1];
    if (previous.dataStart + previous.compressedSize > byOffset[i].localHeaderOffset) {
      throw ImportException.archive(
        ImportErrorCode.ArchiveCorrupt,
        'The file was refused: two of its parts share the same compressed data, a trick used by "zip bombs" and never by Excel. Nothing was read.',
      );
    }
  }
}

// ---------------------------------------------------------------------------------------------
// 3. Is it a workbook?

function classify(buffer: Buffer, entries: ZipEntry[]): { hasMacros: boolean; externalLinkParts: number } {
  const names = new Set(entries.map((e) => e.name.toLowerCase()));
  const isWorkbook = names.has('[content_types].xml') && names.has('xl/workbook.xml');
  if (!isWorkbook) {
    if (names.has('xl/workbook.bin')) throw ImportException.unsupportedType('This is an Excel binary workbook (.xlsb). Open it in Excel and save it as .xlsx.');
    if (names.has('word/document.xml')) throw ImportException.unsupportedType('This is a Word document, not a spreadsheet.');
    if (names.has('ppt/presentation.xml')) throw ImportException.unsupportedType('This is a PowerPoint presentation, not a spreadsheet.');
    const mimetype = entries.find((e) => e.name === 'mimetype' && e.method === STORED);
    const odf = mimetype ? buffer.subarray(mimetype.dataStart, mimetype.dataStart + Math.min(mimetype.compressedSize, 100)).toString('latin1') : '';
    if (odf.includes('opendocument.spreadsheet')) {
      throw ImportException.unsupportedType('This is an OpenDocument spreadsheet (.ods). Open it in Excel or LibreOffice and save it as .xlsx.');
    }
    throw ImportException.unsupportedType('This is a zip archive, not an Excel workbook.');
  }
  return {
    hasMacros: names.has('xl/vbaproject.bin'),
    externalLinkParts: [...names].filter((n) => /^xl\/externallinks\/externallink\d*\.xml$/.test(n)).length,
  };
}

// ---------------------------------------------------------------------------------------------
// 4. Inflate every part, counting.

async function inflateAll(buffer: Buffer, entries: ZipEntry[], limits: ImportLimits): Promise<{ cellCount: number; uncompressedBytes: number }> {
  let cellCount = 0;
  let uncompressedBytes = 0;
  for (const entry of entries) {
    const isSheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name);
    const counter = isSheet ? new CellCounter() : null;
    const data = buffer.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
    const { size, crc } = entry.method === STORED ? { size: data.length, crc: crc32(data) >>> 0 } : await inflate(data, entry, counter);
    if (counter && entry.method === STORED) counter.scan(data);
    if (size !== entry.uncompressedSize) throw corrupt(`part '${entry.name}' is not the size its directory says`);
    if (crc !== entry.crc32 >>> 0) throw corrupt(`part '${entry.name}' is damaged (its checksum does not match)`);
    uncompressedBytes += size;
    if (counter) {
      cellCount += counter.count;
      if (cellCount > limits.maxCells) {
        throw ImportException.archive(
          ImportErrorCode.TooManyCells,
          `The workbook has more than ${limits.maxCells.toLocaleString('en-GB')} cells, the most we import. Delete the sheets, rows or columns that are not part of the plan (or empty but formatted ones), then upload it again.`,
          { limit: limits.maxCells },
        );
      }
    }
  }
  return { cellCount, uncompressedBytes };
}

function inflate(data: Buffer, entry: ZipEntry, counter: CellCounter | null): Promise<{ size: number; crc: number }> {
  return new Promise((resolve, reject) => {
    const inflater = createInflateRaw({ chunkSize: 64 * 1024 });
    let size = 0;
    let crc = 0;
    let failed = false;
    inflater.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > entry.uncompressedSize) {
        failed = true;
        inflater.destroy();
        reject(
          ImportException.archive(
            ImportErrorCode.ArchiveTooLarge,
            `The file was refused: part '${entry.name}' unpacks to more than its directory declares (${formatBytes(entry.uncompressedSize)}), a trick used by "zip bombs". Nothing was read.`,
          ),
        );
        return;
      }
      crc = crc32(chunk, crc);
      counter?.scan(chunk);
    });
    inflater.on('error', () => {
      if (!failed) {
        failed = true;
        reject(corrupt(`part '${entry.name}' cannot be unpacked`));
      }
    });
    inflater.on('end', () => {
      if (!failed) resolve({ size, crc: crc >>> 0 });
    });
    inflater.end(data);
  });
}

/** Counts <c ...> elements (with any namespace prefix) in a stream of XML bytes, across chunk boundaries. */
export class CellCounter {
  count = 0;
  private inTagName = false;
  private name = '';

  scan(chunk: Buffer): void {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === 0x3c /* < */) {
        this.inTagName = true;
        this.name = '';
        continue;
      }
      if (!this.inTagName) continue;
      const isNameChar = (byte >= 0x61 && byte <= 0x7a) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x30 && byte <= 0x39) || byte === 0x3a;
      if (isNameChar && this.name.length < 16) {
        this.name += String.fromCharCode(byte);
        continue;
      }
      this.inTagName = false;
      if (this.name === 'c' || this.name.endsWith(':c')) this.count++;
    }
  }
}
