import { deflateSync, inflateSync } from 'node:zlib';
import { buildPackModel } from '../model/build-pack-model';
import { packSourceFixture } from '../model/pack-source.testing';
import { renderPdf } from './render-pdf';
import { PdfBlockWriter } from './pdf-output';

/** Every object's offset in the cross-reference table points at "n 0 obj" in the file. */
function checkCrossReference(pdf: Buffer): number {
  const raw = pdf.toString('latin1');
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(raw)?.[1]);
  expect(raw.slice(startxref, startxref + 5)).toBe('xref\n');
  const count = Number(/^xref\n0 (\d+)\n/.exec(raw.slice(startxref))?.[1]);
  const entries = raw.slice(startxref).split('\n').slice(3, 3 + count - 1);
  entries.forEach((entry, i) => {
    const offset = Number(entry.slice(0, 10));
    expect(raw.slice(offset, offset + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`);
  });
  return count;
}

describe('page streams deflated on the thread pool (pdf-output.ts)', () => {
  const model = buildPackModel(packSourceFixture('board'));

  it('writes the same bytes as deflating on this thread, with a correct cross-reference table', async () => {
    const here = await renderPdf(model, { deflateElsewhere: false });
    const elsewhere = await renderPdf(model);
    expect(elsewhere.equals(here)).toBe(true);
    expect(checkCrossReference(elsewhere)).toBeGreaterThan(100);
  });

  it('keeps a hole\'s place: what is written after it waits, in order, until it is filled', () => {
    const blocks: Buffer[] = [];
    const writer = new PdfBlockWriter((b) => blocks.push(Buffer.from(b)));
    writer.writeLine('a');
    const first = writer.reserve();
    writer.writeLine('b');
    const second = writer.reserve();
    writer.writeBytes(Buffer.from('c\n'));
    writer.fill(second, () => writer.writeLine('2'));
    writer.writeLine('d');
    writer.fill(first, () => writer.writeBytes(deflateSync('1')));
    writer.writeLine('e');
    writer.finish();
    const out = Buffer.concat(blocks);
    const deflated = deflateSync('1');
    expect(out.subarray(0, 2).toString('latin1')).toBe('a\n');
    expect(inflateSync(out.subarray(2, 2 + deflated.length)).toString()).toBe('1');
    expect(out.subarray(2 + deflated.length).toString('latin1')).toBe('b\n2\nc\nd\ne\n');
  });
});
