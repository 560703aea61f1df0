import PDFDocument from 'pdfkit';
import { resolvePackFonts } from './pack-fonts';
import { useFastTextWriter } from './pdf-fast-text';

/** The same drawing with PDFKit's own line writer and with the cached one. */
async function draw(fast: boolean): Promise<{ bytes: Buffer; installed: boolean }> {
  const fonts = resolvePackFonts();
  const doc = new PDFDocument({ compress: false, font: fonts.regular, info: { CreationDate: new Date(0), ModDate: new Date(0) } });
  const installed = fast ? useFastTextWriter(doc) : false;
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve) => doc.on('end', resolve));
  const lines = ['Safeguarding Adults Board', 'AVATAR To Wa Yo', 'Tab\tseparated  double  spaces ', 'ASC-QS6.10 ASC-QS6.10', 'naïve café – “quotes”', ''];
  for (const size of [7, 8.5, 12]) {
    for (const font of [fonts.regular, fonts.bold]) {
      doc.font(font).fontSize(size);
      // Repeated lines and words: the second time they come from the cache.
      for (const line of [...lines, ...lines]) doc.text(line, 50, doc.y, { lineBreak: false });
      doc.text('A paragraph long enough to wrap over several lines of the page, with words seen before: Safeguarding Adults Board.', 50, doc.y, { width: 200, lineGap: 2 });
      // Not the plain case: PDFKit's own writer.
      doc.text('Right aligned', 50, doc.y, { width: 300, align: 'right' });
      doc.text('Underlined', 50, doc.y, { underline: true, lineBreak: false });
      doc.text('Spaced out', 50, doc.y, { characterSpacing: 1, lineBreak: false });
      doc.addPage();
    }
  }
  doc.end();
  await ended;
  return { bytes: Buffer.concat(chunks), installed };
}

/** PDFKit's default page (Letter) height: the page's own transform flips y with it. */
const PAGE_HEIGHT = 792;

/**
 * The raw (uncompressed) file with every line of text as one canonical operator: where it is (in
 * PDF space, rounded), its font and size, and its TJ. PDFKit writes a line as q, cm undoing the
 * page's flip, BT, Tm, Tf, TJ, ET, Q; the cached writer as BT, a flipped Tm, Tf, TJ, ET. Lengths and
 * offsets (which depend on those bytes) are left out.
 */
function canonical(bytes: Buffer): string {
  const round = (n: number): string => (Math.round(n * 1e4) / 1e4).toFixed(4);
  return bytes
    .toString('latin1')
    .replace(
      /q\n1 0 0 -1 0 792 cm\nBT\n1 0 0 1 (\S+) (\S+) Tm\n(\/\S+ \S+ Tf)\n(?:(\[.*\] TJ)\n)?ET\nQ/g,
      (_m, x: string, y: string, tf: string, tj = '') => `TEXT ${round(Number(x))} ${round(Number(y))} ${tf} ${tj}`,
    )
    .replace(
      /BT\n1 0 0 -1 (\S+) (\S+) Tm\n(\/\S+ \S+ Tf)\n(?:(\[.*\] TJ)\n)?ET/g,
      (_m, x: string, y: string, tf: string, tj = '') => `TEXT ${round(Number(x))} ${round(PAGE_HEIGHT - Number(y))} ${tf} ${tj}`,
    )
    .replace(/\/Length \d+/g, '/Length N')
    .replace(/\nxref\n[\s\S]*$/, '');
}

describe('useFastTextWriter', () => {
  it('writes the same text, glyphs and positions as PDFKit (plain lines, repeated words, kerning, tabs, fallbacks)', async () => {
    const [plain, fast] = await Promise.all([draw(false), draw(true)]);
    expect(fast.installed).toBe(true);
    expect(plain.bytes.length).toBeGreaterThan(10_000);
    const expected = canonical(plain.bytes);
    // Every plain line became one canonical operator (the fallbacks stay PDFKit's own).
    expect(expected.match(/^TEXT /gm)?.length).toBeGreaterThan(80);
    expect(canonical(fast.bytes)).toBe(expected);
    // The cached writer's lines are shorter: no q, cm and Q around each.
    expect(fast.bytes.length).toBeLessThan(plain.bytes.length);
  });
});
