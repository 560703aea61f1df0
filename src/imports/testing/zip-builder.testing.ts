import { createDeflateRaw, crc32, deflateRawSync } from 'node:zlib';

/**
 * Builds zips byte by byte for the hostile-file tests: honest ones, ones whose directory lies
 * about sizes, bombs made of zeros, and entries that overlap. Nothing here is used outside tests.
 */
export interface TestZipEntry {
  name: string;
  /** Stored as is (method 0) or deflated (method 8, the default) unless `compressed` is given. */
  data?: Buffer | string;
  /** Already-deflated bytes, with their true uncompressed size and CRC. */
  compressed?: { bytes: Buffer; size: number; crc: number };
  method?: 0 | 8;
  /** Declare this uncompressed size in the headers instead of the true one (a lying zip). */
  declaredSize?: number;
  flags?: number;
}

export function buildZip(entries: TestZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const method = entry.method ?? 8;
    let bytes: Buffer;
    let size: number;
    let crc: number;
    if (entry.compressed) {
      ({ bytes, size, crc } = entry.compressed);
    } else {
      const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data ?? '', 'utf8');
      bytes = method === 8 ? deflateRawSync(data) : data;
      size = data.length;
      crc = crc32(data) >>> 0;
    }
    const declared = entry.declaredSize ?? size;
    const flags = (entry.flags ?? 0) | (1 << 11);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(bytes.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, bytes);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(bytes.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + bytes.length;
  }
  return withDirectory(Buffer.concat(locals), Buffer.concat(centrals), entries.length);
}

export function withDirectory(body: Buffer, directory: Buffer, count: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(body.length, 16);
  return Buffer.concat([body, directory, end]);
}

const zerosMade = new Map<number, Promise<{ bytes: Buffer; size: number; crc: number }>>();

/** `size` bytes of zeros, deflated as a stream (never held uncompressed), with their CRC; made once per size. */
export function deflatedZeros(size: number): Promise<{ bytes: Buffer; size: number; crc: number }> {
  const made = zerosMade.get(size) ?? makeDeflatedZeros(size);
  zerosMade.set(size, made);
  return made;
}

async function makeDeflatedZeros(size: number): Promise<{ bytes: Buffer; size: number; crc: number }> {
  const chunk = Buffer.alloc(Math.min(size, 1024 * 1024));
  let crc = 0;
  const deflater = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflater.on('data', (b: Buffer) => out.push(b));
  const done = new Promise<void>((resolve, reject) => {
    deflater.on('end', resolve);
    deflater.on('error', reject);
  });
  let left = size;
  while (left > 0) {
    const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
    crc = crc32(piece, crc);
    if (!deflater.write(piece)) await new Promise((resolve) => deflater.once('drain', resolve));
    left -= piece.length;
  }
  deflater.end();
  await done;
  return { bytes: Buffer.concat(out), size, crc: crc >>> 0 };
}

/** The parts that make a zip look like an Excel workbook to the inspection. */
export const WORKBOOK_PARTS: TestZipEntry[] = [
  { name: '[Content_Types].xml', data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>' },
  { name: 'xl/workbook.xml', data: '<?xml version="1.0"?><workbook/>' },
];
