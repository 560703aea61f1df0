import type { PackModel } from '../model/pack-model';
import { BlockBuffer, collectBlocks } from './office-zip';
import type { BlockSink } from './pdf-output';

/**
 * JSON with object keys sorted at every level and two-space indents: the same model always gives
 * the same bytes, whatever order its properties were built in, so the file can be hashed and diffed.
 * The output is exactly JSON.stringify's (with sorted keys), written straight into UTF-8 chunks:
 * a 5,000-action model is 23 MB of JSON, and as one JavaScript string (two bytes a character once
 * it holds a curly quote) plus a sorted copy of the model it cost over 100 MB of peak memory.
 */
export function stableJson(value: unknown): string {
  return stableJsonBuffer(value).toString('utf8');
}

/** The same text as stableJson, as UTF-8 bytes. */
export function stableJsonBuffer(value: unknown): Buffer {
  const blocks = collectBlocks();
  writeStableJson(value, blocks.sink);
  return blocks.buffer();
}

/** The pack model as stable, pretty JSON (UTF-8). */
export async function renderJson(model: PackModel): Promise<Buffer> {
  return stableJsonBuffer(model);
}

/**
 * The same bytes as renderJson, handed to `sink` in blocks of about 1 MiB as they are written: a
 * 5,000-action pack's 25 MB were held twice (the encoded pieces and their concatenation) before
 * they went to storage in one piece.
 */
export async function renderJsonTo(model: PackModel, sink: BlockSink): Promise<void> {
  writeStableJson(model, sink);
}

function writeStableJson(value: unknown, sink: BlockSink): void {
  const out = new ChunkWriter(sink);
  writeValue(out, value, '');
  out.write('\n');
  out.end();
}

const INDENT = '  ';

/** Collects text in a small string, encoding it to UTF-8 every 64 K characters into blocks of OFFICE_BLOCK_BYTES. */
class ChunkWriter {
  private readonly out: BlockBuffer;
  private pending = '';

  constructor(sink: BlockSink) {
    this.out = new BlockBuffer(sink);
  }

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= 65_536) this.flush();
  }

  private flush(): void {
    if (this.pending.length > 0) this.out.write(Buffer.from(this.pending, 'utf8'));
    this.pending = '';
  }

  end(): void {
    this.flush();
    this.out.finish();
  }
}

/** Whether JSON.stringify would leave a property with this value out of an object. */
function omitted(value: unknown): boolean {
  return value === undefined || typeof value === 'function' || typeof value === 'symbol';
}

function writeValue(out: ChunkWriter, value: unknown, indent: string): void {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    // Dates and the like: serialise as JSON.stringify would.
    out.write(JSON.stringify(value));
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      out.write('[]');
      return;
    }
    const inner = indent + INDENT;
    out.write('[');
    value.forEach((item: unknown, i) => {
      out.write(i === 0 ? `\n${inner}` : `,\n${inner}`);
      // In arrays JSON.stringify writes null for what it would omit from objects.
      if (omitted(item)) out.write('null');
      else writeValue(out, item, inner);
    });
    out.write(`\n${indent}]`);
    return;
  }
  if (value !== null && typeof value === 'object') {
    const source = value as Record<string, unknown>;
    const keys = Object.keys(source)
      .filter((key) => !omitted(source[key]))
      .sort();
    if (keys.length === 0) {
      out.write('{}');
      return;
    }
    const inner = indent + INDENT;
    out.write('{');
    keys.forEach((key, i) => {
      out.write(`${i === 0 ? '\n' : ',\n'}${inner}${JSON.stringify(key)}: `);
      writeValue(out, source[key], inner);
    });
    out.write(`\n${indent}}`);
    return;
  }
  // Strings, numbers (NaN and Infinity become null), booleans and null, escaped as JSON.stringify does.
  out.write(JSON.stringify(value) ?? 'null');
}
