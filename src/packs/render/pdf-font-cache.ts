import type { Doc } from './pdf-page';
import type { PackFontFiles } from './pack-fonts';
import { useComposedWords } from './pdf-word-compose';

/**
 * Fonts parsed once per thread, not once per PDF. PDFKit opens a font file afresh for every
 * document (fontkit re-reads its tables, GSUB and GPOS included) and shapes every word afresh
 * (its layout cache lives with the document): for a 500-action pack that was most of the PDF's
 * time. Here the first document's parsed fonts and their layout caches (word to shaped glyph run:
 * the same font, size-independent) are kept for the next documents in this thread. The bytes
 * written are the same: the same font object, the same runs, fonts named F1, F2 as before.
 */

/** PDFKit's internals this touches (not in its type definitions). */
interface EmbeddedFontLike {
  /** The fontkit font. */
  font?: { layout: unknown };
  layoutCache?: Record<string, unknown>;
}
interface DocInternals {
  _font: EmbeddedFontLike;
  _fontFamilies: Record<string, EmbeddedFontLike>;
  registerFont(name: string, src: unknown): Doc;
  font(src: unknown, ...rest: unknown[]): Doc;
}

interface CachedFont {
  font: { layout: unknown };
  layoutCache: Record<string, unknown>;
}

/** A long-lived worker renders many packs: the word caches start afresh past this many words. */
const MAX_CACHED_WORDS = 100_000;

const cache = new Map<string, CachedFont>();

/** What to pass as PDFKit's `font` option: the parsed regular font when there is one. Once per document. */
export function initialPackFont(fonts: PackFontFiles): unknown {
  for (const path of [fonts.regular, fonts.bold]) {
    const entry = cache.get(path);
    if (entry && Object.keys(entry.layoutCache).length > MAX_CACHED_WORDS) entry.layoutCache = Object.create(null) as Record<string, unknown>;
  }
  return cache.get(fonts.regular)?.font ?? fonts.regular;
}

/** Call right after `new PDFDocument({ font: initialPackFont(fonts) })`, before anything is drawn. */
export function useCachedPackFonts(doc: Doc, fonts: PackFontFiles): void {
  const d = doc as unknown as DocInternals;
  const paths = [fonts.regular, fonts.bold];
  // Whichever font is current (embedded, from a path we know) shares the thread's parsed font and word cache.
  const adopt = (path: string): void => {
    const current = d._font;
    // Numbers and references are laid out from their characters, not shaped and cached (pdf-word-compose.ts).
    useComposedWords(current);
    if (!current.font || current.layoutCache === cache.get(path)?.layoutCache) return;
    let entry = cache.get(path);
    if (!entry) {
      entry = { font: current.font, layoutCache: current.layoutCache ?? (Object.create(null) as Record<string, unknown>) };
      cache.set(path, entry);
    }
    if (current.font === entry.font && current.layoutCache) current.layoutCache = entry.layoutCache;
  };
  // The initial font: as if opened from its path (PDFKit caches fonts under the name given).
  if (d._font.font && !d._fontFamilies[fonts.regular]) d._fontFamilies[fonts.regular] = d._font;
  adopt(fonts.regular);
  for (const path of paths) {
    const entry = cache.get(path);
    if (entry) d.registerFont(path, entry.font);
  }
  const font: DocInternals['font'] = d.font.bind(doc);
  d.font = (src: unknown, ...rest: unknown[]): Doc => {
    font(src, ...rest);
    if (typeof src === 'string' && paths.includes(src)) adopt(src);
    return doc;
  };
}
