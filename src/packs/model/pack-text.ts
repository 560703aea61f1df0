import { boundedMemo } from '../../common/memo/bounded-memo';
import { formatLongDate, isCalendarDate, londonToday, type CalendarDate } from '../../common/dates/calendar-date';
import { RAG_COLOUR_INFO, RAG_COLOURS, type RagColour, type RagCounts } from '../../vocabulary/rag-colour';

/**
 * Wording and ordering helpers for the pack model. No Intl collation or locale-dependent
 * formatting: the same source must give the same bytes on every machine.
 */

const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** '31 October 2025', for prose. */
export function longDate(date: CalendarDate): string {
  return formatLongDate(date);
}

/** '31 Oct 2025', for table cells. */
export function shortDate(date: CalendarDate): string {
  const [year, month, day] = date.split('-');
  return `${Number(day)} ${SHORT_MONTHS[Number(month) - 1]} ${year}`;
}

/** The London calendar date of an ISO instant, as a long date; the raw string if unreadable. */
export function instantLabel(iso: string): string {
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  return formatLongDate(londonToday(instant));
}

/** The colour's word, marked when an override set it. */
export function colourLabel(colour: RagColour, overridden = false): string {
  const label = RAG_COLOUR_INFO[colour].label;
  return overridden ? `${label} (override)` : label;
}

/** Calendar dates compare as strings once validated ('YYYY-MM-DD' is big-endian). */
export function compareIsoDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function assertCalendarDate(value: unknown, what: string): asserts value is CalendarDate {
  if (!isCalendarDate(value)) throw new RangeError(`${what} is not a calendar date (YYYY-MM-DD): '${String(value)}'`);
}

/** Plain code-unit order: deterministic everywhere, unlike localeCompare. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const REFERENCE_CHUNK = /(\d+)|(\D+)/g;

/**
 * A reference's chunks, split once: sorting a 5,000-action plan's evidence compares each reference
 * with many others (splitting them afresh each time was a tenth of the model's time). The arrays
 * are only read.
 */
const referenceChunks = boundedMemo((reference: string): readonly string[] => reference.match(REFERENCE_CHUNK) ?? [], 50_000);

/** Natural order for references, so 'A1.2' comes before 'A1.10'. */
export function compareReferences(a: string, b: string): number {
  if (a === b) return 0;
  const chunksA = referenceChunks(a);
  const chunksB = referenceChunks(b);
  const length = Math.min(chunksA.length, chunksB.length);
  for (let i = 0; i < length; i++) {
    const x = chunksA[i];
    const y = chunksB[i];
    if (x === y) continue;
    const xDigits = x.charCodeAt(0) >= 48 && x.charCodeAt(0) <= 57;
    const yDigits = y.charCodeAt(0) >= 48 && y.charCodeAt(0) <= 57;
    if (xDigits && yDigits) {
      const diff = Number(x) - Number(y);
      if (diff !== 0) return diff < 0 ? -1 : 1;
      // '01' and '1': the shorter spelling first, so the order is still total.
      if (x.length !== y.length) return x.length - y.length;
      continue;
    }
    const byText = compareStrings(x.toLowerCase(), y.toLowerCase());
    if (byText !== 0) return byText;
    return compareStrings(x, y);
  }
  return chunksA.length - chunksB.length || compareStrings(a, b);
}

/**
 * "CQC" + "local authority assessment" -> "CQC local authority assessment", but "CQC" + "CQC local
 * authority assessment" stays as it is: kind labels often name their regulator already.
 */
export function prefixOnce(prefix: string, text: string): string {
  const p = prefix.trim();
  if (p === '') return text;
  const lower = text.toLowerCase();
  const start = p.toLowerCase();
  return lower.startsWith(start) && (text.length === p.length || !/[\p{L}\p{N}]/u.test(text[p.length])) ? text : `${p} ${text}`;
}

/** "Blocked; Milestone 'X' overdue" -> "Blocked; milestone 'X' overdue": no capital after a semicolon, except in an acronym or a name-like word. */
export function joinClauses(clauses: readonly string[]): string {
  return clauses.map((clause, i) => (i === 0 ? clause : lowerFirstWord(clause))).join('; ');
}

/** Lower-cases the first letter of a sentence-case word ("Milestone"), not of an acronym ("RAG", "CQC") or a word with capitals inside ("PowerBI"). */
export function lowerFirstWord(text: string): string {
  const first = /^\p{Lu}[\p{Ll}'’-]*(?=[^\p{L}]|$)/u.exec(text);
  // One capital letter on its own is lower-cased only as the article "A" ("I" stays).
  if (!first || (first[0].length < 2 && first[0] !== 'A')) return text;
  return text[0].toLowerCase() + text.slice(1);
}

/** 'a', 'a and b', 'a, b and c'. */
export function joinWords(items: readonly string[]): string {
  if (items.length === 0) return '';
  if (items.length === 1) return items[0];
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

/** "2 red, 3 amber and 1 blue": colours with none are left out; "no actions" if all are zero. */
export function describeCounts(counts: RagCounts, emptyText = 'no actions'): string {
  const parts = RAG_COLOURS.filter((colour) => counts[colour] > 0).map((colour) => `${counts[colour]} ${colour}`);
  return parts.length === 0 ? emptyText : joinWords(parts);
}

/** Every colour, zeros included: "2 red, 0 amber, 4 green, 2 blue and 1 grey" (for alt text). */
export function describeAllCounts(counts: RagCounts): string {
  return joinWords(RAG_COLOURS.map((colour) => `${counts[colour]} ${colour}`));
}

export function signed(delta: number): string {
  return delta > 0 ? `+${delta}` : String(delta);
}

/** Collapses whitespace and cuts at a word boundary, with an ellipsis, when longer than max. */
export function trimText(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(' ');
  const base = lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut;
  return `${base.replace(/[\s,;:.-]+$/, '')}…`;
}

/** A file-name-safe slug: lower case ASCII letters, digits and hyphens. */
export function slugify(text: string, maxLength = 60): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug.slice(0, maxLength).replace(/-+$/, '') || 'pack';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Replaces every known person's name in free text (narratives, reasons, titles) with their role,
 * for scrutiny packs. Names are matched whole and case-insensitively; the longest name wins, so
 * 'Jo Smith-Jones' is not left half replaced by 'Jo Smith'. It cannot catch a name it was not
 * given (a surname alone, a colleague's name): narratives are written for publication.
 */
export function createNameRedactor(people: readonly { name: string; replacement: string }[]): (text: string) => string {
  const byName = new Map<string, string>();
  const sorted = [...people].sort((a, b) => compareStrings(a.name, b.name) || compareStrings(a.replacement, b.replacement));
  for (const person of sorted) {
    const name = person.name.trim();
    // Very short "names" (initials) would match ordinary words.
    if (name.length < 3) continue;
    const key = name.toLowerCase();
    if (!byName.has(key)) byName.set(key, person.replacement);
  }
  if (byName.size === 0) return (text) => text;
  const names = [...byName.keys()].sort((a, b) => b.length - a.length || compareStrings(a, b));
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${names.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return (text) =>
    text.replace(pattern, (match: string, offset: number) => {
      const replacement = byName.get(match.toLowerCase()) ?? 'an officer';
      // At the start of a sentence 'the Head of ...' becomes 'The Head of ...'.
      const before = text.slice(Math.max(0, offset - 3), offset);
      return offset === 0 || /[.!?:]\s+$/.test(before) ? capitaliseFirst(replacement) : replacement;
    });
}

function capitaliseFirst(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}
