import { normaliseWords } from './normalise-words';
import { parseOwner } from './owner';

export interface OwnerCandidate {
  id: string;
  name: string;
  email: string;
}

/** A suggestion for an owner's text that matched nobody exactly: one user, or leave it unassigned. */
export type OwnerSuggestion = { userId: string } | { unassigned: true } | null;

/**
 * What an owner cell that matched no user by email or exact name probably means, offered to the
 * user (never taken without them): "TBC" / "Vacant" -> leave unassigned; otherwise the one user
 * whose name is the same words ignoring case and punctuation ("O'Neill" = "ONeill"), whose name has
 * the same initial and surname ("P. Natarajan"), or whose name is the email's local part
 * ("priya.natarajan@old-council.gov.uk"). Two or more candidates: no suggestion.
 */
export function suggestOwner(text: string, candidates: readonly OwnerCandidate[]): OwnerSuggestion {
  const owner = parseOwner(text);
  if (!owner) return null;
  if (!owner.name && !owner.email && !owner.role) return { unassigned: true };
  const wanted: string[] = [];
  if (owner.name) wanted.push(normaliseWords(owner.name));
  if (owner.email) wanted.push(normaliseWords(owner.email.split('@')[0].replace(/[._-]+/g, ' ')));
  const people = candidates.map((c) => ({ id: c.id, words: normaliseWords(c.name) }));
  for (const want of wanted.filter((w) => w !== '')) {
    const same = people.filter((p) => p.words === want);
    if (same.length === 1) return { userId: same[0].id };
    if (same.length > 1) return null;
    const short = initialAndSurname(want);
    if (short) {
      const alike = people.filter((p) => initialAndSurname(p.words) === short);
      if (alike.length === 1) return { userId: alike[0].id };
    }
  }
  return null;
}

/** "priya natarajan" and "p natarajan" -> "p natarajan"; one word -> null. */
function initialAndSurname(words: string): string | null {
  const list = words.split(' ').filter((w) => w !== '');
  if (list.length < 2) return null;
  return `${list[0][0]} ${list[list.length - 1]}`;
}
