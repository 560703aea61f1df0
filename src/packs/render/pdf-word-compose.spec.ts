import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import { resolvePackFonts } from './pack-fonts';
import { useComposedWords, WordComposer, type WordRun } from './pdf-word-compose';
import { seededRandom } from '../../common/testing/seeded-random.testing';

interface EmbeddedFontInternals {
  font: { unitsPerEm: number };
  scale: number;
  layoutCache: Record<string, unknown>;
  layoutRun(text: string): WordRun;
}

/** PDFKit's embedded font for the file (its fontkit font parsed afresh). */
function embedded(path: string): EmbeddedFontInternals {
  const doc = new PDFDocument({ font: path });
  return (doc as unknown as { _font: EmbeddedFontInternals })._font;
}

const NAMED = [
  'A1.166: ', '(508)', '1001, ', '-92', '+89', '12', '2026-11-30 ', '£1,250.00', '€3.5m', '45%', '(n=12)', '#7',
  'AV', 'To', 'Wa', 'Yo', 'LT', 'P.', 'F,', 'y.', 'r,', "L'", 'T-', 'AVATAR', 'Tower ', 'yoyo ',
  '“Capacity ', 'residents”, ', '‘quoted’', '«guillemets»', '—dash–', '…', 'x•y',
  'fi', 'ffi', 'fl', 'ffl', 'office ', 'Workforce ', 'affix', 'fjord',
  'café', 'naïve ', 'Ångström', 'Łódź', 'Dvořák', 'ijssel', 'Æsir', 'œuvre',
  'e\u0301', 'n\u0303a', 'Ω≈', 'αβγ', 'Привет', 'שלום', 'مرحبا', 'a\u200bb', 'soft\u00adhyphen', '1\u20442', 'a\tb',
  'i̇', 'ŋŊ', 'ɉ', '‼', 'A\u00a0B', 'x  y',
];

const CLASS = (() => {
  const chars: string[] = [];
  for (const [from, to] of [
    [0x20, 0x7e],
    [0xa0, 0x24f],
    [0x2010, 0x2027],
    [0x2030, 0x205e],
    [0x20a0, 0x20bf],
  ]) {
    for (let c = from; c <= to; c++) chars.push(String.fromCharCode(c));
  }
  return chars;
})();

/** Random words: digits and punctuation (most of a tracker's new words), letters, and the whole class. */
function randomWords(count: number, seed: number): string[] {
  const next = seededRandom(seed);
  const pools = ['0123456789', '0123456789.,:;()-+%/ ', 'AVTWYLPFkxyoaervw.,-\'"', 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ', CLASS.join('')];
  const words: string[] = [];
  for (let i = 0; i < count; i++) {
    const pool = pools[i % pools.length];
    const length = 2 + Math.floor(next() * 8);
    let word = '';
    for (let j = 0; j < length; j++) word += pool[Math.floor(next() * pool.length)];
    words.push(word);
  }
  return words;
}

/** Where the composed run differs from the shaped one (glyph objects, positions with their keys in order, advance), or null. */
function difference(composed: WordRun, shaped: WordRun): string | null {
  if (composed.glyphs.length !== shaped.glyphs.length || composed.positions.length !== shaped.positions.length) return 'length';
  for (let i = 0; i < shaped.glyphs.length; i++) {
    // The very glyph objects (their code points go into the ToUnicode map).
    if (composed.glyphs[i] !== shaped.glyphs[i]) return `glyph ${i}`;
    const a = JSON.stringify(composed.positions[i]);
    const b = JSON.stringify({ ...shaped.positions[i] });
    if (a !== b) return `position ${i}: ${a} != ${b}`;
  }
  return composed.advanceWidth === shaped.advanceWidth ? null : `advance ${composed.advanceWidth} != ${shaped.advanceWidth}`;
}

describe('WordComposer', () => {
  const fonts = resolvePackFonts();

  for (const [name, path] of [
    ['DejaVu Sans', fonts.regular],
    ['DejaVu Sans Bold', fonts.bold],
  ] as const) {
    describe(name, () => {
      const font = embedded(path);
      const composer = WordComposer.forFont(font.font, font.scale);

      it('is available for the pack font', () => {
        expect(composer).not.toBeNull();
      });

      it('lays out words exactly as fontkit shapes them, or declines', () => {
        const words = [...NAMED, ...randomWords(6000, name.length)];
        let composed = 0;
        const differences: string[] = [];
        for (const word of words) {
          const run = composer?.compose(word);
          if (!run) continue;
          composed += 1;
          const diff = difference(run, font.layoutRun(word));
          if (diff) differences.push(`${JSON.stringify(word)}: ${diff}`);
        }
        expect(differences).toEqual([]);
        // Most of them are composed (the random ones from the whole class are the ones declined most).
        expect(composed).toBeGreaterThan(words.length * 0.75);
      });

      it("composes a tracker's numbers and references, with kerning", () => {
        for (const word of ['A1.166: ', '(508)', '1001, ', '-92', '+89', 'AV', 'To', 'Wa', 'Yo', 'résumé', 'naïve ', '“Capacity ', 'residents”, ']) {
          expect({ word, composed: composer?.compose(word) != null }).toEqual({ word, composed: true });
        }
        // Kerned pairs (the second glyph's advance is not its own): the composition carries the kerning.
        const av = font.layoutRun('AV');
        expect(av.positions[0].xAdvance).not.toBe(av.positions[0].advanceWidth);
      });

      it('declines ligatures, marks, other scripts, ignorables and the fraction slash', () => {
        // The font does ligate these (fi, ffi, fl: one glyph for several characters).
        expect(font.layoutRun('fi').glyphs).toHaveLength(1);
        for (const word of ['fi', 'ffi', 'fl', 'office ', 'Workforce ', 'e\u0301', 'n\u0303a', 'αβγ', 'Привет', 'שלום', 'مرحبا', 'a\u200bb', 'soft\u00adhyphen', '1\u20442', 'a\tb', 'x', '']) {
          expect({ word, composed: composer?.compose(word) ?? null }).toEqual({ word, composed: null });
        }
      });
    });
  }

  it('is exact for other fonts too, or declines them (other DejaVu faces; the GOV.UK Frontend fonts, without GDEF classes)', () => {
    const dejavu = dirname(fonts.regular);
    const govuk = join(__dirname, '../../../node_modules/govuk-frontend/dist/govuk/assets/fonts');
    const files = [
      ...['DejaVuSansMono.ttf', 'DejaVuSerif.ttf', 'DejaVuSerif-Bold.ttf', 'DejaVuMathTeXGyre.ttf'].map((f) => join(dejavu, f)),
      ...(existsSync(govuk) ? readdirSync(govuk).filter((f) => f.endsWith('.woff')).map((f) => join(govuk, f)) : []),
    ].filter((f) => existsSync(f));
    const differences: string[] = [];
    let composed = 0;
    for (const file of files) {
      const font = embedded(file);
      const composer = WordComposer.forFont(font.font, font.scale);
      for (const word of [...NAMED, ...randomWords(1500, file.length)]) {
        const run = composer?.compose(word);
        if (!run) continue;
        composed += 1;
        const diff = difference(run, font.layoutRun(word));
        if (diff) differences.push(`${file} ${JSON.stringify(word)}: ${diff}`);
      }
    }
    expect(differences).toEqual([]);
    if (files.length > 0) expect(composed).toBeGreaterThan(0);
  });

  it('is installed on an embedded font: composed words skip shaping and the word cache; the PDF is the same', async () => {
    const draw = async (compose: boolean): Promise<{ bytes: Buffer; cached: string[]; installed: boolean }> => {
      const doc = new PDFDocument({ compress: false, font: fonts.regular, info: { CreationDate: new Date(0), ModDate: new Date(0) } });
      const font = (doc as unknown as { _font: EmbeddedFontInternals })._font;
      const installed = compose ? useComposedWords(font) : false;
      const chunks: Buffer[] = [];
      doc.on('data', (c: Buffer) => chunks.push(c));
      const ended = new Promise<void>((resolve) => doc.on('end', resolve));
      for (const line of [...NAMED, ...randomWords(300, 7)]) doc.text(line, 50, doc.y, { lineBreak: false });
      doc.text(NAMED.join(' '), 50, doc.y, { width: 300 });
      doc.end();
      await ended;
      return { bytes: Buffer.concat(chunks), cached: Object.keys(font.layoutCache), installed };
    };
    const [plain, composed] = [await draw(false), await draw(true)];
    expect(composed.installed).toBe(true);
    expect(composed.bytes.equals(plain.bytes)).toBe(true);
    expect(composed.cached).not.toContain('A1.166: ');
    expect(plain.cached).toContain('A1.166: ');
    expect(composed.cached.length).toBeLessThan(plain.cached.length / 2);
  });

  it('changes nothing without the internals', () => {
    expect(useComposedWords({})).toBe(false);
    expect(useComposedWords(null)).toBe(false);
    expect(WordComposer.forFont({ layout: () => null, unitsPerEm: 2048, numGlyphs: 10 }, 1000 / 2048)).toBeNull();
  });
});
