import { createSuspectFinder } from './find-suspects';
import {
  ACCEPTED_FALSE_SUSPECTS,
  ACCEPTED_MISSES,
  ACCEPTED_OVER_REDACTIONS,
  CORPUS_PEOPLE,
  EXPECTED_ORDINARY_SUSPECTS,
  NAMED_NARRATIVES,
  ORDINARY_NARRATIVES,
} from './fixtures/name-corpus.testing';
import { createRedactor } from './redact-names';

/**
 * The corpus test of issue 13: every name in the named narratives is removed (or, for strangers
 * without a title, listed by the suspect finder), and no ordinary sentence is changed beyond the
 * documented ACCEPTED_OVER_REDACTIONS. The documented ACCEPTED_MISSES are names left in place that
 * the publication check must list.
 */
const redact = createRedactor(CORPUS_PEOPLE);
const findSuspects = createSuspectFinder({ knownPeople: CORPUS_PEOPLE });

function containsWord(text: string, word: string): boolean {
  const escaped = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?<![\\p{L}\\p{N}@.])${escaped}(?![\\p{L}\\p{N}])`, 'u').test(text);
}

describe('name corpus', () => {
  it('has at least 50 narratives with names and 50 without', () => {
    expect(NAMED_NARRATIVES.length).toBeGreaterThanOrEqual(50);
    expect(ORDINARY_NARRATIVES.length).toBeGreaterThanOrEqual(50);
  });

  describe('narratives with names: every name is removed', () => {
    it.each(NAMED_NARRATIVES.map((n) => [n.text, n]))('%s', (_text, narrative) => {
      const result = redact(narrative.text);
      for (const name of narrative.mustRemove) {
        expect({ name, left: containsWord(result.text, name) }).toEqual({ name, left: false });
      }
      // Each replacement names what it removed, with a reason, at its place in the original.
      for (const r of result.replacements) {
        expect(narrative.text.slice(r.start, r.end)).toBe(r.found);
        expect(r.reason.length).toBeGreaterThan(5);
      }
    });
  });

  describe('narratives with names: the publication check lists strangers without a title, and nothing else', () => {
    it.each(NAMED_NARRATIVES.map((n) => [n.text, n]))('%s', (_text, narrative) => {
      const suspects = findSuspects(redact(narrative.text).text).map((s) => s.word);
      expect(suspects).toEqual(narrative.mustFlag ?? []);
    });
  });

  describe('narratives without names: unchanged', () => {
    const accepted = new Map(ACCEPTED_OVER_REDACTIONS.map((a) => [a.text, a.becomes]));
    it.each(ORDINARY_NARRATIVES.map((t) => [t]))('%s', (text) => {
      const result = redact(text);
      expect(result.text).toBe(accepted.get(text) ?? text);
    });

    it('the accepted over-redactions are few and each is explained', () => {
      expect(ACCEPTED_OVER_REDACTIONS.length).toBeLessThanOrEqual(3);
      for (const a of ACCEPTED_OVER_REDACTIONS) {
        expect(ORDINARY_NARRATIVES).toContain(a.text);
        expect(a.why.length).toBeGreaterThan(40);
      }
    });

    it("the publication check lists only users' ordinary-word names left in place, and the documented false suspects", () => {
      const suspects = ORDINARY_NARRATIVES.flatMap((text) => findSuspects(redact(text).text));
      expect(suspects.filter((s) => s.reason !== 'known_name_left').map((s) => s.word)).toEqual(ACCEPTED_FALSE_SUSPECTS);
      expect(
        suspects
          .filter((s) => s.reason === 'known_name_left')
          .map((s) => s.word)
          .sort(),
      ).toEqual(EXPECTED_ORDINARY_SUSPECTS);
    });
  });

  describe('accepted misses: left by the redactor, listed by the publication check', () => {
    it.each(ACCEPTED_MISSES.map((m) => [m.text, m]))('%s', (_text, miss) => {
      const redacted = redact(miss.text).text;
      expect(redacted).toBe(miss.text);
      expect(findSuspects(redacted).map((s) => [s.word, s.reason])).toContainEqual([miss.name, 'known_name_left']);
    });
  });
});
