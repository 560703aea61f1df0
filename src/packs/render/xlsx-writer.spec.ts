import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { buildPackModel } from '../model/build-pack-model';
import { packSourceFixture } from '../model/pack-source.testing';
import { renderXlsx } from './render-xlsx';
import { columnName, excelSerial, MAX_ROW_HEIGHT, worksheetXml, wrappedRowHeight, XlsxStyles } from './xlsx-writer';

async function read(xlsx: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; a Node Buffer is what it reads at runtime.
  await wb.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
  return wb;
}

describe('xlsx-writer', () => {
  it('names columns as Excel does', () => {
    expect([1, 2, 26, 27, 52, 53, 702, 703, 16384].map(columnName)).toEqual(['A', 'B', 'Z', 'AA', 'AZ', 'BA', 'ZZ', 'AAA', 'XFD']);
  });

  it('writes dates as whole serial days', () => {
    expect(excelSerial(new Date(Date.UTC(2026, 0, 31)))).toBe(46053);
    expect(excelSerial(new Date(Date.UTC(1900, 0, 1)))).toBe(2);
  });

  it('gives each distinct style one format, every one in Arial', () => {
    const styles = new XlsxStyles();
    const a = styles.id({ bold: true, fill: 'C00000' });
    expect(styles.id({ fill: 'C00000', bold: true })).toBe(a);
    expect(styles.id({})).not.toBe(0);
    expect(styles.id({ bold: true })).not.toBe(a);
    const xml = styles.xml();
    expect(xml.match(/<font>/g)?.length).toBe(xml.match(/<name val="Arial"\/>/g)?.length);
  });

  it('escapes markup and drops XML-invalid control characters in streamed cells', () => {
    const styles = new XlsxStyles();
    const text = 'a<b>&c"d\'e\u0000f\u000bg\u001fh\ti\nj';
    const xml = [...worksheetXml({ name: 'S', columns: [] }, [{ cells: [{ value: text, style: styles.id({}) }] }])].join('');
    expect(xml).toContain('<v>a&lt;b&gt;&amp;c&quot;d&apos;efgh\ti\nj</v>');
    // eslint-disable-next-line no-control-regex -- looking for the characters XML forbids
    expect(xml).not.toMatch(/[\x00-\x08\x0B\x0C\x0E-\x1F]/);
  });

  it('round-trips hostile text through a real reader (exceljs parses the sheets strictly)', async () => {
    const source = packSourceFixture('board');
    const hostile = 'Fix <b>&amp; "quotes" it\'s\u0000nul\u000bvt caf\u00e9 \u{1F600} =SUM(A1:A9)';
    source.actions = source.actions.map((a, i) => (i === 0 ? { ...a, title: hostile, ownerRole: "Children's <services> & more" } : a));
    const model = buildPackModel(source);
    const xlsx = await renderXlsx(model);
    const wb = await read(xlsx);
    const values: string[] = [];
    wb.getWorksheet('Tracker')?.eachRow((row) => row.eachCell((cell) => values.push(cell.text)));
    // exceljs decodes entities in a cell twice, so it reads the literal "&amp;" back as "&"; the
    // sheet itself has it escaped once, as Excel reads it.
    expect(values).toContain('Fix <b>& "quotes" it\'snulvt caf\u00e9 \u{1F600} =SUM(A1:A9)');
    const tracker = strFromU8(unzipSync(new Uint8Array(xlsx))['xl/worksheets/sheet3.xml']);
    expect(tracker).toContain('<v>Fix &lt;b&gt;&amp;amp; &quot;quotes&quot; it&apos;snulvt caf\u00e9 \u{1F600} =SUM(A1:A9)</v>');
    expect(values).toContain("Children's <services> & more");
    // The same model, the same bytes.
    expect((await renderXlsx(model)).equals(xlsx)).toBe(true);
  });

  it("quotes sheet names in print titles, doubling an apostrophe (Excel's rule)", async () => {
    const source = packSourceFixture('board');
    source.workstreams = source.workstreams.map((w, i) => (i === 0 ? { ...w, title: "Children's services & <care>" } : w));
    const xlsx = await renderXlsx(buildPackModel(source));
    const workbook = strFromU8(unzipSync(new Uint8Array(xlsx))['xl/workbook.xml']);
    expect(workbook).toContain('name="Children&apos;s services &amp; &lt;care&gt;"');
    expect(workbook).toContain('>&apos;Children&apos;&apos;s services &amp; &lt;care&gt;&apos;!$1:$1</definedName>');
    const wb = await read(xlsx);
    expect(wb.getWorksheet("Children's services & <care>")?.pageSetup.printTitlesRow).toBe('1:1');
  });
  describe('row heights for wrapped text (readers do not fit rows on opening)', () => {
    const styles = new XlsxStyles();
    const wrap = styles.id({ align: 'wrap' });
    const top = styles.id({ align: 'top' });
    const widths = [11, 48];
    const words = (n: number): string => Array.from({ length: n }, (_, i) => `word${i % 10}`).join(' ');

    it('makes a row with a long wrapped title taller than one with a short title, and leaves one-line rows at the default', () => {
      const short = wrappedRowHeight([{ value: 'A1.1', style: wrap }, { value: words(4), style: wrap }], widths, styles);
      const long = wrappedRowHeight([{ value: 'A1.1', style: wrap }, { value: words(40), style: wrap }], widths, styles);
      expect(short).toBeUndefined();
      // 239 characters at 50 a line (48 units of Arial 10): 5 lines of 12.75 pt and the padding.
      expect(long).toBe(5 * 12.75 + 2);
      expect(wrappedRowHeight([{ value: 'A1.1', style: wrap }, { value: words(80), style: wrap }], widths, styles)).toBeGreaterThan(long ?? 0);
      // Text that does not wrap, numbers and dates take no height.
      expect(wrappedRowHeight([{ value: words(40), style: wrap }, { value: words(40), style: top }], [300, 48], styles)).toBeUndefined();
      expect(wrappedRowHeight([{ value: 123456789, style: wrap }, { value: new Date(0), style: wrap }], [1, 1], styles)).toBeUndefined();
    });

    it('counts each explicit line, the empty ones too, and fits the narrowest column', () => {
      expect(wrappedRowHeight([undefined, { value: 'one\ntwo\n\nfour', style: wrap }], widths, styles)).toBe(4 * 12.75 + 2);
      // Two lines of 30 characters and one of 60, at 50 a line: 1 + 1 + 2.
      expect(wrappedRowHeight([undefined, { value: `${'x'.repeat(30)}\n${'x'.repeat(30)}\n${'x'.repeat(60)}`, style: wrap }], widths, styles)).toBe(4 * 12.75 + 2);
      // 'Overdue milestones' (18 characters) in a column 11 wide, bold: two lines.
      const header = styles.id({ bold: true, align: 'wrap' });
      expect(wrappedRowHeight([{ value: 'Overdue milestones', style: header }], widths, styles)).toBe(2 * 12.75 + 2);
      // The tallest cell sets the row.
      expect(wrappedRowHeight([{ value: 'a\nb\nc', style: wrap }, { value: 'a\nb', style: wrap }], widths, styles)).toBe(3 * 12.75 + 2);
    });

    it("stops at Excel's tallest row, 409 pt", () => {
      expect(MAX_ROW_HEIGHT).toBe(409);
      expect(wrappedRowHeight([undefined, { value: words(2000), style: wrap }], widths, styles)).toBe(409);
      expect(wrappedRowHeight([undefined, { value: '\n'.repeat(100), style: wrap }], widths, styles)).toBe(409);
    });

    it('writes the height into streamed rows when given the styles, keeping a row height of its own and the same bytes each time', () => {
      const spec = { name: 'S', columns: widths.map((width) => ({ width, style: top })) };
      const rows = [
        { cells: [{ value: 'A1.1', style: wrap }, { value: words(40), style: wrap }] },
        { cells: [{ value: 'A1.2', style: wrap }, { value: 'Short', style: wrap }] },
        { cells: [{ value: 'A1.3', style: wrap }, { value: words(40), style: wrap }], height: 20 },
      ];
      const xml = [...worksheetXml(spec, rows, styles)].join('');
      expect(xml).toContain('<row r="1" ht="65.75" customHeight="1">');
      expect(xml).toContain('<row r="2">');
      expect(xml).toContain('<row r="3" ht="20" customHeight="1">');
      expect([...worksheetXml(spec, rows, styles)].join('')).toBe(xml);
      // Without the styles (the Summary, its captions merged across columns), rows keep their own heights only.
      expect([...worksheetXml(spec, rows)].join('')).not.toContain('<row r="1" ht=');
    });
  });
});
