import type { MergeRange, RawCell, RawRow, RawSheet, RawWorkbook } from '../read/raw-workbook';

/** A cell given in a test grid: text, or a RawCell for anything else (dates, formulas, fills). */
export type GridCell = string | number | null | undefined | RawCell;

export interface SheetOptions {
  name?: string;
  position?: number;
  state?: RawSheet['state'];
  /** 'A1:L1' style ranges; cells other than the top-left must be null in the grid. */
  merges?: string[];
  hiddenColumns?: number[];
  hiddenRows?: number[];
}

function toCell(value: GridCell): RawCell | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value === 'number') return { kind: 'number', text: String(value), number: value };
  if (typeof value === 'string') return { kind: 'text', text: value };
  return value;
}

function parseRange(range: string): MergeRange {
  const [from, to] = range.split(':');
  const at = (a: string) => {
    const m = /^([A-Z]+)(\d+)$/.exec(a)!;
    return { col: [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0), row: Number(m[2]) };
  };
  const a = at(from);
  const b = at(to);
  return { top: a.row, left: a.col, bottom: b.row, right: b.col };
}

/** A RawSheet from a grid of rows (row 1 first), as the readers would make it. */
export function sheetOf(grid: GridCell[][], options: SheetOptions = {}): RawSheet {
  const rows: Array<RawRow | undefined> = [];
  let rowCount = 0;
  let columnCount = 0;
  const hiddenRows = new Set(options.hiddenRows ?? []);
  grid.forEach((values, i) => {
    const number = i + 1;
    const cells: Array<RawCell | undefined> = [];
    values.forEach((value, c) => {
      const cell = toCell(value);
      if (cell) {
        cells[c + 1] = cell;
        columnCount = Math.max(columnCount, c + 1);
        rowCount = Math.max(rowCount, number);
      }
    });
    if (cells.length > 0 || hiddenRows.has(number)) rows[number] = { number, hidden: hiddenRows.has(number), cells };
  });
  const merges = (options.merges ?? []).map(parseRange);
  for (const m of merges) {
    columnCount = Math.max(columnCount, m.right);
    rowCount = Math.max(rowCount, m.bottom);
  }
  return {
    name: options.name ?? 'Plan',
    position: options.position ?? 1,
    state: options.state ?? 'visible',
    rows,
    rowCount,
    columnCount,
    hiddenColumns: options.hiddenColumns ?? [],
    merges,
  };
}

export function workbookOf(...sheets: RawSheet[]): RawWorkbook {
  return { format: 'xlsx', sheets: sheets.map((s, i) => ({ ...s, position: i + 1 })), date1904: false, notes: [] };
}
