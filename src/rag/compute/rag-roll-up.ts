import { worstColour, type RagRollUp } from '../policy/roll-up';
import { emptyCounts, RAG_WORST_FIRST, type RagColour, type RagCounts } from '../../vocabulary/rag-colour';

/**
 * Roll-ups from colour counts, for when the database has already counted (GROUP BY) rather than
 * handing over every action's colour. Gives exactly what the policy's rollUp gives for the same
 * colours: Blue only if every action is Blue, else the worst colour among the rest.
 */
export function rollUpFromCounts(counts: Readonly<RagCounts>): RagRollUp {
  const present = RAG_WORST_FIRST.filter((colour) => counts[colour] > 0);
  const total = RAG_WORST_FIRST.reduce((sum, colour) => sum + counts[colour], 0);
  return { colour: worstColour(present), counts: { ...counts }, total };
}

/** Which grouping a count belongs to. 'all' is the whole organisation (groupId null). */
export type RollUpKind = 'all' | 'workstream' | 'finding' | 'notice' | 'inspection' | 'regulator';

export interface GroupColourCount {
  kind: RollUpKind;
  groupId: string | null;
  /** Null for an action whose colour has not been computed yet. */
  colour: RagColour | null;
  count: number;
}

export interface GroupRollUp extends RagRollUp {
  /** Actions without a computed colour yet; not part of the roll-up colour. */
  notComputed: number;
}

/** Counts grouped by kind and group id, each with its roll-up colour. */
export function rollUpGroups(rows: readonly GroupColourCount[]): Record<RollUpKind, Map<string | null, GroupRollUp>> {
  const counts = new Map<string, { kind: RollUpKind; groupId: string | null; counts: RagCounts; notComputed: number }>();
  for (const row of rows) {
    const key = `${row.kind}:${row.groupId ?? ''}`;
    let entry = counts.get(key);
    if (!entry) {
      entry = { kind: row.kind, groupId: row.groupId, counts: emptyCounts(RAG_WORST_FIRST), notComputed: 0 };
      counts.set(key, entry);
    }
    if (row.colour === null) entry.notComputed += row.count;
    else entry.counts[row.colour] += row.count;
  }
  const result: Record<RollUpKind, Map<string | null, GroupRollUp>> = {
    all: new Map(),
    workstream: new Map(),
    finding: new Map(),
    notice: new Map(),
    inspection: new Map(),
    regulator: new Map(),
  };
  for (const entry of counts.values()) {
    result[entry.kind].set(entry.groupId, { ...rollUpFromCounts(entry.counts), notComputed: entry.notComputed });
  }
  return result;
}

/** A group with no actions: nothing to roll up. */
export function emptyRollUp(): GroupRollUp {
  return { colour: null, counts: emptyCounts(RAG_WORST_FIRST), total: 0, notComputed: 0 };
}
