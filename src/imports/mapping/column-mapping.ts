import { z } from 'zod';
import { IMPORT_FIELD_LABELS, IMPORT_FIELDS, MULTI_COLUMN_FIELDS, type ImportField } from '../import-fields';
import { ImportException } from '../imports.exception';
import { normaliseWords } from '../cells/normalise-words';
import { CURRENT_WORDS, FIELD_SYNONYMS, SUPERSEDED_WORDS, WEAK_SYNONYMS } from './synonyms';

/** One heading of the table as found in the file: where it is and what it says. */
export interface HeaderCell {
  /** Column letter in this file ('G'). */
  column: string;
  /** The heading's text ('Target date'); '' for a column with values but no heading. */
  label: string;
  /** The heading above it in a two-line header ('Timescales'), else null. */
  group: string | null;
  hidden?: boolean;
}

/**
 * Which field each column feeds. A plain, serialisable object: saved with an import, offered again
 * for the next file (matched by heading, so columns may move), and changed by the user.
 */
export interface ColumnMapping {
  version: 1;
  columns: MappedColumn[];
}

export interface MappedColumn {
  /** Column letter in the file the mapping was made for. */
  column: string;
  /** The heading as shown: 'Target date', or 'Timescales > Target date' under a group heading. */
  header: string;
  /** null: not imported. */
  field: ImportField | null;
  /** 0 to 1: how sure the suggestion is (1 for the user's own choice or a saved mapping). */
  confidence: number;
  source: 'suggested' | 'saved' | 'chosen';
  /** Why a column that looked like a field was left out, or how it was matched. */
  note?: string;
}

/** Below this a heading is not mapped at all. */
export const MIN_CONFIDENCE = 0.5;

export interface FieldScore {
  field: ImportField;
  confidence: number;
}

/**
 * How well a heading names each field (best first, only those at MIN_CONFIDENCE or above).
 * Exact synonym: 1 (weak synonym 0.8); synonym as whole words inside the heading: 0.7 (weak 0.5),
 * plus 0.01 a word so the longer phrase wins; +0.05 for a "revised/current" heading, -0.2 for an
 * "original/previous" one; -0.05 for a hidden column. A group heading is tried in front of the
 * heading ("Outcome" + "Q1") when that scores higher.
 */
export function scoreHeader(label: string, group: string | null = null, hidden = false): FieldScore[] {
  return rankedScores(label, group, hidden).map(({ field, confidence }) => ({ field, confidence }));
}

/** A heading is a few words: longer text (a data cell looked at while searching for the heading row) is not scored. */
const MAX_HEADING_CHARS = 120;

/** The synonyms split into words once, with whether each is weak. */
const SYNONYM_PHRASES: ReadonlyArray<{ field: ImportField; synonym: string; words: string[]; weak: boolean }> = IMPORT_FIELDS.flatMap((field) =>
  FIELD_SYNONYMS[field].map((synonym) => ({ field, synonym, words: synonym.split(' '), weak: WEAK_SYNONYMS.has(synonym) })),
);

/** The scores with an uncapped rank, so that a "revised" exact heading still beats a plain exact one. */
function rankedScores(label: string, group: string | null, hidden: boolean): Array<FieldScore & { rank: number }> {
  const best = new Map<ImportField, number>();
  if (label.length > MAX_HEADING_CHARS) return [];
  const candidates = [normaliseWords(label)];
  if (group && group.length <= MAX_HEADING_CHARS) candidates.push(normaliseWords(`${group} ${label}`));
  for (const words of candidates) {
    if (words === '') continue;
    const tokens = words.split(' ');
    const present = new Set(tokens);
    const modifier =
      (tokens.some((t) => CURRENT_WORDS.has(t)) ? 0.05 : 0) - (tokens.some((t) => SUPERSEDED_WORDS.has(t)) ? 0.2 : 0) - (hidden ? 0.05 : 0);
    for (const { field, synonym, words: phrase, weak } of SYNONYM_PHRASES) {
      if (!present.has(phrase[0])) continue;
      let rank = 0;
      if (words === synonym) rank = weak ? 0.8 : 1;
      else if (containsPhrase(tokens, phrase)) rank = (weak ? 0.5 : 0.7) + 0.01 * phrase.length;
      if (rank === 0) continue;
      rank = Math.max(0, rank + modifier);
      if (rank > (best.get(field) ?? 0)) best.set(field, rank);
    }
  }
  return [...best.entries()]
    .filter(([, rank]) => rank >= MIN_CONFIDENCE)
    .map(([field, rank]) => ({ field, rank, confidence: Math.round(Math.min(1, rank) * 100) / 100 }))
    .sort((a, b) => b.rank - a.rank || IMPORT_FIELDS.indexOf(a.field) - IMPORT_FIELDS.indexOf(b.field));
}

function containsPhrase(tokens: string[], phrase: string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= tokens.length; i++) {
    for (let j = 0; j < phrase.length; j++) if (tokens[i + j] !== phrase[j]) continue outer;
    return true;
  }
  return false;
}

export function headerText(cell: HeaderCell): string {
  return cell.group ? `${cell.group} > ${cell.label}` : cell.label;
}

export interface MappingOptions {
  /** A mapping saved from an earlier import: its choices apply to columns with the same heading. */
  saved?: ColumnMapping;
  /** The user's choices for this file, by column letter: a field, or null to leave the column out. */
  chosen?: Readonly<Record<string, ImportField | null>>;
}

/**
 * Suggests a mapping for the headings found: the user's choices first, then a saved mapping's
 * (matched by heading), then the synonyms. A field that takes one column goes to the heading that
 * names it best; the others that also looked like it are left unmapped with a note saying so.
 */
export function suggestMapping(headers: readonly HeaderCell[], options: MappingOptions = {}): ColumnMapping {
  const result = new Map<string, MappedColumn>();
  const taken = new Map<ImportField, string>();
  const take = (cell: HeaderCell, field: ImportField | null, confidence: number, source: MappedColumn['source'], note?: string) => {
    result.set(cell.column, { column: cell.column, header: headerText(cell), field, confidence, source, ...(note ? { note } : {}) });
    if (field && !MULTI_COLUMN_FIELDS.has(field)) taken.set(field, cell.column);
  };

  // 1. The user's own choices.
  for (const cell of headers) {
    if (!options.chosen || !Object.prototype.hasOwnProperty.call(options.chosen, cell.column)) continue;
    const field = options.chosen[cell.column];
    if (field && !MULTI_COLUMN_FIELDS.has(field) && taken.has(field)) {
      throw ImportException.invalidMapping(cell.column, `${field} is already chosen for column ${taken.get(field)}; it takes one column`);
    }
    take(cell, field, 1, 'chosen');
  }
  // 2. A saved mapping, by heading.
  if (options.saved) {
    const savedByHeader = new Map<string, MappedColumn>();
    for (const column of options.saved.columns) savedByHeader.set(normaliseWords(column.header), column);
    for (const cell of headers) {
      if (result.has(cell.column)) continue;
      const saved = savedByHeader.get(normaliseWords(headerText(cell)));
      if (!saved) continue;
      if (saved.field && !MULTI_COLUMN_FIELDS.has(saved.field) && taken.has(saved.field)) continue;
      take(cell, saved.field, 1, 'saved', saved.column !== cell.column ? `saved for column ${saved.column}` : undefined);
    }
  }
  // 3. Suggestions, best first across all columns.
  const candidates: Array<{ cell: HeaderCell; order: number } & FieldScore & { rank: number }> = [];
  headers.forEach((cell, order) => {
    if (result.has(cell.column)) return;
    for (const score of rankedScores(cell.label, cell.group, cell.hidden ?? false)) candidates.push({ cell, order, ...score });
  });
  candidates.sort((a, b) => b.rank - a.rank || a.order - b.order);
  const lostTo = new Map<string, string>();
  for (const candidate of candidates) {
    if (result.has(candidate.cell.column)) continue;
    const holder = taken.get(candidate.field);
    if (holder && !MULTI_COLUMN_FIELDS.has(candidate.field)) {
      if (!lostTo.has(candidate.cell.column)) lostTo.set(candidate.cell.column, `also looks like ${IMPORT_FIELD_LABELS[candidate.field]}, which column ${holder} names better`);
      continue;
    }
    take(candidate.cell, candidate.field, candidate.confidence, 'suggested');
  }
  for (const cell of headers) {
    if (!result.has(cell.column)) {
      const note = lostTo.get(cell.column) ?? (cell.label === '' ? 'no heading' : 'heading not recognised');
      result.set(cell.column, { column: cell.column, header: headerText(cell), field: null, confidence: 0, source: 'suggested', note });
    }
  }
  return { version: 1, columns: headers.map((cell) => result.get(cell.column)!) };
}

/** The columns feeding each field, in column order. */
export function columnsByField(mapping: ColumnMapping): Map<ImportField, string[]> {
  const byField = new Map<ImportField, string[]>();
  for (const column of mapping.columns) {
    if (!column.field) continue;
    byField.set(column.field, [...(byField.get(column.field) ?? []), column.column]);
  }
  return byField;
}

const mappingSchema = z.object({
  version: z.literal(1),
  columns: z
    .array(
      z.object({
        column: z.string().regex(/^[A-Z]{1,3}$/, 'must be a column letter such as C'),
        header: z.string().max(1000),
        field: z.enum(IMPORT_FIELDS).nullable(),
        confidence: z.number().min(0).max(1),
        source: z.enum(['suggested', 'saved', 'chosen']),
        note: z.string().max(1000).optional(),
      }),
    )
    .max(16_384),
});

/** Checks a mapping that came from outside (a saved one, a request body): throws a 400 naming the field at fault. */
export function parseColumnMapping(value: unknown): ColumnMapping {
  const parsed = mappingSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw ImportException.invalidMapping(issue.path.join('.') || 'mapping', issue.message);
  }
  const mapping = parsed.data;
  const seen = new Map<ImportField, string>();
  for (const column of mapping.columns) {
    if (!column.field || MULTI_COLUMN_FIELDS.has(column.field)) continue;
    const other = seen.get(column.field);
    if (other) throw ImportException.invalidMapping('columns', `${column.field} is mapped to both column ${other} and column ${column.column}; it takes one column`);
    seen.set(column.field, column.column);
  }
  return mapping;
}
