import type { RagColour } from '../../vocabulary/rag-colour';
import { normaliseWords } from './normalise-words';

/**
 * A RAG column is read so the preview can show what the spreadsheet said, but never imported:
 * colours are worked out from dates, milestones and evidence. A colour is read from the words
 * ("Red", "G", "Amber/Green" -> the first colour) or, when the cell has no words, from its fill.
 */
export interface RagReading {
  colour: RagColour | null;
  from: 'text' | 'fill' | null;
}

const WORD_COLOURS: Array<[RegExp, RagColour]> = [
  [/^(r|red)\b/, 'red'],
  [/^(a|amber|yellow|orange)\b/, 'amber'],
  [/^(g|green)\b/, 'green'],
  [/^(b|blue|complete|completed)\b/, 'blue'],
  [/^(grey|gray|not started|n s)\b/, 'grey'],
];

export function readRag(text: string, fillArgb?: string): RagReading {
  const words = normaliseWords(text);
  if (words !== '') {
    for (const [pattern, colour] of WORD_COLOURS) if (pattern.test(words)) return { colour, from: 'text' };
    return { colour: null, from: null };
  }
  const colour = fillArgb ? colourOfFill(fillArgb) : null;
  return { colour, from: colour ? 'fill' : null };
}

/** The RAG colour nearest an ARGB fill ('FFFF0000' -> red, 'FFFFC000' -> amber, 'FF00B050' -> green), or null for white, black and pale greys. */
export function colourOfFill(argb: string): RagColour | null {
  const hex = argb.length === 8 ? argb.slice(2) : argb;
  if (!/^[0-9A-Fa-f]{6}$/.test(hex)) return null;
  const r = parseInt(hex.slice(0, 2), 16) / 255;
  const g = parseInt(hex.slice(2, 4), 16) / 255;
  const b = parseInt(hex.slice(4, 6), 16) / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const chroma = max - min;
  if (chroma < 0.15) return max > 0.35 && max < 0.9 ? 'grey' : null;
  let hue: number;
  if (max === r) hue = (((g - b) / chroma) % 6) * 60;
  else if (max === g) hue = ((b - r) / chroma + 2) * 60;
  else hue = ((r - g) / chroma + 4) * 60;
  if (hue < 0) hue += 360;
  if (hue < 20 || hue >= 330) return 'red';
  if (hue < 65) return 'amber';
  if (hue < 170) return 'green';
  if (hue < 260) return 'blue';
  return null;
}
