/**
 * Titles that come before a name, for the redactor (which removes the title and the name) and
 * the suspect finder (which lists a capitalised word after a title that names nobody known).
 *
 * Case matters where a title is also something else: "Ms" (not "MS", multiple sclerosis or MS
 * Teams), "Dr" (not "DR", disaster recovery), "PC" and "DC" only in capitals. "Cllr" and
 * "Councillor" are taken in any case. Titles chain: "Detective Chief Inspector", "Det Insp",
 * "Ch Supt", "Cllr Dr". A title may end with a full stop ("Dr. Mensah", "Prof. Adeyemi").
 *
 * Words that are titles only sometimes ("Sister", "Father", "Lord", "Lady", "Judge", "Nurse")
 * are not redacted: a capitalised word after them is listed by the suspect finder instead.
 */
import type { TextToken } from './text-tokens';

/** Exact spellings. */
const REDACT_TITLES = new Set([
  'Mr',
  'Mrs',
  'Ms',
  'Miss',
  'Mx',
  'Dr',
  'Prof',
  'Professor',
  'Rev',
  'Revd',
  'Reverend',
  'Sir',
  'Dame',
  'DI',
  'DS',
  'DC',
  'DCI',
  'DSI',
  'DSU',
  'PC',
  'PCSO',
  'Sgt',
  'Insp',
  'Supt',
  'Det',
  'Inspector',
  'Sergeant',
  'Constable',
  'Superintendent',
  'Detective',
]);
/** Any case. */
const REDACT_TITLES_ANY_CASE = new Set(['cllr', 'councillor']);
/** Only before another title word: "Chief Inspector", "Ch Supt", "Detective Chief Superintendent". */
const TITLE_PREFIXES = new Set(['Chief', 'Ch']);
/** Listed by the suspect finder only. */
const SUSPECT_ONLY_TITLES = new Set(['Sister', 'Father', 'Lord', 'Lady', 'Judge', 'Nurse', 'Matron', 'Baroness', 'Baron', 'Canon', 'Bishop']);

export interface TitleMatch {
  /** The title as written, without a closing full stop: "DI", "Detective Inspector". */
  words: string;
  /** Offset just after the title (after its full stop, if any). */
  end: number;
  /** Index of the first token after the title. */
  nextToken: number;
}

function isTitleWord(word: string, mode: 'redact' | 'suspect'): boolean {
  return REDACT_TITLES.has(word) || REDACT_TITLES_ANY_CASE.has(word.toLowerCase()) || (mode === 'suspect' && SUSPECT_ONLY_TITLES.has(word));
}

/** The title starting at token `index`, or null. */
export function matchTitleAt(text: string, tokens: readonly TextToken[], index: number, mode: 'redact' | 'suspect'): TitleMatch | null {
  let i = index;
  let end = -1;
  while (i < tokens.length) {
    const token = tokens[i];
    if (token.possessive) break;
    // Titles in a chain are separated by spaces, after an optional full stop ("Det. Insp.").
    if (i > index && !/^\.?[ \t]+$/.test(text.slice(tokens[i - 1].end, token.start))) break;
    const prefix = TITLE_PREFIXES.has(token.text) && i + 1 < tokens.length && isTitleWord(tokens[i + 1].text, mode);
    if (!prefix && !isTitleWord(token.text, mode)) break;
    end = text[token.end] === '.' ? token.end + 1 : token.end;
    i++;
  }
  if (i === index || end === -1) return null;
  const last = tokens[i - 1];
  return { words: text.slice(tokens[index].start, last.end), end, nextToken: i };
}
