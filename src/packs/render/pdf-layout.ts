/**
 * Text measuring and line breaking for PDF tables. PDFKit's own wrapper lays out every call from
 * scratch; a 5,000-row tracker needs tens of thousands of cells, so words are measured once
 * (cached) and each line is drawn with a single unwrapped text call.
 */

/** The part of PDFKit's document this module needs (kept narrow so tests can fake it). */
export interface MeasuringDocument {
  font(name: string): unknown;
  fontSize(size: number): unknown;
  widthOfString(text: string): number;
}

export const ELLIPSIS = '…';

/** Lines of a wrapped text, with the width of each (so drawing need not measure them again). */
export interface WrappedText {
  lines: string[];
  widths: number[];
  /** True where a line ends inside a word (a word wider than the line, split by characters): no space follows it in the text. */
  midWord: boolean[];
}

export class TextMeasure {
  /** Font, then size, then text: nested maps, so a lookup does not build a long key string. */
  private readonly cache = new Map<string, Map<number, Map<string, number>>>();

  constructor(private readonly doc: MeasuringDocument) {}

  private sizeCache(font: string, size: number): Map<string, number> {
    let bySize = this.cache.get(font);
    if (!bySize) this.cache.set(font, (bySize = new Map<number, Map<string, number>>()));
    let byText = bySize.get(size);
    if (!byText) bySize.set(size, (byText = new Map<string, number>()));
    return byText;
  }

  width(font: string, size: number, text: string): number {
    return this.cachedWidth(this.sizeCache(font, size), font, size, text);
  }

  /** width() for one font and size, its cache looked up once (for measuring many words). */
  widthOf(font: string, size: number): (text: string) => number {
    const cache = this.sizeCache(font, size);
    return (text) => cache.get(text) ?? this.cachedWidth(cache, font, size, text);
  }

  private cachedWidth(cache: Map<string, number>, font: string, size: number, text: string): number {
    let width = cache.get(text);
    if (width === undefined) {
      this.doc.font(font);
      this.doc.fontSize(size);
      width = this.doc.widthOfString(text);
      cache.set(text, width);
    }
    return width;
  }

  /**
   * Greedy line breaking at spaces; a word wider than the line is split by characters. With more
   * lines than maxLines, the last kept line ends with an ellipsis.
   */
  wrap(text: string, font: string, size: number, maxWidth: number, maxLines = Number.MAX_SAFE_INTEGER): string[] {
    return this.wrapWithWidths(text, font, size, maxWidth, maxLines).lines;
  }

  wrapWithWidths(text: string, font: string, size: number, maxWidth: number, maxLines = Number.MAX_SAFE_INTEGER): WrappedText {
    const cache = this.sizeCache(font, size);
    const measure = (t: string): number => this.cachedWidth(cache, font, size, t);
    const lines: string[] = [];
    const widths: number[] = [];
    const midWord: boolean[] = [];
    const space = measure(' ');
    for (const paragraph of text.split('\n')) {
      let line = '';
      let lineWidth = 0;
      for (const word of paragraph.split(' ')) {
        if (word === '') continue;
        const wordWidth = measure(word);
        if (line !== '' && lineWidth + space + wordWidth <= maxWidth) {
          line += ` ${word}`;
          lineWidth += space + wordWidth;
          continue;
        }
        if (line !== '') {
          lines.push(line);
          widths.push(lineWidth);
          midWord.push(false);
        }
        if (wordWidth <= maxWidth) {
          line = word;
          lineWidth = wordWidth;
          continue;
        }
        // A word longer than the line (a URL, a long reference): break it by characters.
        let piece = '';
        for (const char of word) {
          if (piece !== '' && measure(piece + char) > maxWidth) {
            lines.push(piece);
            widths.push(measure(piece));
            midWord.push(true);
            piece = '';
          }
          piece += char;
        }
        line = piece;
        lineWidth = measure(piece);
      }
      lines.push(line);
      widths.push(lineWidth);
      midWord.push(false);
      if (lines.length > maxLines) break;
    }
    if (lines.length <= maxLines) return { lines, widths, midWord };
    const kept = lines.slice(0, maxLines);
    let last = kept[maxLines - 1];
    while (last.length > 0 && measure(last + ELLIPSIS) > maxWidth) {
      const cut = last.lastIndexOf(' ');
      last = cut > 0 ? last.slice(0, cut) : last.slice(0, -1);
    }
    kept[maxLines - 1] = last + ELLIPSIS;
    return { lines: kept, widths: [...widths.slice(0, maxLines - 1), measure(kept[maxLines - 1])], midWord: midWord.slice(0, maxLines) };
  }
}

/** Splits a total width between columns by their relative shares. */
export function columnWidths(shares: readonly number[], total: number): number[] {
  const sum = shares.reduce((a, b) => a + b, 0) || 1;
  return shares.map((share) => (share / sum) * total);
}

/** Round numbers for a chart axis: a step of 1, 2 or 5 times a power of ten. */
export function axisTicks(max: number, wanted = 5): number[] {
  if (max <= 0) return [0, 1];
  const rough = max / wanted;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? power * 10);
  const ticks: number[] = [];
  for (let value = 0; value < max + step; value += step) ticks.push(value);
  return ticks;
}

/**
 * Where trend lines share a value at a date, each gets a small step off it (in units of the
 * caller's choosing: -0.5, +0.5 for two; -1, 0, +1 for three), so equal lines stay visible as
 * separate lines and markers. One entry per series, one per point; 0 where a value is its own.
 */
export function equalValueOffsets(series: readonly (readonly number[])[]): number[][] {
  const offsets = series.map((s) => s.map(() => 0));
  const points = series.reduce((m, s) => Math.max(m, s.length), 0);
  for (let i = 0; i < points; i++) {
    const byValue = new Map<number, number[]>();
    series.forEach((s, k) => {
      if (i >= s.length) return;
      const group = byValue.get(s[i]);
      if (group) group.push(k);
      else byValue.set(s[i], [k]);
    });
    for (const group of byValue.values()) {
      if (group.length < 2) continue;
      group.forEach((k, rank) => (offsets[k][i] = rank - (group.length - 1) / 2));
    }
  }
  return offsets;
}
