import { CORPUS_PEOPLE } from './fixtures/name-corpus.testing';
import { createSuspectFinder, findSuspects, type Suspect } from './find-suspects';

/** The dictionary rules alone, without compromise's tagger, so each rule is tested on its own. */
const dictionaryOnly = createSuspectFinder({ knownPeople: CORPUS_PEOPLE, personTagger: null });
const brief = (suspects: Suspect[]): [string, string][] => suspects.map((s) => [s.word, s.reason]);

describe('findSuspects', () => {
  describe('capitalised words after a title that is not followed by a known person', () => {
    it.each([
      ['Sister Okonedo led the ward round.', [['Okonedo', 'after_title']]],
      ['Father Brown spoke for the faith forum.', [['Brown', 'after_title']]],
      ['The report was sent to Lord Haddon.', [['Haddon', 'after_title']]],
      ['Judge Moss adjourned the hearing.', [['Moss', 'after_title']]],
      // On unredacted text the redactor's own titles count too.
      ['Cllr Smith asked for a briefing.', [['Smith', 'after_title']]],
      ['Supt Whitfield confirmed.', [['Whitfield', 'after_title']]],
      // Known people, known terms, acronyms and lower case are not suspects.
      ['DI Quayle confirmed.', []],
      ['Cllr Ofsted is not a person.', []],
      ['Sister organisations were consulted.', []],
      ['The Lord Mayor opened the centre.', [['Mayor', 'after_title']]],
    ] as const)('%s', (text, expected) => {
      expect(brief(dictionaryOnly(text))).toEqual(expected);
    });
  });

  describe('capitalised words in no dictionary and no list of known terms', () => {
    it.each([
      ['The dip sample was completed by Tariq (ICB analyst).', [['Tariq', 'not_in_dictionary']]],
      ['Olusegun from the advocacy service joined.', [['Olusegun', 'not_in_dictionary']]],
      ['Tested with Kasia and Dariusz before go-live.', [['Kasia', 'not_in_dictionary'], ['Dariusz', 'not_in_dictionary']]],
      ["Ngozi's audit was accepted.", [['Ngozi', 'not_in_dictionary']]],
      // Dictionary words, known terms, places, acronyms, placeholders and single letters are not.
      ['The Principal Social Worker briefed the Safeguarding Adults Board.', []],
      ['Ofsted, the CQC, HMICFRS and the ICB met in Warrington and St Helens.', []],
      ['Making Safeguarding Personal sessions run on Tuesdays in Cheshire.', []],
      ['[name removed] asked [name removed] to phone [phone removed].', []],
      ['Reference A1.4 and KO2 are on track in Q3.', []],
      ['The Multi-Agency Safeguarding Hub moved to Merseyside Police headquarters.', []],
    ] as const)('%s', (text, expected) => {
      expect(brief(dictionaryOnly(text))).toEqual(expected);
    });

    it('an organisation adds its own terms', () => {
      const finder = createSuspectFinder({ knownTerms: ['Runcorn', 'Widnes Vikings'], personTagger: null });
      expect(brief(finder('Sessions in Runcorn and at the Widnes Vikings ground.'))).toEqual([]);
      expect(brief(dictionaryOnly('Sessions in Runcorn.'))).toEqual([['Runcorn', 'not_in_dictionary']]);
    });
  });

  describe("known users' ordinary-word names left at the start of a sentence", () => {
    it.each([
      ['Grace was on leave, so the audit slipped.', [['Grace', 'known_name_left']]],
      ['Grace period agreed for returns.', [['Grace', 'known_name_left']]],
      ['A grace period was agreed.', []],
      ['The Rose Garden room is booked.', []],
    ] as const)('%s', (text, expected) => {
      expect(brief(dictionaryOnly(text))).toEqual(expected);
    });
  });

  describe("compromise's person tagger as a second opinion", () => {
    it('lists English names that are also words, which no dictionary can catch', () => {
      const suspects = findSuspects('The review was led by John Smith and the report went to the board.');
      expect(brief(suspects)).toEqual([
        ['John', 'person_like'],
        ['Smith', 'person_like'],
      ]);
    });

    it('does not list RAG colours, months or known terms it tags', () => {
      expect(findSuspects('The action moved from Amber to Green in May.')).toEqual([]);
    });
  });

  it('gives offsets into the text and the words around it', () => {
    const text = 'The dip sample for the October board was completed by Tariq (ICB analyst) and checked by the lead.';
    const [suspect] = dictionaryOnly(text);
    expect(text.slice(suspect.start, suspect.end)).toBe('Tariq');
    expect(suspect.context).toBe('…board was completed by Tariq (ICB analyst) and checked by…');
    expect(suspect.explanation).toBe('capitalised word that is in no dictionary and no list of known terms');
  });
});
