import { candidate, type Candidate, type NamePart, type ReplacementFor, type Strictness } from './redaction-candidates';
import { isAllCaps, isCapitalised, isLowerCase, onlySpaceBetween, type TextToken } from './text-tokens';

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

/** Rule 7: a known person's given name or surname on its own, where it reads as a name (see redact-names.ts for when a name that is also a word does). */
export function namePartCandidates(
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
