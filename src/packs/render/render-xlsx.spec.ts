import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { buildPackModel } from '../model/build-pack-model';
import { FIXTURE_OWNER_NAMES, packSourceFixture } from '../model/pack-source.testing';
import { LIBREOFFICE, LIBREOFFICE_SKIP_NOTE, POPPLER, officeToPdf, pdfText } from './pack-readers.testing';
import { captionRowsFor, renderXlsx, sheetName } from './render-xlsx';

async function read(xlsx: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; a Node Buffer is what it reads at runtime.
  await wb.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
  return wb;
}

function headerIndex(ws: ExcelJS.Worksheet): Map<string, number> {
  const map = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => map.set(cell.text, col));
  return map;
}

function fillOf(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill;
  return fill && fill.type === 'pattern' ? fill.fgColor?.argb : undefined;
}

describe('renderXlsx', () => {
  const board = buildPackModel(packSourceFixture('board'));
  const scrutiny = buildPackModel(packSourceFixture('scrutiny'));
  let boardXlsx: Buffer;
  let boardWb: ExcelJS.Workbook;
  let scrutinyWb: ExcelJS.Workbook;

  beforeAll(async () => {
    boardXlsx = await renderXlsx(board);
    boardWb = await read(boardXlsx);
    scrutinyWb = await read(await renderXlsx(scrutiny));
  });

  it('has a summary, exceptions, the tracker, a sheet per workstream and the RAG key', () => {
    expect(boardWb.worksheets.map((ws) => ws.name)).toEqual([
      'Summary',
      'Exceptions',
      'Tracker',
      'Improved safeguarding practice',
      'Empowered professionals',
      'Accessible services',
      'Stronger performance monitoring',
      'Clear governance and leadership',
      'RAG key',
    ]);
  });

  it('has one tracker row per action, with a frozen header row and an autofilter', () => {
    const ws = boardWb.getWorksheet('Tracker');
    if (!ws) throw new Error('no Tracker sheet');
    expect(ws.rowCount).toBe(15);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeDefined();
    const cols = headerIndex(ws);
    expect([...cols.keys()].slice(0, 5)).toEqual(['Reference', 'Action', 'Workstream', 'Owner', 'Owner role']);
    expect(ws.getColumn(cols.get('Action') ?? 0).width).toBe(48);
    const a12 = ws.getRow(3);
    expect(a12.getCell(1).value).toBe('A1.2');
    expect(a12.getCell(cols.get('Owner') ?? 0).value).toBe('Priya Raman');
  });

  it('makes tracker rows as tall as their wrapped text: a long action title gives a taller row than a short one', async () => {
    const source = packSourceFixture('board');
    const long = Array.from({ length: 30 }, () => 'safeguarding practice').join(' ');
    source.actions = source.actions.map((a, i) => (i === 0 ? { ...a, title: long } : i === 1 ? { ...a, title: 'Short title' } : a));
    const model = buildPackModel(source);
    const xlsx = await renderXlsx(model);
    const tracker = strFromU8(unzipSync(new Uint8Array(xlsx))['xl/worksheets/sheet3.xml']);
    const heightOf = (reference: string): number => {
      const row = new RegExp(`<row r="\\d+"(?: ht="([\\d.]+)" customHeight="1")?><c r="A\\d+" s="\\d+" t="str"><v>${reference.replace('.', '\\.')}</v>`).exec(tracker);
      if (!row) throw new Error(`no tracker row for ${reference}`);
      return row[1] ? Number(row[1]) : 15;
    };
    const longRef = model.tracker.find((r) => r.title === long)?.reference ?? '';
    const shortRef = model.tracker.find((r) => r.title === 'Short title')?.reference ?? '';
    // 629 characters in the Action column (48 wide, 50 a line): 13 lines of 12.75 pt.
    expect(heightOf(longRef)).toBeGreaterThanOrEqual(13 * 12.75);
    expect(heightOf(longRef)).toBeGreaterThan(heightOf(shortRef));
    const wb = await read(xlsx);
    const ws = wb.getWorksheet('Tracker');
    const row = ws?.getRows(2, ws.rowCount - 1)?.find((r) => r.getCell(1).value === longRef);
    expect(row?.height).toBe(heightOf(longRef));
    expect((await renderXlsx(model)).equals(xlsx)).toBe(true);
  });

  it('writes due dates as real Excel dates', () => {
    const ws = boardWb.getWorksheet('Tracker');
    if (!ws) throw new Error('no Tracker sheet');
    const cell = ws.getRow(3).getCell(headerIndex(ws).get('Due date') ?? 0);
    expect(cell.type).toBe(ExcelJS.ValueType.Date);
    expect(cell.value).toEqual(new Date(Date.UTC(2026, 0, 31)));
    expect(cell.numFmt).toBe('dd/mm/yyyy');
  });

  it('fills RAG cells with their colour and keeps the word', () => {
    const ws = boardWb.getWorksheet('Tracker');
    if (!ws) throw new Error('no Tracker sheet');
    const rag = headerIndex(ws).get('RAG') ?? 0;
    const byRef = new Map<string, ExcelJS.Cell>();
    ws.eachRow((row, n) => n > 1 && byRef.set(row.getCell(1).text, row.getCell(rag)));
    expect(byRef.get('A1.2')?.value).toBe('Red');
    expect(fillOf(byRef.get('A1.2') as ExcelJS.Cell)).toBe('FFC00000');
    expect(byRef.get('A2.2')?.value).toBe('Amber (override)');
    expect(fillOf(byRef.get('A2.2') as ExcelJS.Cell)).toBe('FFFFC000');
    expect(fillOf(byRef.get('A1.1') as ExcelJS.Cell)).toBe('FF0070C0');
  });

  it('puts the counts on the summary sheet, with the charts as images', () => {
    const ws = boardWb.getWorksheet('Summary');
    if (!ws) throw new Error('no Summary sheet');
    const rows: unknown[][] = [];
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    expect(rows).toContainEqual(['Red', 2, 1, 1]);
    expect(rows).toContainEqual(['Green', 4, 6, -2]);
    expect(rows).toContainEqual(['Total', 14, 14]);
    expect(ws.getImages()).toHaveLength(2);
  });

  it('gives each chart picture its description in words as alternative text', () => {
    const files = unzipSync(new Uint8Array(boardXlsx));
    const drawing = strFromU8(files['xl/drawings/drawing1.xml']);
    const descriptions = [...drawing.matchAll(/<xdr:cNvPr [^>]*descr="([^"]*)"/g)].map((m) => m[1]);
    expect(descriptions).toEqual(board.charts.map((c) => c.accessibilitySummary));
    expect(strFromU8(files['xl/worksheets/sheet1.xml'])).toMatch(/<drawing r:id="[^"]+"\/><\/worksheet>$/);
    expect(strFromU8(files['[Content_Types].xml'])).toContain('/xl/drawings/drawing1.xml');
  });

  it('has each workstream sheet hold its own actions', () => {
    const ws = boardWb.getWorksheet('Accessible services');
    const refs: unknown[] = [];
    ws?.eachRow((row, n) => n > 1 && refs.push(row.getCell(1).value));
    expect(refs).toEqual(['A3.1', 'A3.2']);
  });

  it('has no owner names and no owner column in the scrutiny workbook', () => {
    const tracker = scrutinyWb.getWorksheet('Tracker');
    if (!tracker) throw new Error('no Tracker sheet');
    expect(headerIndex(tracker).has('Owner')).toBe(false);
    expect(headerIndex(tracker).has('Responsible (role)')).toBe(true);
    const values: string[] = [];
    scrutinyWb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => values.push(String(cell.text)))));
    const all = values.join('\n');
    for (const name of FIXTURE_OWNER_NAMES) expect(all).not.toContain(name);
  });

  it('prints sensibly: A4 landscape, fitted to one page wide with the fit-to-page flag set, table sheets repeating their header row', () => {
    for (const wb of [boardWb, scrutinyWb]) {
      wb.eachSheet((ws) => {
        expect({ sheet: ws.name, ...ws.pageSetup }).toMatchObject({ sheet: ws.name, orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
        if (ws.name !== 'Summary') expect({ sheet: ws.name, printTitlesRow: ws.pageSetup.printTitlesRow }).toEqual({ sheet: ws.name, printTitlesRow: '1:1' });
      });
    }
  });

  it('names sheets with whole words within 31 characters', () => {
    const titles = board.workstreams.map((w) => w.title);
    for (const ws of boardWb.worksheets.slice(3, -1)) {
      expect(ws.name.length).toBeLessThanOrEqual(31);
      expect(titles.some((t) => t === ws.name || t.startsWith(`${ws.name} `))).toBe(true);
    }
    const used = new Set<string>();
    expect(sheetName('Multi-agency safeguarding hub and front door redesign', used)).toBe('Multi-agency safeguarding hub');
    expect(sheetName('Multi-agency safeguarding hub and front door review', used)).toBe('Multi-agency safeguarding (2)');
    expect(sheetName('Supercalifragilisticexpialidocious-and-more', used)).toHaveLength(31);
    expect(sheetName('Governance: [board] / scrutiny?', used)).toBe('Governance board scrutiny');
  });

  it('names the font of every cell (no fall-back to a serif)', () => {
    for (const wb of [boardWb, scrutinyWb]) {
      wb.eachSheet((ws) =>
        ws.eachRow((row) =>
          row.eachCell((cell) => {
            expect({ sheet: ws.name, cell: cell.address, font: cell.font?.name }).toEqual({ sheet: ws.name, cell: cell.address, font: 'Arial' });
          }),
        ),
      );
    }
  });

  it('keeps each chart caption clear of its picture: the picture starts below the rows the caption is merged over', () => {
    const ws = boardWb.getWorksheet('Summary');
    if (!ws) throw new Error('no Summary sheet');
    const merges = (ws.model as unknown as { merges: string[] }).merges.filter((m) => m.startsWith('J'));
    const images = ws.getImages();
    expect(merges).toHaveLength(images.length);
    images.forEach((image, i) => {
      const [, bottom] = /:Q(\d+)$/.exec(merges[i]) ?? [];
      const top = Number(/^J(\d+)/.exec(merges[i])?.[1]);
      const caption = ws.getCell(top, 10).text;
      expect(caption).toContain(board.charts[i].title);
      // nativeRow is 0-based: the picture's first row is nativeRow + 1.
      expect(image.range.tl.nativeRow + 1).toBeGreaterThan(Number(bottom));
      expect(Number(bottom) - top + 1).toBe(captionRowsFor(caption));
    });
    expect(captionRowsFor('short')).toBe(2);
    expect(captionRowsFor('word '.repeat(200))).toBeGreaterThan(10);
  });

  describe(`opened by LibreOffice${LIBREOFFICE_SKIP_NOTE}`, () => {
    (LIBREOFFICE && POPPLER ? it : it.skip)('converts to PDF with the tracker in it', () => {
      const text = pdfText(officeToPdf(boardXlsx, 'xlsx'));
      // Wrapped cells interleave in the PDF text, so look for values that fit on one line.
      for (const value of ['A5.3', 'Cheshire Constabulary', 'Amber (override)', '31/01/2026']) expect(text).toContain(value);
    });
  });
});
