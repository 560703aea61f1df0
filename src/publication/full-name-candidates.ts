import { CALENDAR_AND_RATING_WORDS, type KnownTermIndex } from './known-terms';
import { candidate, type Candidate, type NamePart, type Persons, type ReplacementFor } from './redaction-candidates';
import { foldWord, isAllCaps, isCapitalised, onlySpaceBetween, type TextToken } from './text-tokens';
import { matchTitleAt, type TitleMatch } from './titles';

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

/** Rule 5: a title and the name after it ("DI Quayle", "Cllr J. Barker"), whether or not the person is known. */
export function titleCandidates(
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

/** Rule 6: a known person's full name ("Helen Marsh", "H. Marsh", "Priya N.", "Marsh, Helen"). */
export function fullNameCandidates(
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
