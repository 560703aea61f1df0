import { importLimits } from '../import-limits';
import { ImportErrorCode } from '../imports.exception';
import { sheetOf, workbookOf } from '../testing/raw-sheet.testing';
import { chooseSheet } from './choose-sheet';
import { locateHeader } from './locate-header';

const TRACKER = ['Ref', 'Action', 'Lead officer', 'Target date', 'Status'];
const ROW = ['1.1', 'Review the online form', 'Priya Raman', '31/03/2026', 'On track'];

describe('locateHeader', () => {
  it('finds the heading row on row 1', () => {
    const header = locateHeader(sheetOf([TRACKER, ROW]), 20);
    expect(header).toMatchObject({ rowNumber: 1, groupRowNumber: null, fields: ['reference', 'actionTitle', 'owner', 'dueDate', 'status'] });
    expect(header?.columns.map((c) => c.label)).toEqual(TRACKER);
  });

  it('finds it below title rows, notes and a logo gap (row 15)', () => {
    const grid = [['Northfield Borough Council'], ['Improvement plan'], [], ['Version 3'], ...Array.from({ length: 10 }, () => []), TRACKER, ROW];
    expect(locateHeader(sheetOf(grid, { merges: ['A1:E1'] }), 20)?.rowNumber).toBe(15);
  });

  it('does not look beyond the search rows', () => {
    const grid = [...Array.from({ length: 20 }, () => ['note']), TRACKER, ROW];
    expect(locateHeader(sheetOf(grid), 20)).toBeNull();
    expect(locateHeader(sheetOf(grid), 25)?.rowNumber).toBe(21);
  });

  it('reads a two-line header: group headings above, headings merged down from the upper row', () => {
    const sheet = sheetOf(
      [
        ['Improvement plan'],
        ['Ref', 'Action', 'Timescales', null, 'Progress', null, 'Success measure'],
        [null, null, 'Start', 'Target date', 'Status', 'RAG', null],
        ['1.1', 'Review', '01/04/2025', '31/03/2026', 'On track', 'Green', 'All reviewed'],
      ],
      { merges: ['A1:G1', 'A2:A3', 'B2:B3', 'C2:D2', 'E2:F2', 'G2:G3'] },
    );
    const header = locateHeader(sheet, 20);
    expect(header).toMatchObject({ rowNumber: 3, groupRowNumber: 2 });
    expect(header?.columns.map((c) => [c.label, c.group])).toEqual([
      ['Ref', null],
      ['Action', null],
      ['Start', 'Timescales'],
      ['Target date', 'Timescales'],
      ['Status', 'Progress'],
      ['RAG', 'Progress'],
      ['Success measure', null],
    ]);
  });

  it('reads a two-line header whose upper headings are not merged but left blank below', () => {
    const sheet = sheetOf([
      ['Ref', 'Action', 'Dates', null, 'Lead officer'],
      [null, null, 'Start', 'Due', null],
      ['1.1', 'Review', '01/04/2025', '31/03/2026', 'Ann Lee'],
    ]);
    const header = locateHeader(sheet, 20);
    expect(header).toMatchObject({ rowNumber: 2, groupRowNumber: 1 });
    expect(header?.columns.map((c) => c.label)).toEqual(['Ref', 'Action', 'Start', 'Due', 'Lead officer']);
  });

  it('does not take a title row above the headings for a group row', () => {
    const sheet = sheetOf([['Improvement plan 2026'], TRACKER, ROW], { merges: ['A1:E1'] });
    expect(locateHeader(sheet, 20)).toMatchObject({ rowNumber: 2, groupRowNumber: null });
    expect(locateHeader(sheet, 20)?.columns.every((c) => c.group === null)).toBe(true);
  });

  it('needs two fields: one heading word is not a header', () => {
    expect(locateHeader(sheetOf([['Status'], ['On track']]), 20)).toBeNull();
    expect(locateHeader(sheetOf([['Notes', 'Version'], ['x', 'y']]), 20)).toBeNull();
  });

  it('takes the row the user names', () => {
    const sheet = sheetOf([['Thing', 'Other thing'], ['a', 'b']]);
    expect(locateHeader(sheet, 20, 1)).toMatchObject({ rowNumber: 1, fields: [] });
  });

  it('marks hidden heading columns', () => {
    const header = locateHeader(sheetOf([[...TRACKER, 'Notes']], { hiddenColumns: [6] }), 20);
    expect(header?.columns[5]).toEqual({ column: 'F', label: 'Notes', group: null, hidden: true });
  });
});

describe('chooseSheet', () => {
  const limits = importLimits();
  const tracker = (name: string, rows: number, state: 'visible' | 'hidden' = 'visible') =>
    sheetOf([TRACKER, ...Array.from({ length: rows }, () => ROW)], { name, state });

  it('takes the sheet that looks like a tracker and says why the others were not taken', () => {
    const choice = chooseSheet(workbookOf(sheetOf([], { name: 'Sheet1' }), sheetOf([['Cover page'], ['Version 3']], { name: 'Cover' }), tracker('Action plan', 3)), {}, limits);
    expect(choice.sheet.name).toBe('Action plan');
    expect(choice.dataRows).toBe(3);
    expect(choice.otherSheets).toEqual([
      { name: 'Sheet1', state: 'visible', reason: 'it is empty' },
      { name: 'Cover', state: 'visible', reason: 'no row of column headings in its first 20 rows' },
    ]);
  });

  it('prefers a visible sheet to a hidden one, then more rows', () => {
    const choice = chooseSheet(workbookOf(tracker('Template', 50, 'hidden'), tracker('Archive 2024', 3), tracker('Plan 2025', 30)), {}, limits);
    expect(choice.sheet.name).toBe('Plan 2025');
    expect(choice.otherSheets.map((s) => s.reason)).toEqual([
      "it also has column headings (row 1), but it is hidden and 'Plan 2025' is not",
      "it also has column headings (row 1, 3 rows below), but 'Plan 2025' names more of the columns we look for or has more rows; choose it by name to import it instead",
    ]);
  });

  it('takes the sheet the user names, whatever the others look like', () => {
    const choice = chooseSheet(workbookOf(tracker('Plan 2025', 30), tracker('Archive 2024', 3)), { sheetName: 'archive 2024' }, limits);
    expect(choice.sheet.name).toBe('Archive 2024');
  });

  it.each<[string, () => ReturnType<typeof workbookOf>, object, ImportErrorCode]>([
    ['a sheet name that does not exist', () => workbookOf(tracker('Plan', 1)), { sheetName: 'Plan 2030' }, ImportErrorCode.SheetNotFound],
    ['a one-sheet workbook with no headings', () => workbookOf(sheetOf([['just text'], ['more']])), {}, ImportErrorCode.HeaderRowNotFound],
    ['a workbook where no sheet has headings', () => workbookOf(sheetOf([['a']], { name: 'A' }), sheetOf([['b']], { name: 'B' })), {}, ImportErrorCode.NoSheetToImport],
    ['a tracker with more rows than the limit', () => workbookOf(tracker('Plan', 30)), { limits: { maxRows: 10 } }, ImportErrorCode.TooManyRows],
    ['a sheet with 10,000 columns', () => workbookOf(sheetOf([[...TRACKER, ...Array.from({ length: 9995 }, (_, i) => `c${i}`)]])), {}, ImportErrorCode.TooManyColumns],
  ])('refuses %s', (_label, make, options, code) => {
    const { limits: overrides, ...rest } = options as { limits?: object };
    expect(() => chooseSheet(make(), rest, importLimits(overrides))).toThrow(expect.objectContaining({ code }));
  });

  it('skips a very wide sheet when another sheet is the tracker, without searching it', () => {
    const wide = sheetOf([Array.from({ length: 10_000 }, (_, i) => `c${i}`)], { name: 'Data dump' });
    // Every cell of its one row that is read is noted: the emptiness check stops at the first
    // value; a search for headings would read the row from its last cell.
    const row = wide.rows[1]!;
    const firstValue = row.cells.findIndex((cell) => cell !== undefined && cell.text !== '');
    const cellsRead: number[] = [];
    row.cells = new Proxy(row.cells, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) cellsRead.push(Number(key));
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const choice = chooseSheet(workbookOf(wide, tracker('Plan', 2)), {}, limits);
    expect(choice.sheet.name).toBe('Plan');
    expect(choice.otherSheets[0].reason).toBe('it has 10,000 columns, more than the 200 we import');
    expect(firstValue).toBeGreaterThanOrEqual(0);
    expect(Math.max(...cellsRead)).toBe(firstValue);
  });
});
