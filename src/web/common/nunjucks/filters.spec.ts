import { govukDate, govukDateTime, pluralise, ragTagClass, ragWord } from './filters';

describe('web filters', () => {
  describe('govukDate', () => {
    it.each([
      ['2026-11-29', '29 November 2026'],
      ['2026-03-01', '1 March 2026'],
      // 23:30 UTC in summer is already the next day in London.
      ['2026-06-30T23:30:00Z', '1 July 2026'],
      [new Date('2026-12-31T23:30:00Z'), '31 December 2026'],
      [null, ''],
      [undefined, ''],
      ['', ''],
      ['not a date', 'not a date'],
    ])('%j -> %j', (value, expected) => {
      expect(govukDate(value)).toBe(expected);
    });
  });

  describe('govukDateTime', () => {
    it.each([
      ['2026-11-29T14:05:00Z', '29 November 2026 at 2:05pm'],
      ['2026-07-01T08:30:00Z', '1 July 2026 at 9:30am'],
      ['2026-11-29T12:00:00Z', '29 November 2026 at midday'],
      ['2026-11-29T00:00:00Z', '29 November 2026 at midnight'],
      [null, ''],
    ])('%j -> %j', (value, expected) => {
      expect(govukDateTime(value)).toBe(expected);
    });
  });

  it.each([
    [0, 'action', undefined, '0 actions'],
    [1, 'action', undefined, '1 action'],
    [2, 'action', undefined, '2 actions'],
    [1, 'person', 'people', '1 person'],
    [5, 'person', 'people', '5 people'],
  ])('pluralise(%j, %j, %j) -> %j', (count, singular, plural, expected) => {
    expect(pluralise(count, singular, plural)).toBe(expected);
  });

  it.each([
    ['red', 'Red', 'govuk-tag--red'],
    ['amber', 'Amber', 'govuk-tag--orange'],
    ['green', 'Green', 'govuk-tag--green'],
    ['blue', 'Blue', 'govuk-tag--blue'],
    ['grey', 'Grey', 'govuk-tag--grey'],
  ])('RAG %s is the word %s in a %s tag', (colour, word, cls) => {
    expect(ragWord(colour)).toBe(word);
    expect(ragTagClass(colour)).toContain(cls);
  });
});
