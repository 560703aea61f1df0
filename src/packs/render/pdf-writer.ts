import type { ChartModel, PackBlock, PackModel, PackSection } from '../model/pack-model';
import type { PackFontFiles } from './pack-fonts';
import { PdfCharts } from './pdf-charts';
import { MARGINS, PdfPage, TYPE, type Doc, type Orientation, type StructElement } from './pdf-page';
import { PdfTables, TABLE_STYLES, type TableSpec } from './pdf-tables';
import { HOUSE, hex } from './rag-style';

/** A page holding less than this share of content is nearly empty. */
const NEAR_EMPTY_SHARE = 0.3;

/**
 * Walks the pack model's outline into the tagged PDF: the title (H1), sections and subsections
 * (Sect with H2/H3), paragraphs, lists (L, LI, Lbl, LBody), and hands tables and charts to their
 * writers. Headings and introductions are kept with what follows them.
 */
export class PdfPackWriter {
  private readonly page: PdfPage;
  private readonly tables: PdfTables;
  private readonly charts: PdfCharts;
  private readonly root: StructElement;

  constructor(
    doc: Doc,
    private readonly model: PackModel,
    firstOrientation: Orientation,
    fonts: PackFontFiles,
    /** Empty the model's sections as they are written (only when the model is this render's alone). */
    private readonly releaseSections = false,
  ) {
    this.page = new PdfPage(doc, model, firstOrientation, fonts);
    this.tables = new PdfTables(this.page);
    this.charts = new PdfCharts(this.page);
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
    // The first page exists already; later ones get their furniture as they are added.
    this.page.pageFurniture();
    doc.on('pageAdded', () => this.page.pageFurniture());
  }

  async write(): Promise<void> {
    this.writeTitle();
    await this.writeBlocks(this.root, this.model.frontMatter);
    // The model is the render's own (the render thread's copy): each section goes once written,
    // rather than staying to the PDF's end beside the document (a 5,000-action pack's tables:
    // about 16 MB of the thread's heap at its peak).
    const sections: (PackSection | null)[] = this.releaseSections ? this.model.sections.splice(0) : this.model.sections;
    for (let i = 0; i < sections.length; i++) {
      const section = sections[i] as PackSection;
      const next = sections[i + 1];
      await this.writeSection(section, !next || next.appendix || next.orientation !== section.orientation);
      if (this.releaseSections) sections[i] = null;
    }
    this.root.end();
  }

  private writeTitle(): void {
    const { doc } = this.page;
    const { model } = this;
    const width = this.page.contentWidth;
    this.root.add(
      doc.struct('H1', {}, () => {
        this.page.textStyle(this.page.bold, TYPE.title, HOUSE.heading);
        doc.text(model.meta.title, this.page.left, doc.y, { width, lineGap: 2 });
      }),
    );
    doc.y += 4;
    this.root.add(
      doc.struct('P', {}, () => {
        this.page.textStyle(this.page.body, TYPE.subtitle, HOUSE.muted);
        doc.text(`${model.meta.documentType}: position at ${model.meta.asOfLabel}`, this.page.left, doc.y, { width });
      }),
    );
    doc.y += 10;
  }

  private async writeSection(section: PackSection, pageBreakAfter: boolean): Promise<void> {
    const { doc } = this.page;
    if (section.appendix || section.orientation !== this.page.orientation) this.page.newPage(section.orientation);
    else doc.y += 8;
    const sect = doc.struct('Sect');
    this.root.add(sect);
    this.heading(sect, 'H2', section.displayHeading, this.leadHeight(section.blocks));
    await this.writeBlocks(sect, section.blocks);
    for (const [k, sub] of section.subsections.entries()) {
      if (pageBreakAfter && k === section.subsections.length - 1) this.avoidNearEmptyPage(sub.heading, sub.blocks);
      const subSect = doc.struct('Sect');
      sect.add(subSect);
      this.heading(subSect, 'H3', sub.heading, this.leadHeight(sub.blocks));
      await this.writeBlocks(subSect, sub.blocks);
      subSect.end();
    }
    sect.end();
  }

  /**
   * The last subsection before a page break (an appendix, a change of orientation, the end) that
   * would spill a few lines onto a page of its own starts on a new page instead, whole: two pages
   * as before, but neither nearly empty.
   */
  private avoidNearEmptyPage(heading: string, blocks: PackBlock[]): void {
    const { doc } = this.page;
    const pageHeight = this.page.bottom - MARGINS.top;
    const room = this.page.bottom - doc.y;
    const height = this.estimateHeight(heading, blocks);
    if (height > room && height <= pageHeight && height - room < pageHeight * NEAR_EMPTY_SHARE) this.page.newPage();
  }

  /** Height a subsection would take, as drawn; Infinity where it cannot tell cheaply (charts, long tables). */
  private estimateHeight(heading: string, blocks: PackBlock[]): number {
    const { doc } = this.page;
    const width = this.page.contentWidth;
    doc.font(this.page.bold).fontSize(TYPE.h3);
    let height = doc.heightOfString(heading, { width }) + 8;
    for (const block of blocks) {
      if (block.kind === 'paragraph') {
        const size = block.style === 'lead' ? TYPE.lead : block.style === 'note' ? TYPE.note : TYPE.body;
        doc.font(block.style === 'lead' ? this.page.bold : this.page.body).fontSize(size);
        height += doc.heightOfString(block.text, { width, lineGap: 2 }) + 6;
      } else if (block.kind === 'list') {
        doc.font(this.page.body).fontSize(TYPE.body);
        for (const item of block.items) height += doc.heightOfString(item, { width: width - (block.ordered ? 20 : 14), lineGap: 2 }) + 4;
        height += 2;
      } else if (block.kind === 'chart') {
        return Number.POSITIVE_INFINITY;
      } else {
        const spec = this.tableSpec(block);
        height += spec ? this.tables.estimateHeight(spec) : TYPE.body * 2;
      }
    }
    return height;
  }

  private tableSpec(block: Extract<PackBlock, { kind: 'details' | 'table' }>): TableSpec | null {
    if (block.kind === 'details') {
      return {
        caption: null,
        headers: null,
        shares: [1, 3],
        aligns: ['left', 'left'],
        rows: block.rows.map((r) => [{ text: r.label }, { text: r.value }]),
        rowHeaderColumn: true,
        style: { size: TYPE.body, pad: 4, lineHeight: TYPE.body * 1.25 },
        labelFill: HOUSE.detailsFill,
      };
    }
    if (block.table.rows.length === 0) return null;
    return {
      caption: block.table.caption,
      headers: block.table.columns.map((c) => c.header),
      shares: block.table.columns.map((c) => c.width),
      aligns: block.table.columns.map((c) => c.align),
      rows: block.table.rows,
      rowHeaderColumn: block.table.rowHeaderColumn,
      style: TABLE_STYLES[block.table.density],
      labelFill: null,
    };
  }

  private heading(parent: StructElement, tag: 'H2' | 'H3', text: string, leadHeight: number): void {
    const { doc } = this.page;
    const size = tag === 'H2' ? TYPE.h2 : TYPE.h3;
    const width = this.page.contentWidth;
    doc.font(this.page.bold).fontSize(size);
    const height = doc.heightOfString(text, { width });
    // Keep a heading with the start of what follows it.
    this.page.ensureSpace(height + 12 + leadHeight);
    doc.y += tag === 'H2' ? 6 : 4;
    if (tag === 'H2') doc.outline.addItem(text);
    parent.add(
      doc.struct(tag, {}, () => {
        this.page.textStyle(this.page.bold, size, HOUSE.heading);
        doc.text(text, this.page.left, doc.y, { width });
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
        this.charts.draw(parent, charts);
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
    this.page.doc.font(first.style === 'lead' ? this.page.bold : this.page.body).fontSize(size);
    const height = this.page.doc.heightOfString(first.text, { width: this.page.contentWidth, lineGap: 2 });
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
      case 'table': {
        const spec = this.tableSpec(block);
        if (spec) return this.tables.table(parent, spec);
        return this.paragraph(parent, block.kind === 'table' ? block.table.emptyText : '', 'normal');
      }
      case 'chart': {
        const chart = this.model.charts.find((c) => c.id === block.chartId);
        if (chart) this.charts.draw(parent, [chart]);
        return;
      }
    }
  }

  private paragraph(parent: StructElement, text: string, style: 'normal' | 'lead' | 'note', keepWithNext = 0): void {
    const { doc } = this.page;
    const size = style === 'lead' ? TYPE.lead : style === 'note' ? TYPE.note : TYPE.body;
    const font = style === 'lead' ? this.page.bold : this.page.body;
    const colour = style === 'note' ? HOUSE.muted : HOUSE.ink;
    const width = this.page.contentWidth;
    doc.font(font).fontSize(size);
    const height = doc.heightOfString(text, { width, lineGap: 2 });
    this.page.ensureSpace(keepWithNext > 0 ? height + keepWithNext : Math.min(height, size * 3.6));
    parent.add(
      doc.struct('P', {}, () => {
        this.page.textStyle(font, size, colour);
        doc.text(text, this.page.left, doc.y, { width, lineGap: 2 });
      }),
    );
    doc.y += 6;
  }

  private list(parent: StructElement, items: string[], ordered: boolean): void {
    const { doc } = this.page;
    const indent = ordered ? 20 : 14;
    const width = this.page.contentWidth - indent;
    const list = doc.struct('L');
    parent.add(list);
    items.forEach((item, i) => {
      doc.font(this.page.body).fontSize(TYPE.body);
      const height = doc.heightOfString(item, { width, lineGap: 2 });
      this.page.ensureSpace(Math.min(height, TYPE.body * 3.6));
      const y = doc.y;
      const li = doc.struct('LI');
      list.add(li);
      li.add(
        doc.struct('Lbl', {}, () => {
          doc.font(this.page.body).fontSize(TYPE.body).fillColor(hex(HOUSE.ink));
          doc.text(ordered ? `${i + 1}.` : '•', this.page.left + 2, y, { lineBreak: false });
        }),
      );
      li.add(
        doc.struct('LBody', {}, () => {
          this.page.textStyle(this.page.body, TYPE.body, HOUSE.ink);
          doc.text(item, this.page.left + indent, y, { width, lineGap: 2 });
        }),
      );
      li.end();
      doc.y += 4;
    });
    list.end();
    doc.y += 2;
  }
}
