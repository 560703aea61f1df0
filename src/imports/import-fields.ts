/**
 * What a column of an imported tracker can mean: one of these fields, or nothing (left unmapped).
 * The order is the order the mapping form lists them in.
 */
export const IMPORT_FIELDS = [
  'reference',
  'finding',
  'workstream',
  'actionTitle',
  'description',
  'owner',
  'partner',
  'startDate',
  'dueDate',
  'status',
  'rag',
  'milestones',
  'successMeasure',
  'latestUpdate',
  'evidence',
] as const;

export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The words users see for each field (mapping form, messages). */
export const IMPORT_FIELD_LABELS: Readonly<Record<ImportField, string>> = Object.freeze({
  reference: 'Reference',
  finding: 'Finding (area for improvement)',
  workstream: 'Workstream (priority)',
  actionTitle: 'Action',
  description: 'Description',
  owner: 'Owner',
  partner: 'Partner agency',
  startDate: 'Start date',
  dueDate: 'Due date',
  status: 'Status',
  rag: 'RAG (read, not imported)',
  milestones: 'Milestones',
  successMeasure: 'Success measure',
  latestUpdate: 'Latest update',
  evidence: 'Evidence',
});

/**
 * Fields that several columns may feed: their texts are kept in column order (updates by quarter,
 * "Milestone 1", "Milestone 2", ...). Every other field takes one column.
 */
export const MULTI_COLUMN_FIELDS: ReadonlySet<ImportField> = new Set<ImportField>(['description', 'milestones', 'successMeasure', 'latestUpdate', 'evidence']);

/** Fields that group rows: a blank cell under a value usually means "the same as above". */
export const GROUPING_FIELDS: ReadonlySet<ImportField> = new Set<ImportField>(['finding', 'workstream']);

export const DATE_FIELDS: ReadonlySet<ImportField> = new Set<ImportField>(['startDate', 'dueDate']);

/** Longest text the plan can hold for a field (the API's and the database's limits), in characters. */
export const FIELD_MAX_CHARS: Readonly<Partial<Record<ImportField, number>>> = Object.freeze({
  reference: 40,
  finding: 10_000,
  workstream: 300,
  actionTitle: 300,
  description: 10_000,
  partner: 200,
  successMeasure: 10_000,
  latestUpdate: 10_000,
  evidence: 10_000,
});

export function isImportField(value: unknown): value is ImportField {
  return typeof value === 'string' && (IMPORT_FIELDS as readonly string[]).includes(value);
}
