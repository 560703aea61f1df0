/**
 * Words laid out from their characters where the font's shaping provably stays within pairs. PDFKit
 * shapes every distinct word with fontkit (GSUB, GPOS: about 50 us each) and keeps the result in
 * its word cache; a tracker's words are mostly distinct numbers and references ("A1.166: ",
 * "(508)", "1001, "), which never hit that cache and filled it. Here such a word is the glyphs of
 * its characters (each laid out alone once) with each glyph's position taken from the layout of the
 * glyph and its right neighbour (once per pair and script): exactly what fontkit computes for the
 * whole word, when:
 *
 * - no GSUB lookup can fire on the word's glyphs: each character's glyph is outside every lookup
 *   (of the features fontkit's default shaper applies, in the scripts its processors select for
 *   latn and zzzz) that could start at it; a ligature or contextual rule that needs a glyph no such
 *   word holds (a mark, mostly) cannot fire, and by induction over the lookups none does. So "f"
 *   (DejaVu's fi, ffi, fl ligatures) is excluded, "i" (dotless before a mark) is not;
 * - GPOS can only act on adjacent pairs: every such lookup that could start at the word's glyphs is
 *   pair adjustment (kerning) that skips none of them, and fontkit's kern-table fallback is
 *   pairwise too. Each glyph's position is then its pair's first position (the second position of
 *   every pair used is checked to be the glyph's own, so nothing acts on the right glyph);
 * - the script fontkit detects for the word (latn if any character is Latin, else zzzz) is the one
 *   the pairs were laid out under, each character's script being what fontkit detects for it;
 * - characters are of a checked class (Basic Latin, Latin-1, Latin Extended-A/B, punctuation,
 *   currency; no controls, soft hyphen, fraction slash, default ignorables, variation selectors),
 *   each mapping to one glyph of its own (not .notdef, not the space glyph unless a space), not a
 *   mark or ligature (GDEF classes; without them fontkit asks Unicode, and the class has no marks).
 *
 * Anything else goes to PDFKit's own path (and its cache). Composed runs are not cached: rebuilding
 * one costs less than keeping it. The numbers are PDFKit's own (its per-run scaling of fontkit's
 * positions, the run's advance summed the same way), so the PDF's bytes are unchanged. Glyph
 * objects are fontkit's own, met in the same order (nothing is laid out for a word that will not
 * compose), so their code points (the ToUnicode map) are too.
 * Internals used (PDFKit 0.17-0.20 `EmbeddedFont.layoutCached`, `layoutCache`, `scale`; fontkit 2's
 * parsed GSUB/GPOS/GDEF tables) are checked where installed; without them nothing changes.
 */

interface Position {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
  advanceWidth: number;
}

interface Glyph {
  id: number;
  advanceWidth: number;
}

interface FontkitRun {
  glyphs: Glyph[];
  positions: Record<string, number>[];
  script: unknown;
}

interface Coverage {
  version: number;
  glyphs?: number[];
  rangeRecords?: { start: number; end: number }[];
}

interface ClassDef {
  version: number;
  startGlyph?: number;
  classValueArray?: number[];
  classRangeRecord?: { start: number; end: number; class: number }[];
}

/** A GSUB or GPOS subtable as fontkit parses it (only what is read here). */
interface SubTable {
  version: number;
  lookupType?: number;
  extension?: SubTable;
  coverage?: Coverage;
  coverages?: Coverage[];
  inputCoverage?: Coverage[];
  backtrackCoverage?: Coverage[];
  lookaheadCoverage?: Coverage[];
  markCoverage?: Coverage;
  mark1Coverage?: Coverage;
  ligatureSets?: { get(i: number): { components: number[] }[] };
  ruleSets?: { input: number[] }[][];
  chainRuleSets?: { backtrack: number[]; input: number[]; lookahead: number[] }[][];
  classDef?: ClassDef;
  classSet?: ({ classes: number[] }[] | null)[];
  backtrackClassDef?: ClassDef;
  inputClassDef?: ClassDef;
  lookaheadClassDef?: ClassDef;
  chainClassSet?: ({ backtrack: number[]; input: number[]; lookahead: number[] }[] | null)[];
}

interface Lookup {
  lookupType: number;
  flags: { flags: { ignoreBaseGlyphs: boolean } };
  subTables: SubTable[];
}

interface LayoutTable {
  scriptList?: { tag: string }[] | null;
  featureList: { tag: string; feature: { lookupListIndexes: number[] } }[];
  lookupList: { length: number; get(i: number): Lookup };
}

interface FontkitFont {
  unitsPerEm: number;
  numGlyphs: number;
  GSUB?: LayoutTable;
  GPOS?: LayoutTable;
  GDEF?: { glyphClassDef?: ClassDef };
  fvar?: unknown;
  morx?: unknown;
  /** fontkit's layout engine (created on first use): its OpenType engine's processors. */
  _layoutEngine?: { engine?: { GSUBProcessor?: OTProcessorLike | null; GPOSProcessor?: OTProcessorLike | null } };
  /** fontkit's cmap: code point to glyph id, without creating glyph objects. */
  _cmapProcessor?: { lookup(codePoint: number): unknown };
  layout(text: string, features?: unknown, script?: string): FontkitRun;
}

/** A word's layout as PDFKit's `layout` reads it. */
export interface WordRun {
  readonly glyphs: Glyph[];
  readonly positions: Position[];
  readonly advanceWidth: number;
}

/** PDFKit's EmbeddedFont, the parts used here. */
interface EmbeddedFontLike {
  font?: unknown;
  scale?: unknown;
  layoutCache?: Record<string, unknown>;
  layoutCached?: unknown;
}

/** Every feature fontkit's default shaper may apply (a superset of any one script's). */
const SHAPER_FEATURES = new Set([
  'rvrn', 'ltra', 'ltrm', 'rtla', 'rtlm', 'frac', 'numr', 'dnom', 'ccmp', 'locl', 'rlig', 'mark', 'mkmk',
  'calt', 'clig', 'liga', 'rclt', 'curs', 'kern', 'vert',
]);

/** The checked character class (see above): code units only, no surrogates. */
const CLASS_RANGES: readonly (readonly [number, number])[] = [
  [0x20, 0x7e],
  [0xa0, 0x24f],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x20a0, 0x20bf],
];

const CLASS_END = 0x20c0;

function inClass(c: number): boolean {
  if (c === 0xad || c === 0x2044) return false;
  for (const [from, to] of CLASS_RANGES) if (c >= from && c <= to) return true;
  return false;
}

function classOf(classDef: ClassDef | undefined, glyph: number): number {
  if (!classDef) return 0;
  if (classDef.version === 1 && classDef.classValueArray) {
    const i = glyph - (classDef.startGlyph ?? 0);
    return i >= 0 && i < classDef.classValueArray.length ? classDef.classValueArray[i] : 0;
  }
  if (classDef.version === 2 && classDef.classRangeRecord) {
    for (const r of classDef.classRangeRecord) if (r.start <= glyph && glyph <= r.end) return r.class;
    return 0;
  }
  throw new Error('unknown class definition');
}

function coverageGlyphs(coverage: Coverage | undefined, numGlyphs: number): number[] {
  if (!coverage) throw new Error('no coverage');
  if (coverage.version === 1 && coverage.glyphs) return [...coverage.glyphs];
  if (coverage.version === 2 && coverage.rangeRecords) {
    const out: number[] = [];
    for (const r of coverage.rangeRecords) for (let g = r.start; g <= Math.min(r.end, numGlyphs - 1); g++) out.push(g);
    return out;
  }
  throw new Error('unknown coverage');
}

interface Feature {
  lookupListIndexes: number[];
}

/** fontkit's GSUB or GPOS processor: the script it selects and that script's features. */
interface OTProcessorLike {
  selectScript(script: string): unknown;
  features: Record<string, Feature>;
}

/**
 * The features fontkit's default shaper may apply to a word of the class: those of the shaper's
 * list in the scripts fontkit's own processor selects for latn and zzzz (DFLT here), its default
 * language; without that processor, those of every script.
 */
function featuresApplied(font: FontkitFont, table: LayoutTable, gpos: boolean): Feature[] {
  const engine = font._layoutEngine?.engine;
  const processor = gpos ? engine?.GPOSProcessor : engine?.GSUBProcessor;
  if (!processor || typeof processor.selectScript !== 'function') {
    return table.featureList.filter((record) => SHAPER_FEATURES.has(record.tag)).map((record) => record.feature);
  }
  const features: Feature[] = [];
  // The processor selects afresh at every layout (for the run's script, default language).
  for (const script of ['latn', 'zzzz']) {
    processor.selectScript(script);
    for (const [tag, feature] of Object.entries(processor.features)) if (SHAPER_FEATURES.has(tag)) features.push(feature);
  }
  return features;
}

/**
 * The glyphs a word of the character class can hold before any substitution: the class's glyphs
 * (through the cmap, without creating fontkit's glyph objects) that are not marks or ligatures.
 */
function reachableGlyphs(font: FontkitFont, glyphClass: ClassDef | undefined): Uint8Array | null {
  const cmap = font._cmapProcessor;
  if (!cmap || typeof cmap.lookup !== 'function') return null;
  const reach = new Uint8Array(font.numGlyphs);
  for (const [from, to] of CLASS_RANGES) {
    for (let c = from; c <= to; c++) {
      if (!inClass(c)) continue;
      const g = cmap.lookup(c);
      if (typeof g === 'number' && g > 0 && g < reach.length && classOf(glyphClass, g) < 2) reach[g] = 1;
    }
  }
  return reach;
}

/**
 * The glyphs at which some lookup of the shaper's features could act, on a word of reachable
 * glyphs, beyond adjacent-pair kerning (a bitmap over the font's glyphs), or null when the font's
 * tables are not understood. A rule needing a glyph no such word holds (a mark, mostly) cannot
 * fire: by induction over the lookups, none fires and the word keeps its glyphs.
 */
function glyphsShapedBeyondPairs(font: FontkitFont): Uint8Array | null {
  const n = font.numGlyphs;
  // Without GDEF classes fontkit takes marks from Unicode: none in the character class.
  const glyphClass = font.GDEF?.glyphClassDef;
  if (!(n > 0)) return null;
  const reach = reachableGlyphs(font, glyphClass);
  if (!reach) return null;
  const reachable: number[] = [];
  reach.forEach((r, g) => {
    if (r) reachable.push(g);
  });
  const inWord = (g: number): boolean => g >= 0 && g < n && reach[g] === 1;
  const classesMet = new Map<ClassDef, Set<number>>();
  /** Whether a word's glyph can be of class k in the class definition. */
  const classInWord = (classDef: ClassDef | undefined, k: number): boolean => {
    if (!classDef) return k === 0 && reachable.length > 0;
    let met = classesMet.get(classDef);
    if (!met) classesMet.set(classDef, (met = new Set(reachable.map((g) => classOf(classDef, g)))));
    return met.has(k);
  };
  const coverageInWord = (coverage: Coverage): boolean => coverageGlyphs(coverage, n).some(inWord);
  const touched = new Uint8Array(n);
  const mark = (glyphs: number[]): void => {
    for (const g of glyphs) if (g >= 0 && g < n) touched[g] = 1;
  };

  /** Marks the glyphs a (non-extension) subtable could start acting at. */
  const visit = (gpos: boolean, type: number, s: SubTable, lookup: Lookup): void => {
    if (gpos && type === 2) {
      // Kerning: pairwise, provided none of the word's glyphs is skipped over.
      if (lookup.flags.flags.ignoreBaseGlyphs) throw new Error('pair lookup skipping base glyphs');
      return;
    }
    const context = gpos ? type === 7 || type === 8 : type === 5 || type === 6;
    if (!gpos && type === 4) {
      const covered = coverageGlyphs(s.coverage, n);
      covered.forEach((g, index) => {
        if (!reach[g]) return;
        const ligatures = s.ligatureSets?.get(index);
        if (!ligatures) throw new Error('no ligature set');
        if (ligatures.some((lig) => lig.components.every(inWord))) touched[g] = 1;
      });
      return;
    }
    if (!context) {
      if (gpos && (type === 4 || type === 5)) mark(coverageGlyphs(s.markCoverage, n));
      else if (gpos && type === 6) mark(coverageGlyphs(s.mark1Coverage, n));
      else if (gpos ? type === 1 || type === 3 : type >= 1 && type <= 3) mark(coverageGlyphs(s.coverage, n));
      else throw new Error(`lookup type ${type}`);
      return;
    }
    const chaining = gpos ? type === 8 : type === 6;
    if (s.version === 3) {
      const input = chaining ? s.inputCoverage : s.coverages;
      if (!input?.length) throw new Error('no input coverage');
      const others = [...input.slice(1), ...(chaining ? [...(s.backtrackCoverage ?? []), ...(s.lookaheadCoverage ?? [])] : [])];
      if (others.every(coverageInWord)) mark(coverageGlyphs(input[0], n));
      return;
    }
    const covered = coverageGlyphs(s.coverage, n);
    covered.forEach((g, index) => {
      // Only a word's glyphs matter (and the rules of others are not even decoded).
      if (!reach[g]) return;
      if (s.version === 1) {
        if (chaining) {
          const rules = s.chainRuleSets?.[index] ?? [];
          if (rules.some((r) => [...r.backtrack, ...r.input, ...r.lookahead].every(inWord))) touched[g] = 1;
        } else {
          const rules = s.ruleSets?.[index] ?? [];
          if (rules.some((r) => r.input.every(inWord))) touched[g] = 1;
        }
      } else if (s.version === 2) {
        if (chaining) {
          const rules = s.chainClassSet?.[classOf(s.inputClassDef, g)] ?? [];
          const live = rules.some(
            (r) =>
              r.backtrack.every((k) => classInWord(s.backtrackClassDef, k)) &&
              r.input.every((k) => classInWord(s.inputClassDef, k)) &&
              r.lookahead.every((k) => classInWord(s.lookaheadClassDef, k)),
          );
          if (live) touched[g] = 1;
        } else {
          const rules = s.classSet?.[classOf(s.classDef, g)] ?? [];
          if (rules.some((r) => r.classes.every((k) => classInWord(s.classDef, k)))) touched[g] = 1;
        }
      } else {
        throw new Error('unknown context format');
      }
    });
  };

  try {
    for (const [gpos, table] of [
      [false, font.GSUB],
      [true, font.GPOS],
    ] as const) {
      if (!table) continue;
      // fontkit falls back to DFLT, dflt or latn; without any, its processor keeps the last script's features (history-dependent).
      const scripts = (table.scriptList ?? []).map((entry) => entry.tag);
      if (scripts.length > 0 && !scripts.some((tag) => tag === 'DFLT' || tag === 'dflt' || tag === 'latn')) return null;
      const seen = new Set<number>();
      for (const feature of featuresApplied(font, table, gpos)) {
        for (const index of feature.lookupListIndexes) {
          if (seen.has(index)) continue;
          seen.add(index);
          const lookup = table.lookupList.get(index);
          for (const sub of lookup.subTables) {
            const extension = lookup.lookupType === (gpos ? 9 : 7);
            const type = extension ? sub.lookupType : lookup.lookupType;
            const s = extension ? sub.extension : sub;
            if (type === undefined || !s) throw new Error('bad extension');
            visit(gpos, type, s, lookup);
          }
        }
      }
    }
  } catch {
    return null;
  }
  return touched;
}

interface CharInfo {
  glyph: Glyph;
  /** Its position laid out alone (PDFKit-scaled). */
  position: Position;
  /** The unscaled one, to compare pairs with. */
  raw: Record<string, number>;
  latin: boolean;
}

/** fontkit's GlyphPosition: these numbers, in this order (PDFKit scales each and adds advanceWidth). */
const POSITION_KEYS = 'xAdvance,yAdvance,xOffset,yOffset';

function hasPositionKeys(position: Record<string, unknown> | undefined): boolean {
  return position !== undefined && Object.keys(position).join() === POSITION_KEYS && Object.values(position).every((v) => typeof v === 'number');
}

/** Composes words for one fontkit font (shared by every document of the thread that uses it). */
export class WordComposer {
  /** By character code (the class ends below 0x20c0); undefined: not looked at yet. */
  private readonly chars: (CharInfo | null | undefined)[] = new Array<CharInfo | null | undefined>(CLASS_END);
  private readonly scratch: CharInfo[] = [];
  /** Per script ('latn', 'zzzz'): pair (first * 65536 + second) to the first glyph's position, null where not composable. */
  private readonly pairs = { latn: new Map<number, Position | null>(), zzzz: new Map<number, Position | null>() };
  private readonly spaceGlyph: unknown;

  private constructor(
    private readonly font: FontkitFont,
    private readonly scale: number,
    private readonly shaped: Uint8Array,
  ) {
    this.spaceGlyph = this.cmap(0x20);
  }

  /** A composer for the font, or null where it cannot be shown exact (tables not understood, variable font). */
  static forFont(font: unknown, scale: number): WordComposer | null {
    const f = font as Partial<FontkitFont> | null;
    if (!f || typeof f.layout !== 'function' || typeof f.unitsPerEm !== 'number' || typeof f.numGlyphs !== 'number') return null;
    // Not a variable font, not AAT shaping (morx: fontkit then ignores GSUB and GPOS).
    if (f.fvar || f.morx || !f.GPOS || scale !== 1000 / f.unitsPerEm) return null;
    const shaped = glyphsShapedBeyondPairs(f as FontkitFont);
    return shaped ? new WordComposer(f as FontkitFont, scale, shaped) : null;
  }

  /** The code point's glyph id (no glyph object is created: fontkit keeps the code points of a glyph's first use). */
  private cmap(c: number): unknown {
    return this.font._cmapProcessor?.lookup(c);
  }

  /** PDFKit's scaling of a fontkit position (EmbeddedFont.layoutRun). */
  private scaled(raw: Record<string, number>, glyph: Glyph): Position {
    const p: Record<string, number> = {};
    for (const key in raw) p[key] = raw[key] * this.scale;
    p.advanceWidth = glyph.advanceWidth * this.scale;
    return p as unknown as Position;
  }

  /** False where a character from `from` on is already known not to compose (or is a space's glyph under another code point). */
  private mayCompose(word: string, from: number): boolean {
    for (let i = from; i < word.length; i++) {
      const c = word.charCodeAt(i);
      if (this.chars[c] === null || !inClass(c)) return false;
      const glyph = this.cmap(c);
      if (!glyph || (glyph === this.spaceGlyph && c !== 0x20)) return false;
    }
    return true;
  }

  private char(c: number): CharInfo | null {
    let info: CharInfo | null = null;
    if (inClass(c)) {
      const run = this.font.layout(String.fromCharCode(c));
      const glyph = run.glyphs[0];
      const ok =
        run.glyphs.length === 1 &&
        run.positions.length === 1 &&
        (run.script === 'latn' || run.script === 'zzzz') &&
        glyph.id !== 0 &&
        glyph.id < this.shaped.length &&
        glyph.id === this.cmap(c) &&
        (glyph.id !== this.spaceGlyph || c === 0x20) &&
        this.shaped[glyph.id] === 0 &&
        classOf(this.font.GDEF?.glyphClassDef, glyph.id) < 2 &&
        hasPositionKeys(run.positions[0]);
      if (ok) {
        const raw = { ...run.positions[0] };
        info = { glyph, raw, position: this.scaled(raw, glyph), latin: run.script === 'latn' };
      }
    }
    if (c < CLASS_END) this.chars[c] = info;
    return info;
  }

  private pair(script: 'latn' | 'zzzz', a: number, b: number, first: CharInfo, second: CharInfo): Position | null {
    const table = this.pairs[script];
    const key = a * 65536 + b;
    let position = table.get(key);
    if (position !== undefined) return position;
    const run = this.font.layout(String.fromCharCode(a, b), undefined, script);
    const right = run.positions[1];
    const ok =
      run.glyphs.length === 2 &&
      run.glyphs[0] === first.glyph &&
      run.glyphs[1] === second.glyph &&
      hasPositionKeys(run.positions[0]) &&
      hasPositionKeys(right) &&
      Object.keys(right).every((k) => right[k] === second.raw[k]);
    position = ok ? this.scaled({ ...run.positions[0] }, first.glyph) : null;
    table.set(key, position);
    return position;
  }

  /** The word laid out as fontkit (through PDFKit's scaling) would, or null where that is not shown exact. */
  compose(word: string): WordRun | null {
    const n = word.length;
    if (n < 2) return null;
    const infos = this.scratch;
    let latin = false;
    for (let i = 0; i < n; i++) {
      const c = word.charCodeAt(i);
      let info = this.chars[c];
      if (info === undefined) {
        // Nothing is laid out for a word that will not compose (fontkit keeps the code points a glyph was first met with).
        if (!this.mayCompose(word, i)) return null;
        info = this.char(c);
      }
      if (!info) return null;
      infos[i] = info;
      latin ||= info.latin;
    }
    const pairs = latin ? this.pairs.latn : this.pairs.zzzz;
    let advanceWidth = 0;
    for (let i = 0; i + 1 < n; i++) {
      let p = pairs.get(word.charCodeAt(i) * 65536 + word.charCodeAt(i + 1));
      if (p === undefined) p = this.pair(latin ? 'latn' : 'zzzz', word.charCodeAt(i), word.charCodeAt(i + 1), infos[i], infos[i + 1]);
      if (!p) return null;
      advanceWidth += p.xAdvance;
    }
    // fontkit's run advance: its positions' advances summed in order.
    advanceWidth += infos[n - 1].position.xAdvance;
    return new ComposedRun(this, word, latin, advanceWidth);
  }

  /** The glyphs and positions of a word `compose` accepted (its characters and pairs are known). */
  glyphsOf(word: string, latin: boolean): [Glyph[], Position[]] {
    const pairs = latin ? this.pairs.latn : this.pairs.zzzz;
    const n = word.length;
    const glyphs: Glyph[] = [];
    const positions: Position[] = [];
    for (let i = 0; i < n; i++) {
      const info = this.chars[word.charCodeAt(i)] as CharInfo;
      const p = i + 1 < n ? (pairs.get(word.charCodeAt(i) * 65536 + word.charCodeAt(i + 1)) as Position) : info.position;
      glyphs.push(info.glyph);
      // A fresh object per glyph, as PDFKit gives (the same keys in the same order).
      positions.push({ xAdvance: p.xAdvance, yAdvance: p.yAdvance, xOffset: p.xOffset, yOffset: p.yOffset, advanceWidth: p.advanceWidth });
    }
    return [glyphs, positions];
  }
}

/**
 * A composed word: its advance at once (all that measuring asks: PDFKit's widthOfString, most of the
 * calls), its glyphs and positions built when first read (writing it).
 */
class ComposedRun implements WordRun {
  private built: [Glyph[], Position[]] | undefined;

  constructor(
    private readonly composer: WordComposer,
    private readonly word: string,
    private readonly latin: boolean,
    readonly advanceWidth: number,
  ) {}

  get glyphs(): Glyph[] {
    return (this.built ??= this.composer.glyphsOf(this.word, this.latin))[0];
  }

  get positions(): Position[] {
    return (this.built ??= this.composer.glyphsOf(this.word, this.latin))[1];
  }
}

const composers = new WeakMap<object, WordComposer | null>();
const INSTALLED = Symbol('composedWords');

/**
 * Has a PDFKit embedded font lay out composable words from their characters instead of shaping
 * (and caching) them. Idempotent; returns false (changing nothing) without the internals.
 */
export function useComposedWords(embedded: unknown): boolean {
  const e = embedded as (EmbeddedFontLike & { [INSTALLED]?: boolean }) | null;
  if (!e || typeof e.layoutCached !== 'function' || typeof e.font !== 'object' || e.font === null || typeof e.scale !== 'number') return false;
  if (e[INSTALLED]) return true;
  let composer = composers.get(e.font);
  if (composer === undefined) {
    composer = WordComposer.forFont(e.font, e.scale);
    composers.set(e.font, composer);
  }
  if (!composer) return false;
  const c = composer;
  const original = e.layoutCached as (this: EmbeddedFontLike, text: string) => unknown;
  e.layoutCached = function composedLayoutCached(this: EmbeddedFontLike, text: string): unknown {
    const cached = this.layoutCache?.[text];
    if (cached) return cached;
    return c.compose(text) ?? original.call(this, text);
  };
  e[INSTALLED] = true;
  return true;
}
