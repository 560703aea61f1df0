/**
 * Words of a narrative with their positions, for the name redactor and the suspect finder.
 *
 * A word is a run of letters, joined across an apostrophe or hyphen ("O'Neill", "Smith-Jones",
 * "Anne-Marie"); a trailing possessive "'s" / "’s" is split off, so "Helen's" is the word "Helen"
 * followed by "'s" (which a replacement leaves in place: "the Head of Safeguarding's").
 * Digits end a word: "A1.4" and "Q3" give only single letters, which nothing treats as a name.
 */

export interface TextToken {
  text: string;
  start: number;
  /** End of the word itself, before any possessive. */
  end: number;
  possessive: boolean;
  /** First word of the text, of a sentence, of a line, or after a colon or a list bullet. */
  sentenceStart: boolean;
  /** Directly after a colon: a sentence start for reading names, but a replacement stays in lower case. */
  afterColon: boolean;
}

const WORD = /[\p{L}\p{M}]+(?:['’-][\p{L}\p{M}]+)*/gu;
const POSSESSIVE = /^(.{2,}?)['’]s$/su;
const OPENERS = new Set(['"', "'", '‘', '“', '(', '[']);
const BULLETS = new Set(['•', '*', '-', '–', '—', '·']);
/** A full stop after one of these does not end a sentence ("Dr. Mensah", "J. Barker", "e.g. the form"). */
const ABBREVIATIONS = new Set(['dr', 'prof', 'rev', 'revd', 'mr', 'mrs', 'ms', 'mx', 'cllr', 'supt', 'insp', 'sgt', 'det', 'st', 'eg', 'ie', 'g', 'e']);

export function tokenize(text: string): TextToken[] {
  const tokens: TextToken[] = [];
  for (const match of text.matchAll(WORD)) {
    const start = match.index;
    let word = match[0];
    let possessive = false;
    const split = POSSESSIVE.exec(word);
    if (split) {
      word = split[1];
      possessive = true;
    }
    const previous = tokens.length > 0 ? tokens[tokens.length - 1] : null;
    tokens.push({
      text: word,
      start,
      end: start + word.length,
      possessive,
      sentenceStart: isSentenceStart(text, start, previous),
      afterColon: /:[ \t]*$/.test(text.slice(Math.max(0, start - 4), start)),
    });
  }
  return tokens;
}

function isSentenceStart(text: string, start: number, previous: TextToken | null): boolean {
  let i = start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t' || OPENERS.has(text[i]))) i--;
  if (i < 0) return true;
  const c = text[i];
  if (c === '\n' || c === '\r') return true;
  if (c === '!' || c === '?' || c === ':') return true;
  if (c === '.') {
    // "Dr. Mensah", "J. Barker": the full stop closes an abbreviation or an initial.
    if (previous && previous.end === i && !previous.possessive) {
      const lower = previous.text.toLowerCase();
      if (ABBREVIATIONS.has(lower) || (previous.text.length === 1 && /\p{Lu}/u.test(previous.text))) return false;
    }
    return true;
  }
  if (BULLETS.has(c)) {
    let j = i - 1;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
    return j < 0 || text[j] === '\n' || text[j] === '\r';
  }
  return false;
}

/** Only spaces or tabs (at most one line break) between two positions. */
export function onlySpaceBetween(text: string, from: number, to: number): boolean {
  if (to <= from) return to === from;
  const gap = text.slice(from, to);
  return /^[ \t]*(?:\r?\n)?[ \t]*$/.test(gap) && gap.length > 0;
}

export function isCapitalised(word: string): boolean {
  return /^\p{Lu}/u.test(word);
}

/** Two or more letters, all capitals: an acronym (SAB, ICB) or shouting, not a capitalised name. */
export function isAllCaps(word: string): boolean {
  const letters = word.replace(/[^\p{L}]/gu, '');
  return letters.length >= 2 && letters === letters.toUpperCase() && letters !== letters.toLowerCase();
}

export function isLowerCase(word: string): boolean {
  return word === word.toLowerCase() && word !== word.toUpperCase();
}

/** Typographic apostrophes folded to ASCII, lower case: the form names and words are compared in. */
export function foldWord(word: string): string {
  return word.replace(/’/g, "'").toLowerCase();
}
