import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { ImportErrorCode } from './imports.exception';
import { ImportIssueCode } from './import-issues';
import type { ImportParseResult } from './import-result';
import { parseImportFile } from './parse-import-file';
import { importInputFromBuffer, importInputFromFile, type ImportFileInput } from './read/import-input';
import {
  ADULT_SOCIAL_CARE_FILE,
  adultSocialCarePlanXlsx,
  CHILDRENS_SERVICES_FILE,
  childrensServicesCsv,
  PARTNERSHIP_FILE,
  partnershipTrackerXlsx,
} from './testing/tracker-fixtures.testing';
import { buildZip, deflatedZeros, WORKBOOK_PARTS } from './testing/zip-builder.testing';

const FIXTURES = join(__dirname, '..', '..', 'test', 'fixtures', 'imports');
const TODAY = '2026-01-15';

async function parseFixture(name: string, options = {}): Promise<ImportParseResult> {
  return parseImportFile(await importInputFromFile(join(FIXTURES, name)), { today: TODAY, ...options });
}

const byRef = (result: ImportParseResult, reference: string) => result.rows.find((r) => r.values.reference === reference)!;
const issueCodes = (result: ImportParseResult, severity: string) =>
  result.issues.filter((i) => i.severity === severity).map((i) => [i.code, i.row, i.column] as const);

describe('the committed fixtures', () => {
  it.each<[string, () => Buffer | Promise<Buffer>]>([
    [ADULT_SOCIAL_CARE_FILE, adultSocialCarePlanXlsx],
    [CHILDRENS_SERVICES_FILE, childrensServicesCsv],
    [PARTNERSHIP_FILE, partnershipTrackerXlsx],
  ])('%s is what the generator makes (run scripts/fixtures/make-import-fixtures.ts if not)', async (name, make) => {
    expect((await make()).equals(readFileSync(join(FIXTURES, name)))).toBe(true);
  });
});

describe('fixture (a): adult social care, merged titles, a two-line header, hidden columns', () => {
  let result: ImportParseResult;
  beforeAll(async () => {
    result = await parseFixture(ADULT_SOCIAL_CARE_FILE);
  });

  it('finds the tracker sheet, its two heading rows, and what is hidden', () => {
    expect(result.format).toBe('xlsx');
    expect(result.sheet).toEqual({ name: 'Action plan', position: 2, headerRow: 5, groupRow: 4, hiddenColumns: ['M', 'N'], hiddenRows: [10] });
    expect(result.otherSheets.map((s) => [s.name, s.state])).toEqual([
      ['Cover', 'visible'],
      ['Lists', 'hidden'],
    ]);
  });

  it('maps the columns, leaving the hidden notes and the original target date out', () => {
    expect(result.mapping.columns.map((c) => [c.column, c.header, c.field])).toEqual([
      ['A', 'Ref', 'reference'],
      ['B', 'Area for improvement', 'finding'],
      ['C', 'Action', 'actionTitle'],
      ['D', 'Lead officer', 'owner'],
      ['E', 'Partner', 'partner'],
      ['F', 'Timescales > Start', 'startDate'],
      ['G', 'Timescales > Target date', 'dueDate'],
      ['H', 'Progress > Status', 'status'],
      ['I', 'Progress > RAG', 'rag'],
      ['J', 'Progress > Update', 'latestUpdate'],
      ['K', 'Progress > Evidence', 'evidence'],
      ['L', 'Success measure', 'successMeasure'],
      ['M', 'Officer notes (internal)', null],
      ['N', 'Original target date', null],
    ]);
  });

  it('reads ten actions under five key outcomes, with no errors', () => {
    expect(result.rows.map((r) => r.values.reference)).toEqual(['1.1', '1.2', '1.3', '1.4', '2.1', '2.2', '3.1', '4.1', '5.1', '5.2']);
    expect(result.sections.map((s) => [s.row, s.rows])).toEqual([
      [6, 4],
      [11, 2],
      [14, 1],
      [16, 1],
      [18, 2],
    ]);
    expect(byRef(result, '2.2').values.workstream).toEqual({
      text: 'Key outcome 2: Empowered professionals and partners',
      code: 'Key outcome 2',
      title: 'Empowered professionals and partners',
      from: 'section_title',
    });
    expect(result.summary).toEqual({
      dataRows: 10,
      rowsWithErrors: 0,
      rowsWithWarnings: 2,
      errors: 0,
      warnings: 2,
      infos: expect.any(Number) as number,
      distinctFindings: 6,
      distinctWorkstreams: 5,
      distinctOwners: 8,
      milestones: 0,
    });
    expect(issueCodes(result, 'warning')).toEqual([
      [ImportIssueCode.RowsHidden, 10, null],
      [ImportIssueCode.OwnerSeveral, 19, 'D'],
    ]);
  });

  it('fills merged finding cells down, and says so', () => {
    expect(['1.1', '1.2', '1.3'].map((ref) => byRef(result, ref).values.finding?.text)).toEqual(Array(3).fill(byRef(result, '1.1').values.finding?.text));
    expect(byRef(result, '1.2').source.filledFrom?.finding).toEqual({ row: 7, how: 'merged_cell' });
    expect(result.issues.filter((i) => i.code === ImportIssueCode.MergedCellFilledDown).map((i) => i.message.slice(0, 44))).toEqual([
      "'Action plan' cells B7:B9 are merged ('Overs",
      "'Action plan' cells B12:B13 are merged ('Sta",
    ]);
  });

  it('reads every kind of cell: date cells, text dates, a serial, a formula\u2019s value, rich text, a hyperlink', () => {
    expect(byRef(result, '1.1').values.dueDate).toEqual({ raw: '2025-09-30', date: '2025-09-30', suggestion: null, rule: null });
    expect(byRef(result, '2.1').values.dueDate?.date).toBe('2026-03-31');
    expect(byRef(result, '1.3').values.dueDate).toEqual({ raw: '46112', date: '2026-03-31', suggestion: null, rule: null });
    expect(byRef(result, '5.1').values.status).toEqual({ raw: 'Complete', status: 'complete' });
    expect(byRef(result, '1.1').values.latestUpdate).toBe('All 1,212 concerns reviewed; no instance of harm was found. Findings reported to the improvement board in October 2025.');
    expect(byRef(result, '1.1').values.evidence).toEqual({ text: 'Case review report (October 2025)', links: ['https://intranet.northfield.example/safeguarding/case-review-2025.pdf'] });
    expect(byRef(result, '1.1').values.status?.status).toBe('embedded');
    expect(byRef(result, '2.2').values.status?.status).toBe('in_progress');
    expect(byRef(result, '4.1').values.status?.status).toBe('blocked');
    expect(byRef(result, '1.1').values.rag).toEqual({ raw: 'Blue', colour: 'blue', from: 'text' });
    expect(byRef(result, '2.2').values.owner).toEqual({ raw: 'DCI Sarah Lloyd, Northfield Police', name: 'Sarah Lloyd', email: null, role: 'Northfield Police', others: [] });
    expect(byRef(result, '1.2').values.owner?.email).toBe('tom.whitaker@northfield.example.gov.uk');
    expect(byRef(result, '1.4').source.hidden).toBe(true);
  });

  it('reports the hidden columns, the RAG column and the formulas', () => {
    const infos = result.issues.filter((i) => i.severity === 'info').map((i) => i.code);
    expect(infos).toEqual(
      expect.arrayContaining([ImportIssueCode.ColumnHidden, ImportIssueCode.RagNotImported, ImportIssueCode.FileNote, ImportIssueCode.SheetNotImported, ImportIssueCode.HeaderFound]),
    );
    expect(result.issues.find((i) => i.code === ImportIssueCode.RagNotImported)?.message).toContain('not imported: colours are worked out');
  });
});

describe('fixture (b): a semicolon CSV in Windows-1252, Torbay\u2019s NOS shape', () => {
  let result: ImportParseResult;
  beforeAll(async () => {
    result = await parseFixture(CHILDRENS_SERVICES_FILE);
  });

  it('reads the encoding, the delimiter and the header below two title lines', () => {
    expect(result.format).toBe('csv');
    expect(result.file).toMatchObject({ name: CHILDRENS_SERVICES_FILE, encoding: 'windows-1252', delimiter: ';' });
    expect(result.sheet).toMatchObject({ name: CHILDRENS_SERVICES_FILE, headerRow: 4, groupRow: null });
    expect(result.mapping.columns.map((c) => c.field)).toEqual([
      'reference',
      'actionTitle',
      'owner',
      'description',
      'dueDate',
      'successMeasure',
      'status',
      'latestUpdate',
      'latestUpdate',
      'latestUpdate',
      'latestUpdate',
    ]);
  });

  it('reads six actions under two priorities, with the text decoded', () => {
    expect(result.rows.map((r) => [r.source.row, r.values.reference, r.values.workstream?.code])).toEqual([
      [6, '1', 'Priority 1'],
      [7, '2', 'Priority 1'],
      [8, '3', 'Priority 1'],
      [10, '4', 'Priority 2'],
      [11, '5', 'Priority 2'],
      [12, '6', 'Priority 2'],
    ]);
    expect(byRef(result, '5').values.actionTitle).toBe('Train social workers on the revised strategy discussion guidance (\u00a312,000 from the improvement budget)');
    expect(byRef(result, '5').values.description).toBe('Half-day sessions led by Zo\u00eb Fairbairn, practice educator.');
    expect(byRef(result, '1').values.description).toBe('- Joint triage of police notifications at the front door\n- A domestic abuse champion in every team\n- Audit of 40 cases by March');
    expect(byRef(result, '1').values.owner).toMatchObject({ name: 'Ruth Adeyemi', role: 'Head of Service \u2013 Children\u2019s Safeguarding' });
    expect(byRef(result, '3').values.owner).toMatchObject({ name: null, email: 'rob.kellner@southcombe.example.gov.uk' });
    expect(byRef(result, '4').values.owner).toMatchObject({ name: 'Claire Moss', others: ['Amir Shah'] });
  });

  it('reads the dates, suggesting dates for the ones that are not', () => {
    expect(result.rows.map((r) => [r.values.dueDate?.date ?? null, r.values.dueDate?.suggestion ?? null])).toEqual([
      ['2026-03-31', null],
      [null, '2026-12-31'],
      [null, '2026-09-30'],
      ['2026-03-31', null],
      [null, null],
      [null, '2027-03-31'],
    ]);
    expect(issueCodes(result, 'warning')).toEqual([
      [ImportIssueCode.DateSuggested, 7, 'E'],
      [ImportIssueCode.DateSuggested, 8, 'E'],
      [ImportIssueCode.OwnerSeveral, 10, 'C'],
      [ImportIssueCode.DateNotADate, 11, 'E'],
      [ImportIssueCode.DateSuggested, 12, 'E'],
    ]);
    expect(result.summary.errors).toBe(0);
  });

  it('reads the statuses and the quarterly outcomes', () => {
    expect(result.rows.map((r) => r.values.status?.status)).toEqual(['in_progress', 'in_progress', 'not_started', 'complete', 'in_progress', 'not_started']);
    expect(byRef(result, '4').values.updates.map((u) => u.label)).toEqual(['Outcome Q1', 'Outcome Q2', 'Outcome Q3']);
    expect(byRef(result, '4').values.latestUpdate).toBe('In use since October; audit found no exceptions.');
    expect(byRef(result, '3').values.latestUpdate).toBeNull();
  });
});

describe('fixture (c): a partnership tracker with messy dates and statuses', () => {
  let result: ImportParseResult;
  beforeAll(async () => {
    result = await parseFixture(PARTNERSHIP_FILE);
  });

  it('finds the tracker on the third sheet, below notes', () => {
    expect(result.sheet).toMatchObject({ name: 'Tracker 2026', position: 3, headerRow: 6 });
    expect(result.otherSheets.map((s) => [s.name, s.reason])).toEqual([
      ['Sheet1', 'it is empty'],
      ['Notes', 'no row of column headings in its first 20 rows'],
    ]);
    expect(result.skippedRows).toEqual([
      { row: 11, kind: 'repeated_header' },
      { row: 16, kind: 'blank' },
      { row: 21, kind: 'note', text: 'Actions added after the monitoring visit' },
    ]);
  });

  it('reads messy dates', () => {
    const due = (ref: string) => byRef(result, ref).values.dueDate;
    expect(due('A1')).toMatchObject({ raw: 'Summer 2026', date: null, suggestion: '2026-08-31' });
    expect(due('A2')).toMatchObject({ raw: '31/3/26', date: '2026-03-31' });
    expect(byRef(result, 'A2').values.startDate).toMatchObject({ raw: '1/10/25', date: '2025-10-01' });
    expect(due('A3')).toMatchObject({ date: null, suggestion: '2026-12-31' });
    expect(due('A4')).toMatchObject({ raw: 'end of March', date: null, suggestion: '2026-03-31' });
    expect(due('A5')).toMatchObject({ raw: '03/31/2026', date: null, suggestion: '2026-03-31' });
    expect(due('A6')).toMatchObject({ raw: 'ongoing', date: null, suggestion: null });
    expect(due('A7')).toMatchObject({ raw: 'TBC', date: null, suggestion: null });
    expect(due('A8')).toMatchObject({ date: '2026-03-31' });
    expect(due('A9')).toMatchObject({ raw: '46203', date: '2026-06-30' });
    expect(due('A13')).toMatchObject({ raw: '03/04/2026', date: '2026-04-03' });
  });

  it('reads messy statuses, with errors naming the unknown ones', () => {
    expect(result.rows.map((r) => [r.values.reference, r.values.status?.status ?? null])).toEqual([
      ['A1', 'in_progress'],
      ['A2', 'complete'],
      ['A3', 'in_progress'],
      ['A4', 'in_progress'],
      ['A5', null],
      ['A6', null],
      ['A7', 'blocked'],
      ['A8', 'in_progress'],
      ['A9', 'embedded'],
      ['A2', 'complete'],
      ['A10', 'not_started'],
      ['A11', 'in_progress'],
      ['A12', 'not_started'],
      ['A13', 'complete'],
    ]);
    expect(issueCodes(result, 'error')).toEqual([
      [ImportIssueCode.StatusUnknown, 12, 'J'],
      [ImportIssueCode.StatusIsRag, 13, 'J'],
      [ImportIssueCode.DuplicateReference, 18, 'A'],
    ]);
    expect(result.issues.find((i) => i.code === ImportIssueCode.StatusUnknown)?.message).toContain("'Awaiting sign-off'");
  });

  it('fills the blank finding and workstream down, reads milestones, and flags formula-like text', () => {
    expect(byRef(result, 'A3').values.finding?.text).toBe(byRef(result, 'A1').values.finding?.text);
    expect(byRef(result, 'A3').values.workstream).toMatchObject({ text: 'Information sharing', from: 'column' });
    expect(byRef(result, 'A2').values.milestones.map((m) => [m.title, m.dueDate])).toEqual([
      ['Audit complete', '2026-04-30'],
      ['Report to board', '2026-05-31'],
    ]);
    expect(byRef(result, 'A1').values.milestones.map((m) => m.completed)).toEqual([true, false]);
    const flagged = result.issues.filter((i) => i.code === ImportIssueCode.FormulaLikeText || i.code === ImportIssueCode.FormulaReachesOutside).map((i) => [i.code, i.row, i.column]);
    expect(flagged).toEqual([
      [ImportIssueCode.FormulaLikeText, 19, 'E'],
      [ImportIssueCode.FormulaReachesOutside, 19, 'L'],
      [ImportIssueCode.FormulaLikeText, 22, 'L'],
      [ImportIssueCode.FormulaLikeText, 23, 'L'],
    ]);
    expect(byRef(result, 'A10').values.latestUpdate).toBe('See the learning summary');
    const title = byRef(result, 'A11').values.actionTitle!;
    expect(title.length).toBeLessThanOrEqual(300);
    expect(title).toMatch(/^Develop and agree, with all three statutory safeguarding partners .* including the\u2026$/);
    expect(byRef(result, 'A11').values.description).toMatch(/^Develop and agree.*working\.$/);
  });

  it('names sheet, row and column in every row problem', () => {
    for (const issue of result.issues.filter((i) => i.severity !== 'info' && i.row !== null)) {
      expect(issue.sheet).toBe('Tracker 2026');
      expect(issue.message.startsWith(`'Tracker 2026', row ${issue.row}`)).toBe(true);
    }
  });

  it('is plain data', () => {
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});

describe('options', () => {
  it('reuses a saved mapping, and takes the user\u2019s choices', async () => {
    const first = await parseFixture(ADULT_SOCIAL_CARE_FILE);
    const saved = JSON.parse(JSON.stringify(first.mapping));
    const again = await parseFixture(ADULT_SOCIAL_CARE_FILE, { savedMapping: saved, chosenColumns: { M: 'latestUpdate' } });
    expect(again.mapping.columns.map((c) => c.field)).toEqual([...first.mapping.columns.map((c) => c.field).slice(0, 12), 'latestUpdate', null]);
    expect(again.mapping.columns.slice(0, 12).every((c) => c.source === 'saved')).toBe(true);
    expect(byRef(again, '1.1').values.updates.map((u) => u.column)).toEqual(['J', 'M']);
  });

  it('imports the sheet and heading row the user names, and extra status words', async () => {
    const result = await parseFixture(PARTNERSHIP_FILE, { sheetName: 'Tracker 2026', headerRowNumber: 6, statusWords: { 'Awaiting sign-off': 'complete', green: 'in_progress' } });
    expect(result.summary.errors).toBe(1);
  });
});

describe('hostile and malformed files: a clear error, nothing returned', () => {
  async function xlsx(build: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
    const workbook = new ExcelJS.Workbook();
    build(workbook.addWorksheet('Plan'));
    return Buffer.from(await workbook.xlsx.writeBuffer());
  }

  it.each<[string, () => Promise<Buffer>, string, ImportErrorCode]>([
    ['a zip bomb named .xlsx', async () => buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', compressed: await deflatedZeros(20 * 1024 * 1024) }]), 'plan.xlsx', ImportErrorCode.ArchiveCompressionRatio],
    ['a PDF named .xlsx', async () => Buffer.from('%PDF-1.7\n1 0 obj'), 'plan.xlsx', ImportErrorCode.UnsupportedFileType],
    ['a Word document named .xlsx', async () => buildZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/document.xml', data: '<w:document/>' }]), 'plan.xlsx', ImportErrorCode.UnsupportedFileType],
    ['an .xls', async () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(512)]), 'plan.xls', ImportErrorCode.LegacyExcelFile],
    ['an empty file', async () => Buffer.alloc(0), 'plan.csv', ImportErrorCode.FileEmpty],
    ['a sheet of 10,000 columns', async () => xlsx((s) => s.addRow(['Ref', 'Action', 'Target date', ...Array.from({ length: 9997 }, (_, i) => `c${i}`)])), 'wide.xlsx', ImportErrorCode.TooManyColumns],
    ['a CSV of 10,000 columns', async () => Buffer.from(`Ref,Action,${Array.from({ length: 9998 }, (_, i) => `c${i}`).join(',')}\n`), 'wide.csv', ImportErrorCode.TooManyColumns],
    ['a sheet with no headings', async () => xlsx((s) => s.addRow(['hello', 'world'])), 'plan.xlsx', ImportErrorCode.HeaderRowNotFound],
  ])('%s', async (_label, make, name, code) => {
    await expect(parseImportFile(importInputFromBuffer(await make(), name))).rejects.toMatchObject({ code });
  });

  it('refuses a 100 MB CSV of known size before reading a byte', async () => {
    let opened = 0;
    const input: ImportFileInput = {
      fileName: 'huge.csv',
      size: 100 * 1024 * 1024,
      open: async function* () {
        opened++;
        yield Buffer.alloc(0);
      },
    };
    await expect(parseImportFile(input)).rejects.toMatchObject({ code: ImportErrorCode.FileTooLarge, status: 413 });
    expect(opened).toBe(0);
  });

  it('refuses a 100 MB CSV of unknown size as soon as it passes the limit', async () => {
    const line = Buffer.from(`1.1,${'Review every concern raised through the online form. '.repeat(10)},Ann Lee,31/03/2026\n`);
    const chunk = Buffer.concat(Array.from({ length: 2000 }, () => line));
    let produced = 0;
    const input: ImportFileInput = {
      fileName: 'huge.csv',
      open: async function* () {
        yield Buffer.from('Ref,Action,Lead officer,Target date\n');
        while (produced < 100 * 1024 * 1024) {
          produced += chunk.length;
          yield chunk;
        }
      },
    };
    // A 2 MB limit keeps the test quick; read-csv.spec.ts runs the same at the default 20 MB.
    await expect(parseImportFile(input, { limits: { maxRows: 1_000_000, maxFileBytes: 2 * 1024 * 1024 } })).rejects.toMatchObject({ code: ImportErrorCode.FileTooLarge });
    expect(produced).toBeLessThan(2 * 1024 * 1024 + 2 * chunk.length);
  });

  it('reads formula cells for their last value only, and flags the ones that reach outside', async () => {
    const buffer = await xlsx((s) => {
      s.addRow(['Ref', 'Action', 'Target date', 'Update', 'Evidence']);
      s.addRow(['1.1', { formula: 'HYPERLINK("http://x","click")', result: 'click' }, '31/03/2026', { formula: "cmd|' /C calc'!A0", result: { error: '#REF!' } }, { formula: 'WEBSERVICE("http://x")', result: 'ok' }]);
    });
    const result = await parseImportFile(importInputFromBuffer(buffer, 'plan.xlsx'));
    expect(result.rows[0].values.actionTitle).toBe('click');
    expect(result.rows[0].values.latestUpdate).toBeNull();
    expect(result.rows[0].values.evidence).toEqual({ text: 'ok', links: [] });
    expect(result.issues.filter((i) => i.row === 2).map((i) => [i.code, i.column])).toEqual([
      [ImportIssueCode.MissingOwner, null],
      [ImportIssueCode.FormulaReachesOutside, 'B'],
      [ImportIssueCode.FormulaReachesOutside, 'D'],
      [ImportIssueCode.CellShowsError, 'D'],
      [ImportIssueCode.FormulaReachesOutside, 'E'],
    ]);
    const json = JSON.stringify(result);
    expect(json).not.toContain('/C calc');
    expect(json).not.toContain('HYPERLINK(');
    expect(json).not.toContain('WEBSERVICE(');
  });

  it('keeps formula-like CSV text as text, flagged, and removes NUL bytes', async () => {
    const csv = [
      'Ref,Action,Lead officer,Target date,Update',
      '1,"=HYPERLINK(""http://x"",""click"")",Ann Lee,31/03/2026,"=cmd|\' /C calc\'!A0"',
      "2,+SUM(1+1),Ann Lee,31/03/2026,-cmd|' /C calc'!A0",
      '3,@SUM(1),Ann Lee,31/03/2026,- Audit complete',
      '4,Rev\u0000iew the form,Ann\u0000 Lee,31/03/2026,ok',
    ].join('\r\n');
    const result = await parseImportFile(importInputFromBuffer(Buffer.from(csv), 'plan.csv'));
    expect(result.rows.map((r) => r.values.actionTitle)).toEqual(['=HYPERLINK("http://x","click")', '+SUM(1+1)', '@SUM(1)', 'Review the form']);
    expect(result.issues.filter((i) => i.severity === 'warning').map((i) => [i.code, i.row, i.column])).toEqual([
      [ImportIssueCode.FormulaLikeText, 2, 'B'],
      [ImportIssueCode.FormulaLikeText, 2, 'E'],
      [ImportIssueCode.FormulaLikeText, 3, 'B'],
      [ImportIssueCode.FormulaLikeText, 3, 'E'],
      [ImportIssueCode.FormulaLikeText, 4, 'B'],
      [ImportIssueCode.ControlCharactersRemoved, 5, 'B'],
      [ImportIssueCode.ControlCharactersRemoved, 5, 'C'],
    ]);
    expect(JSON.stringify(result)).not.toContain('\\u0000');
  });
});
