import type { Role } from '../../common/request-context/request-context';
import type { ImportRunDetailDto, ImportRunDto } from '../../imports/dto/import-run.dto';
import { normaliseWords } from '../../imports/cells/normalise-words';
import { suggestOwner, type OwnerCandidate } from '../../imports/cells/owner-suggestion';
import { STATUS_LABELS } from '../../imports/cells/status-words';
import { IMPORT_FIELD_LABELS, IMPORT_FIELDS } from '../../imports/import-fields';
import { ImportIssueCode } from '../../imports/import-issues';
import { ownerKey, type ImportChoices } from '../../imports/preview/import-choices';
import { ACTION_STATUSES } from '../../vocabulary/action-status';
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
export function importsListPage(plan: { id: string; title: string; status?: string }, role: Role, runs: ImportRunDto[], errors: FormErrors = []): ImportsListViewModel {
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
  /** Links for the error summary: each owner or status word to decide (to its select), then the rest of the problems. */
  problemLinks: { text: string; href: string }[];
  problemDescription: string;
  mapping: {
    action: string;
    columns: { id: string; name: string; label: string; items: SelectItem[] }[];
    acceptSuggestedDates: boolean;
    /** Every distinct status word in the file, with the status it is read as (changeable). */
    statusWords: ChoiceRow[];
    /** Every owner that matched no user by email or exact name: a user, or leave unassigned. */
    owners: ChoiceRow[];
  };
  commit: { action: string; conflicts: { id: string; name: string; reference: string; items: { value: string; text: string; checked: boolean }[] }[] } | null;
  /** Owners still to decide: the commit button waits for them. */
  ownersUndecided: number;
}

type SelectItem = { value: string; text: string; selected: boolean };

/** One row of the status-word or owner table: the text as written, its rows, and a select with a visually hidden label naming the row. */
export interface ChoiceRow {
  id: string;
  name: string;
  /** The hidden field carrying the text back with the choice. */
  textName: string;
  text: string;
  rows: string;
  label: string;
  hint: string | null;
  error: { text: string } | false;
  items: SelectItem[];
}

/** The owner select's value for "leave unassigned" (a user id otherwise; empty: not decided). */
export const LEAVE_UNASSIGNED = 'unassigned';

/** One import: its progress, the preview to check, the mapping form and the commit. */
export function importRunPage(plan: { id: string; title: string; status?: string }, role: Role, run: ImportRunDetailDto, errors: FormErrors = [], candidates: readonly OwnerCandidate[] = []): ImportRunViewModel {
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
  const statusWords = statusWordRows(preview?.statusWords ?? []);
  const owners = ownerRows(preview?.unmatchedOwners ?? [], candidates);
  const ownersUndecided = owners.filter((o) => o.error).length;
  const otherErrors = issues.filter((i) => i.severity === 'error' && i.code !== ImportIssueCode.OwnerUnmatched && !(i.code === ImportIssueCode.StatusUnknown && statusWords.some((w) => w.error)));
  const problemLinks = [
    ...owners.filter((o) => o.error).map((o) => ({ text: `Choose who '${o.text}' is, or leave them unassigned (${o.rows})`, href: `#${o.id}` })),
    ...statusWords.filter((w) => w.error).map((w) => ({ text: `Choose the status '${w.text}' means (${w.rows})`, href: `#${w.id}` })),
    ...(otherErrors.length > 0 ? [{ text: `${otherErrors.length === 1 ? 'One row has a problem' : `${otherErrors.length} problems stop rows being imported`}: see the list of problems`, href: '#problems' }] : []),
  ];
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
      statusWords,
      owners,
    },
    problemLinks,
    problemDescription:
      ownersUndecided + statusWords.filter((w) => w.error).length > 0
        ? 'Decide the owners and status words below, then check the file again. Rows with other problems are left out: fix them in the file and upload it again, or change the mapping.'
        : 'Rows with problems are left out: fix them in the file and upload it again, or change the mapping.',
    ownersUndecided,
    commit:
      run.status === 'previewed' && plan.status !== 'closed'
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

const rowsText = (rows: number | number[]): string =>
  typeof rows === 'number' ? `${rows} ${rows === 1 ? 'row' : 'rows'}` : `${rows.length === 1 ? 'row' : 'rows'} ${rows.slice(0, 12).join(', ')}${rows.length > 12 ? ` and ${rows.length - 12} more` : ''}`;

type PreviewOf = NonNullable<ImportRunDetailDto['preview']>;

function statusWordRows(words: PreviewOf['statusWords']): ChoiceRow[] {
  return words.map((w, i) => ({
    id: `status-word-${i}`,
    name: `statusWord_${i}`,
    textName: `statusWord_${i}_text`,
    text: w.word,
    rows: rowsText(w.rows),
    label: `Our status for '${w.word}'`,
    hint: null,
    // Short beside the field (the row names the word); the error summary's link names it.
    error: w.status ? false : { text: 'Choose a status' },
    items: [
      ...(w.status ? [] : [{ value: '', text: 'Choose a status', selected: true }]),
      ...ACTION_STATUSES.map((s) => ({ value: s, text: STATUS_LABELS[s], selected: w.status === s })),
    ],
  }));
}

function ownerRows(owners: PreviewOf['unmatchedOwners'], candidates: readonly OwnerCandidate[]): ChoiceRow[] {
  return owners.map((o, i) => {
    const suggestion = o.matchedTo || o.leftUnassigned ? null : suggestOwner(o.text, candidates);
    const chosen = o.matchedTo ?? (o.leftUnassigned ? LEAVE_UNASSIGNED : suggestion ? ('userId' in suggestion ? suggestion.userId : LEAVE_UNASSIGNED) : '');
    const suggestedName = suggestion && 'userId' in suggestion ? candidates.find((c) => c.id === suggestion.userId)?.name : suggestion ? 'leave unassigned' : null;
    const decided = o.matchedTo !== null || o.leftUnassigned === true;
    return {
      id: `owner-${i}`,
      name: `owner_${i}`,
      textName: `owner_${i}_text`,
      text: o.text,
      rows: rowsText(o.rows),
      label: `User for the owner '${o.text}'`,
      hint: suggestedName ? `Suggested: ${suggestedName}. Save the mapping to use it.` : null,
      error: decided ? false : { text: 'Choose a user, or leave unassigned' },
      items: [
        { value: '', text: 'Choose a user', selected: chosen === '' },
        ...candidates.map((c) => ({ value: c.id, text: `${c.name} (${c.email})`, selected: chosen === c.id })),
        { value: LEAVE_UNASSIGNED, text: 'Leave unassigned', selected: chosen === LEAVE_UNASSIGNED },
      ],
    };
  });
}

/** What the mapping form sends to the service (the shape of UpdateImportChoicesDto). */
export interface FormChoices {
  columns: Record<string, string | null>;
  acceptSuggestedDates: boolean;
  statusWords: Record<string, string>;
  ownerMatches: Record<string, string | null>;
}

/**
 * The mapping form's fields back as choices: `column_C=dueDate`, `acceptSuggestedDates=yes`,
 * `statusWord_0_text=On track` with `statusWord_0=blocked`, `owner_0_text=Jo Bloggs` with
 * `owner_0=<user id>|unassigned|` (empty: not decided). The status words and owner matches replace
 * the ones for the texts on the form; earlier ones for other texts are kept (a saved mapping's
 * matches for owners not in this file), except matches to someone no longer among `candidateIds`.
 */
export function choicesFromForm(body: Record<string, unknown>, current: ImportChoices = {}, candidateIds?: ReadonlySet<string>): FormChoices {
  const columns: Record<string, string | null> = {};
  const words: [string, string][] = [];
  const owners: [string, string][] = [];
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : null);
  for (const [key, value] of Object.entries(body)) {
    const m = /^column_([A-Z]{1,3})$/.exec(key);
    if (m && typeof value === 'string') columns[m[1]] = value === '' ? null : value;
    const pair = /^(statusWord|owner)_(\d{1,4})$/.exec(key);
    const text = pair ? str(body[`${key}_text`]) : null;
    const choice = str(value);
    if (pair && text !== null && text.trim() !== '' && choice !== null) (pair[1] === 'owner' ? owners : words).push([text, choice]);
  }
  const onForm = new Set(words.map(([w]) => normaliseWords(w)));
  const statusWords: Record<string, string> = {};
  for (const [w, s] of Object.entries(current.statusWords ?? {})) if (!onForm.has(normaliseWords(w))) statusWords[w] = s;
  for (const [w, s] of words) if (s !== '') statusWords[w] = s;
  const ownersOnForm = new Set(owners.map(([o]) => ownerKey(o)));
  const ownerMatches: Record<string, string | null> = {};
  for (const [o, id] of Object.entries(current.ownerMatches ?? {})) if (!ownersOnForm.has(ownerKey(o)) && (id === null || !candidateIds || candidateIds.has(id))) ownerMatches[o] = id;
  for (const [o, id] of owners) if (id !== '') ownerMatches[ownerKey(o)] = id === LEAVE_UNASSIGNED ? null : id;
  return { columns, acceptSuggestedDates: body.acceptSuggestedDates === 'yes', statusWords, ownerMatches };
}

/** The commit form's conflict choices: `resolution_<reference>=file|system`. */
export function resolutionsFromForm(body: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (key.startsWith('resolution_') && typeof value === 'string') out[key.slice('resolution_'.length)] = value;
  return out;
}
