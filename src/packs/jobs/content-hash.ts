import { createHash, type Hash } from 'node:crypto';
import type { PackBlock, PackModel } from '../model/pack-model';

/** What the generation time reads as in the hashed form of every model. */
export const HASH_GENERATED_AT = '1970-01-01T00:00:00.000Z';
/** The front-sheet row that prints the generation time (board packs). */
const GENERATED_ROW_LABEL = 'Generated';

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * SHA-256 of the canonical JSON of the pack model (object keys sorted at every level, no spaces),
 * with the generation time left out: it is the one part of a pack that is not content, so two packs
 * of the same data and reporting date hash the same whenever they were requested.
 *
 * The JSON is streamed into the hash rather than built as one string: a 5,000-action model is
 * over 20 MB of JSON.
 */
export function packContentHash(model: PackModel): string {
  const comparable: PackModel = {
    ...model,
    meta: { ...model.meta, generatedAt: HASH_GENERATED_AT },
    frontMatter: model.frontMatter.map(withoutGenerationTime),
  };
  const sink = new HashSink(createHash('sha256'));
  writeCanonical(comparable, sink);
  return sink.digest();
}

function withoutGenerationTime(block: PackBlock): PackBlock {
  if (block.kind !== 'details') return block;
  return { ...block, rows: block.rows.map((row) => (row.label === GENERATED_ROW_LABEL ? { ...row, value: '' } : row)) };
}

/** Buffers small writes so the hash is updated in large pieces. */
class HashSink {
  private buffer = '';
  constructor(private readonly hash: Hash) {}

  write(text: string): void {
    this.buffer += text;
    if (this.buffer.length >= 65_536) {
      this.hash.update(this.buffer);
      this.buffer = '';
    }
  }

  digest(): string {
    this.hash.update(this.buffer);
    return this.hash.digest('hex');
  }
}

/** JSON.stringify's output for plain data, except that object keys are sorted. */
function writeCanonical(value: unknown, sink: HashSink): void {
  if (value === null || typeof value !== 'object') {
    // Like JSON.stringify: undefined and functions in arrays become null (in objects they are skipped).
    sink.write(value === undefined || typeof value === 'function' ? 'null' : (JSON.stringify(value) ?? 'null'));
    return;
  }
  if (Array.isArray(value)) {
    sink.write('[');
    value.forEach((item, i) => {
      if (i > 0) sink.write(',');
      writeCanonical(item, sink);
    });
    sink.write(']');
    return;
  }
  const record = value as Record<string, unknown>;
  sink.write('{');
  let first = true;
  for (const key of Object.keys(record).sort()) {
    const child = record[key];
    if (child === undefined || typeof child === 'function') continue;
    if (!first) sink.write(',');
    first = false;
    sink.write(JSON.stringify(key));
    sink.write(':');
    writeCanonical(child, sink);
  }
  sink.write('}');
}
