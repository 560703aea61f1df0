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
import { CALENDAR_AND_RATING_WORDS, DEFAULT_KNOWN_TERMS, knownTermIndex, type KnownTermIndex } from './known-terms';
import { foldWord, isAllCaps, isCapitalised, isLowerCase, onlySpaceBetween, tokenize, type TextToken } from './text-tokens';
import { matchTitleAt, type TitleMatch } from './titles';

export interface KnownPerson {
  givenName: string;
  surname: string;
  /** The role that replaces the name ("Head of Safeguarding"); without one the name becomes "[name removed]". */
  role?: string | null;
}

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

export interface RedactorOptions {
  /** Ordinary English words (defaults to the shipped dictionary). */
  words?: WordSet;
  /** Extra capitalised terms that are never a name after a title (the organisation's partners). */
  knownTerms?: readonly string[];
}

export type Redactor = (text: string) => RedactionResult;

/** How careful to be with a name part that is also a word. */
type Strictness = 'plain' | 'ordinary' | 'calendar';

interface NamePart {
  /** Folded (lower case, ASCII apostrophes). */
  key: string;
  person: number;
  which: 'given' | 'surname';
  strictness: Strictness;
}

interface Candidate extends Replacement {
  priority: number;
}

// 1. E-mail addresses.
const EMAIL = /(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])/g;
// 2. Phone numbers: a leading +44 or 0, then digits with single spaces, dashes or a bracketed area code.
const PHONE = /(?<![\w+])(?:\+44[ -]?(?:\(0\)[ -]?)?|\(0|0)\d(?:\d|[ -](?=\d)|\)[ -]?(?=\d)){7,14}(?!\d)/g;
// 3. NHS-number shape: 3-3-4 with spaces or dashes, or 10 digits run together.
const NHS_NUMBER = /(?<![\w+])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\w])/g;
// 4. Postcodes (the official pattern's shape; letters Q, V, X never start one).
const POSTCODE = /(?<![\p{L}\p{N}])([A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?)( ?)(\d[ABD-HJLNP-UW-Z]{2})(?![\p{L}\p{N}])/giu;

/** Words that follow a person's name in an update ("Grace noted", "Will to circulate"). */
const REPORTING_WORDS = new Set([
  'asked',
  'agreed',
  'confirmed',
  'noted',
  'reported',
  'reports',
  'said',
  'says',
  'attended',
  'attends',
  'chaired',
  'chairs',
  'requested',
  'presented',
  'presents',
  'explained',
  'raised',
  'circulated',
  'updated',
  'shared',
  'met',
  'leads',
  'led',
  'welcomed',
  'thanked',
  'suggested',
  'proposed',
  'advised',
  'emailed',
  'wrote',
  'joined',
  'covers',
  'covered',
  'reviewed',
  'checked',
  'signed',
  'sent',
  'will',
  'would',
  'can',
  'could',
  'should',
  'has',
  'had',
  'also',
]);
/** After "to", words that make it not a verb ("May to July", "Hope to the future"). */
const NOT_A_VERB_AFTER_TO = new Set(['the', 'a', 'an', 'be', 'date', 'end', 'start']);
/** Before a name part that is also a word, these make it a noun ("the May board", "a Hope Street drop-in"). */
const ARTICLES = new Set(['the', 'a', 'an', 'this', 'these', 'those', 'our', 'its', 'their', 'each', 'every']);
/** Little words allowed inside a capitalised phrase ("Hope for Justice", "Head of Safeguarding"). */
const PHRASE_JOINERS = new Set(['of', 'for', 'and', 'the', 'on', 'in', '&']);

function capitaliseFirst(text: string): string {
  return text.length === 0 ? text : text[0].toUpperCase() + text.slice(1);
}

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
    return apply(text, tokens, candidates);
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

function patternCandidates(text: string): Candidate[] {
  const found: Candidate[] = [];
  for (const m of text.matchAll(EMAIL)) {
    found.push(candidate('email', m[0], m.index, PLACEHOLDERS.email, 'e-mail address', 1));
  }
  for (const m of text.matchAll(PHONE)) {
    const digits = m[0].replace(/\D/g, '');
    const national = digits.startsWith('44') && m[0].startsWith('+') ? `0${digits.slice(2).replace(/^0/, '')}` : digits;
    // UK numbers are 10 or 11 digits with the leading 0, which is followed by 1, 2, 3, 5, 7, 8 or 9.
    if (/^0[1235789]\d{8,9}$/.test(national)) {
      found.push(candidate('phone', m[0], m.index, PLACEHOLDERS.phone, 'UK phone number', 2));
    }
  }
  for (const m of text.matchAll(NHS_NUMBER)) {
    found.push(candidate('nhs_number', m[0], m.index, PLACEHOLDERS.nhs_number, '10 digits shaped like an NHS number', 3));
  }
  for (const m of text.matchAll(POSTCODE)) {
    // Without the space, or in lower case, a postcode is only taken when written in capitals.
    const isCaps = m[0] === m[0].toUpperCase();
    if (isCaps || m[2] === ' ') {
      if (isCaps || /^[a-z]{1,2}\d/i.test(m[1])) found.push(candidate('postcode', m[0], m.index, PLACEHOLDERS.postcode, 'UK postcode', 4));
    }
  }
  return found;
}

function candidate(kind: RedactionKind, found: string, start: number, replacement: string, reason: string, priority: number): Candidate {
  return { kind, found, start, end: start + found.length, replacement, reason, priority };
}

type ReplacementFor = (personIndexes: readonly number[]) => { text: string; known: string };
type Persons = readonly { given: string[]; surname: string[]; role: string | null }[];

/** Name words after a title: up to two initials, then one to three capitalised words. */
function nameAfterTitle(
  text: string,
  tokens: readonly TextToken[],
  folded: readonly string[],
  from: number,
  afterTitleEnd: number,
  terms: KnownTermIndex,
): { first: number; last: number } | null {
  let i = from;
  let previousEnd = afterTitleEnd;
  let initials = 0;
  // Initials: "J." or "J".
  while (i < tokens.length && initials < 2 && tokens[i].text.length === 1 && isCapitalised(tokens[i].text)) {
    if (!onlySpaceBetween(text, previousEnd, tokens[i].start)) return null;
    previousEnd = text[tokens[i].end] === '.' ? tokens[i].end + 1 : tokens[i].end;
    initials++;
    i++;
  }
  const first = i;
  let count = 0;
  while (i < tokens.length && count < 3) {
    const token = tokens[i];
    if (!onlySpaceBetween(text, previousEnd, token.start)) break;
    if (!isCapitalised(token.text) || isAllCaps(token.text) || token.text.length < 2) break;
    const calendarWord = CALENDAR_AND_RATING_WORDS.has(folded[i]);
    // A known term is not a name ("Cllr Ofsted"), but right after the title a month or colour is ("Dr May", "Mr Green").
    if (terms.spanAt(folded, i) > 0 && !(count === 0 && calendarWord)) break;
    // After the first name word, a month or a day ends the name ("Mr Jones Monday").
    if (count > 0 && calendarWord) break;
    count++;
    previousEnd = token.end;
    i++;
    if (token.possessive) break;
  }
  return count === 0 ? null : { first: first - initials, last: i - 1 };
}

function titleCandidates(
  text: string,
  tokens: readonly TextToken[],
  folded: readonly string[],
  terms: KnownTermIndex,
  parts: ReadonlyMap<string, NamePart[]>,
  persons: Persons,
  replacementFor: ReplacementFor,
): Candidate[] {
  const found: Candidate[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const title: TitleMatch | null = matchTitleAt(text, tokens, i, 'redact');
    if (!title) continue;
    const name = nameAfterTitle(text, tokens, folded, title.nextToken, title.end, terms);
    if (!name) continue;
    const nameTokens = tokens.slice(name.first, name.last + 1);
    const fullWords = nameTokens.filter((t) => t.text.length > 1);
    const initials = nameTokens.filter((t) => t.text.length === 1).map((t) => t.text.toLowerCase());
    const surnameKey = foldWord(fullWords[fullWords.length - 1].text);
    const givenKeys = fullWords.slice(0, -1).map((t) => foldWord(t.text));
    let matches = (parts.get(surnameKey) ?? [])
      .filter((p) => p.which === 'surname')
      .map((p) => p.person)
      .filter((index) => {
        const given = persons[index].given.map(foldWord);
        return givenKeys.every((g) => given.includes(g)) && initials.every((initial) => given.some((g) => g.startsWith(initial)));
      });
    // "Dr Helen": a given name alone after a title.
    if (matches.length === 0 && fullWords.length === 1 && initials.length === 0) {
      matches = (parts.get(surnameKey) ?? []).filter((p) => p.which === 'given').map((p) => p.person);
    }
    const replacement = replacementFor(matches);
    const start = tokens[i].start;
    const end = nameTokens[nameTokens.length - 1].end;
    const reason = `title '${title.words}' with a name${matches.length > 0 ? `, ${replacement.known}` : ''}`;
    found.push(candidate('name', text.slice(start, end), start, replacement.text, reason, 5));
    i = name.last;
  }
  return found;
}

function fullNameCandidates(
  text: string,
  tokens: readonly TextToken[],
  folded: readonly string[],
  persons: Persons,
  replacementFor: ReplacementFor,
): Candidate[] {
  const found: Candidate[] = [];
  const seq = (at: number, names: readonly string[]): number => {
    // Returns the index after the names if tokens from `at` spell them (spaces only between), else -1.
    let i = at;
    for (let k = 0; k < names.length; k++, i++) {
      if (i >= tokens.length || folded[i] !== foldWord(names[k])) return -1;
      if (k > 0 && (!onlySpaceBetween(text, tokens[i - 1].end, tokens[i].start) || tokens[i - 1].possessive)) return -1;
    }
    return i;
  };
  for (let i = 0; i < tokens.length; i++) {
    let best: { end: number; reason: string; person: number } | null = null;
    persons.forEach((person, index) => {
      const considerEnd = (end: number, reason: string): void => {
        if (!best || end > best.end) best = { end, reason, person: index };
      };
      const consider = (afterIndex: number, reason: string): void => {
        if (afterIndex > i) considerEnd(tokens[afterIndex - 1].end, reason);
      };
      // Given Surname.
      const afterGiven = seq(i, person.given);
      if (afterGiven > 0 && afterGiven < tokens.length && onlySpaceBetween(text, tokens[afterGiven - 1].end, tokens[afterGiven].start) && !tokens[afterGiven - 1].possessive) {
        consider(seq(afterGiven, person.surname), 'full name of a known person');
      }
      // Initial Surname: "H. Marsh", "H Marsh".
      const initial = person.given[0]?.[0];
      if (initial && tokens[i].text === initial.toUpperCase() && i + 1 < tokens.length) {
        const afterInitial = text[tokens[i].end] === '.' ? tokens[i].end + 1 : tokens[i].end;
        if (onlySpaceBetween(text, afterInitial, tokens[i + 1].start)) consider(seq(i + 1, person.surname), 'initial and surname of a known person');
      }
      // Given S.: "Priya N." (the full stop required).
      const surnameInitial = person.surname[0]?.[0];
      if (afterGiven > 0 && surnameInitial && afterGiven < tokens.length) {
        const t = tokens[afterGiven];
        if (t.text === surnameInitial.toUpperCase() && text[t.end] === '.' && onlySpaceBetween(text, tokens[afterGiven - 1].end, t.start)) {
          // The initial's full stop goes too, unless it also ends the sentence ("... by Priya N. The board ...").
          const dotGoes = /^\.[ \t]*[\p{Ll},;:)]/u.test(text.slice(t.end));
          considerEnd(dotGoes ? t.end + 1 : t.end, 'given name and initial of a known person');
        }
      }
      // Surname, Given.
      const afterSurname = seq(i, person.surname);
      if (afterSurname > 0 && afterSurname < tokens.length) {
        const gap = text.slice(tokens[afterSurname - 1].end, tokens[afterSurname].start);
        if (/^,[ \t]+$/.test(gap)) consider(seq(afterSurname, person.given), 'full name of a known person (surname first)');
      }
    });
    if (best === null) continue;
    const chosen: { end: number; reason: string; person: number } = best;
    const start = tokens[i].start;
    const replacement = replacementFor([chosen.person]);
    found.push(candidate('name', text.slice(start, chosen.end), start, replacement.text, chosen.reason, 6));
  }
  return found;
}

function namePartCandidates(
  text: string,
  tokens: readonly TextToken[],
  folded: readonly string[],
  parts: ReadonlyMap<string, NamePart[]>,
  replacementFor: ReplacementFor,
): Candidate[] {
  const found: Candidate[] = [];
  const isNamePart = (index: number): boolean => index >= 0 && index < tokens.length && parts.has(folded[index]);
  const adjacent = (a: number, b: number): boolean =>
    a >= 0 && b < tokens.length && !tokens[a].possessive && onlySpaceBetween(text, tokens[a].end, tokens[b].start) && !/[\r\n]/.test(text.slice(tokens[a].end, tokens[b].start));

  /** A capitalised neighbour that is not a user's name: "Hope Street", "Mental Health Bill", "Hope for Justice". */
  const inOtherCapitalisedPhrase = (i: number): boolean => {
    const previous = i - 1;
    // A capitalised first word of the sentence ("Yesterday Will confirmed") does not make a phrase.
    if (adjacent(previous, i) && isCapitalised(tokens[previous].text) && !isNamePart(previous) && !tokens[previous].sentenceStart) return true;
    const next = i + 1;
    if (next >= tokens.length || !adjacent(i, next)) return false;
    if (isCapitalised(tokens[next].text) && !isNamePart(next)) return true;
    if (PHRASE_JOINERS.has(folded[next]) && folded[next] !== 'and' && next + 1 < tokens.length && adjacent(next, next + 1)) {
      return isCapitalised(tokens[next + 1].text) && !isNamePart(next + 1);
    }
    return false;
  };

  /**
   * What follows reads as a person's action: "to circulate", "noted", "and Priya", ", Grace and ...",
   * a possessive, or (for a word that is not a month or colour) a colon: "Will: update the log".
   */
  const followedByAction = (i: number, calendarWord: boolean): boolean => {
    if (tokens[i].possessive) return !calendarWord;
    if (!calendarWord && /^[ \t]*:/.test(text.slice(tokens[i].end))) return true;
    const next = i + 1;
    if (next >= tokens.length) return false;
    // A list of names: "Will, Grace and Mark Rose reviewed".
    if (/^,[ \t]+$/.test(text.slice(tokens[i].end, tokens[next].start))) return isCapitalised(tokens[next].text) && isNamePart(next);
    // "Will (PSW) noted" and similar are left for the human check.
    if (!adjacent(i, next)) return false;
    const word = folded[next];
    if (word === 'to') {
      const after = next + 1;
      return after < tokens.length && adjacent(next, after) && isLowerCase(tokens[after].text) && !NOT_A_VERB_AFTER_TO.has(folded[after]);
    }
    if (word === 'and' || word === '&') {
      const after = next + 1;
      return after < tokens.length && adjacent(next, after) && isCapitalised(tokens[after].text) && isNamePart(after);
    }
    return isLowerCase(tokens[next].text) && REPORTING_WORDS.has(word);
  };

  /**
   * Used as a noun after an article: "the Marsh and Bell wards", "the May board", "a Hope Street
   * drop-in". Walks back over a list of capitalised words joined by "and", "or" or commas.
   */
  const afterArticle = (i: number): boolean => {
    let j = i;
    while (j - 2 >= 0 && (folded[j - 1] === 'and' || folded[j - 1] === 'or') && adjacent(j - 2, j - 1) && adjacent(j - 1, j) && isCapitalised(tokens[j - 2].text)) {
      j -= 2;
    }
    const previous = j - 1;
    return previous >= 0 && adjacent(previous, j) && ARTICLES.has(folded[previous]);
  };

  /** Next to another name part of the same person ("Will Hope" in any order), which the full-name rule may have missed. */
  const besideOwnName = (i: number, personIndexes: readonly number[]): boolean => {
    for (const j of [i - 1, i + 1]) {
      const [a, b] = j < i ? [j, i] : [i, j];
      if (j < 0 || j >= tokens.length || !adjacent(a, b)) continue;
      if ((parts.get(folded[j]) ?? []).some((p) => personIndexes.includes(p.person))) return true;
    }
    return false;
  };

  for (let i = 0; i < tokens.length; i++) {
    const matches = parts.get(folded[i]);
    if (!matches) continue;
    const token = tokens[i];
    const personIndexes = matches.map((m) => m.person);
    const strictness: Strictness = matches.some((m) => m.strictness === 'calendar')
      ? 'calendar'
      : matches.some((m) => m.strictness === 'ordinary')
        ? 'ordinary'
        : 'plain';
    let redact: boolean;
    if (strictness === 'plain') {
      redact = true;
    } else if (!isCapitalised(token.text) || isAllCaps(token.text)) {
      redact = false;
    } else if (besideOwnName(i, personIndexes)) {
      redact = true;
    } else if (afterArticle(i)) {
      redact = false;
    } else if (strictness === 'calendar') {
      redact = followedByAction(i, true);
    } else if (token.sentenceStart) {
      redact = followedByAction(i, false);
    } else {
      redact = token.possessive || !inOtherCapitalisedPhrase(i);
    }
    if (!redact) continue;
    const which = new Set(matches.map((m) => m.which));
    const replacement = replacementFor(personIndexes);
    const what = which.size === 2 ? 'name' : which.has('given') ? 'given name' : 'surname';
    found.push(candidate('name', token.text, token.start, replacement.text, `${what} of ${replacement.known}`, 7));
  }
  return found;
}

function apply(text: string, tokens: readonly TextToken[], candidates: Candidate[]): RedactionResult {
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
