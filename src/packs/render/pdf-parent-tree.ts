/**
 * The structure tree's ParentTree, kept small while the document is written. PDFKit keeps, for
 * every page, an array of the structure elements its marked content belongs to (one entry per
 * MCID: the element's object reference, with its dictionary and that dictionary's parent and page
 * references) until the document ends, when it writes each array as `[12 0 R 13 0 R ...]`. A
 * 5,000-action pack has about 150,000 entries: 15 MB of the render thread's live heap at the PDF's
 * end, which is when the worker's memory peaks.
 *
 * Here, once a page is finished and every entry of its array is set, the array is replaced by one
 * reference-like object whose text is what PDFKit would have written for it (PDFKit writes a
 * reference by its toString(), so the bytes are the same); the elements it held are garbage unless
 * something else holds them. A page whose array still has an unset entry (a structure element whose
 * content spans pages sets it when its content ends) is tried again at the next page.
 * Private API (PDFKit 0.17-0.20: `page.dictionary.data.StructParents`, `_root.data.StructTreeRoot`,
 * the ParentTree's `_items`, the reference classes): checked before use; without it, nothing is
 * changed. Nothing here creates what PDFKit creates lazily (the structure tree root, a page's key),
 * so the object numbers stay PDFKit's.
 */

interface ReferenceLike {
  data?: Record<string, unknown>;
}

interface DocInternals {
  _root: ReferenceLike;
  page: { dictionary: ReferenceLike } | undefined;
  on(event: 'pageAdded', listener: () => void): unknown;
}

function hasInternals(doc: unknown): doc is DocInternals {
  const d = doc as Partial<DocInternals>;
  return typeof d._root === 'object' && d._root !== null && typeof d._root.data === 'object' && typeof d.on === 'function';
}

/** The ParentTree's items (key to a page's array), if the document has a structure tree yet. */
function parentTreeItems(doc: DocInternals): Record<string, unknown> | null {
  const root = doc._root.data?.StructTreeRoot as ReferenceLike | undefined;
  const tree = root?.data?.ParentTree as { _items?: unknown } | undefined;
  const items = tree?._items;
  return typeof items === 'object' && items !== null ? (items as Record<string, unknown>) : null;
}

export class PdfParentTreeCompactor {
  /** Keys of finished pages' arrays not yet compacted. */
  private pending: number[] = [];
  /** Keys below this have been seen (added to pending or compacted). */
  private seen = 0;
  /** Pages compacted, entries they held: for tests and figures. */
  compactedPages = 0;
  compactedEntries = 0;

  private constructor(
    private readonly doc: DocInternals,
    /** PDFKit's PDFAbstractReference.prototype. */
    private readonly reference: object,
  ) {}

  /** Starts compacting `doc`'s ParentTree as its pages finish; null (nothing done) without PDFKit's internals. */
  static install(doc: PDFKit.PDFDocument): PdfParentTreeCompactor | null {
    const d: unknown = doc;
    if (!hasInternals(d)) return null;
    // PDFReference's prototype's prototype: PDFAbstractReference's (what PDFKit's writer tests with instanceof).
    const reference = Object.getPrototypeOf(Object.getPrototypeOf(d._root)) as object | null;
    if (reference === null || reference === Object.prototype || typeof (reference as { toString?: unknown }).toString !== 'function') return null;
    const compactor = new PdfParentTreeCompactor(d, reference);
    d.on('pageAdded', () => compactor.compactFinishedPages());
    return compactor;
  }

  /** The current page's key, if it has one (read, never created). */
  private currentKey(): number | null {
    const key = this.doc.page?.dictionary.data?.StructParents;
    return typeof key === 'number' ? key : null;
  }

  compactFinishedPages(): void {
    const items = parentTreeItems(this.doc);
    if (!items) return;
    const current = this.currentKey();
    for (;;) {
      const key = this.seen;
      if (!(key in items)) break;
      this.pending.push(key);
      this.seen += 1;
    }
    const still: number[] = [];
    for (const key of this.pending) {
      if (key === current) {
        still.push(key);
        continue;
      }
      const value = items[key];
      // An annotation's entry (one reference), or not PDFKit's array: left alone.
      if (!Array.isArray(value)) continue;
      const text = this.arrayText(value);
      if (text === null) {
        still.push(key);
        continue;
      }
      items[key] = this.writtenAs(text);
      this.compactedPages += 1;
      this.compactedEntries += value.length;
    }
    this.pending = still;
  }

  /** The array as PDFKit writes it (`[a b c]`, each a reference's toString()), or null if an entry is not a reference yet. */
  private arrayText(entries: unknown[]): string | null {
    const parts: string[] = new Array<string>(entries.length);
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i];
      if (typeof entry !== 'object' || entry === null || !Object.prototype.isPrototypeOf.call(this.reference, entry)) return null;
      // A PDFKit reference: its toString() is what PDFKit writes for it ("12 0 R").
      parts[i] = (entry as { toString(): string }).toString();
    }
    // join() makes one flat string (`+=` would keep a rope: a node per entry, larger than the array).
    return `[${parts.join(' ')}]`;
  }

  /** A reference-like object PDFKit writes as `text`. */
  private writtenAs(text: string): object {
    return Object.create(this.reference, { toString: { value: (): string => text } }) as object;
  }
}
