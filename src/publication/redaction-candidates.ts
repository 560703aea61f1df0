/**
 * What the redaction rules propose (candidates: a span of text, its replacement and why) and how
 * they are applied: an earlier kind wins where two overlap, and a replacement that starts a
 * sentence is capitalised. Shared by the rules in pattern-candidates.ts, full-name-candidates.ts
 * and name-part-candidates.ts; the public API is redact-names.ts.
 */
import type { TextToken } from './text-tokens';

export type RedactionKind = 'name' | 'email' | 'phone' | 'nhs_number' | 'postcode';

export interface Replacement {
  kind: RedactionKind;
  /** The text removed, exactly as it stood. */
  found: string;
  replacement: string;
  /** Why, in words: "given name of a known person", "title 'DI' with a name". */
  reason: string;
  /** Offsets in the original text. */
  start: number;
  end: number;
}

export interface RedactionResult {
  text: string;
  replacements: Replacement[];
}

export const PLACEHOLDERS: Readonly<Record<RedactionKind, string>> = Object.freeze({
  name: '[name removed]',
  email: '[email removed]',
  phone: '[phone removed]',
  nhs_number: '[NHS number removed]',
  postcode: '[postcode removed]',
});

/** How careful to be with a name part that is also a word. */
export type Strictness = 'plain' | 'ordinary' | 'calendar';

export interface NamePart {
  /** Folded (lower case, ASCII apostrophes). */
  key: string;
  person: number;
  which: 'given' | 'surname';
  strictness: Strictness;
}

export interface Candidate extends Replacement {
  priority: number;
}

export type ReplacementFor = (personIndexes: readonly number[]) => { text: string; known: string };
export type Persons = readonly { given: string[]; surname: string[]; role: string | null }[];

export function candidate(kind: RedactionKind, found: string, start: number, replacement: string, reason: string, priority: number): Candidate {
  return { kind, found, start, end: start + found.length, replacement, reason, priority };
}

function capitaliseFirst(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}

/** Keeps the first candidate by priority where two overlap, then writes the text with the replacements made. */
export function applyCandidates(text: string, tokens: readonly TextToken[], candidates: Candidate[]): RedactionResult {
  const ordered = [...candidates].sort((a, b) => a.priority - b.priority || a.start - b.start || b.end - a.end);
  const accepted: Candidate[] = [];
  for (const c of ordered) {
    if (accepted.some((a) => c.start < a.end && a.start < c.end)) continue;
    accepted.push(c);
  }
  accepted.sort((a, b) => a.start - b.start);
  // A replacement at the start of a sentence is capitalised ("The Head of Safeguarding asked"), but not after a colon.
  const sentenceStarts = new Set(tokens.filter((t) => t.sentenceStart && !t.afterColon).map((t) => t.start));
  let out = '';
  let cursor = 0;
  const replacements: Replacement[] = [];
  for (const c of accepted) {
    const atStart = sentenceStarts.has(c.start) || c.start === 0;
    let replacement = c.replacement;
    // "the DI Quayle" -> "the Detective Inspector", not "the the Detective Inspector".
    if (/^the /.test(replacement) && /\bthe[ \t]+$/i.test(text.slice(Math.max(cursor, c.start - 5), c.start))) replacement = replacement.slice(4);
    if (atStart) replacement = capitaliseFirst(replacement);
    out += text.slice(cursor, c.start) + replacement;
    cursor = c.end;
    replacements.push({ kind: c.kind, found: c.found, replacement, reason: c.reason, start: c.start, end: c.end });
  }
  out += text.slice(cursor);
  return { text: out, replacements };
}
