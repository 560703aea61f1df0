import PDFDocument from 'pdfkit';
import { resolvePackFonts } from './pack-fonts';
import { useFastTextWriter } from './pdf-fast-text';

/** The same drawing with PDFKit's own line writer and with the cached one: the bytes must be the same. */
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

describe('useFastTextWriter', () => {
  it('writes exactly the bytes PDFKit writes (plain lines, repeated words, kerning, tabs, fallbacks)', async () => {
    const [plain, fast] = await Promise.all([draw(false), draw(true)]);
    expect(fast.installed).toBe(true);
    expect(plain.bytes.length).toBeGreaterThan(10_000);
    expect(fast.bytes.equals(plain.bytes)).toBe(true);
  });
});
