import type { RagColour } from './rag-policy.types';

/**
 * Worst first. Blue comes last because it only wins when everything is Blue: a finding with one
 * Green and nine Blue actions is still Green, since work remains.
 */
export const RAG_ORDER: readonly RagColour[] = Object.freeze(['red', 'amber', 'green', 'grey', 'blue'] as const);

/** The worst colour in the list by RAG_ORDER, or null for an empty list. */
export function worstColour(colours: readonly RagColour[]): RagColour | null {
  let worst: RagColour | null = null;
  for (const colour of colours) {
    if (worst === null || RAG_ORDER.indexOf(colour) < RAG_ORDER.indexOf(worst)) worst = colour;
  }
  return worst;
}

export interface RagRollUp {
  /** Null when there is nothing to roll up (a finding with no actions yet). */
  colour: RagColour | null;
  counts: Record<RagColour, number>;
  total: number;
}

/**
 * The colour of a finding, workstream or notice from its actions' colours: Blue if all are Blue,
 * else the worst among the non-Blue ones (Red, Amber, Green, Grey), with counts of each colour.
 */
export function rollUp(colours: readonly RagColour[]): RagRollUp {
  const counts: Record<RagColour, number> = { red: 0, amber: 0, green: 0, grey: 0, blue: 0 };
  for (const colour of colours) counts[colour] += 1;
  // With Blue last in RAG_ORDER, "worst overall" is exactly "Blue only if all are Blue".
  return { colour: worstColour(colours), counts, total: colours.length };
}
