import ExcelJS from 'exceljs';
import type { ImportLimits } from '../import-limits';
import { ImportException } from '../imports.exception';
import { dateCellToSerial } from '../cells/excel-serial';
import { cleanCellText } from './cell-text';
import { classifyFormula } from './formula-risk';
import type { FileNote, MergeRange, RawCell, RawRow, RawSheet, RawWorkbook } from './raw-workbook';
import { inspectXlsxZip } from './zip-inspection';

/**
 * Reads an .xlsx into the plain RawWorkbook the rest of the import works on.
 *
 * The zip is inspected first (inspectXlsxZip: limits, zip-bomb tricks, is it a workbook). Then
 * exceljs reads it with its full reader, not its streaming one: exceljs 4.4's streaming
 * WorksheetReader ignores merged cells (its 'mergeCell' case is empty), hidden rows and columns,
 * keeps only the last run of inline rich text, and turns an error result of a formula into NaN
 * (lib/stream/xlsx/worksheet-reader.js), and those are exactly what trackers are made of. The
 * memory it needs is bounded by the cell limit the inspection already enforced.
 *
 * Every kind of value exceljs returns is reduced to text plus a kind: rich text is joined, a
 * hyperlink keeps its text and its target, a formula gives its last calculated value (never the
 * formula; formulas that reach outside the workbook are flagged), a date cell keeps its serial,
 * an error keeps its code (#REF!). Merged cells other than the top-left one are left empty and the
 * merged range is recorded, so that later steps decide what the merge means.
 */
export async function readXlsx(buffer: Buffer, limits: ImportLimits): Promise<RawWorkbook> {
  const facts = await inspectXlsxZip(buffer, limits);

  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's load accepts a Node Buffer; its types declare its own Buffer interface.
    await workbook.xlsx.load(buffer as unknown as ExcelJS.Buffer);
  } catch {
    throw ImportException.workbookUnreadable();
  }

  const notes: FileNote[] = [];
  if (facts.hasMacros) notes.push({ code: 'macros_ignored', message: 'The workbook contains macros. They were not run, and only cell values were read.' });
  if (facts.externalLinkParts > 0) {
    notes.push({
      code: 'external_links_ignored',
      message: `The workbook links to ${facts.externalLinkParts} other file${facts.externalLinkParts === 1 ? '' : 's'}. The links were not followed; cells that use them show the values Excel last saved.`,
    });
  }
  const sheets = workbook.worksheets.map((worksheet, index) => readSheet(worksheet, index + 1, limits));
  const formulaCells = sheets.reduce((n, s) => n + countFormulas(s), 0);
  if (formulaCells > 0) {
    notes.push({
      code: 'formulas_values_used',
      message: `${formulaCells.toLocaleString('en-GB')} cell${formulaCells === 1 ? '' : 's'} held formulas: the values Excel last calculated were read, never the formulas.`,
    });
  }
  return { format: 'xlsx', sheets, date1904: Boolean(workbook.properties?.date1904), notes };
}

function countFormulas(sheet: RawSheet): number {
  let n = 0;
  for (const row of sheet.rows) for (const cell of row?.cells ?? []) if (cell?.formula) n++;
  return n;
}

function readSheet(worksheet: ExcelJS.Worksheet, position: number, limits: ImportLimits): RawSheet {
  const rows: Array<RawRow | undefined> = [];
  const mergeBoxes = new Map<string, MergeRange>();
  let rowCount = 0;
  let columnCount = 0;

  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Array<RawCell | undefined> = [];
    // includeEmpty: a cell painted red with no words in it is how some trackers show a RAG colour.
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      if (cell.type === ExcelJS.ValueType.Merge || (cell.isMerged && cell.master.address !== cell.address)) {
        const master = cell.master;
        const box = mergeBoxes.get(master.address) ?? { top: Number(master.row), left: Number(master.col), bottom: Number(master.row), right: Number(master.col) };
        box.bottom = Math.max(box.bottom, rowNumber);
        box.right = Math.max(box.right, column);
        box.top = Math.min(box.top, rowNumber);
        box.left = Math.min(box.left, column);
        mergeBoxes.set(master.address, box);
        columnCount = Math.max(columnCount, column);
        rowCount = Math.max(rowCount, rowNumber);
        return;
      }
      const raw = readCell(cell, limits);
      if (!raw) return;
      cells[column] = raw;
      columnCount = Math.max(columnCount, column);
      rowCount = Math.max(rowCount, rowNumber);
    });
    if (cells.length > 0 || row.hidden) rows[rowNumber] = { number: rowNumber, hidden: Boolean(row.hidden), cells };
  });

  const hiddenColumns: number[] = [];
  const definedColumns = (worksheet.columns as ExcelJS.Column[] | null) ?? [];
  for (let c = 1; c <= Math.min(Math.max(columnCount, definedColumns.length), limits.maxColumns + 1); c++) {
    if (worksheet.getColumn(c).hidden) hiddenColumns.push(c);
  }
  return {
    name: worksheet.name,
    position,
    state: worksheet.state ?? 'visible',
    rows,
    rowCount,
    columnCount,
    hiddenColumns,
    merges: [...mergeBoxes.values()],
  };
}

type ScalarValue = number | string | boolean | Date | { error: string } | undefined | null;

function readCell(cell: ExcelJS.Cell, limits: ImportLimits): RawCell | null {
  const value = cell.value as unknown;
  if (value === null || value === undefined) {
    const paint = cell.type === ExcelJS.ValueType.Null ? solidFill(cell) : undefined;
    return paint ? { kind: 'text', text: '', fill: paint } : null;
  }
  const fill = solidFill(cell);

  if (typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value)) {
    const formulaValue = value as ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue;
    const formula = cell.formula ?? ('formula' in formulaValue ? formulaValue.formula : '') ?? '';
    const { risk, functionName, link } = classifyFormula(formula ?? '');
    const result = formulaValue.result as ScalarValue;
    const base = scalarCell(result, limits) ?? { kind: 'text' as const, text: '' };
    return {
      ...base,
      formula: { risk, functionName, hasValue: result !== undefined && result !== null },
      ...(link ? { link } : {}),
      ...(fill ? { fill } : {}),
    };
  }
  if (typeof value === 'object' && value !== null && 'hyperlink' in value) {
    const hyperlink = value as ExcelJS.CellHyperlinkValue;
    const text = textOf(hyperlink.text);
    return { ...textCell(text, limits), link: String(hyperlink.hyperlink ?? ''), ...(fill ? { fill } : {}) };
  }
  if (typeof value === 'object' && value !== null && 'richText' in value) {
    return { ...textCell(textOf(value), limits), ...(fill ? { fill } : {}) };
  }
  const scalar = scalarCell(value as ScalarValue, limits);
  return scalar ? { ...scalar, ...(fill ? { fill } : {}) } : null;
}

function scalarCell(value: ScalarValue, limits: ImportLimits): RawCell | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { kind: 'number', text: String(value), number: value } : { kind: 'error', text: '#NUM!' };
  }
  if (typeof value === 'boolean') return { kind: 'boolean', text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { kind: 'error', text: '#VALUE!' };
    return { kind: 'date', text: value.toISOString().slice(0, 10), number: dateCellToSerial(value) };
  }
  if (typeof value === 'object' && 'error' in value) return { kind: 'error', text: String(value.error) };
  if (typeof value === 'string') return textCell(value, limits);
  return textCell(textOf(value), limits);
}

function textCell(text: string, limits: ImportLimits): RawCell {
  const clean = cleanCellText(text, limits.maxCellChars);
  return {
    kind: 'text',
    text: clean.text,
    ...(clean.cleaned ? { cleaned: true } : {}),
    ...(clean.truncatedFrom !== undefined ? { truncatedFrom: clean.truncatedFrom } : {}),
  };
}

/** Text of a string, a rich-text value ({ richText: [{ text }] }) or anything else exceljs may nest. */
function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && 'richText' in value && Array.isArray((value as ExcelJS.CellRichTextValue).richText)) {
    return (value as ExcelJS.CellRichTextValue).richText.map((run) => run.text ?? '').join('');
  }
  if (typeof value === 'object' && 'text' in value) return textOf((value).text);
  return '';
}

function solidFill(cell: ExcelJS.Cell): string | undefined {
  const fill = cell.fill as ExcelJS.Fill | undefined;
  if (!fill || fill.type !== 'pattern' || fill.pattern !== 'solid') return undefined;
  const argb = fill.fgColor?.argb;
  return typeof argb === 'string' ? argb.toUpperCase() : undefined;
}
