import type { RawCell } from '../read/raw-workbook';
import { readDateCell, readDateText, type DateReading } from './uk-date';

const TODAY = '2026-01-15';

describe('readDateText: dates, day first', () => {
  it.each([
    ['31/03/2026', '2026-03-31'],
    ['31/3/26', '2026-03-31'],
    ['1/4/2026', '2026-04-01'],
    ['31.03.2026', '2026-03-31'],
    ['31-03-2026', '2026-03-31'],
    ['31-Mar-26', '2026-03-31'],
    ['31-mar-2026', '2026-03-31'],
    ['31 Mar 2026', '2026-03-31'],
    ['31 March 2026', '2026-03-31'],
    ['31st March 2026', '2026-03-31'],
    ['1st April 2026', '2026-04-01'],
    ['Tuesday 31 March 2026', '2026-03-31'],
    ['Tue, 31 March 2026', '2026-03-31'],
    ['March 31, 2026', '2026-03-31'],
    ['2026-03-31', '2026-03-31'],
    ['2026/03/31', '2026-03-31'],
    ['20260331', '2026-03-31'],
    ['2026-03-31T00:00:00.000Z', '2026-03-31'],
    ['31/03/2026 00:00:00', '2026-03-31'],
    ['31/03/2026 14:30', '2026-03-31'],
    ['by 31/03/2026', '2026-03-31'],
    ['Due: 31/03/2026', '2026-03-31'],
    ['Target date 31/03/2026', '2026-03-31'],
    ['w/c 02/03/2026', '2026-03-02'],
    ['  31/03/2026.  ', '2026-03-31'],
    ['29/02/2028', '2028-02-29'],
    ['31/12/69', '2069-12-31'],
    ['31/12/70', '1970-12-31'],
    ['46112', '2026-03-31'], // an Excel serial typed as text (a CSV export of a date cell)
    ['03/04/2026', '2026-04-03'], // day first, always
  ])('%p is %s', (text, date) => {
    const reading = readDateText(text);
    expect(reading).toMatchObject({ kind: 'date', date });
  });

  it('marks a date that could be read either way', () => {
    expect(readDateText('03/04/2026')).toMatchObject({ dayMonthAmbiguous: true });
    expect(readDateText('13/04/2026')).toMatchObject({ dayMonthAmbiguous: false });
    expect(readDateText('04/04/2026')).toMatchObject({ dayMonthAmbiguous: false });
  });

  it.each([
    ['03/31/2026', '2026-03-31', true],
    ['12/25/2026', '2026-12-25', true],
    ['31/02/2026', undefined, false],
    ['29/02/2026', undefined, false],
    ['2026-02-30', undefined, false],
    ['31 February 2026', undefined, false],
    ['00/01/2026', undefined, false],
  ])('%p is not a valid date (suggestion %p, month first %p)', (text, suggestion, monthFirst) => {
    const reading = readDateText(text);
    expect(reading.kind).toBe('invalid');
    if (reading.kind !== 'invalid') return;
    expect(reading.suggestion).toBe(suggestion);
    expect(Boolean(reading.monthFirst)).toBe(monthFirst);
  });
});

describe('readDateText: text that is not a date gets a suggestion, with its rule', () => {
  it.each([
    // [text, suggestion, words expected in the rule]
    ['Summer 2026', '2026-08-31', 'summer'],
    ['by Summer 2026', '2026-08-31', 'summer'],
    ['Spring 2026', '2026-05-31', 'spring'],
    ['Autumn 2026', '2026-11-30', 'autumn'],
    ['Winter 2026', '2027-02-28', 'winter'],
    ['Winter 2026/27', '2027-02-28', 'winter'],
    ['Winter 2027', '2028-02-29', 'winter'],
    ['summer term 2026', '2026-07-31', 'summer term'],
    ['Autumn term 2026/27', '2026-12-31', 'autumn term'],
    ['Spring term 2026/27', '2027-04-30', 'spring term'],
    ['Q1 2026/27', '2026-06-30', 'Q1 of the financial year 2026/27'],
    ['Q2 2026/27', '2026-09-30', 'Q2'],
    ['Q3 2026/27', '2026-12-31', 'October to December'],
    ['Q4 2026/27', '2027-03-31', 'January to March'],
    ['Q3 2026-27', '2026-12-31', 'financial year'],
    ['Q3 26/27', '2026-12-31', 'financial year'],
    ['Quarter 3 2026/27', '2026-12-31', 'financial year'],
    ['2026/27 Q4', '2027-03-31', 'financial year'],
    ['FY26/27 Q2', '2026-09-30', 'financial year'],
    ['Q3 2026', '2026-09-30', 'calendar quarter'],
    ['H1 2026/27', '2026-09-30', 'half 1'],
    ['H2 2026/27', '2027-03-31', 'half 2'],
    ['second half of 2026', '2026-12-31', 'half 2'],
    ['2026/27', '2027-03-31', 'financial year 2026/27'],
    ['end of financial year 2026/27', '2027-03-31', 'financial year'],
    ['by the end of 2026/27', '2027-03-31', 'financial year'],
    ['2026', '2026-12-31', 'end of 2026'],
    ['end of 2026', '2026-12-31', 'end of 2026'],
    ['March 2026', '2026-03-31', 'last day of March 2026'],
    ['Mar-26', '2026-03-31', 'last day'],
    ['Sept 2026', '2026-09-30', 'September'],
    ['03/2026', '2026-03-31', 'last day'],
    ['end of March 2026', '2026-03-31', 'last day'],
    ['late March 2026', '2026-03-31', 'last day'],
    ['mid March 2026', '2026-03-15', '15th'],
    ['early March 2026', '2026-03-10', '10th'],
    ['31/03/2026 (revised from 28/02/2026)', '2026-02-28', 'last of the dates'],
    ['Original 31/01/26, now 31/03/26', '2026-03-31', 'last of the dates'],
    ['Completed 12/03/2026 ahead of schedule', '2026-03-12', 'the date written in the cell'],
  ])('%p suggests %s', (text, suggestion, rule) => {
    const reading = readDateText(text);
    expect(reading).toMatchObject({ kind: 'suggestion', suggestion });
    if (reading.kind === 'suggestion') expect(reading.rule).toContain(rule);
  });

  it.each([
    ['end of March', '2026-03-31'],
    ['31 March', '2026-03-31'],
    ['31/03', '2026-03-31'],
    ['mid December', '2025-12-15'], // within the three months before today
    ['end of October', '2025-10-31'],
    ['end of August', '2026-08-31'], // August 2025 is more than three months ago
  ])('%p (no year) suggests %s only when today is known', (text, suggestion) => {
    expect(readDateText(text, { today: TODAY })).toMatchObject({ kind: 'suggestion', suggestion });
    const withoutToday = readDateText(text);
    expect(withoutToday.kind).toBe('not_a_date');
  });

  it.each(['Ongoing', 'ongoing', 'On-going', 'TBC', 'tba', 'To be confirmed', 'N/A', 'n/a', '-', 'Monthly', 'Quarterly', 'As required', 'BAU', 'Complete', 'Within 6 months', 'Next year', 'Q3', 'ASAP'])(
    '%p gets no suggestion',
    (text) => {
      const reading = readDateText(text, { today: TODAY });
      expect(reading.kind).toBe('not_a_date');
    },
  );

  it('gives the reason in words', () => {
    expect(readDateText('Ongoing')).toEqual({ kind: 'not_a_date', reason: 'it is ongoing work with no end date' });
    expect(readDateText('TBC')).toEqual({ kind: 'not_a_date', reason: 'the date is still to be confirmed' });
    expect(readDateText('purple')).toEqual({ kind: 'not_a_date', reason: 'it is not a date we recognise' });
  });

  it('is empty for blank text', () => {
    expect(readDateText('   ')).toEqual({ kind: 'empty' });
  });
});

describe('readDateCell', () => {
  const cell = (c: Partial<RawCell>): RawCell => ({ kind: 'text', text: '', ...c });
  it.each<[string, RawCell | undefined, boolean, DateReading]>([
    ['a date cell', cell({ kind: 'date', number: 46112, text: '2026-03-31' }), false, { kind: 'date', date: '2026-03-31', how: 'date_cell' }],
    ['a date cell on day 60', cell({ kind: 'date', number: 60, text: '1900-02-29' }), false, expect.objectContaining({ kind: 'invalid' }) as DateReading],
    ['a serial in a number cell', cell({ kind: 'number', number: 46112, text: '46112' }), false, { kind: 'date', date: '2026-03-31', how: 'serial' }],
    ['a 1904 serial in a number cell', cell({ kind: 'number', number: 44650, text: '44650' }), true, { kind: 'date', date: '2026-03-31', how: 'serial' }],
    ['a small number', cell({ kind: 'number', number: 3, text: '3' }), false, expect.objectContaining({ kind: 'not_a_date' }) as DateReading],
    ['a year typed as a number', cell({ kind: 'number', number: 2026, text: '2026' }), false, expect.objectContaining({ kind: 'suggestion', suggestion: '2026-12-31' }) as DateReading],
    ['an error cell', cell({ kind: 'error', text: '#REF!' }), false, { kind: 'not_a_date', reason: 'it shows #REF!' }],
    ['text', cell({ text: 'Summer 2026' }), false, expect.objectContaining({ kind: 'suggestion', suggestion: '2026-08-31' }) as DateReading],
    ['no cell', undefined, false, { kind: 'empty' }],
  ])('%s', (_label, input, date1904, expected) => {
    expect(readDateCell(input, { date1904 })).toEqual(expected);
  });
});
