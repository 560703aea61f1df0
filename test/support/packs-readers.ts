import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { Response } from 'superagent';
import { POPPLER, POPPLER_SKIP_NOTE, pdfInfo, pdfStructText, pdfText } from '../../src/packs/render/pack-readers.testing';

/**
 * Reading generated packs back the way a clerk's tools would: poppler for the PDF (text, tags),
 * exceljs for the workbook's cells, the DOCX's own XML for its paragraphs. Test only.
 */
export { POPPLER, POPPLER_SKIP_NOTE, pdfInfo, pdfStructText, pdfText };

/** supertest parser that keeps the body as raw bytes, whatever the content type. */
export function binaryParser(res: Response, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

export async function readWorkbook(xlsx: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  // exceljs declares its own Buffer type; a Node Buffer is what it reads at runtime.
  await wb.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
  return wb;
}

/** Every row of a sheet as plain values (rich text and formulas reduced to what is shown). */
export function sheetRows(ws: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return rows;
}

/** All the text of a workbook, cell by cell. */
export function workbookText(wb: ExcelJS.Workbook): string {
  const values: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => values.push(String(cell.text)))));
  return values.join('\n');
}

function xmlText(xml: string): string {
  return [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)]
    .map((m) => m[1])
    .join('')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'");
}

/** The paragraphs of word/document.xml, each with its runs joined. */
export async function docxParagraphs(docx: Buffer): Promise<string[]> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (!xml) throw new Error('no word/document.xml in the DOCX');
  return xml.split('</w:p>').map(xmlText).filter((p) => p.trim() !== '');
}

/** Every XML part of a DOCX (headers, footers, properties, alt text included), as one string. */
export async function docxAllXml(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const parts: string[] = [];
  for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'))) {
    parts.push((await zip.file(name)?.async('string')) ?? '');
  }
  return parts.join('\n');
}
