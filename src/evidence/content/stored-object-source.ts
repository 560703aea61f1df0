import { Readable } from 'node:stream';
import { ObjectStorage } from '../../storage/object-storage';
import { RandomAccessSource } from './zip-entries';

/** Reads are for zip directories and the like; refuse anything that would pull a whole large file into memory. */
const MAX_READ_BYTES = 32 * 1024 * 1024;

/** Random access to a stored object through ranged `get`s, for `sniffContentType` after staging. */
export function storedObjectSource(storage: ObjectStorage, key: string, size: number): RandomAccessSource {
  return {
    size,
    read: async (start, end) => {
      const last = Math.min(end, size - 1);
      if (start > last) return Buffer.alloc(0);
      if (last - start + 1 > MAX_READ_BYTES) throw new RangeError(`Refusing to read ${last - start + 1} bytes into memory`);
      return readAll(await storage.get(key, { start, end: last }));
    },
  };
}

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}
