import type { PackModel } from '../model/pack-model';

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
  const out = new ChunkWriter();
  writeValue(out, value, '');
  out.write('\n');
  return out.toBuffer();
}

/** The pack model as stable, pretty JSON (UTF-8). */
export async function renderJson(model: PackModel): Promise<Buffer> {
  return stableJsonBuffer(model);
}

const INDENT = '  ';

/** Collects text in a small string, encoding it to UTF-8 every 64 KB. */
class ChunkWriter {
  private readonly chunks: Buffer[] = [];
  private pending = '';

  write(text: string): void {
    this.pending += text;
    if (this.pending.length >= 65_536) this.flush();
  }

  private flush(): void {
    if (this.pending.length > 0) this.chunks.push(Buffer.from(this.pending, 'utf8'));
    this.pending = '';
  }

  toBuffer(): Buffer {
    this.flush();
    return Buffer.concat(this.chunks);
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
