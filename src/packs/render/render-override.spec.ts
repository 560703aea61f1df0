import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { buildPackModel } from '../model/build-pack-model';
import { lowerFirstWord } from '../model/pack-text';
import { packSourceFixture } from '../model/pack-source.testing';
import { POPPLER, POPPLER_SKIP_NOTE, pdfText } from './pack-readers.testing';
import { renderDocx } from './render-docx';
import { renderPdf } from './render-pdf';
import { renderXlsx } from './render-xlsx';

/** Whitespace (line wrapping, cell breaks) folded, so a sentence can be looked for whole. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

async function docxText(docx: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
  return flat([...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(' ').replace(/&apos;/g, "'").replace(/&amp;/g, '&'));
}

async function xlsxText(xlsx: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; a Node Buffer is what it reads at runtime.
  await wb.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => cells.push(cell.text))));
  return flat(cells.join(' '));
}

/**
 * Overrides never hide the rules' answer: the fixture's A2.2 is Amber by a board override while
 * the rules give Red. Every format prints, beside the overridden colour, the rules' colour and
 * reasons and who set the override, when and until when: name and role for the board, the role
 * only for scrutiny (published).
 */
describe("packs print the rules' answer beside an override, in every format", () => {
  // Phrases like the policy's reasons; the tables join them with "; " and lower-case each clause after the first.
  const RULES = "The rules give Red: Milestone 'Practice standards agreed' overdue by 35 days";
  const BOARD_WHO = 'Override set by Sarah Lloyd, Assistant Director, Adult Social Care, on 2 October 2025, until 30 November 2025';
  const SCRUTINY_WHO = 'Override set by the Assistant Director, Adult Social Care on 2 October 2025, until 30 November 2025';
  const joined = (who: string) => `; ${lowerFirstWord(RULES)}; ${lowerFirstWord(who)}`;
  const board = buildPackModel(packSourceFixture('board'));
  const scrutiny = buildPackModel(packSourceFixture('scrutiny'));

  it('in the model: the exception and the tracker row carry the override and the lines', () => {
    for (const model of [board, scrutiny]) {
      const exception = model.exceptions.find((e) => e.reference === 'A2.2');
      expect(exception).toMatchObject({ colourLabel: 'Amber (override)', override: { computedColour: 'red', setOn: '2025-10-02', expiresOn: '2025-11-30' } });
      expect(exception?.reasons.slice(-2)).toEqual([RULES, model === board ? BOARD_WHO : SCRUTINY_WHO]);
    }
    expect(JSON.stringify(scrutiny)).not.toContain('Sarah Lloyd');
  });

  it('in the DOCX', async () => {
    const [b, s] = await Promise.all([docxText(await renderDocx(board)), docxText(await renderDocx(scrutiny))]);
    expect(b).toContain(joined(BOARD_WHO));
    expect(s).toContain(joined(SCRUTINY_WHO));
    expect(s).not.toContain('Sarah Lloyd');
  });

  it('in the XLSX', async () => {
    const [b, s] = await Promise.all([xlsxText(await renderXlsx(board)), xlsxText(await renderXlsx(scrutiny))]);
    expect(b).toContain(joined(BOARD_WHO));
    expect(s).toContain(joined(SCRUTINY_WHO));
    expect(s).not.toContain('Sarah Lloyd');
  });

  (POPPLER ? it : it.skip)(`in the PDF${POPPLER_SKIP_NOTE}`, async () => {
    const [b, s] = await Promise.all([renderPdf(board), renderPdf(scrutiny)]);
    const [bt, st] = [flat(pdfText(b)), flat(pdfText(s))];
    expect(bt).toContain(joined(BOARD_WHO));
    expect(st).toContain(joined(SCRUTINY_WHO));
    expect(st).not.toContain('Sarah Lloyd');
  });
});
