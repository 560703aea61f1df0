/**
 * RAG colours: Red / Amber / Green, plus Blue (complete and evidenced) and Grey (not started,
 * nothing due). Every colour is also written as its word: colour is never the only signal.
 */
export type RagColour = 'red' | 'amber' | 'green' | 'blue' | 'grey';

export interface RagColourInfo {
  key: RagColour;
  /** The word printed with the colour. */
  label: string;
  /** What the colour means, for the RAG key of packs and pages. */
  meaning: string;
}

/** In display order: worst first, then done, then not started. */
export const RAG_COLOUR_INFO: Readonly<Record<RagColour, RagColourInfo>> = Object.freeze({
  red: { key: 'red', label: 'Red', meaning: 'Off track: overdue, blocked, or a milestone badly late. Needs the board’s intervention.' },
  amber: {
    key: 'amber',
    label: 'Amber',
    meaning: 'At risk: a milestone has slipped, updates are out of date, evidence was rejected, or the action is complete but awaiting evidence.',
  },
  green: { key: 'green', label: 'Green', meaning: 'On track.' },
  blue: { key: 'blue', label: 'Blue', meaning: 'Complete and evidenced: every milestone done and evidence accepted by the board.' },
  grey: { key: 'grey', label: 'Grey', meaning: 'Not yet started, and nothing is due yet.' },
});

/** Display order (tables, charts, counts, API enums): red, amber, green, blue, grey. */
export const RAG_COLOURS: readonly RagColour[] = Object.freeze(Object.keys(RAG_COLOUR_INFO) as RagColour[]);

/**
 * Worst first, for roll-ups. Blue comes last because it only wins when everything is Blue: a
 * finding with one Green and nine Blue actions is still Green, since work remains.
 */
export const RAG_WORST_FIRST: readonly RagColour[] = Object.freeze(['red', 'amber', 'green', 'grey', 'blue'] as const);

export function isRagColour(value: unknown): value is RagColour {
  return typeof value === 'string' && Object.hasOwn(RAG_COLOUR_INFO, value);
}

/** How many actions have each colour. */
export type RagCounts = Record<RagColour, number>;

/** Every colour at zero. The keys follow `order` (JSON output keeps the key order it always had). */
export function emptyCounts(order: readonly RagColour[] = RAG_COLOURS): RagCounts {
  const counts = {} as RagCounts;
  for (const colour of order) counts[colour] = 0;
  return counts;
}
