import { AppException } from './app.exception';
import { CommonErrorCode } from './error-code';

export interface DependentRow {
  id: string;
  /** How users know the row: a reference ("A1.3") or a title. */
  label: string;
}

export interface DependentGroup {
  /** e.g. 'is answered by', 'has' */
  relation: string;
  /** e.g. 'action', 'finding' (made plural when there are several) */
  entityType: string;
  rows: DependentRow[];
}

const NAMES_SHOWN = 10;

function names(rows: DependentRow[]): string {
  const shown = rows.slice(0, NAMES_SHOWN).map((r) => r.label);
  const more = rows.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/**
 * A delete refused because other rows depend on the row, saying which, e.g.
 * "finding QS-SAFE-1 is answered by actions A1.3, A2.1". Returns null when nothing depends on it.
 * The details list every dependent (id and label) so a client can link to them.
 */
export function hasDependents(subject: string, groups: DependentGroup[]): AppException | null {
  const present = groups.filter((g) => g.rows.length > 0);
  if (present.length === 0) return null;
  const clauses = present.map((g) => `${g.relation} ${g.entityType}${g.rows.length > 1 ? 's' : ''} ${names(g.rows)}`);
  return AppException.conflict(CommonErrorCode.HasDependents, `${subject} ${clauses.join(' and ')}; remove or move them first`, {
    dependents: present.map((g) => ({ entityType: g.entityType, count: g.rows.length, items: g.rows })),
  });
}
