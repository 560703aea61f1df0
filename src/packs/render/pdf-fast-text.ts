/**
 * PDFKit's one-line text writer (`_fragment`, which every text() line goes through), made cheap for
 * a 1,000-page tracker. PDFKit shapes and encodes every line afresh: it concatenates each word's
 * glyph run into new arrays, looks every glyph up in the font subset and builds its hex code, then
 * walks the glyphs again to write the TJ operator: about half the PDF's time went there. Here each
 * word (a run of text up to and including a space, as PDFKit splits it) is encoded once per
 * document and font, into the pieces of the TJ operator it contributes; a line is its words'
 * pieces joined.
 *
 * The text is exactly PDFKit's: the same glyph codes and kerning in the same TJ operators, the same
 * numbers through the same rounding, and a word is first encoded by PDFKit's own encoder when the
 * line holding it is written, so glyphs enter the font subset in the same order. Where the page's
 * own transform is in force (table cells, lists, paragraphs), a line is BT, Tm (flipped), Tf, TJ,
 * ET in one piece of content instead of PDFKit's q, cm, BT, Tm, Tf, TJ, ET, Q: the same place on
 * the page, with a third fewer bytes to join and deflate.
 * Only the plain case takes this path (left-aligned, no link, underline, spacing, features, custom
 * baseline or glyph offsets); anything else goes to PDFKit's writer. Private API (PDFKit 0.17-0.20:
 * `_fragment`, `_font.encode`, `page.fonts`): checked at install; without it nothing changes.
 */

interface GlyphPosition {
  xAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

interface EmbeddedFontInternals {
  id: string;
  ascender: number;
  subset: unknown;
  encode(text: string, features?: unknown): [string[], GlyphPosition[]];
  ref(): unknown;
}

type FragmentOptions = Record<string, unknown>;

interface DocInternals {
  _fragment(text: string, x: number, y: number, options: FragmentOptions): void;
  _font: EmbeddedFontInternals | null;
  _fontSize: number;
  _ctm: number[];
  page: { height: number; fonts: Record<string, unknown> };
  save(): unknown;
  restore(): unknown;
  transform(m11: number, m12: number, m21: number, m22: number, dx: number, dy: number): unknown;
  addContent(data: string): unknown;
}

/** A word's part of a TJ operator: glyph hex codes, closed by an advance where a glyph has one. */
type Segment = [hex: string, advance: number | null];

/** Lines up to this long have their whole TJ operator kept (per document and font), at most this many. */
const MAX_KEPT_LINE = 48;
const MAX_KEPT_LINES = 20_000;

/** PDFKit's number formatting (PDFObject.number). */
function number(n: number): string {
  if (n > -1e21 && n < 1e21) return String(Math.round(n * 1e6) / 1e6);
  throw new Error(`unsupported number: ${n}`);
}

/** The options PDFKit's writer handles beyond plain left-aligned text. */
function isPlain(options: FragmentOptions): boolean {
  return (
    options.features == null &&
    options.link == null &&
    options.goTo == null &&
    options.destination == null &&
    !options.underline &&
    !options.strike &&
    !options.oblique &&
    !options.stroke &&
    !options.wordSpacing &&
    !options.characterSpacing &&
    (options.horizontalScaling == null || options.horizontalScaling === 100) &&
    options.baseline == null &&
    (!options.width || options.align == null || options.align === 'left')
  );
}

/** Splits text as PDFKit's layout does: after each space or tab, the separator kept with its word. */
function words(text: string): string[] {
  const out: string[] = [];
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9) {
      out.push(text.slice(last, i + 1));
      last = i + 1;
    }
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

function isInternals(doc: unknown): doc is DocInternals {
  const d = doc as Partial<DocInternals>;
  return typeof d._fragment === 'function' && typeof d.addContent === 'function' && typeof d.transform === 'function';
}

/** Replaces the document's line writer with the cached one. Returns false (changing nothing) without the internals. */
export function useFastTextWriter(doc: PDFKit.PDFDocument): boolean {
  const d: unknown = doc;
  if (!isInternals(d)) return false;
  const original = d._fragment.bind(d);
  const byFont = new Map<EmbeddedFontInternals, Map<string, Segment[] | null>>();

  const encodeWord = (font: EmbeddedFontInternals, cache: Map<string, Segment[] | null>, word: string): Segment[] | null => {
    let segments = cache.get(word);
    if (segments !== undefined) return segments;
    const [encoded, positions] = font.encode(word);
    segments = [];
    let hex = '';
    for (let i = 0; i < positions.length; i++) {
      const pos = positions[i];
      if (pos.xOffset || pos.yOffset) {
        segments = null;
        break;
      }
      hex += encoded[i];
      const advance = pos.xAdvance - pos.advanceWidth;
      if (advance !== 0) {
        segments.push([hex, advance]);
        hex = '';
      }
    }
    if (segments && hex !== '') segments.push([hex, null]);
    cache.set(word, segments);
    return segments;
  };

  /** A line's TJ operator ('' for none), or null where PDFKit's writer must write it; encoding its words on first use. */
  const encodeLine = (font: EmbeddedFontInternals, text: string): string | null => {
    let cache = byFont.get(font);
    if (!cache) byFont.set(font, (cache = new Map<string, Segment[] | null>()));
    const runs: Segment[][] = [];
    for (const word of words(text)) {
      const segments = encodeWord(font, cache, word);
      if (segments === null) return null;
      runs.push(segments);
    }
    const commands: string[] = [];
    let hex = '';
    for (const segments of runs) {
      for (const [part, advance] of segments) {
        hex += part;
        if (advance !== null) {
          commands.push(`<${hex}> ${number(-advance)}`);
          hex = '';
        }
      }
    }
    if (hex !== '') commands.push(`<${hex}> 0`);
    return commands.length > 0 ? `[${commands.join(' ')}] TJ` : '';
  };

  // Short lines repeat (dates, colours, statuses, names): their whole operator is kept too.
  const byLine = new Map<EmbeddedFontInternals, Map<string, string | null>>();
  let linesKept = 0;

  d._fragment = function fastFragment(this: DocInternals, input: string, x: number, y: number, options: FragmentOptions): void {
    const font = this._font;
    if (!font || font.subset === undefined || !isPlain(options)) return original(input, x, y, options);
    const text = typeof input === 'string' && input.indexOf('\n') < 0 ? input : `${input}`.replace(/\n/g, '');
    if (text.length === 0) return;
    let tj: string | null | undefined;
    if (text.length <= MAX_KEPT_LINE) {
      let lines = byLine.get(font);
      if (!lines) byLine.set(font, (lines = new Map<string, string | null>()));
      tj = lines.get(text);
      if (tj === undefined) {
        tj = encodeLine(font, text);
        if (linesKept >= MAX_KEPT_LINES) {
          byLine.clear();
          linesKept = 0;
          byLine.set(font, (lines = new Map<string, string | null>()));
        }
        lines.set(text, tj);
        linesKept += 1;
      }
    } else {
      tj = encodeLine(font, text);
    }
    if (tj === null) return original(input, x, y, options);

    const dy = (font.ascender / 1000) * this._fontSize;
    if (this.page.fonts[font.id] == null) this.page.fonts[font.id] = font.ref();
    const ctm = this._ctm;
    if (ctm[0] === 1 && ctm[1] === 0 && ctm[2] === 0 && ctm[3] === -1 && ctm[4] === 0 && ctm[5] === this.page.height) {
      // The page's own transform (y down from the top) is in force: a text matrix flipped back
      // places the line exactly where PDFKit's q, cm (undoing the flip), Tm ... Q does, in one
      // piece of content instead of eight.
      const tf = `/${font.id} ${number(this._fontSize)} Tf`;
      this.addContent(`BT\n1 0 0 -1 ${number(x)} ${number(y + dy)} Tm\n${tf}${tj === '' ? '' : `\n${tj}`}\nET`);
      return;
    }
    this.save();
    this.transform(1, 0, 0, -1, 0, this.page.height);
    const pdfY = this.page.height - y - dy;
    this.addContent('BT');
    this.addContent(`1 0 0 1 ${number(x)} ${number(pdfY)} Tm`);
    this.addContent(`/${font.id} ${number(this._fontSize)} Tf`);
    if (tj !== '') this.addContent(tj);
    this.addContent('ET');
    this.restore();
  };
  return true;
}
