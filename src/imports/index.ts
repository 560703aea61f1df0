/**
 * The reading-and-understanding half of importing a tracker (no database). The database half
 * calls parseImportFile, compares `rows` with the plan, shows `issues`, and writes on confirmation.
 */
export { parseImportFile, understandWorkbook, type ParseImportOptions } from './parse-import-file';
export { importInputFromBuffer, importInputFromFile, type ImportFileInput } from './read/import-input';
export type * from './import-result';
export { ImportIssueCode, type ImportIssue, type IssueSeverity } from './import-issues';
export { ImportErrorCode, ImportException } from './imports.exception';
export { DEFAULT_IMPORT_LIMITS, importLimits, type ImportLimits } from './import-limits';
export { IMPORT_FIELDS, IMPORT_FIELD_LABELS, MULTI_COLUMN_FIELDS, type ImportField } from './import-fields';
export { parseColumnMapping, suggestMapping, scoreHeader, type ColumnMapping, type MappedColumn, type HeaderCell } from './mapping/column-mapping';
export { FIELD_SYNONYMS } from './mapping/synonyms';
export { DEFAULT_STATUS_WORDS, readStatus, statusTable, STATUS_LABELS } from './cells/status-words';
export { readDateText, readDateCell, suggestDate, type DateReading } from './cells/uk-date';
export { excelSerialToDate } from './cells/excel-serial';
export { parseOwner, type ParsedOwner } from './cells/owner';
export { parseMilestones, type ParsedMilestone } from './cells/milestones';
export { looksLikeFormula } from './read/cell-text';
