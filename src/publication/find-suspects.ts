/**
 * The suspect finder of the publication check: words left in a (redacted) text that may still be
 * someone's name, for a person to look at before a scrutiny pack is published. It lists, with
 * offsets and a little context (the caller adds the field and the action they came from):
 *
 *  - `after_title`: a capitalised word after a title ("Mr", "Cllr", "DI" ... and the sometimes-
 *    titles "Sister", "Father", "Lord", "Lady", "Judge", "Nurse") that is not a known person, a
 *    known term or an acronym. The redactor removes most of these already; the finder still lists
 *    what it left (it runs on the redacted text) and works on unredacted text too.
 *  - `not_in_dictionary`: a capitalised word that is in no dictionary and no list of known terms
 *    ("Tariq", "Olusegun"), including at the start of a sentence (where capitals say nothing, but
 *    a word no dictionary knows still looks like a name). Acronyms (two or more capitals), single
 *    letters and the redactor's placeholders are never listed.
 *  - `known_name_left`: a known user's name that is also an ordinary word, left at the start of a
 *    sentence or before a colon by the redactor ("Grace was on leave" for a user called Grace Bell,
 *    "Update from May:" for May Fielding): the redactor cannot tell it from "Grace period" or the
 *    month, so a person decides.
 *  - `person_like`: a capitalised word that the `compromise` library's person tagger reads as part
 *    of a person's name ("John Smith", "Will Hope"), where the dictionary cannot help because the
 *    name is also a word. Known terms, month, day, RAG and judgement words are not listed.
 *
 * Why both: measured on the name corpus (scripts/measure-suspect-dictionaries.ts, figures in the
 * README's "Publication check" section), the shipped dictionary alone lists every stranger in the
 * corpus (5 of 5) but only 96 of its 149 names when the user list is missing; adding compromise's
 * `.people()` (filtered as above) lists 126 of 149 for no more false suspects, while compromise
 * alone lists none of the strangers ("Tariq", "Olusegun") and 7 false suspects ("Amber", "sue-").
 * compromise is loaded on first use (about a second) and costs about 10 ms a narrative; pass
 * `personTagger: null` to do without it.
 * Pure functions; no Nest, no database.
 */
import { englishWords, isDictionaryWord, type WordSet } from './english-words';
import { CALENDAR_AND_RATING_WORDS, DEFAULT_KNOWN_TERMS, knownTermIndex } from './known-terms';
import type { KnownPerson } from './redact-names';
import { foldWord, isAllCaps, isCapitalised, onlySpaceBetween, tokenize, type TextToken } from './text-tokens';
import { matchTitleAt } from './titles';

export type SuspectReason = 'after_title' | 'not_in_dictionary' | 'known_name_left' | 'person_like';

/** Spans of a text that read as people's names. */
export type PersonTagger = (text: string) => { start: number; end: number }[];

export interface Suspect {
  /** The word as written ("Tariq"). */
  word: string;
  /** Offsets in the text given. */
  start: number;
  end: number;
  reason: SuspectReason;
  /** In words, for the publication check: "capitalised word after the title 'Sister'". */
  explanation: string;
  /** The surrounding words, for the reviewer ("…completed by Tariq (ICB analyst) and…"). */
  context: string;
}

export interface SuspectFinderOptions {
  /** The plan's users: their names are not suspects after a title; their ordinary-word names left at a sentence start are. */
  knownPeople?: readonly KnownPerson[];
  /** The organisation's own terms (partners, towns, systems) on top of the built-in ones. */
  knownTerms?: readonly string[];
  /** Ordinary English words (defaults to the shipped dictionary). */
  words?: WordSet;
  /** A second opinion on what reads as a person's name (defaults to compromise's `.people()`; null for none). */
  personTagger?: PersonTagger | null;
}

export type SuspectFinder = (text: string) => Suspect[];

const CONTEXT_CHARS = 30;
/** The redactor's own output is not a suspect. */
const PLACEHOLDER = /\[(?:name|email|phone|NHS number|postcode) removed\]/g;

export function createSuspectFinder(options: SuspectFinderOptions = {}): SuspectFinder {
  const words = options.words ?? englishWords();
  const personTagger = options.personTagger === undefined ? compromisePersonTagger : options.personTagger;
  const terms = knownTermIndex([...DEFAULT_KNOWN_TERMS, ...(options.knownTerms ?? [])]);
  const nameParts = new Map<string, { ordinary: boolean }>();
  for (const person of options.knownPeople ?? []) {
    for (const name of [...person.givenName.trim().split(/\s+/), ...person.surname.trim().split(/\s+/)]) {
      if (!name) continue;
      const key = foldWord(name);
      nameParts.set(key, { ordinary: key.length <= 2 || CALENDAR_AND_RATING_WORDS.has(key) || isDictionaryWord(key, words) });
    }
  }

  return (text: string): Suspect[] => {
    const placeholders = [...text.matchAll(PLACEHOLDER)].map((m) => [m.index, m.index + m[0].length] as const);
    const inPlaceholder = (t: TextToken): boolean => placeholders.some(([a, b]) => t.start >= a && t.end <= b);
    const tokens = tokenize(text).filter((t) => !inPlaceholder(t));
    const folded = tokens.map((t) => foldWord(t.text));

    // Words covered by a known term ("St Helens", "Making Safeguarding Personal").
    const known = new Set<number>();
    for (let i = 0; i < tokens.length; i++) {
      const span = terms.spanAt(folded, i);
      for (let k = 0; k < span; k++) known.add(i + k);
    }

    const suspects: Suspect[] = [];
    const listed = new Set<number>();
    const add = (i: number, reason: SuspectReason, explanation: string): void => {
      if (listed.has(i)) return;
      listed.add(i);
      const t = tokens[i];
      suspects.push({ word: t.text, start: t.start, end: t.end, reason, explanation, context: contextOf(text, t.start, t.end) });
    };
    const looksLikeName = (i: number): boolean =>
      isCapitalised(tokens[i].text) && !isAllCaps(tokens[i].text) && tokens[i].text.length >= 2 && !known.has(i);

    for (let i = 0; i < tokens.length; i++) {
      const title = matchTitleAt(text, tokens, i, 'suspect');
      if (title) {
        const next = title.nextToken;
        if (next < tokens.length && onlySpaceBetween(text, title.end, tokens[next].start) && looksLikeName(next) && !nameParts.has(folded[next])) {
          add(next, 'after_title', `capitalised word after the title '${title.words}' that names no known person`);
        }
        i = next - 1;
        continue;
      }
      const token = tokens[i];
      const part = nameParts.get(folded[i]);
      if (part && isCapitalised(token.text) && !isAllCaps(token.text)) {
        if (part.ordinary && token.sentenceStart && !known.has(i)) {
          add(i, 'known_name_left', "a known person's name that is also an ordinary word, left at the start of a sentence");
        } else if (part.ordinary && /^[ \t]*:/.test(text.slice(token.end))) {
          // "Update from May: ..." is a month or the user May; a person decides.
          add(i, 'known_name_left', "a known person's name that is also an ordinary word, left before a colon");
        }
        continue;
      }
      if (!looksLikeName(i)) continue;
      if (!isDictionaryWord(token.text, words)) {
        add(i, 'not_in_dictionary', 'capitalised word that is in no dictionary and no list of known terms');
      }
    }

    if (personTagger) {
      const candidates: number[] = [];
      for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i];
        if (listed.has(i) || !looksLikeName(i) || CALENDAR_AND_RATING_WORDS.has(folded[i]) || nameParts.has(folded[i])) continue;
        // A hyphenated compound of ordinary words ("Mark-ups") is not a name, whatever the tagger says.
        if (t.text.includes('-') && isDictionaryWord(t.text, words)) continue;
        if (matchTitleAt(text, tokens, i, 'suspect')) continue;
        // A capital at a sentence start says nothing unless another capitalised word follows ("Will Hope").
        if (t.sentenceStart && !(i + 1 < tokens.length && isCapitalised(tokens[i + 1].text) && onlySpaceBetween(text, t.end, tokens[i + 1].start))) continue;
        candidates.push(i);
      }
      // The tagger costs about 10 ms a text: only asked when a word could be a name it knows.
      const spans = candidates.length > 0 ? personTagger(text) : [];
      for (const i of candidates) {
        const t = tokens[i];
        if (spans.some((span) => t.start >= span.start && t.end <= span.end)) {
          add(i, 'person_like', 'capitalised word that reads as part of a person’s name');
        }
      }
    }
    return suspects.sort((a, b) => a.start - b.start);
  };
}

/** One-off use; build the finder once with createSuspectFinder when checking many fields. */
export function findSuspects(text: string, options?: SuspectFinderOptions): Suspect[] {
  return createSuspectFinder(options)(text);
}

function contextOf(text: string, start: number, end: number): string {
  const from = Math.max(0, start - CONTEXT_CHARS);
  const to = Math.min(text.length, end + CONTEXT_CHARS);
  const before = text.slice(from, start).replace(/^\S*\s/, from > 0 ? '' : '$&');
  const after = text.slice(end, to).replace(/\s\S*$/, to < text.length ? '' : '$&');
  return `${from > 0 ? '…' : ''}${before}${text.slice(start, end)}${after}${to < text.length ? '…' : ''}`.replace(/\s+/g, ' ');
}

interface CompromiseView {
  people(): { json(options: { offset: true }): { offset?: { start: number; length: number } }[] };
}
type Compromise = (text: string) => CompromiseView;
let compromise: Compromise | null = null;

/** compromise's person tagger, loaded on first use (it is large: about a second to load). */
export const compromisePersonTagger: PersonTagger = (text) => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily, only when a publication check runs
  compromise ??= require('compromise') as Compromise;
  return compromise(text)
    .people()
    .json({ offset: true })
    .flatMap((p) => (p.offset ? [{ start: p.offset.start, end: p.offset.start + p.offset.length }] : []));
};
