import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type ISectionOptions,
} from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import type { PackBlock, PackModel, PackSection, PackTableCell, TableAlign } from '../model/pack-model';
import { renderChartImages, type ChartImage, type ChartRenderOptions } from './charts';
import { escapeXml } from './office-xml';
import { collectBlocks, OfficeZipWriter, stableCoreProperties, zipTimeOf } from './office-zip';
import type { BlockSink } from './pdf-output';
import { HOUSE, RAG_PAINT } from './rag-style';

/**
 * The pack as a Word document: real Heading 1-3 styles (so the navigation pane and screen readers
 * see the outline), tables with repeating header rows, RAG cells shaded and carrying the word,
 * charts as PNG images with alternative text. It lays out the model; it computes nothing.
 */

export interface DocxRenderOptions {
  /** Chart images already rendered (renderPack shares them with the XLSX). */
  charts?: ChartImage[];
  chartOptions?: ChartRenderOptions;
  /**
   * Tables with more body rows than this are written as WordprocessingML directly instead of
   * docx objects: docx's object model costs about 5 ms and 0.7 MB per tracker row to pack, so a
   * 5,000-action tracker took 30 s and 3 GB. Both paths write the same table markup.
   */
  directTableRows?: number;
  /**
   * Lists with more items than this (a 5,000-action plan's decisions list has over 1,000) have
   * their first item written by docx and the rest written directly with that item's paragraph
   * properties: the same markup docx writes for each.
   */
  directListItems?: number;
}

/**
 * Every table and every list of more than one item is written directly by default (the specs
 * check the markup is docx's, byte for byte): docx's object model was most of the DOCX's time
 * even at 500 actions. docx still writes the headings, paragraphs, images and document parts.
 */
const DIRECT_TABLE_ROWS = 0;
const DIRECT_LIST_ITEMS = 1;

/** What is written directly into document.xml after packing, where its placeholder paragraph was. */
type DirectBlock = { kind: 'table'; spec: TableSpec } | { kind: 'list'; items: string[] };

const FONT = 'Arial';
/** Half-points. */
const SIZE = { body: 22, note: 18, table: 18, compact: 15, caption: 18, furniture: 16 };
/** A4 in twips, and 2 cm margins: the usable width for column widths. */
const PAGE = { width: 11906, height: 16838, margin: 1134 };
const NUMBERED = 'pack-numbered';

function usableWidth(orientation: 'portrait' | 'landscape'): number {
  return (orientation === 'portrait' ? PAGE.width : PAGE.height) - 2 * PAGE.margin;
}

function alignment(align: TableAlign): (typeof AlignmentType)[keyof typeof AlignmentType] {
  return align === 'right' ? AlignmentType.RIGHT : align === 'centre' ? AlignmentType.CENTER : AlignmentType.LEFT;
}

const THIN = { style: BorderStyle.SINGLE, size: 4, color: HOUSE.rule };
/** Twips of padding inside each cell. */
const CELL_MARGIN = { top: 40, bottom: 40, left: 80, right: 80 };

interface CellSpec {
  text: string;
  bold: boolean;
  colour: string;
  fill: string | null;
  align: TableAlign;
  size: number;
}

/** One table, ready for either writer: widths in twips, an optional repeating header row. */
interface TableSpec {
  widths: number[];
  header: CellSpec[] | null;
  rowCount: number;
  /**
   * Body row `index`'s cells, made when it is written: a 5,000-action tracker's cells are not
   * all held at once (they were a large part of the DOCX's garbage).
   */
  row(index: number): CellSpec[];
}

/** docx objects: the ordinary path. */
function docxTable(spec: TableSpec): Table {
  const cell = (c: CellSpec, width: number): TableCell =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      shading: c.fill ? { type: ShadingType.CLEAR, color: 'auto', fill: c.fill } : undefined,
      children: [
        new Paragraph({
          alignment: alignment(c.align),
          spacing: { before: 0, after: 0 },
          // bold: undefined, not false: docx would write <w:b w:val="false"/>.
          children: [new TextRun({ text: c.text, bold: c.bold || undefined, color: c.colour, size: c.size })],
        }),
      ],
    });
  const rows: TableRow[] = [];
  if (spec.header) {
    rows.push(new TableRow({ tableHeader: true, cantSplit: true, children: spec.header.map((c, i) => cell(c, spec.widths[i])) }));
  }
  for (let r = 0; r < spec.rowCount; r++) rows.push(new TableRow({ cantSplit: true, children: spec.row(r).map((c, i) => cell(c, spec.widths[i])) }));
  return new Table({
    width: { size: spec.widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: spec.widths,
    layout: TableLayoutType.FIXED,
    borders: { top: THIN, bottom: THIN, left: THIN, right: THIN, insideHorizontal: THIN, insideVertical: THIN },
    margins: CELL_MARGIN,
    rows,
  });
}

const JC: Record<TableAlign, string> = { left: 'left', right: 'right', centre: 'center' };

/**
 * The same table as WordprocessingML text, the fast path for long tables, written in pieces of a
 * few hundred rows so a 5,000-row tracker never exists as one huge string.
 */
function* directTableXml(spec: TableSpec): Generator<string> {
  const border = (side: string): string => `<w:${side} w:val="single" w:color="${THIN.color}" w:sz="${THIN.size}"/>`;
  const total = spec.widths.reduce((a, b) => a + b, 0);
  // A cell's markup before its text depends only on its column and look: made once for each (a
  // column has a few looks, the RAG colours at most, so a short list is searched).
  const prefixes: { c: CellSpec; xml: string }[][] = spec.widths.map(() => []);
  const prefix = (c: CellSpec, column: number): string => {
    const known = prefixes[column] ?? (prefixes[column] = []);
    for (const k of known) {
      if (k.c.fill === c.fill && k.c.colour === c.colour && k.c.bold === c.bold && k.c.align === c.align && k.c.size === c.size) return k.xml;
    }
    const xml =
      `<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="${spec.widths[column]}"/>` +
      (c.fill ? `<w:shd w:fill="${c.fill}" w:color="auto" w:val="clear"/>` : '') +
      `</w:tcPr><w:p><w:pPr><w:spacing w:after="0" w:before="0"/><w:jc w:val="${JC[c.align]}"/></w:pPr>` +
      `<w:r><w:rPr>${c.bold ? '<w:b/><w:bCs/>' : ''}<w:color w:val="${c.colour}"/><w:sz w:val="${c.size}"/><w:szCs w:val="${c.size}"/></w:rPr>` +
      '<w:t xml:space="preserve">';
    known.push({ c, xml });
    return xml;
  };
  const CELL_END = '</w:t></w:r></w:p></w:tc>';
  // Pieces joined once per batch: one flat string, encoded in one go.
  const row = (cells: CellSpec[], header: boolean, out: string[]): void => {
    out.push(header ? '<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>' : '<w:tr><w:trPr><w:cantSplit/></w:trPr>');
    for (let i = 0; i < cells.length; i++) out.push(prefix(cells[i], i), escapeXml(cells[i].text), CELL_END);
    out.push('</w:tr>');
  };
  const headerRow: string[] = [];
  if (spec.header) row(spec.header, true, headerRow);
  yield `<w:tbl><w:tblPr><w:tblW w:type="dxa" w:w="${total}"/><w:tblBorders>` +
    ['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('') +
    `</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:type="dxa" w:w="${CELL_MARGIN.top}"/>` +
    `<w:left w:type="dxa" w:w="${CELL_MARGIN.left}"/><w:bottom w:type="dxa" w:w="${CELL_MARGIN.bottom}"/>` +
    `<w:right w:type="dxa" w:w="${CELL_MARGIN.right}"/></w:tblCellMar></w:tblPr><w:tblGrid>` +
    spec.widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('') +
    '</w:tblGrid>' +
    headerRow.join('');
  const batch = 200;
  for (let from = 0; from < spec.rowCount; from += batch) {
    const out: string[] = [];
    for (let r = from; r < Math.min(from + batch, spec.rowCount); r++) row(spec.row(r), false, out);
    yield out.join('');
  }
  yield '</w:tbl>';
}

/** Marks where a directly written block goes; the marker paragraph is replaced after packing. */
function placeholderText(index: number): string {
  return `[[pack-direct-block-${index}]]`;
}

/**
 * The rest of a list, after its first item (written by docx, just before `at`): each item a
 * paragraph with the first item's properties (list style, numbering, spacing) and one plain run,
 * as docx writes a list item.
 */
function* directListXml(documentXml: string, at: number, items: string[]): Generator<string> {
  const first = documentXml.lastIndexOf('<w:p>', at - 1);
  const properties = /^<w:p>(<w:pPr>.*?<\/w:pPr>)?<w:r>/.exec(documentXml.slice(first, at));
  if (first < 0 || !properties) throw new Error('DOCX list: first item not found before its placeholder');
  const pPr = properties[1] ?? '';
  const start = `<w:p>${pPr}<w:r><w:t xml:space="preserve">`;
  for (let from = 0; from < items.length; from += 200) {
    let xml = '';
    for (let i = from; i < Math.min(from + 200, items.length); i++) xml += start + escapeXml(items[i]) + '</w:t></w:r></w:p>';
    yield xml;
  }
}

/** document.xml in pieces, each placeholder paragraph swapped for its table or list items. */
function* splicedDocument(documentXml: string, blocks: DirectBlock[]): Generator<string> {
  let from = 0;
  for (let index = 0; index < blocks.length; index++) {
    const marker = documentXml.indexOf(placeholderText(index), from);
    if (marker < 0) throw new Error(`DOCX placeholder ${index} not found`);
    const start = documentXml.lastIndexOf('<w:p>', marker);
    yield documentXml.slice(from, start);
    const block = blocks[index];
    if (block.kind === 'table') yield* directTableXml(block.spec);
    else yield* directListXml(documentXml, start, block.items);
    from = documentXml.indexOf('</w:p>', marker) + '</w:p>'.length;
  }
  yield documentXml.slice(from);
}

/**
 * The packed document (small: long tables are placeholders) written as the final zip: the long
 * tables streamed into document.xml piece by piece, and what docx leaves to chance made stable
 * (the created/modified times become generatedAt; image ids, drawn by docx from a process-wide
 * counter, are numbered from 1), so a retried job writes the same bytes.
 */
async function writeDocx(packed: Buffer, blocks: DirectBlock[], generatedAt: string, sink: BlockSink): Promise<void> {
  const files = unzipSync(new Uint8Array(packed.buffer, packed.byteOffset, packed.byteLength));
  const zip = new OfficeZipWriter(sink, zipTimeOf(generatedAt));
  for (const [name, data] of Object.entries(files)) {
    if (name === 'word/document.xml') {
      let id = 0;
      const xml = strFromU8(data).replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++id}"`);
      await zip.add(name, splicedDocument(xml, blocks));
    } else if (name === 'docProps/core.xml') {
      await zip.add(name, stableCoreProperties(strFromU8(data), generatedAt));
    } else {
      await zip.add(name, data, { store: /\.(png|jpe?g)$/i.test(name) });
    }
  }
  zip.finish();
}

function ragSpec(cell: PackTableCell, align: TableAlign, size: number, bold = false): CellSpec {
  const paint = cell.rag ? RAG_PAINT[cell.rag] : null;
  return {
    text: cell.text,
    bold: bold || paint !== null,
    colour: paint ? paint.text : HOUSE.ink,
    fill: paint ? paint.fill : null,
    align,
    size,
  };
}

class DocxPackBuilder {
  private numberedLists = 0;
  /** Tables written directly (after packing), in document order. */
  readonly directBlocks: DirectBlock[] = [];

  constructor(
    private readonly model: PackModel,
    private readonly charts: Map<string, ChartImage>,
    private readonly directTableRows: number,
    private readonly directListItems: number,
  ) {}

  private placeholder(block: DirectBlock): Paragraph {
    this.directBlocks.push(block);
    return new Paragraph({ children: [new TextRun(placeholderText(this.directBlocks.length - 1))] });
  }

  private table(spec: TableSpec): Paragraph | Table {
    if (spec.rowCount <= this.directTableRows) return docxTable(spec);
    return this.placeholder({ kind: 'table', spec });
  }

  build(): Document {
    const { meta } = this.model;
    return new Document({
      title: meta.title,
      subject: meta.subject,
      description: meta.subject,
      creator: meta.organisationName,
      keywords: meta.keywords.join(', '),
      lastModifiedBy: 'improvement-tracker',
      styles: {
        default: {
          document: { run: { font: FONT, size: SIZE.body, language: { value: meta.language } } },
          heading1: { run: { font: FONT, size: 40, bold: true, color: HOUSE.heading }, paragraph: { spacing: { after: 120 } } },
          heading2: {
            run: { font: FONT, size: 30, bold: true, color: HOUSE.heading },
            paragraph: { spacing: { before: 320, after: 120 }, keepNext: true },
          },
          heading3: {
            run: { font: FONT, size: 24, bold: true, color: HOUSE.heading },
            paragraph: { spacing: { before: 200, after: 80 }, keepNext: true },
          },
        },
      },
      numbering: {
        config: [
          {
            reference: NUMBERED,
            levels: [
              {
                level: 0,
                format: LevelFormat.DECIMAL,
                text: '%1.',
                alignment: AlignmentType.LEFT,
                style: { paragraph: { indent: { left: 454, hanging: 340 } } },
              },
            ],
          },
        ],
      },
      sections: this.sections(),
    });
  }

  /** One Word section per run of pages with the same orientation. */
  private sections(): ISectionOptions[] {
    const groups: { orientation: 'portrait' | 'landscape'; children: (Paragraph | Table)[] }[] = [];
    const first = this.model.sections[0]?.orientation ?? 'portrait';
    const front: (Paragraph | Table)[] = [
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(this.model.meta.title)] }),
      new Paragraph({
        spacing: { after: 200 },
        children: [
          new TextRun({ text: `${this.model.meta.documentType}: position at ${this.model.meta.asOfLabel}`, size: 26, color: HOUSE.muted }),
        ],
      }),
      ...this.blocks(this.model.frontMatter, first),
    ];
    groups.push({ orientation: first, children: front });
    for (const section of this.model.sections) {
      const current = groups[groups.length - 1];
      const sameGroup = current.orientation === section.orientation;
      const children = this.section(section, sameGroup && section.appendix);
      if (sameGroup) current.children.push(...children);
      else groups.push({ orientation: section.orientation, children });
    }
    return groups.map((g) => ({
      properties: {
        page: {
          size: { orientation: g.orientation === 'landscape' ? PageOrientation.LANDSCAPE : PageOrientation.PORTRAIT },
          margin: { top: PAGE.margin, bottom: PAGE.margin, left: PAGE.margin, right: PAGE.margin },
        },
      },
      headers: { default: this.header() },
      footers: { default: this.footer(g.orientation) },
      children: g.children,
    }));
  }

  private header(): Header {
    return new Header({
      children: [
        new Paragraph({ children: [new TextRun({ text: this.model.meta.runningHeader, size: SIZE.furniture, color: HOUSE.muted })] }),
      ],
    });
  }

  private footer(orientation: 'portrait' | 'landscape'): Footer {
    return new Footer({
      children: [
        new Paragraph({
          tabStops: [{ type: TabStopType.RIGHT, position: usableWidth(orientation) }],
          children: [
            new TextRun({ text: this.model.meta.runningFooter, size: SIZE.furniture, color: HOUSE.muted }),
            new TextRun({ children: ['\tPage ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: SIZE.furniture, color: HOUSE.muted }),
          ],
        }),
      ],
    });
  }

  private section(section: PackSection, pageBreakBefore: boolean): (Paragraph | Table)[] {
    const out: (Paragraph | Table)[] = [
      new Paragraph({ heading: HeadingLevel.HEADING_2, pageBreakBefore, children: [new TextRun(section.displayHeading)] }),
      ...this.blocks(section.blocks, section.orientation),
    ];
    for (const sub of section.subsections) {
      out.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(sub.heading)] }));
      out.push(...this.blocks(sub.blocks, section.orientation));
    }
    return out;
  }

  private blocks(blocks: PackBlock[], orientation: 'portrait' | 'landscape'): (Paragraph | Table)[] {
    return blocks.flatMap((block, i) => this.block(block, orientation, blocks[i + 1]));
  }

  private block(block: PackBlock, orientation: 'portrait' | 'landscape', next: PackBlock | undefined): (Paragraph | Table)[] {
    const width = usableWidth(orientation);
    switch (block.kind) {
      case 'paragraph':
        return [
          new Paragraph({
            spacing: { after: 120 },
            // An introduction stays with the table, list or chart it introduces.
            keepNext: next !== undefined && next.kind !== 'paragraph',
            children: [
              new TextRun({
                text: block.text,
                bold: block.style === 'lead',
                size: block.style === 'note' ? SIZE.note : SIZE.body,
                color: block.style === 'note' ? HOUSE.muted : HOUSE.ink,
              }),
            ],
          }),
        ];
      case 'list': {
        const instance = (this.numberedLists += 1);
        const item = (text: string): Paragraph =>
          new Paragraph({
            spacing: { after: 80 },
            ...(block.ordered ? { numbering: { reference: NUMBERED, level: 0, instance } } : { bullet: { level: 0 } }),
            children: [new TextRun(text)],
          });
        if (block.items.length <= this.directListItems) return block.items.map(item);
        return [item(block.items[0]), this.placeholder({ kind: 'list', items: block.items.slice(1) })];
      }
      case 'details': {
        const widths = [Math.round(width * 0.28), Math.round(width * 0.72)];
        const size = SIZE.table + 2;
        return [
          this.table({
            widths,
            header: null,
            rowCount: block.rows.length,
            row: (index) => {
              const r = block.rows[index];
              return [
                { text: r.label, bold: true, colour: HOUSE.ink, fill: HOUSE.detailsFill, align: 'left', size },
                { text: r.value, bold: false, colour: HOUSE.ink, fill: null, align: 'left', size },
              ];
            },
          }),
          new Paragraph({ spacing: { after: 120 }, children: [] }),
        ];
      }
      case 'table': {
        const t = block.table;
        if (t.rows.length === 0) return [new Paragraph({ spacing: { after: 120 }, children: [new TextRun(t.emptyText)] })];
        const size = t.density === 'compact' ? SIZE.compact : SIZE.table;
        const sum = t.columns.reduce((a, c) => a + c.width, 0) || 1;
        const widths = t.columns.map((c) => Math.round((c.width / sum) * width));
        return [
          new Paragraph({
            keepNext: true,
            spacing: { before: 120, after: 60 },
            children: [new TextRun({ text: t.caption, bold: true, size: SIZE.caption, color: HOUSE.muted })],
          }),
          this.table({
            widths,
            header: t.columns.map((c) => ({ text: c.header, bold: true, colour: HOUSE.ink, fill: HOUSE.headerFill, align: c.align, size })),
            rowCount: t.rows.length,
            row: (index) => t.rows[index].map((cell, i) => ragSpec(cell, t.columns[i].align, size, t.rowHeaderColumn && i === 0)),
          }),
          new Paragraph({ spacing: { after: 120 }, children: [] }),
        ];
      }
      case 'chart': {
        const image = this.charts.get(block.chartId);
        if (!image) return [];
        // Fit the chart to the text width at most; docx sizes are in pixels at 96 dpi.
        const maxPx = (width / 1440) * 96;
        const scale = Math.min(1, maxPx / image.width);
        return [
          new Paragraph({
            keepNext: true,
            spacing: { before: 120, after: 60 },
            children: [new TextRun({ text: image.title, bold: true, size: SIZE.caption })],
          }),
          new Paragraph({
            spacing: { after: 160 },
            children: [
              new ImageRun({
                type: 'png',
                data: image.png,
                transformation: { width: Math.round(image.width * scale), height: Math.round(image.height * scale) },
                altText: { name: `${block.chartId}.png`, title: image.altText, description: image.description },
              }),
            ],
          }),
        ];
      }
    }
  }
}

/**
 * The pack as a .docx file, handed to `sink` in blocks as the zip is written. The same model gives
 * the same bytes.
 */
export async function renderDocxTo(model: PackModel, sink: BlockSink, options: DocxRenderOptions = {}): Promise<void> {
  const images = options.charts ?? renderChartImages(model, options.chartOptions);
  const builder = new DocxPackBuilder(
    model,
    new Map(images.map((i) => [i.chartId, i])),
    options.directTableRows ?? DIRECT_TABLE_ROWS,
    options.directListItems ?? DIRECT_LIST_ITEMS,
  );
  const packed = await Packer.toBuffer(builder.build());
  await writeDocx(packed, builder.directBlocks, model.meta.generatedAt, sink);
}

/** The pack as a .docx file, in one Buffer. */
export async function renderDocx(model: PackModel, options: DocxRenderOptions = {}): Promise<Buffer> {
  const out = collectBlocks();
  await renderDocxTo(model, out.sink, options);
  return out.buffer();
}
