import type { RagColour } from '../../vocabulary/rag-colour';

/**
 * How each RAG colour is painted. Fill and text pairs meet WCAG AA contrast (4.5:1 or better),
 * and the word is always printed too: colour is never the only signal.
 */
export interface RagPaint {
  /** 'RRGGBB', no '#'. */
  fill: string;
  text: string;
}

export const RAG_PAINT: Readonly<Record<RagColour, RagPaint>> = Object.freeze({
  red: { fill: 'C00000', text: 'FFFFFF' },
  amber: { fill: 'FFC000', text: '000000' },
  green: { fill: '00B050', text: '000000' },
  blue: { fill: '0070C0', text: 'FFFFFF' },
  grey: { fill: 'BFBFBF', text: '000000' },
});

/** Header rows of tables, and the house colours of the documents. */
export const HOUSE = Object.freeze({
  ink: '1A1A1A',
  heading: '1F3864',
  muted: '404040',
  rule: '8C8C8C',
  headerFill: 'D9E2F3',
  detailsFill: 'F2F2F2',
});

export function hex(colour: string): string {
  return `#${colour}`;
}
