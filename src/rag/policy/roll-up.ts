import { emptyCounts, RAG_WORST_FIRST, type RagColour, type RagCounts } from '../../vocabulary/rag-colour';

/** The worst colour in the list (RAG_WORST_FIRST), or null for an empty list. */
export function worstColour(colours: readonly RagColour[]): RagColour | null {
  let worst: RagColour | null = null;
  for (const colour of colours) {
    if (worst === null || RAG_WORST_FIRST.indexOf(colour) < RAG_WORST_FIRST.indexOf(worst)) worst = colour;
  }
  return worst;
}

export interface RagRollUp {
  /** Null when there is nothing to roll up (a finding with no actions yet). */
  colour: RagColour | null;
  counts: RagCounts;
  total: number;
}

/**
 * The colour of a finding, workstream or notice from its actions' colours: Blue if all are Blue,
 * else the worst among the non-Blue ones (Red, Amber, Green, Grey), with counts of each colour.
 */
export function rollUp(colours: readonly RagColour[]): RagRollUp {
  const counts = emptyCounts(RAG_WORST_FIRST);
  for (const colour of colours) counts[colour] += 1;
  // With Blue last in RAG_WORST_FIRST, "worst overall" is exactly "Blue only if all are Blue".
  return { colour: worstColour(colours), counts, total: colours.length };
}
