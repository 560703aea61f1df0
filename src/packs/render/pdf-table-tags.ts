import type { StructElement } from './pdf-page';

/**
 * Table rows (TR) and cells (TH, TD) tagged without a PDFKit structure element for each. PDFKit
 * makes every cell a PDFStructureElement with its own object reference, marked-content record,
 * closure and PDFStructureContent, writes its dictionary through its generic object writer, and
 * keeps the reference and its dictionary in the parent tree until the document ends: a
 * 5,000-action tracker has about 110,000 cells and 18,000 rows, and this was a sixth of the PDF's
 * time and about 30 MB of its live heap.
 *
 * Here a row's cells are written as PDFKit writes them, directly: the same marked content
 * (`/TD <</MCID n>> BDC` ... `EMC`, the MCID the next in the page's parent-tree entry), the same
 * structure element dictionaries (/S, /A with the Table owner's /Scope, /P, /K [mcid], /Pg; a row's
 * /S /TR, /P, /K its cells), each dictionary on one line and a row's objects written together when
 * the row ends (PDFKit writes each cell's when it is drawn). The parent tree keeps a small reference
 * (the cell's object number) instead of the element's. The row then joins its table (a PDFKit
 * element) as a finished child, so the table's /K lists it in order.
 * Private API (PDFKit 0.17-0.20: `_offsets`, `_offset`, `_write`, `page.markings`,
 * `page.dictionary`, `page.structParentTreeKey`, `getStructParentTree`, the structure element's and
 * reference's classes): checked before use; without it, or with marked content open, a row is
 * tagged through PDFKit's structure elements as before.
 */

export type CellTag = 'TD' | 'TH';
export type CellScope = 'Row' | 'Column' | null;

/** A PDFKit object reference: prints as "12 0 R". */
interface ObjectReference {
  toString(): string;
}

interface PageInternals {
  dictionary: ObjectReference;
  markings: unknown[];
  structParentTreeKey: number;
}

interface DocInternals {
  _offsets: (number | null)[];
  _offset: number;
  _security?: unknown;
  _write(data: string): void;
  addContent(data: string): unknown;
  getStructParentTree(): { get(key: number): unknown };
  page: PageInternals | undefined;
}

/** What a PDFKit structure element is here: its object reference, and add(). */
interface ElementInternals {
  dictionary: ObjectReference;
  add(child: unknown): unknown;
}

function hasInternals(doc: unknown): doc is DocInternals {
  const d = doc as Partial<DocInternals>;
  return (
    Array.isArray(d._offsets) &&
    typeof d._offset === 'number' &&
    typeof d._write === 'function' &&
    typeof d.addContent === 'function' &&
    typeof d.getStructParentTree === 'function' &&
    !d._security
  );
}

/** The element methods a written row's stand-in replaces: if PDFKit renamed one, the stand-in would not stand in. */
const ROW_METHODS = ['setParent', 'setAttached', 'end', '_flush', '_isFlushable'] as const;

function isElement(table: unknown): table is ElementInternals {
  const t = table as Partial<ElementInternals> & Record<(typeof ROW_METHODS)[number], unknown>;
  return (
    typeof t.add === 'function' &&
    typeof t.dictionary === 'object' &&
    t.dictionary !== null &&
    ROW_METHODS.every((method) => typeof t[method] === 'function')
  );
}

/** A row being written: its object number, its table's, and its cells' so far, written out with the row. */
interface OpenRow {
  id: number;
  parent: string;
  cells: number[];
  /** The cells' objects, as they will be written. */
  objects: string;
  /** Where each cell's object starts in `objects`. */
  starts: number[];
}

export class PdfTableTags {
  /** An object reference to a written object, as PDFKit's writer prints it ("12 0 R"). */
  private readonly refPrototype: object;
  /** A written row, as a finished PDFKit structure element holding only its reference. */
  private readonly rowPrototype: object;
  private row: OpenRow | null = null;
  /** The page whose parent-tree entry (MCID to structure element) `parents` is, and its reference. */
  private page: PageInternals | null = null;
  private parents: unknown[] = [];
  private pageRef = '';

  private constructor(
    private readonly doc: DocInternals,
    table: ElementInternals,
  ) {
    const reference = Object.getPrototypeOf(Object.getPrototypeOf(table.dictionary)) as object;
    this.refPrototype = Object.create(reference, {
      toString: {
        value(this: { id: number }): string {
          return `${this.id} 0 R`;
        },
      },
    }) as object;
    const noop = { value: (): void => undefined };
    // ROW_METHODS, each checked on the table in isElement.
    this.rowPrototype = Object.create(Object.getPrototypeOf(table) as object, {
      setParent: noop,
      setAttached: noop,
      end: noop,
      _flush: noop,
      _isFlushable: { value: (): boolean => true },
    }) as object;
  }

  /** The writer for `doc`, given a structure element of it (for PDFKit's classes); null without the internals. */
  static create(doc: PDFKit.PDFDocument, table: StructElement): PdfTableTags | null {
    const d: unknown = doc;
    const t: unknown = table;
    if (!hasInternals(d) || !isElement(t)) return null;
    const reference = Object.getPrototypeOf(Object.getPrototypeOf(t.dictionary)) as object | null;
    if (reference === null || reference === Object.prototype) return null;
    return new PdfTableTags(d, t);
  }

  /** Whether a row can be written here now: nothing is marked open on the page (a page break would need to close it). */
  canWriteRow(): boolean {
    const page = this.doc.page;
    return page !== undefined && Array.isArray(page.markings) && page.markings.length === 0 && typeof page.dictionary === 'object';
  }

  private ref(id: number): object {
    const ref = Object.create(this.refPrototype) as { id: number };
    ref.id = id;
    return ref;
  }

  /** Starts a row of `table` (its object number taken now, as PDFKit takes it when the element is made). */
  startRow(table: StructElement): void {
    const { doc } = this;
    doc._offsets.push(null);
    this.row = { id: doc._offsets.length, parent: (table as unknown as ElementInternals).dictionary.toString(), cells: [], objects: '', starts: [] };
  }

  /** Opens a cell's marked content; returns its MCID, for endCell. */
  startCell(tag: CellTag): number {
    const { doc } = this;
    const page = doc.page as PageInternals;
    if (page !== this.page) {
      this.page = page;
      this.parents = doc.getStructParentTree().get(page.structParentTreeKey) as unknown[];
      this.pageRef = page.dictionary.toString();
    }
    const mcid = this.parents.length;
    this.parents.push(null);
    doc.addContent(`/${tag} <<\n/MCID ${mcid}\n>> BDC`);
    return mcid;
  }

  /** Closes the cell's marked content and makes its structure element (written with the row). */
  endCell(tag: CellTag, scope: CellScope, mcid: number): void {
    const { doc } = this;
    const row = this.row as OpenRow;
    doc.addContent('EMC');
    // Numbered now, not at startCell: drawing may have numbered an object (a font's, on first use).
    doc._offsets.push(null);
    const id = doc._offsets.length;
    const attributes = scope ? ` /A <</O /Table /Scope /${scope}>>` : '';
    row.starts.push(row.objects.length);
    row.objects += `${id} 0 obj\n<</S /${tag}${attributes} /P ${row.id} 0 R /K [${mcid}] /Pg ${this.pageRef}>>\nendobj\n`;
    this.parents[mcid] = this.ref(id);
    row.cells.push(id);
  }

  /**
   * Writes the row's cells' and its own structure elements, in one piece (PDFKit writes each
   * object's three lines separately), and adds the row to its table.
   */
  endRow(table: StructElement): void {
    const { doc } = this;
    const row = this.row as OpenRow;
    this.row = null;
    let kids = '';
    for (const id of row.cells) kids += kids === '' ? `${id} 0 R` : ` ${id} 0 R`;
    const offset = doc._offset;
    for (let i = 0; i < row.cells.length; i++) doc._offsets[row.cells[i] - 1] = offset + row.starts[i];
    doc._offsets[row.id - 1] = offset + row.objects.length;
    // _write adds the last newline.
    doc._write(`${row.objects}${row.id} 0 obj\n<</S /TR /P ${row.parent} /K [${kids}]>>\nendobj`);
    const element = Object.create(this.rowPrototype) as { dictionary: object };
    element.dictionary = this.ref(row.id);
    table.add(element as unknown as StructElement);
  }
}
