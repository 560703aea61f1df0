import type { PackTable, TableAlign } from '../model/pack-model';
import { columnWidths } from './pdf-layout';
import { MARGINS, TYPE, type PdfPage, type StructElement, type StructOptions } from './pdf-page';
import { PdfTableTags, type CellScope, type CellTag } from './pdf-table-tags';
import { HOUSE, RAG_PAINT, hex } from './rag-style';

/**
 * Tables in the tagged PDF: Table, Caption, TR and TH/TD structure elements (row headers scoped
 * to the row, column headers to the column), header rows repeated on continuation pages as
 * artifacts, and cell fills and rules as layout artifacts.
 */

const YIELD_EVERY_PAGES = 5;
/** Tables up to this many rows are measured up front and kept together when small enough. */
const SHORT_TABLE_ROWS = 15;
/** A long table never leaves fewer than this many rows alone on its last page (widow control). */
const KEEP_LAST_ROWS = 3;
/** Longest table whose height is estimated up front (to keep a subsection off a nearly empty page). */
const ESTIMATE_MAX_ROWS = 60;
/** Stands in for a row's layout once the row is drawn. */
const DRAWN: CellLayout[] = [];

/** A cell's structure tag, and the scope of a header cell. */
interface CellTagging {
  tag: CellTag;
  scope: CellScope;
}
const COLUMN_HEADER: CellTagging = { tag: 'TH', scope: 'Column' };
const ROW_HEADER: CellTagging = { tag: 'TH', scope: 'Row' };
const DATA_CELL: CellTagging = { tag: 'TD', scope: null };

/** PDFKit reads these text options (its line wrapper sets them); @types/pdfkit does not list them. */
type CellTextOptions = PDFKit.Mixins.TextOptions & { textWidth?: number; wordCount?: number };

/**
 * PDFKit's one-line text writer, which text() calls after merging options and before measuring
 * the line yet again to advance the cursor. Private API: used for table cells only (over 100,000
 * lines in a 5,000-action pack, about a fifth of the PDF time), with text() as the fallback if a
 * PDFKit release renames it.
 */
type FragmentWriter = (this: PDFKit.PDFDocument, text: string, x: number, y: number, options: CellTextOptions) => void;

function fragmentWriter(doc: PDFKit.PDFDocument): FragmentWriter | null {
  const candidate = (doc as unknown as { _fragment?: unknown })._fragment;
  return typeof candidate === 'function' ? (candidate as FragmentWriter) : null;
}

function countWords(line: string): number {
  let words = 1;
  for (let i = 0; i < line.length; i++) if (line.charCodeAt(i) === 32) words += 1;
  return words;
}

export interface TableStyle {
  size: number;
  pad: number;
  lineHeight: number;
}

export const TABLE_STYLES: Record<PackTable['density'], TableStyle> = {
  normal: { size: 8.5, pad: 3.5, lineHeight: 8.5 * 1.22 },
  compact: { size: 7, pad: 2, lineHeight: 7 * 1.22 },
};

interface CellLayout {
  lines: string[];
  /** Width of each line, measured while wrapping. */
  widths: number[];
  /** Where a line ends inside a word (see WrappedText). */
  midWord: boolean[];
  font: string;
  colour: string;
  fill: string | null;
  align: TableAlign;
}

export interface TableSpec {
  caption: string | null;
  headers: string[] | null;
  shares: number[];
  aligns: TableAlign[];
  rows: { text: string; rag?: keyof typeof RAG_PAINT }[][];
  rowHeaderColumn: boolean;
  style: TableStyle;
  /** Details tables (label and value) shade their label column. */
  labelFill: string | null;
}

export class PdfTables {
  private readonly fragment: FragmentWriter | null;
  private tableTags: PdfTableTags | null | undefined;
  /** Widest word of a cell text, by font and size, then text. */
  private readonly longestWord = new Map<string, Map<string, number>>();

  constructor(private readonly page: PdfPage) {
    this.fragment = fragmentWriter(page.doc);
  }

  private layoutCell(
    spec: TableSpec,
    widths: number[],
    col: number,
    cell: { text: string; rag?: keyof typeof RAG_PAINT },
    maxLines: number,
  ): CellLayout {
    const { style } = spec;
    const paint = cell.rag ? RAG_PAINT[cell.rag] : null;
    const font = paint || (spec.labelFill !== null && col === 0) ? this.page.bold : this.page.body;
    const wrapped = this.page.measure.wrapWithWidths(cell.text, font, style.size, widths[col] - 2 * style.pad - 0.5, maxLines);
    return {
      lines: wrapped.lines,
      widths: wrapped.widths,
      midWord: wrapped.midWord,
      font,
      colour: paint ? paint.text : HOUSE.ink,
      fill: paint ? paint.fill : spec.labelFill !== null && col === 0 ? spec.labelFill : null,
      align: spec.aligns[col],
    };
  }

  private headerLayout(spec: TableSpec, widths: number[]): CellLayout[] | null {
    if (!spec.headers) return null;
    return spec.headers.map((header, col) => ({
      ...this.page.measure.wrapWithWidths(header, this.page.bold, spec.style.size, widths[col] - 2 * spec.style.pad - 0.5),
      font: this.page.bold,
      colour: HOUSE.ink,
      fill: HOUSE.headerFill,
      align: spec.aligns[col],
    }));
  }

  private rowHeight(cells: CellLayout[], style: TableStyle): number {
    const lines = cells.reduce((max, c) => Math.max(max, c.lines.length), 1);
    return lines * style.lineHeight + 2 * style.pad;
  }

  /** Cell fills and rules: decoration, so an artifact. */
  private rowDecoration(cells: CellLayout[], widths: number[], y: number, height: number): void {
    const { doc } = this.page;
    doc.markContent('Artifact', { type: 'Layout' });
    doc.save();
    let x = this.page.left;
    cells.forEach((c, i) => {
      if (c.fill) doc.rect(x, y, widths[i], height).fill(hex(c.fill));
      x += widths[i];
    });
    // Box and column rules as one path, stroked once.
    doc.lineWidth(0.5).strokeColor(hex(HOUSE.rule));
    doc.rect(this.page.left, y, widths.reduce((a, b) => a + b, 0), height);
    x = this.page.left;
    for (let i = 0; i < widths.length - 1; i++) {
      x += widths[i];
      doc.moveTo(x, y).lineTo(x, y + height);
    }
    doc.stroke();
    doc.restore();
    doc.endMarkedContent();
  }

  private drawCellText(c: CellLayout, x: number, y: number, width: number, style: TableStyle): void {
    const { doc } = this.page;
    doc.font(c.font).fontSize(style.size);
    // Row fills and rules are drawn inside save/restore, so the text colour set here holds until
    // the next cell asks for another one; a new page or table starts afresh.
    if (this.page.cellColour !== c.colour) {
      doc.fillColor(hex(c.colour));
      this.page.cellColour = c.colour;
    }
    for (let i = 0; i < c.lines.length; i++) {
      const line = c.lines[i];
      if (line === '') continue;
      const textWidth = c.widths[i];
      let lineX = x + style.pad;
      if (c.align !== 'left') {
        const free = width - 2 * style.pad - textWidth;
        lineX += c.align === 'right' ? free : free / 2;
      }
      // textWidth and wordCount are known from wrapping: PDFKit would otherwise lay out each line
      // once more to measure it (the tracker has tens of thousands of lines).
      const options: CellTextOptions = { lineBreak: false, textWidth, wordCount: countWords(line) };
      const lineY = y + style.pad + i * style.lineHeight;
      // The space where a line wrapped is written (invisible at the line's end), so text extraction
      // and screen readers read "partner involvement", not "partnerinvolvement".
      const text = i < c.lines.length - 1 && !c.midWord[i] ? `${line} ` : line;
      if (this.fragment) this.fragment.call(doc, text, lineX, lineY, options);
      else doc.text(text, lineX, lineY, options);
    }
  }

  /** A header row repeated on a continuation page: furniture, so an artifact. */
  private repeatedHeader(header: CellLayout[], widths: number[], style: TableStyle): void {
    const { doc } = this.page;
    const y = doc.y;
    const height = this.rowHeight(header, style);
    this.rowDecoration(header, widths, y, height);
    doc.markContent('Artifact', { type: 'Pagination' });
    let x = this.page.left;
    header.forEach((c, i) => {
      this.drawCellText(c, x, y, widths[i], style);
      x += widths[i];
    });
    doc.endMarkedContent();
    doc.y = y + height;
  }

  private tableRow(table: StructElement, cells: CellLayout[], widths: number[], style: TableStyle, tagOf: (col: number) => CellTagging): void {
    const { doc } = this.page;
    const y = doc.y;
    const height = this.rowHeight(cells, style);
    this.rowDecoration(cells, widths, y, height);
    const tags = this.tags(table);
    let x = this.page.left;
    if (tags?.canWriteRow()) {
      tags.startRow(table);
      for (let i = 0; i < cells.length; i++) {
        const { tag, scope } = tagOf(i);
        const mcid = tags.startCell(tag);
        this.drawCellText(cells[i], x, y, widths[i], style);
        tags.endCell(tag, scope, mcid);
        x += widths[i];
      }
      tags.endRow(table);
    } else {
      const tr = doc.struct('TR');
      table.add(tr);
      cells.forEach((c, i) => {
        const cellX = x;
        const { tag, scope } = tagOf(i);
        const options: StructOptions = scope ? { scope } : {};
        tr.add(doc.struct(tag, options, () => this.drawCellText(c, cellX, y, widths[i], style)));
        x += widths[i];
      });
      tr.end();
    }
    doc.y = y + height;
  }

  /** The row and cell writer (see PdfTableTags), made once per document; null where PDFKit's internals differ. */
  private tags(table: StructElement): PdfTableTags | null {
    if (this.tableTags === undefined) this.tableTags = PdfTableTags.create(this.page.doc, table);
    return this.tableTags;
  }

  /**
   * No word is split across lines where the table has room for it: a column narrower than its
   * longest word (a reference such as "ASC-QS6.10", a list of them, a long date) is widened to it,
   * taking the room from columns wider than their own longest word, as a browser lays out a table.
   */
  private fitLongestWords(spec: TableSpec, widths: number[]): number[] {
    const { size, pad } = spec.style;
    const needed = widths.map(() => 0);
    const longest = (font: string): Map<string, number> => {
      const key = `${font}\u0000${size}`;
      let byText = this.longestWord.get(key);
      if (!byText) this.longestWord.set(key, (byText = new Map<string, number>()));
      return byText;
    };
    const body = longest(this.page.body);
    const bold = longest(this.page.bold);
    const bodyWidth = this.page.measure.widthOf(this.page.body, size);
    const boldWidth = this.page.measure.widthOf(this.page.bold, size);
    for (const row of spec.rows) {
      for (let col = 0; col < row.length; col++) {
        const cell = row[col];
        const isBold = cell.rag !== undefined || (spec.labelFill !== null && col === 0);
        // Cell texts repeat (dates, colours, names): each one's longest word is measured once.
        const byText = isBold ? bold : body;
        let width = byText.get(cell.text);
        if (width === undefined) {
          const measure = isBold ? boldWidth : bodyWidth;
          width = 0;
          for (const word of cell.text.split(/\s+/)) {
            const w = measure(word);
            if (w > width) width = w;
          }
          byText.set(cell.text, width);
        }
        needed[col] = Math.max(needed[col], width + 2 * pad + 1);
      }
    }
    const short = needed.map((n, col) => Math.max(0, n - widths[col]));
    const wanted = short.reduce((a, b) => a + b, 0);
    if (wanted === 0) return widths;
    const slack = widths.map((w, col) => Math.max(0, w - needed[col]));
    const spare = slack.reduce((a, b) => a + b, 0);
    if (spare === 0) return widths;
    const share = Math.min(1, spare / wanted);
    const taken = Math.min(wanted, spare);
    return widths.map((w, col) => w + short[col] * share - (slack[col] / spare) * taken);
  }

  /** The height the table would take as drawn; Infinity for a long table (it is not laid out twice). */
  estimateHeight(spec: TableSpec): number {
    if (spec.rows.length > ESTIMATE_MAX_ROWS) return Number.POSITIVE_INFINITY;
    const { style } = spec;
    const widths = this.fitLongestWords(spec, columnWidths(spec.shares, this.page.contentWidth));
    const header = this.headerLayout(spec, widths);
    let height = (spec.caption ? TYPE.caption * 1.3 + 3 : 0) + (header ? this.rowHeight(header, style) : 0) + 10;
    for (const row of spec.rows) height += this.rowHeight(row.map((cell, col) => this.layoutCell(spec, widths, col, cell, Number.MAX_SAFE_INTEGER)), style);
    return height;
  }

  /** Whether the last KEEP_LAST_ROWS rows, from `from`, would not all fit in what is left of this page (they do fit on a fresh one). */
  private lastRowsSpill(from: number, layoutOf: (r: number) => CellLayout[], style: TableStyle): boolean {
    let total = 0;
    for (let r = from; r < from + KEEP_LAST_ROWS; r++) total += this.rowHeight(layoutOf(r), style);
    return this.page.doc.y + total > this.page.bottom && MARGINS.top + total < this.page.bottom;
  }

  async table(parent: StructElement, spec: TableSpec): Promise<void> {
    const { doc } = this.page;
    const { style } = spec;
    const widths = this.fitLongestWords(spec, columnWidths(spec.shares, this.page.contentWidth));
    const header = this.headerLayout(spec, widths);
    const headerHeight = header ? this.rowHeight(header, style) : 0;
    const pageRoom = this.page.bottom - MARGINS.top - headerHeight - 2 * style.pad;
    const maxLines = Math.max(1, Math.floor(pageRoom / style.lineHeight) - 1);
    const captionHeight = spec.caption ? TYPE.caption * 1.3 + 4 : 0;

    // Short tables are laid out up front and kept on one page; long ones row by row.
    const short = spec.rows.length <= SHORT_TABLE_ROWS;
    const layouts = (short ? spec.rows : spec.rows.slice(0, 1)).map((row) =>
      row.map((cell, col) => this.layoutCell(spec, widths, col, cell, maxLines)),
    );
    const upFront = layouts.reduce((sum, cells) => sum + this.rowHeight(cells, style), 0);
    const keepTogether = short && upFront + headerHeight + captionHeight < (this.page.bottom - MARGINS.top) * 0.5;
    this.page.ensureSpace(captionHeight + headerHeight + (keepTogether ? upFront : layouts.length ? this.rowHeight(layouts[0], style) : 0));

    this.page.cellColour = null;
    const tableEl = doc.struct('Table');
    parent.add(tableEl);
    if (spec.caption) {
      const caption = spec.caption;
      tableEl.add(
        doc.struct('Caption', {}, () => {
          this.page.textStyle(this.page.bold, TYPE.caption, HOUSE.muted);
          doc.text(caption, this.page.left, doc.y, { width: this.page.contentWidth });
        }),
      );
      doc.y += 3;
    }
    if (header) this.tableRow(tableEl, header, widths, style, () => COLUMN_HEADER);
    const cellTag = (col: number): CellTagging => (spec.rowHeaderColumn && col === 0 ? ROW_HEADER : DATA_CELL);
    const layoutOf = (r: number) => (layouts[r] ??= spec.rows[r].map((cell, col) => this.layoutCell(spec, widths, col, cell, maxLines)));
    const lastRowsStart = spec.rows.length - KEEP_LAST_ROWS;
    for (let r = 0; r < spec.rows.length; r++) {
      const cells = layoutOf(r);
      const height = this.rowHeight(cells, style);
      // Widow control: a long table's last rows go to the next page together rather than leaving one row alone on a nearly empty page.
      const widow = !keepTogether && r === lastRowsStart && r > KEEP_LAST_ROWS && this.lastRowsSpill(r, layoutOf, style);
      if (widow || doc.y + height > this.page.bottom) {
        this.page.newPage();
        if (header) this.repeatedHeader(header, widths, style);
        // Between pages, let the event loop run: V8 finishes its incremental garbage collection in
        // tasks on the event loop, and a long synchronous render let the heap grow to twice its size.
        if (this.page.pageNumber % YIELD_EVERY_PAGES === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      this.tableRow(tableEl, cells, widths, style, cellTag);
      // A drawn row's layout is not needed again: keeping 5,000 rows' wrapped lines held over 100 MB.
      layouts[r] = DRAWN;
    }
    tableEl.end();
    doc.y += 10;
  }
}
