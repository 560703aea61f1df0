/**
 * Name redaction for scrutiny packs: a narrative and the plan's known people in, the redacted text
 * and every replacement made (what, where, why, replaced with what) out. Pure; no Nest, no database.
 *
 * What is replaced, in this order (an earlier kind wins where two overlap):
 *  1. e-mail addresses                              -> "[email removed]"
 *  2. UK phone numbers (0..., +44..., spaces, dashes, brackets, 10-11 digits)
 *                                                    -> "[phone removed]"
 *  3. anything shaped like an NHS number: 10 digits as 3-3-4 (spaces or dashes) or run together,
 *     not a phone number (no leading 0 or +44); no checksum test -> "[NHS number removed]"
 *  4. UK postcodes ("WA1 2NH"; without the space only in capitals) -> "[postcode removed]"
 *  5. a title and the name after it ("DI Quayle", "Cllr J. Barker", "Detective Inspector Quayle",
 *     "Dr. Mensah"), whether or not the person is known
 *  6. a known person's full name ("Helen Marsh", "H. Marsh", "Priya N.", "Marsh, Helen")
 *  7. a known person's given name or surname on its own, as a whole word, with its possessive
 *     kept ("Helen's" -> "the Head of Safeguarding's")
 * A name becomes the known person's role ("the Head of Safeguarding", "The ..." at the start of
 * a sentence) when exactly one known person fits, else "[name removed]" (a stranger after a
 * title, a given name two users share, a user with no role).
 *
 * Case and ordinary words (a user called "Will Hope")
 * ---------------------------------------------------
 * A name part that is not an English word ("Priya", "Kowalski") is replaced in any case:
 * "priya", "PRIYA". A name part that is also a word ("Will", "Hope", "Mark", "Grace", "Bell"), or
 * has two letters or fewer ("Jo", "Li"), is replaced only where it reads as a name:
 *  - always next to the same person's other name ("Will Hope", "Hope Will") or after a title;
 *  - never in lower case ("we hope", "will", "rose by 4%") or in capitals ("WILL THE BOARD");
 *  - never after an article, even in a list ("the May board", "the Marsh and Bell wards");
 *  - capitalised in mid-sentence, unless part of a capitalised phrase with a word that is not one
 *    of the users' names ("Hope Street", "Mental Health Bill", "Hope for Justice");
 *  - at the start of a sentence only when followed by what follows a person in an update: "to"
 *    and a verb, a reporting verb ("noted", "asked", "will", "reports"...), a colon, or another
 *    name ("and Priya", ", Grace and ..."), or when possessive: "Will to circulate", "Grace noted",
 *    "Will: update the log"; not "Will the board agree", "Mark the date", "Grace period";
 *  - month, day, RAG colour and judgement words ("May", "Green", "Good") only where followed by
 *    "to" and a verb or a reporting verb ("May to circulate"; not "in May", "from May to July",
 *    "May's figures").
 * Accepted over-redaction (in the corpus test): an ordinary-word name at the start of a sentence
 * followed by "to" and a verb is taken as the name ("Hope to complete by March", user Will Hope).
 * Accepted misses (in the corpus test, and listed by the suspect finder for the human check):
 * such a name at the start of a sentence followed by anything else ("Grace was on leave"), and a
 * month name before a colon ("Update from May:").
 */
import { englishWords, isDictionaryWord, type WordSet } from './english-words';
import { fullNameCandidates, titleCandidates } from './full-name-candidates';
import { CALENDAR_AND_RATING_WORDS, DEFAULT_KNOWN_TERMS, knownTermIndex } from './known-terms';
import { namePartCandidates } from './name-part-candidates';
import { patternCandidates } from './pattern-candidates';
import { applyCandidates, PLACEHOLDERS, type Candidate, type NamePart, type RedactionResult, type Strictness } from './redaction-candidates';
import { foldWord, isLowerCase, tokenize } from './text-tokens';

export { PLACEHOLDERS, type RedactionKind, type RedactionResult, type Replacement } from './redaction-candidates';

export interface KnownPerson {
  givenName: string;
  surname: string;
  /** The role that replaces the name ("Head of Safeguarding"); without one the name becomes "[name removed]". */
  role?: string | null;
}

export interface RedactorOptions {
  /** Ordinary English words (defaults to the shipped dictionary). */
  words?: WordSet;
  /** Extra capitalised terms that are never a name after a title (the organisation's partners). */
  knownTerms?: readonly string[];
}

export type Redactor = (text: string) => RedactionResult;

/** "Head of Safeguarding" -> "the Head of Safeguarding"; a role already starting with an article is kept. */
export function rolePhrase(role: string): string {
  const trimmed = role.trim();
  return /^(the|a|an)\s/i.test(trimmed) ? trimmed[0].toLowerCase() + trimmed.slice(1) : `the ${trimmed}`;
}

export function createRedactor(people: readonly KnownPerson[], options: RedactorOptions = {}): Redactor {
  const words = options.words ?? englishWords();
  const terms = knownTermIndex([...DEFAULT_KNOWN_TERMS, ...(options.knownTerms ?? [])]);
  const persons = people.map((p) => ({
    given: splitName(p.givenName),
    surname: splitName(p.surname),
    role: p.role?.trim() ? p.role.trim() : null,
  }));

  const parts = new Map<string, NamePart[]>();
  persons.forEach((person, index) => {
    for (const [which, names] of [
      ['given', person.given],
      ['surname', person.surname],
    ] as const) {
      for (const name of names) {
        // Lower-case particles of a longer name ("van", "de") are not names on their own.
        if (names.length > 1 && isLowerCase(name) && name.length <= 3) continue;
        const key = foldWord(name);
        const strictness: Strictness = CALENDAR_AND_RATING_WORDS.has(key)
          ? 'calendar'
          : key.length <= 2 || isDictionaryWord(key, words)
            ? 'ordinary'
            : 'plain';
        const list = parts.get(key) ?? [];
        if (!list.some((p) => p.person === index && p.which === which)) list.push({ key, person: index, which, strictness });
        parts.set(key, list);
      }
    }
  });

  function replacementFor(personIndexes: readonly number[]): { text: string; known: string } {
    const unique = [...new Set(personIndexes)];
    if (unique.length === 1) {
      const role = persons[unique[0]].role;
      return role ? { text: rolePhrase(role), known: `a known person (${role})` } : { text: PLACEHOLDERS.name, known: 'a known person with no role recorded' };
    }
    return { text: PLACEHOLDERS.name, known: unique.length > 1 ? `${unique.length} known people` : 'nobody known' };
  }

  return (text: string): RedactionResult => {
    const tokens = tokenize(text);
    const folded = tokens.map((t) => foldWord(t.text));
    const candidates: Candidate[] = [
      ...patternCandidates(text),
      ...titleCandidates(text, tokens, folded, terms, parts, persons, replacementFor),
      ...fullNameCandidates(text, tokens, folded, persons, replacementFor),
      ...namePartCandidates(text, tokens, folded, parts, replacementFor),
    ];
    return applyCandidates(text, tokens, candidates);
  };
}

/** One-off use; build the redactor once with createRedactor when redacting many fields. */
export function redactNames(text: string, people: readonly KnownPerson[], options?: RedactorOptions): RedactionResult {
  return createRedactor(people, options)(text);
}

function splitName(name: string): string[] {
  return name
    .trim()
    .split(/\s+/)
    .filter((w) => /\p{L}/u.test(w));
}
