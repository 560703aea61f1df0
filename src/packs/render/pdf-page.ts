import type { PackModel } from '../model/pack-model';
import type { PackFontFiles } from './pack-fonts';
import { TextMeasure } from './pdf-layout';
import { HOUSE, hex } from './rag-style';

/**
 * The page the PDF writer, its tables and its charts draw on: the PDFKit document, the fonts, the
 * text measure, the cursor's limits, new pages and the page furniture (running header, footer and
 * page number) drawn as each page starts.
 */

export type Doc = PDFKit.PDFDocument;
export type StructElement = PDFKit.PDFStructureElement;
export type Orientation = 'portrait' | 'landscape';

/** PDFKit supports these structure options; @types/pdfkit 0.17 does not declare them yet. */
export type StructOptions = PDFKit.Mixins.StructureElementOptions & {
  scope?: 'Row' | 'Column' | 'Both';
  bbox?: [number, number, number, number];
  placement?: 'Block' | 'Inline';
};

export const MARGINS = { top: 64, bottom: 60, left: 50, right: 50 };
export const A4: [number, number] = [595.28, 841.89];

export const TYPE = {
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

export class PdfPage {
  orientation: Orientation;
  readonly measure: TextMeasure;
  /** Fonts are named by file path: PDFKit caches fonts by the name given, and a registered alias
   * whose font is already loaded under its path is re-parsed on every font() call. */
  readonly body: string;
  readonly bold: string;
  private current: { font: string; size: number; colour: string };
  /** Fill colour last set for table cell text on this page; null when unknown. */
  cellColour: string | null = null;
  pageNumber = 0;

  constructor(
    readonly doc: Doc,
    private readonly model: PackModel,
    firstOrientation: Orientation,
    fonts: PackFontFiles,
  ) {
    this.body = fonts.regular;
    this.bold = fonts.bold;
    this.current = { font: fonts.regular, size: TYPE.body, colour: HOUSE.ink };
    this.orientation = firstOrientation;
    this.measure = new TextMeasure(doc);
  }

  get left(): number {
    return this.doc.page.margins.left;
  }

  get contentWidth(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }

  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }

  newPage(orientation: Orientation = this.orientation): void {
    this.orientation = orientation;
    this.doc.addPage({ size: A4, layout: orientation, margins: MARGINS });
  }

  /** Starts a new page unless `height` still fits below the cursor. */
  ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.newPage();
  }

  /** Sets the style of text that may wrap onto a new page, so the page furniture can restore it. */
  textStyle(font: string, size: number, colour: string): void {
    this.current = { font, size, colour };
    this.doc.font(font).fontSize(size).fillColor(hex(colour));
  }

  /**
   * Running header, footer and page number, drawn as each page starts (pages are written out as
   * they fill, so the total page count is never known: the footer says 'Page 3', not 'of 12').
   * A page can start in the middle of a wrapping paragraph, so the cursor and text style are put
   * back afterwards.
   */
  pageFurniture(): void {
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
