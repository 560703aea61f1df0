import type { Role } from '../../common/request-context/request-context';
import type { ImportRunDetailDto, ImportRunDto } from '../../imports/dto/import-run.dto';
import { IMPORT_FIELD_LABELS, IMPORT_FIELDS } from '../../imports/import-fields';
import type { FormErrors } from '../common/forms/form-errors';
import { planNavigation, type PlanNavigation } from '../common/view/plan-navigation';
import { planPaths, ROW_PAGE } from '../common/web-paths';

type Cell = { text: string } | { html: string };

export interface ImportsListViewModel {
  pageTitle: string;
  planNav: PlanNavigation;
  uploadAction: string;
  errors: FormErrors;
  rows: Cell[][];
}

const STATUS_WORDS: Record<ImportRunDto['status'], string> = {
  uploaded: 'Uploaded',
  previewing: 'Being read',
  previewed: 'Ready to check',
  committing: 'Being imported',
  committed: 'Imported',
  failed: 'Could not be imported',
};

const when = (iso: string | null): string => (iso ? new Date(iso).toLocaleString('en-GB', { timeZone: 'Europe/London', dateStyle: 'long', timeStyle: 'short' }) : '');

/** "Import a tracker": the upload form and the plan's earlier imports. */
export function importsListPage(plan: { id: string; title: string }, role: Role, runs: ImportRunDto[], errors: FormErrors = []): ImportsListViewModel {
  return {
    pageTitle: 'Import a tracker',
    planNav: planNavigation(plan, role, 'imports'),
    uploadAction: planPaths(plan.id).imports,
    errors,
    rows: runs.map((r) => [
      { html: `<a class="govuk-link" href="${ROW_PAGE.importRun(r.id)}">${escapeHtml(r.fileName)}</a>` },
      { text: STATUS_WORDS[r.status] },
      { text: r.createdBy.name },
      { text: when(r.createdAt) },
      { text: r.counts ? `${r.counts.created} created, ${r.counts.updated} updated, ${r.counts.unchanged} unchanged, ${r.counts.conflicts} conflicts` : '' },
    ]),
  };
}

export interface ImportRunViewModel {
  pageTitle: string;
  planNav: PlanNavigation;
  run: { id: string; fileName: string; status: string; statusWord: string; createdBy: string; createdAt: string; fileUrl: string };
  /** Work in progress: the page says so and offers a refresh link (no JavaScript needed). */
  inProgress: boolean;
  refreshUrl: string;
  backToImports: string;
  failed: { code: string; message: string } | null;
  committed: boolean;
  errors: FormErrors;
  summaryRows: { key: { text: string }; value: { text: string } }[];
  /** The rows' problems, for the error summary (errors) and the list below it. */
  problemCount: number;
  issueRows: Cell[][];
  previewRows: Cell[][];
  mapping: { action: string; columns: { id: string; name: string; label: string; items: { value: string; text: string; selected: boolean }[] }[]; acceptSuggestedDates: boolean };
  commit: { action: string; conflicts: { id: string; name: string; reference: string; items: { value: string; text: string; checked: boolean }[] }[] } | null;
}

/** One import: its progress, the preview to check, the mapping form and the commit. */
export function importRunPage(plan: { id: string; title: string }, role: Role, run: ImportRunDetailDto, errors: FormErrors = []): ImportRunViewModel {
  const preview = run.preview;
  const inProgress = run.status === 'previewing' || run.status === 'committing' || run.status === 'uploaded';
  const counts = preview?.counts;
  const summaryRows = counts
    ? (run.status === 'committed'
        ? [
            ['Actions created', run.counts?.created ?? counts.actions.create],
            ['Actions updated', run.counts?.updated ?? counts.actions.update],
            ['Actions left unchanged', run.counts?.unchanged ?? counts.actions.unchanged],
            ['Conflicts left as the system has them', run.counts?.conflicts ?? counts.actions.conflict],
            ['Rows not imported (errors)', counts.actions.skipped],
            ['Workstreams created', counts.workstreams.create],
            ['Findings created', counts.findings.create],
            ['Milestones added', counts.milestones.create],
          ]
        : [
            ['Actions to create', counts.actions.create],
            ['Actions to update', counts.actions.update],
            ['Actions left unchanged', counts.actions.unchanged],
            ['Conflicts (changed in the system since the last import)', counts.actions.conflict],
            ['Rows not imported (errors)', counts.actions.skipped],
            ['Workstreams to create', counts.workstreams.create],
            ['Findings to create', counts.findings.create],
            ['Milestones to add', counts.milestones.create],
          ]
      ).map(([k, v]) => ({ key: { text: String(k) }, value: { text: String(v) } }))
    : [];
  const issues = (preview?.issues ?? []).filter((i) => i.severity !== 'info');
  const fieldItems = (current: string | null) => [
    { value: '', text: 'Leave this column out', selected: current === null },
    ...IMPORT_FIELDS.map((f) => ({ value: f, text: IMPORT_FIELD_LABELS[f], selected: current === f })),
  ];
  const mapped = new Map((preview?.mapping.columns ?? []).map((c) => [c.column, c.field as string | null]));
  const conflicts = (preview?.rows ?? []).filter((r) => r.outcome === 'conflict');
  return {
    pageTitle: `Import: ${run.fileName}`,
    planNav: planNavigation(plan, role, 'imports'),
    run: {
      id: run.id,
      fileName: run.fileName,
      status: run.status,
      statusWord: STATUS_WORDS[run.status],
      createdBy: run.createdBy.name,
      createdAt: when(run.createdAt),
      fileUrl: `${ROW_PAGE.importRun(run.id)}/file`,
    },
    inProgress,
    refreshUrl: ROW_PAGE.importRun(run.id),
    backToImports: planPaths(plan.id).imports,
    failed: run.status === 'failed' && run.error ? { code: run.error.code, message: run.error.message } : null,
    committed: run.status === 'committed',
    errors,
    summaryRows,
    problemCount: issues.filter((i) => i.severity === 'error').length,
    issueRows: issues.map((i) => [{ text: i.severity === 'error' ? 'Error' : 'Warning' }, { text: i.sheet ?? '' }, { text: i.row === null ? '' : String(i.row) }, { text: i.column ?? '' }, { text: i.message }]),
    previewRows: (preview?.rows ?? []).map((r) => [
      { text: String(r.row) },
      { text: r.reference },
      { text: r.title ?? '' },
      { text: OUTCOME_WORDS[r.outcome] },
      { text: r.reason ?? r.changes.map((c) => `${c.field}: ${c.system ?? '(none)'} \u2192 ${c.file ?? '(none)'}`).join('; ') },
    ]),
    mapping: {
      action: `${ROW_PAGE.importRun(run.id)}/mapping`,
      columns: (preview?.columns ?? []).map((c) => ({
        id: `column-${c.column}`,
        name: `column_${c.column}`,
        label: `Column ${c.column}${c.label ? `: ${c.group ? `${c.group} > ` : ''}${c.label}` : ''}`,
        items: fieldItems(mapped.get(c.column) ?? null),
      })),
      acceptSuggestedDates: run.choices.acceptSuggestedDates === true,
    },
    commit:
      run.status === 'previewed'
        ? {
            action: `${ROW_PAGE.importRun(run.id)}/commit`,
            conflicts: conflicts.map((r, i) => ({
              id: `resolution-${i}`,
              name: `resolution_${r.reference}`,
              reference: r.reference,
              items: [
                { value: 'system', text: "Keep the system's values", checked: r.resolution !== 'file' },
                { value: 'file', text: "Take the file's values", checked: r.resolution === 'file' },
              ],
            })),
          }
        : null,
  };
}

const OUTCOME_WORDS = { create: 'Create', update: 'Update', unchanged: 'Unchanged', conflict: 'Conflict', skipped: 'Not imported' } as const;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** The mapping form's fields back as choices: `column_C=dueDate`, `acceptSuggestedDates=yes`. */
export function choicesFromForm(body: Record<string, unknown>): { columns: Record<string, string | null>; acceptSuggestedDates: boolean } {
  const columns: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(body)) {
    const m = /^column_([A-Z]{1,3})$/.exec(key);
    if (m && typeof value === 'string') columns[m[1]] = value === '' ? null : value;
  }
  return { columns, acceptSuggestedDates: body.acceptSuggestedDates === 'yes' };
}

/** The commit form's conflict choices: `resolution_<reference>=file|system`. */
export function resolutionsFromForm(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (key.startsWith('resolution_') && typeof value === 'string') out[key.slice('resolution_'.length)] = value;
  return out;
}
