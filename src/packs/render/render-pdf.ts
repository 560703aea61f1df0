import PDFDocument from 'pdfkit';
import type { BarChartModel, ChartModel, LineChartModel, PackBlock, PackModel, PackSection, PackTable, TableAlign } from '../model/pack-model';
import { resolvePackFonts, type PackFontFiles } from './pack-fonts';
import { axisTicks, columnWidths, TextMeasure } from './pdf-layout';
import { HOUSE, RAG_PAINT, hex } from './rag-style';

/**
 * The pack as a tagged PDF (PDF/UA): real headings (H1-H3), paragraphs, lists, tables with
 * TH/TD cells, charts as vector Figures with alternative text, and page furniture (running
 * header, footer, page numbers, table backgrounds and rules, repeated header rows) marked as
 * artifacts so screen readers skip it. It lays out the model; it computes nothing.
 */

export interface PdfRenderOptions {
  fonts?: Partial<PackFontFiles>;
  /** False writes uncompressed streams, so tests can read the structure tree in the raw file. */
  compress?: boolean;
}

type Doc = PDFKit.PDFDocument;
type StructElement = PDFKit.PDFStructureElement;
type Orientation = 'portrait' | 'landscape';

/** PDFKit supports these structure options; @types/pdfkit 0.17 does not declare them yet. */
type StructOptions = PDFKit.Mixins.StructureElementOptions & {
  scope?: 'Row' | 'Column' | 'Both';
  bbox?: [number, number, number, number];
  placement?: 'Block' | 'Inline';
};

const MARGINS = { top: 64, bottom: 60, left: 50, right: 50 };
const A4: [number, number] = [595.28, 841.89];
const YIELD_EVERY_PAGES = 5;
/** Tables up to this many rows are measured up front and kept together when small enough. */
const SHORT_TABLE_ROWS = 15;

const TYPE = {
  title: 20,
  subtitle: 13,
  h2: 15,
  h3: 12,
  body: 10,
  lead: 11,
  note: 9,
  caption: 8.5,
  furniture: 8,
};

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

interface TableStyle {
  size: number;
  pad: number;
  lineHeight: number;
}

const TABLE_STYLES: Record<PackTable['density'], TableStyle> = {
  normal: { size: 8.5, pad: 3.5, lineHeight: 8.5 * 1.22 },
  compact: { size: 7, pad: 2, lineHeight: 7 * 1.22 },
};

interface CellLayout {
  lines: string[];
  /** Width of each line, measured while wrapping. */
  widths: number[];
  font: string;
  colour: string;
  fill: string | null;
  align: TableAlign;
}

interface TableSpec {
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

class PdfPackWriter {
  private orientation: Orientation;
  private readonly measure: TextMeasure;
  private readonly root: StructElement;
  /** Fonts are named by file path: PDFKit caches fonts by the name given, and a registered alias
   * whose font is already loaded under its path is re-parsed on every font() call. */
  private readonly body: string;
  private readonly bold: string;
  private current: { font: string; size: number; colour: string };
  private readonly fragment: FragmentWriter | null;
  /** Fill colour last set for table cell text on this page; null when unknown. */
  private cellColour: string | null = null;
  private pageNumber = 0;

  constructor(
    private readonly doc: Doc,
    private readonly model: PackModel,
    firstOrientation: Orientation,
    fonts: PackFontFiles,
  ) {
    this.body = fonts.regular;
    this.bold = fonts.bold;
    this.current = { font: fonts.regular, size: TYPE.body, colour: HOUSE.ink };
    this.orientation = firstOrientation;
    this.measure = new TextMeasure(doc);
    this.fragment = fragmentWriter(doc);
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
    // The first page exists already; later ones get their furniture as they are added.
    this.pageFurniture();
    doc.on('pageAdded', () => this.pageFurniture());
  }

  private get left(): number {
    return this.doc.page.margins.left;
  }

  private get contentWidth(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  private get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  private newPage(orientation: Orientation = this.orientation): void {
    this.orientation = orientation;
    this.doc.addPage({ size: A4, layout: orientation, margins: MARGINS });
  }

  /** Starts a new page unless `height` still fits below the cursor. */
  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  async write(): Promise<void> {
    this.writeTitle();
    await this.writeBlocks(this.root, this.model.frontMatter);
    for (const section of this.model.sections) await this.writeSection(section);
    this.root.end();
  }

  private writeTitle(): void {
    const { doc, model } = this;
    const width = this.contentWidth;
    this.root.add(
      doc.struct('H1', {}, () => {
        this.textStyle(this.bold, TYPE.title, HOUSE.heading);
        doc.text(model.meta.title, this.left, doc.y, { width, lineGap: 2 });
      }),
    );
    doc.y += 4;
    this.root.add(
      doc.struct('P', {}, () => {
        this.textStyle(this.body, TYPE.subtitle, HOUSE.muted);
        doc.text(`${model.meta.documentType}: position at ${model.meta.asOfLabel}`, this.left, doc.y, { width });
      }),
    );
    doc.y += 10;
  }

  private async writeSection(section: PackSection): Promise<void> {
    const { doc } = this;
    if (section.appendix || section.orientation !== this.orientation) this.newPage(section.orientation);
    else doc.y += 8;
    const sect = doc.struct('Sect');
    this.root.add(sect);
    this.heading(sect, 'H2', section.displayHeading, this.leadHeight(section.blocks));
    await this.writeBlocks(sect, section.blocks);
    for (const sub of section.subsections) {
      const subSect = doc.struct('Sect');
      sect.add(subSect);
      this.heading(subSect, 'H3', sub.heading, this.leadHeight(sub.blocks));
      await this.writeBlocks(subSect, sub.blocks);
      subSect.end();
    }
    sect.end();
  }

  private heading(parent: StructElement, tag: 'H2' | 'H3', text: string, leadHeight: number): void {
    const { doc } = this;
    const size = tag === 'H2' ? TYPE.h2 : TYPE.h3;
    const width = this.contentWidth;
    doc.font(this.bold).fontSize(size);
    const height = doc.heightOfString(text, { width });
    // Keep a heading with the start of what follows it.
    this.ensureSpace(height + 12 + leadHeight);
    doc.y += tag === 'H2' ? 6 : 4;
    if (tag === 'H2') doc.outline.addItem(text);
    parent.add(
      doc.struct(tag, {}, () => {
        this.textStyle(this.bold, size, HOUSE.heading);
        doc.text(text, this.left, doc.y, { width });
      }),
    );
    doc.y += tag === 'H2' ? 6 : 4;
  }

  private async writeBlocks(parent: StructElement, blocks: PackBlock[]): Promise<void> {
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i];
      if (block.kind === 'chart') {
        // Consecutive charts are laid out together.
        const charts: ChartModel[] = [];
        for (; i < blocks.length; i++) {
          const b = blocks[i];
          if (b.kind !== 'chart') break;
          const chart = this.model.charts.find((c) => c.id === b.chartId);
          if (chart) charts.push(chart);
        }
        i -= 1;
        this.charts(parent, charts);
        continue;
      }
      await this.writeBlock(parent, block, this.keepWithNext(block, blocks[i + 1]));
    }
  }

  /** An introduction stays on the page of the table, list or chart it introduces. */
  private keepWithNext(block: PackBlock, next: PackBlock | undefined): number {
    return block.kind === 'paragraph' && next !== undefined && next.kind !== 'paragraph' ? 60 : 0;
  }

  /** Room the first block of a section needs, so a heading is never left alone at a page foot. */
  private leadHeight(blocks: PackBlock[]): number {
    const first = blocks[0];
    if (first?.kind !== 'paragraph') return 70;
    const size = first.style === 'lead' ? TYPE.lead : first.style === 'note' ? TYPE.note : TYPE.body;
    this.doc.font(first.style === 'lead' ? this.bold : this.body).fontSize(size);
    const height = this.doc.heightOfString(first.text, { width: this.contentWidth, lineGap: 2 });
    const keep = this.keepWithNext(first, blocks[1]);
    return keep > 0 ? height + keep : Math.min(height, size * 3.6) + 10;
  }

  private async writeBlock(parent: StructElement, block: PackBlock, keepWithNext = 0): Promise<void> {
    switch (block.kind) {
      case 'paragraph':
        return this.paragraph(parent, block.text, block.style, keepWithNext);
      case 'list':
        return this.list(parent, block.items, block.ordered);
      case 'details':
        return this.table(parent, {
          caption: null,
          headers: null,
          shares: [1, 3],
          aligns: ['left', 'left'],
          rows: block.rows.map((r) => [{ text: r.label }, { text: r.value }]),
          rowHeaderColumn: true,
          style: { size: TYPE.body, pad: 4, lineHeight: TYPE.body * 1.25 },
          labelFill: HOUSE.detailsFill,
        });
      case 'table':
        if (block.table.rows.length === 0) return this.paragraph(parent, block.table.emptyText, 'normal');
        return this.table(parent, {
          caption: block.table.caption,
          headers: block.table.columns.map((c) => c.header),
          shares: block.table.columns.map((c) => c.width),
          aligns: block.table.columns.map((c) => c.align),
          rows: block.table.rows,
          rowHeaderColumn: block.table.rowHeaderColumn,
          style: TABLE_STYLES[block.table.density],
          labelFill: null,
        });
      case 'chart': {
        const chart = this.model.charts.find((c) => c.id === block.chartId);
        if (chart) this.charts(parent, [chart]);
        return;
      }
    }
  }

  private paragraph(parent: StructElement, text: string, style: 'normal' | 'lead' | 'note', keepWithNext = 0): void {
    const { doc } = this;
    const size = style === 'lead' ? TYPE.lead : style === 'note' ? TYPE.note : TYPE.body;
    const font = style === 'lead' ? this.bold : this.body;
    const colour = style === 'note' ? HOUSE.muted : HOUSE.ink;
    const width = this.contentWidth;
    doc.font(font).fontSize(size);
    const height = doc.heightOfString(text, { width, lineGap: 2 });
    this.ensureSpace(keepWithNext > 0 ? height + keepWithNext : Math.min(height, size * 3.6));
    parent.add(
      doc.struct('P', {}, () => {
        this.textStyle(font, size, colour);
        doc.text(text, this.left, doc.y, { width, lineGap: 2 });
      }),
    );
    doc.y += 6;
  }

  private list(parent: StructElement, items: string[], ordered: boolean): void {
    const { doc } = this;
    const indent = ordered ? 20 : 14;
    const width = this.contentWidth - indent;
    const list = doc.struct('L');
    parent.add(list);
    items.forEach((item, i) => {
      doc.font(this.body).fontSize(TYPE.body);
      const height = doc.heightOfString(item, { width, lineGap: 2 });
      this.ensureSpace(Math.min(height, TYPE.body * 3.6));
      const y = doc.y;
      const li = doc.struct('LI');
      list.add(li);
      li.add(
        doc.struct('Lbl', {}, () => {
          doc.font(this.body).fontSize(TYPE.body).fillColor(hex(HOUSE.ink));
          doc.text(ordered ? `${i + 1}.` : '•', this.left + 2, y, { lineBreak: false });
        }),
      );
      li.add(
        doc.struct('LBody', {}, () => {
          this.textStyle(this.body, TYPE.body, HOUSE.ink);
          doc.text(item, this.left + indent, y, { width, lineGap: 2 });
        }),
      );
      li.end();
      doc.y += 4;
    });
    list.end();
    doc.y += 2;
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
    const font = paint || (spec.labelFill !== null && col === 0) ? this.bold : this.body;
    const wrapped = this.measure.wrapWithWidths(cell.text, font, style.size, widths[col] - 2 * style.pad - 0.5, maxLines);
    return {
      lines: wrapped.lines,
      widths: wrapped.widths,
      font,
      colour: paint ? paint.text : HOUSE.ink,
      fill: paint ? paint.fill : spec.labelFill !== null && col === 0 ? spec.labelFill : null,
      align: spec.aligns[col],
    };
  }

  private headerLayout(spec: TableSpec, widths: number[]): CellLayout[] | null {
    if (!spec.headers) return null;
    return spec.headers.map((header, col) => ({
      ...this.measure.wrapWithWidths(header, this.bold, spec.style.size, widths[col] - 2 * spec.style.pad - 0.5),
      font: this.bold,
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
    const { doc } = this;
    doc.markContent('Artifact', { type: 'Layout' });
    doc.save();
    let x = this.left;
    cells.forEach((c, i) => {
      if (c.fill) doc.rect(x, y, widths[i], height).fill(hex(c.fill));
      x += widths[i];
    });
    // Box and column rules as one path, stroked once.
    doc.lineWidth(0.5).strokeColor(hex(HOUSE.rule));
    doc.rect(this.left, y, widths.reduce((a, b) => a + b, 0), height);
    x = this.left;
    for (let i = 0; i < widths.length - 1; i++) {
      x += widths[i];
      doc.moveTo(x, y).lineTo(x, y + height);
    }
    doc.stroke();
    doc.restore();
    doc.endMarkedContent();
  }

  private drawCellText(c: CellLayout, x: number, y: number, width: number, style: TableStyle): void {
    const { doc } = this;
    doc.font(c.font).fontSize(style.size);
    // Row fills and rules are drawn inside save/restore, so the text colour set here holds until
    // the next cell asks for another one; a new page or table starts afresh.
    if (this.cellColour !== c.colour) {
      doc.fillColor(hex(c.colour));
      this.cellColour = c.colour;
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
      if (this.fragment) this.fragment.call(doc, line, lineX, lineY, options);
      else doc.text(line, lineX, lineY, options);
    }
  }

  /** A header row repeated on a continuation page: furniture, so an artifact. */
  private repeatedHeader(header: CellLayout[], widths: number[], style: TableStyle): void {
    const { doc } = this;
    const y = doc.y;
    const height = this.rowHeight(header, style);
    this.rowDecoration(header, widths, y, height);
    doc.markContent('Artifact', { type: 'Pagination' });
    let x = this.left;
    header.forEach((c, i) => {
      this.drawCellText(c, x, y, widths[i], style);
      x += widths[i];
    });
    doc.endMarkedContent();
    doc.y = y + height;
  }

  private tableRow(tr: StructElement, cells: CellLayout[], widths: number[], style: TableStyle, tagOf: (col: number) => ['TH' | 'TD', StructOptions]): void {
    const { doc } = this;
    const y = doc.y;
    const height = this.rowHeight(cells, style);
    this.rowDecoration(cells, widths, y, height);
    let x = this.left;
    cells.forEach((c, i) => {
      const cellX = x;
      const [tag, options] = tagOf(i);
      tr.add(doc.struct(tag, options, () => this.drawCellText(c, cellX, y, widths[i], style)));
      x += widths[i];
    });
    tr.end();
    doc.y = y + height;
  }

  private async table(parent: StructElement, spec: TableSpec): Promise<void> {
    const { doc } = this;
    const { style } = spec;
    const widths = columnWidths(spec.shares, this.contentWidth);
    const header = this.headerLayout(spec, widths);
    const headerHeight = header ? this.rowHeight(header, style) : 0;
    const pageRoom = this.bottom - MARGINS.top - headerHeight - 2 * style.pad;
    const maxLines = Math.max(1, Math.floor(pageRoom / style.lineHeight) - 1);
    const captionHeight = spec.caption ? TYPE.caption * 1.3 + 4 : 0;

    // Short tables are laid out up front and kept on one page; long ones row by row.
    const short = spec.rows.length <= SHORT_TABLE_ROWS;
    const layouts = (short ? spec.rows : spec.rows.slice(0, 1)).map((row) =>
      row.map((cell, col) => this.layoutCell(spec, widths, col, cell, maxLines)),
    );
    const upFront = layouts.reduce((sum, cells) => sum + this.rowHeight(cells, style), 0);
    const keepTogether = short && upFront + headerHeight + captionHeight < (this.bottom - MARGINS.top) * 0.5;
    this.ensureSpace(captionHeight + headerHeight + (keepTogether ? upFront : layouts.length ? this.rowHeight(layouts[0], style) : 0));

    this.cellColour = null;
    const tableEl = doc.struct('Table');
    parent.add(tableEl);
    if (spec.caption) {
      const caption = spec.caption;
      tableEl.add(
        doc.struct('Caption', {}, () => {
          this.textStyle(this.bold, TYPE.caption, HOUSE.muted);
          doc.text(caption, this.left, doc.y, { width: this.contentWidth });
        }),
      );
      doc.y += 3;
    }
    if (header) {
      const tr = doc.struct('TR');
      tableEl.add(tr);
      this.tableRow(tr, header, widths, style, () => ['TH', { scope: 'Column' }]);
    }
    const cellTag = (col: number): ['TH' | 'TD', StructOptions] =>
      spec.rowHeaderColumn && col === 0 ? ['TH', { scope: 'Row' }] : ['TD', {}];
    for (let r = 0; r < spec.rows.length; r++) {
      const row = spec.rows[r];
      const cells = layouts[r] ?? row.map((cell, col) => this.layoutCell(spec, widths, col, cell, maxLines));
      const height = this.rowHeight(cells, style);
      if (doc.y + height > this.bottom) {
        this.newPage();
        if (header) this.repeatedHeader(header, widths, style);
        // Between pages, let the event loop run: V8 finishes its incremental garbage collection in
        // tasks on the event loop, and a long synchronous render let the heap grow to twice its size.
        if (this.pageNumber % YIELD_EVERY_PAGES === 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
      const tr = doc.struct('TR');
      tableEl.add(tr);
      this.tableRow(tr, cells, widths, style, cellTag);
    }
    tableEl.end();
    doc.y += 10;
  }

  /** Charts side by side when the page is wide enough (landscape), else one under the other. */
  private charts(parent: StructElement, charts: ChartModel[]): void {
    const { doc } = this;
    const gap = 24;
    const perRow = this.contentWidth >= 2 * 340 + gap ? 2 : 1;
    for (let i = 0; i < charts.length; i += perRow) {
      const row = charts.slice(i, i + perRow);
      const width = perRow === 1 ? Math.min(this.contentWidth, 470) : (this.contentWidth - gap) / perRow;
      const height = 200;
      const titleHeight = 16;
      this.ensureSpace(titleHeight + height + 12);
      const top = doc.y;
      row.forEach((chart, j) => {
        const x = this.left + j * (width + gap);
        parent.add(
          doc.struct('P', {}, () => {
            doc.font(this.bold).fontSize(TYPE.caption + 1).fillColor(hex(HOUSE.ink));
            doc.text(chart.title, x, top, { width, lineBreak: false });
          }),
        );
        const y = top + titleHeight;
        const options: StructOptions = { alt: chart.accessibilitySummary, bbox: [x, y, x + width, y + height], placement: 'Block' };
        parent.add(
          doc.struct('Figure', options, () => {
            if (chart.kind === 'bar') this.barChart(chart, x, y, width, height);
            else this.lineChart(chart, x, y, width, height);
          }),
        );
      });
      doc.y = top + titleHeight + height + 12;
    }
  }

  private axis(x0: number, y0: number, width: number, height: number, ticks: number[]): (value: number) => number {
    const { doc } = this;
    const top = ticks[ticks.length - 1] || 1;
    const scale = (value: number): number => y0 + height - (value / top) * height;
    doc.save().lineWidth(0.4).strokeColor('#D0D0D0');
    for (const t of ticks) doc.moveTo(x0, scale(t)).lineTo(x0 + width, scale(t)).stroke();
    doc.restore();
    doc.save().lineWidth(0.8).strokeColor(hex(HOUSE.ink));
    doc.moveTo(x0, y0).lineTo(x0, y0 + height).lineTo(x0 + width, y0 + height).stroke();
    doc.restore();
    doc.font(this.body).fontSize(7.5).fillColor(hex(HOUSE.ink));
    for (const t of ticks) {
      const label = String(t);
      const w = this.measure.width(this.body, 7.5, label);
      doc.font(this.body).fontSize(7.5).text(label, x0 - 5 - w, scale(t) - 4, { lineBreak: false });
    }
    return scale;
  }

  private barChart(chart: BarChartModel, x: number, y: number, width: number, height: number): void {
    const { doc } = this;
    const x0 = x + 30;
    const y0 = y + 14;
    const plotW = width - 40;
    const plotH = height - 34;
    const max = chart.bars.reduce((m, b) => Math.max(m, b.value), 0);
    const scale = this.axis(x0, y0, plotW, plotH, axisTicks(max));
    const slot = plotW / chart.bars.length;
    const barW = Math.min(slot * 0.6, 56);
    chart.bars.forEach((bar, i) => {
      const bx = x0 + i * slot + (slot - barW) / 2;
      const top = scale(bar.value);
      doc.save();
      doc.rect(bx, top, barW, y0 + plotH - top).fillAndStroke(hex(RAG_PAINT[bar.colour].fill), hex(HOUSE.ink));
      doc.restore();
      const value = String(bar.value);
      doc.font(this.bold).fontSize(9).fillColor(hex(HOUSE.ink));
      doc.text(value, bx + (barW - this.measure.width(this.bold, 9, value)) / 2, top - 12, { lineBreak: false });
      doc.font(this.body).fontSize(8.5);
      doc.text(bar.label, x0 + i * slot + (slot - this.measure.width(this.body, 8.5, bar.label)) / 2, y0 + plotH + 5, { lineBreak: false });
    });
  }

  private marker(shape: number, cx: number, cy: number, colour: string): void {
    const { doc } = this;
    const r = 3;
    doc.save().lineWidth(0.6).strokeColor(hex(HOUSE.ink)).fillColor(hex(colour));
    switch (shape % 5) {
      case 0:
        doc.circle(cx, cy, r);
        break;
      case 1:
        doc.rect(cx - r, cy - r, 2 * r, 2 * r);
        break;
      case 2:
        doc.polygon([cx, cy - r - 0.5], [cx + r + 0.5, cy + r], [cx - r - 0.5, cy + r]);
        break;
      case 3:
        doc.polygon([cx, cy - r - 1], [cx + r + 1, cy], [cx, cy + r + 1], [cx - r - 1, cy]);
        break;
      default:
        doc.rect(cx - r + 1, cy - r + 1, 2 * r - 2, 2 * r - 2);
    }
    doc.fillAndStroke();
    doc.restore();
  }

  private dash(index: number): void {
    const patterns: ([number, number] | null)[] = [null, [6, 3], [1.5, 2.5], [8, 2], [3, 3]];
    const pattern = patterns[index % patterns.length];
    if (pattern) this.doc.dash(pattern[0], { space: pattern[1] });
    else this.doc.undash();
  }

  private lineChart(chart: LineChartModel, x: number, y: number, width: number, height: number): void {
    const { doc } = this;
    const legendW = 90;
    const x0 = x + 30;
    const y0 = y + 10;
    const plotW = width - 40 - legendW;
    const plotH = height - 34;
    const max = chart.series.reduce((m, s) => Math.max(m, ...s.values), 0);
    const scale = this.axis(x0, y0, plotW, plotH, axisTicks(max));
    const n = chart.dates.length;
    const step = n > 1 ? plotW / (n - 1) : 0;
    const xAt = (i: number): number => x0 + i * step;

    // Only as many date labels as fit side by side.
    const labelWidth = chart.dateLabels.reduce((m, l) => Math.max(m, this.measure.width(this.body, 7, l)), 0) + 6;
    const every = Math.max(1, Math.ceil(labelWidth / Math.max(step, 1)));
    doc.font(this.body).fontSize(7).fillColor(hex(HOUSE.ink));
    chart.dateLabels.forEach((label, i) => {
      if (i % every !== 0 && i !== n - 1) return;
      if (i !== n - 1 && i + every > n - 1 && (n - 1 - i) * step < labelWidth) return;
      const w = this.measure.width(this.body, 7, label);
      doc.font(this.body).fontSize(7).text(label, Math.min(Math.max(xAt(i) - w / 2, x), x0 + plotW - w / 2), y0 + plotH + 5, { lineBreak: false });
    });

    chart.series.forEach((s, index) => {
      const colour = RAG_PAINT[s.colour].fill;
      doc.save().lineWidth(2).strokeColor(hex(colour));
      this.dash(index);
      s.values.forEach((v, i) => (i === 0 ? doc.moveTo(xAt(i), scale(v)) : doc.lineTo(xAt(i), scale(v))));
      doc.stroke();
      doc.undash();
      doc.restore();
      s.values.forEach((v, i) => this.marker(index, xAt(i), scale(v), colour));
    });

    // Legend: a line sample with the series' dash and marker, and its name.
    const lx = x0 + plotW + 16;
    chart.series.forEach((s, index) => {
      const ly = y0 + 8 + index * 16;
      const colour = RAG_PAINT[s.colour].fill;
      doc.save().lineWidth(2).strokeColor(hex(colour));
      this.dash(index);
      doc.moveTo(lx, ly).lineTo(lx + 24, ly).stroke();
      doc.undash();
      doc.restore();
      this.marker(index, lx + 12, ly, colour);
      doc.font(this.body).fontSize(8).fillColor(hex(HOUSE.ink));
      doc.text(`${s.label} (${s.values[s.values.length - 1]})`, lx + 30, ly - 4, { lineBreak: false });
    });
  }

  /** Sets the style of text that may wrap onto a new page, so the page furniture can restore it. */
  private textStyle(font: string, size: number, colour: string): void {
    this.current = { font, size, colour };
    this.doc.font(font).fontSize(size).fillColor(hex(colour));
  }

  /**
   * Running header, footer and page number, drawn as each page starts (pages are written out as
   * they fill, so the total page count is never known: the footer says 'Page 3', not 'of 12').
   * A page can start in the middle of a wrapping paragraph, so the cursor and text style are put
   * back afterwards.
   */
  private pageFurniture(): void {
    const { doc, model } = this;
    this.pageNumber += 1;
    this.cellColour = null;
    const { x, y } = doc;
    const { width, height, margins } = doc.page;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font(this.body).fontSize(TYPE.furniture).fillColor(hex(HOUSE.muted));
    doc.text(model.meta.runningHeader, margins.left, 30, { lineBreak: false });
    doc.save().lineWidth(0.5).strokeColor(hex(HOUSE.rule));
    doc.moveTo(margins.left, 44).lineTo(width - margins.right, 44).stroke();
    doc.moveTo(margins.left, height - 44).lineTo(width - margins.right, height - 44).stroke();
    doc.restore();
    doc.font(this.body).fontSize(TYPE.furniture).fillColor(hex(HOUSE.muted));
    doc.text(model.meta.runningFooter, margins.left, height - 38, { lineBreak: false });
    const pageLabel = `Page ${this.pageNumber}`;
    doc.text(pageLabel, width - margins.right - this.measure.width(this.body, TYPE.furniture, pageLabel), height - 38, { lineBreak: false });
    doc.endMarkedContent();
    doc.x = x;
    doc.y = y;
    doc.font(this.current.font).fontSize(this.current.size).fillColor(hex(this.current.colour));
  }
}

/** The pack as a tagged, PDF/UA-flagged PDF. */
export async function renderPdf(model: PackModel, options: PdfRenderOptions = {}): Promise<Buffer> {
  const fonts = resolvePackFonts(options.fonts);
  const created = new Date(model.meta.generatedAt);
  const date = Number.isNaN(created.getTime()) ? undefined : created;
  const firstOrientation = model.sections[0]?.orientation ?? 'portrait';
  const doc = new PDFDocument({
    size: A4,
    layout: firstOrientation,
    margins: MARGINS,
    // Pages are written out as they fill: a buffered 5,000-row tracker held ~1 GB of page content.
    bufferPages: false,
    compress: options.compress ?? true,
    pdfVersion: '1.7',
    tagged: true,
    // PDFKit accepts 'PDF/UA'; @types/pdfkit 0.17 lists only the PDF/A subsets.
    subset: 'PDF/UA' as PDFKit.Mixins.PDFSubsets,
    displayTitle: true,
    lang: model.meta.language,
    // Start with the embedded font, so PDFKit never loads the unembedded Helvetica.
    font: fonts.regular,
    info: {
      Title: model.meta.title,
      Author: model.meta.organisationName,
      Subject: model.meta.subject,
      Keywords: model.meta.keywords.join(', '),
      Creator: 'improvement-tracker',
      CreationDate: date,
      ModDate: date,
    },
  });

  const sink = new ByteSink();
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Uint8Array) => sink.write(chunk));
    doc.on('end', () => resolve(sink.toBuffer()));
    doc.on('error', reject);
  });
  // Let the stream start flowing first: until it does, PDFKit's output (one small chunk per
  // line) piles up in the stream's buffer, hundreds of megabytes for a 5,000-row tracker.
  await new Promise<void>((resolve) => setImmediate(resolve));
  await new PdfPackWriter(doc, model, firstOrientation, fonts).write();
  doc.end();
  return done;
}

/** Copies PDFKit's many small output chunks into large blocks, so they do not each stay alive. */
class ByteSink {
  private static readonly BLOCK = 1 << 20;
  private readonly blocks: Buffer[] = [];
  private current = Buffer.allocUnsafe(ByteSink.BLOCK);
  private used = 0;

  write(chunk: Uint8Array): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.used === this.current.length) {
        this.blocks.push(this.current);
        this.current = Buffer.allocUnsafe(Math.max(ByteSink.BLOCK, chunk.length - offset));
        this.used = 0;
      }
      const n = Math.min(chunk.length - offset, this.current.length - this.used);
      this.current.set(chunk.subarray(offset, offset + n), this.used);
      this.used += n;
      offset += n;
    }
  }

  toBuffer(): Buffer {
    return Buffer.concat([...this.blocks, this.current.subarray(0, this.used)]);
  }
}
