import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { buildPackModel } from '../model/build-pack-model';
import { packSourceFixture } from '../model/pack-source.testing';
import { renderXlsx } from './render-xlsx';

/**
 * Text that a spreadsheet would run (an imported cell such as `=HYPERLINK(...)`, `+cmd|...`,
 * `-2+3`, `@SUM(...)`) goes into an exported XLSX as a string, never as a formula: read back by
 * exceljs (a real reader) and checked in the sheet XML itself (no `<f>` element anywhere).
 */
describe('renderXlsx: formula-like text stays text', () => {
  const HOSTILE = ['=HYPERLINK("http://evil.example/x","Click me")', '+cmd|\' /C calc\'!A0', '-2+3+cmd|\' /C calc\'!A0', '@SUM(A1:A9)'];

  it('writes every formula-like title, owner and partner as a string cell', async () => {
    const source = packSourceFixture('board');
    source.actions = source.actions.map((a, i) => ({
      ...a,
      title: HOSTILE[i % HOSTILE.length],
      ownerRole: HOSTILE[(i + 1) % HOSTILE.length],
      leadAgency: HOSTILE[(i + 2) % HOSTILE.length],
    }));
    const xlsx = await renderXlsx(buildPackModel(source));

    const wb = new ExcelJS.Workbook();
    // exceljs declares its own Buffer type; a Node Buffer is what it reads at runtime.
    await wb.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
    const found = new Set<string>();
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type).not.toBe(ExcelJS.ValueType.Formula);
          expect(cell.formula).toBeFalsy();
          if (typeof cell.value === 'string' && HOSTILE.includes(cell.value)) {
            expect(cell.type).toBe(ExcelJS.ValueType.String);
            found.add(cell.value);
          }
        }),
      ),
    );
    expect([...found].sort()).toEqual([...HOSTILE].sort());

    const parts = unzipSync(new Uint8Array(xlsx));
    const sheets = Object.keys(parts).filter((name) => /^xl\/worksheets\/sheet\d+\.xml$/.test(name));
    expect(sheets.length).toBeGreaterThan(0);
    for (const name of sheets) expect(strFromU8(parts[name])).not.toMatch(/<f[\s>]/);
  });
});
