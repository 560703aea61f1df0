/**
 * Just enough of the ZIP format to list entry names, for telling an Office (OOXML) file from any
 * other zip. The central directory at the end of the file is authoritative; local headers at the
 * start are a fallback when only the head is at hand.
 */

/** Random access to a stored object; `end` is inclusive, as in `ObjectStorage.get`. */
export interface RandomAccessSource {
  readonly size: number;
  read(start: number, end: number): Promise<Buffer>;
}

export function bufferSource(buffer: Buffer): RandomAccessSource {
  return {
    size: buffer.length,
    read: async (start, end) => buffer.subarray(start, Math.min(end + 1, buffer.length)),
  };
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const EOCD_SIZE = 22;
const MAX_COMMENT = 0xffff;
// A real OOXML document has tens to a few thousand entries; a huge directory is not worth reading.
const MAX_CENTRAL_DIRECTORY_BYTES = 16 * 1024 * 1024;
const MAX_ENTRIES = 100_000;
const UTF8_NAMES_FLAG = 1 << 11;
const DATA_DESCRIPTOR_FLAG = 1 << 3;

/** Entry names from the central directory, or null if this is not a well-formed zip. */
export async function readZipEntryNames(source: RandomAccessSource): Promise<string[] | null> {
  if (source.size < EOCD_SIZE) return null;
  const tailStart = Math.max(0, source.size - EOCD_SIZE - MAX_COMMENT);
  const tail = await source.read(tailStart, source.size - 1);
  const eocdAt = findEndOfCentralDirectory(tail);
  if (eocdAt < 0) return null;
  const eocdOffset = tailStart + eocdAt;

  let entryCount: number = tail.readUInt16LE(eocdAt + 10);
  let directorySize: number = tail.readUInt32LE(eocdAt + 12);
  let directoryOffset: number = tail.readUInt32LE(eocdAt + 16);
  if (entryCount === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    const zip64 = await readZip64End(source, eocdOffset);
    if (!zip64) return null;
    ({ entryCount, directorySize, directoryOffset } = zip64);
  }
  if (directorySize > MAX_CENTRAL_DIRECTORY_BYTES || directoryOffset + directorySize > eocdOffset) return null;
  if (directorySize === 0) return entryCount === 0 ? [] : null;

  const directory = await source.read(directoryOffset, directoryOffset + directorySize - 1);
  const names: string[] = [];
  let at = 0;
  while (names.length < Math.min(entryCount, MAX_ENTRIES) && at + 46 <= directory.length) {
    if (directory.readUInt32LE(at) !== CENTRAL_HEADER) break;
    const flags = directory.readUInt16LE(at + 8);
    const nameLength = directory.readUInt16LE(at + 28);
    const extraLength = directory.readUInt16LE(at + 30);
    const commentLength = directory.readUInt16LE(at + 32);
    if (at + 46 + nameLength > directory.length) break;
    names.push(decodeName(directory.subarray(at + 46, at + 46 + nameLength), flags));
    at += 46 + nameLength + extraLength + commentLength;
  }
  // A directory whose first record is not a central header means the offsets lied: not a zip we trust.
  return names.length > 0 || entryCount === 0 ? names : null;
}

/**
 * Names from the local file headers that fit in `head`, in file order. Stops at an entry whose
 * size is only known after its data (data descriptor), since the next header cannot be found.
 */
export function localHeaderEntryNames(head: Buffer): string[] {
  const names: string[] = [];
  let at = 0;
  while (at + 30 <= head.length && head.readUInt32LE(at) === LOCAL_HEADER) {
    const flags = head.readUInt16LE(at + 6);
    const compressedSize = head.readUInt32LE(at + 18);
    const nameLength = head.readUInt16LE(at + 26);
    const extraLength = head.readUInt16LE(at + 28);
    if (at + 30 + nameLength > head.length) break;
    names.push(decodeName(head.subarray(at + 30, at + 30 + nameLength), flags));
    if ((flags & DATA_DESCRIPTOR_FLAG && compressedSize === 0) || compressedSize === 0xffffffff) break;
    at += 30 + nameLength + extraLength + compressedSize;
  }
  return names;
}

function findEndOfCentralDirectory(tail: Buffer): number {
  for (let at = tail.length - EOCD_SIZE; at >= 0; at--) {
    if (tail.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY && at + EOCD_SIZE + tail.readUInt16LE(at + 20) <= tail.length) {
      return at;
    }
  }
  return -1;
}

async function readZip64End(
  source: RandomAccessSource,
  eocdOffset: number,
): Promise<{ entryCount: number; directorySize: number; directoryOffset: number } | null> {
  if (eocdOffset < 20) return null;
  const locator = await source.read(eocdOffset - 20, eocdOffset - 1);
  if (locator.length < 20 || locator.readUInt32LE(0) !== ZIP64_LOCATOR) return null;
  const endOffset = Number(locator.readBigUInt64LE(8));
  if (!Number.isSafeInteger(endOffset) || endOffset + 56 > eocdOffset) return null;
  const end = await source.read(endOffset, endOffset + 55);
  if (end.length < 56 || end.readUInt32LE(0) !== ZIP64_END) return null;
  const entryCount = Number(end.readBigUInt64LE(32));
  const directorySize = Number(end.readBigUInt64LE(40));
  const directoryOffset = Number(end.readBigUInt64LE(48));
  if (![entryCount, directorySize, directoryOffset].every(Number.isSafeInteger)) return null;
  return { entryCount, directorySize, directoryOffset };
}

function decodeName(bytes: Buffer, flags: number): string {
  // Without the UTF-8 flag names are CP437; the names we look for are ASCII, which latin1 keeps intact.
  return bytes.toString(flags & UTF8_NAMES_FLAG ? 'utf8' : 'latin1');
}
