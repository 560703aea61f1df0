import { createHash } from 'node:crypto';
import { compareDates, type CalendarDate } from '../../common/dates/calendar-date';
import type { ActionStatus } from '../../vocabulary/action-status';
import type { ImportIssue } from '../import-issues';
import { ImportIssueCode, where } from '../import-issues';
import type { ImportParseResult, ImportRow } from '../import-result';
import type { ColumnMapping, HeaderCell } from '../mapping/column-mapping';
import { ownerKey, type ConflictResolution, type ImportChoices } from './import-choices';

// ---- The plan as the import sees it ----------------------------------------------------------------

export interface SnapshotMember {
  id: string;
  name: string;
  email: string;
}

export interface SnapshotMilestone {
  title: string;
  dueDate: CalendarDate;
}

/** The fields of an action an import writes, as they stand in the system. */
export interface SnapshotAction {
  id: string;
  reference: string;
  title: string;
  description: string;
  workstreamId: string;
  ownerId: string;
  leadAgency: string | null;
  startDate: CalendarDate | null;
  dueDate: CalendarDate;
  successMeasures: string;
  status: ActionStatus;
  findingIds: string[];
  milestones: SnapshotMilestone[];
}

export interface PlanSnapshot {
  /** The plan's latest inspection: new findings hang off it (none: findings are not imported). */
  inspectionId: string | null;
  /** Who may own an action in the plan (active, holding a role other than scrutiny). */
  members: SnapshotMember[];
  workstreams: { id: string; code: string; title: string }[];
  findings: { id: string; reference: string; title: string }[];
  actions: SnapshotAction[];
  /** What the last import wrote, by action id. */
  imported: Map<string, { fileHash: string; writtenHash: string }>;
}

// ---- What the import would do ----------------------------------------------------------------------

export type RowOutcome = 'create' | 'update' | 'unchanged' | 'conflict' | 'skipped';

export interface FieldChange {
  field: string;
  system: string | null;
  file: string | null;
}

export interface PreviewRow {
  sheet: string;
  row: number;
  reference: string;
  title: string | null;
  outcome: RowOutcome;
  /** What would change (update), or what differs (conflict). */
  changes: FieldChange[];
  /** Why a row is skipped, unchanged or a conflict, in words. */
  reason?: string;
  /** For a conflict: the resolution chosen so far, if any. */
  resolution?: ConflictResolution;
}

export interface UnmatchedOwner {
  /** As written (the first spelling seen). */
  text: string;
  key: string;
  rows: number[];
  /** The column the owner was read from. */
  column?: string | null;
  /** The user it is mapped to in the choices (a member of the plan), or null. */
  matchedTo: string | null;
  /**
   * The user chose to leave it unassigned (`ownerMatches[key] = null`). An action must have an
   * owner, so new actions are held by whoever commits until reassigned; existing ones keep theirs.
   * Neither mapped nor left: an error, and the commit is refused until the user decides.
   */
  leftUnassigned?: boolean;
}

export interface StatusWordUse {
  word: string;
  status: ActionStatus | null;
  rows: number;
}

export interface ImportPreviewCounts {
  actions: { create: number; update: number; unchanged: number; conflict: number; skipped: number };
  findings: { create: number; existing: number };
  workstreams: { create: number; existing: number };
  milestones: { create: number };
}

/** The preview the user confirms: plain JSON, stored on the import run. */
export interface ImportPreview {
  format: ImportParseResult['format'];
  file: ImportParseResult['file'];
  sheet: ImportParseResult['sheet'];
  columns: HeaderCell[];
  mapping: ColumnMapping;
  counts: ImportPreviewCounts;
  summary: ImportParseResult['summary'];
  rows: PreviewRow[];
  issues: ImportIssue[];
  unmatchedOwners: UnmatchedOwner[];
  statusWords: StatusWordUse[];
  newWorkstreams: { code: string; title: string }[];
  newFindings: { reference: string; title: string }[];
}

/** A reference to a row that exists, or one the commit creates (by its key). */
export type RowRef = { id: string } | { newKey: string };

/** The values the file gives one action (null: the file says nothing, keep the system's / the default). */
export interface DesiredAction {
  reference: string;
  title: string;
  description: string;
  workstream: RowRef | null;
  ownerId: string | null;
  leadAgency: string | null;
  startDate: CalendarDate | null;
  dueDate: CalendarDate;
  successMeasures: string;
  status: ActionStatus | null;
  findings: RowRef[];
  milestones: { title: string; dueDate: CalendarDate; completed: boolean }[];
}

export interface RowWork {
  sheet: string;
  row: number;
  outcome: RowOutcome;
  desired: DesiredAction;
  /** The action it matches (update, unchanged, conflict). */
  existing: SnapshotAction | null;
  /** Fingerprint of the file's values, kept to tell a later file change from a system change. */
  fileHash: string;
  /** Milestones to add (not already in the action by title and date). */
  newMilestones: DesiredAction['milestones'];
  /** A conflict settled as 'system': nothing is written but the hashes are brought up to date. */
  keepSystem?: boolean;
}

export interface ImportPlan {
  preview: ImportPreview;
  work: RowWork[];
  newWorkstreams: { key: string; code: string; title: string }[];
  newFindings: { key: string; reference: string; title: string; text: string }[];
}

const DEFAULT_WORKSTREAM = { code: 'IMPORTED', title: 'Imported actions (no workstream in the file)' };
const lower = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();
const cut = (s: string, max: number): string => (s.length <= max ? s : s.slice(0, max));

/** The fingerprint of an action's importable fields (ids resolved), as the system holds them. */
export function actionFingerprint(a: Omit<SnapshotAction, 'id' | 'reference'>): string {
  const milestones = a.milestones.map((m) => `${lower(m.title)}|${m.dueDate}`).sort();
  const body = [a.title, a.description, a.workstreamId, a.ownerId, a.leadAgency, a.startDate, a.dueDate, a.successMeasures, a.status, [...a.findingIds].sort(), milestones];
  return createHash('sha256').update(JSON.stringify(body)).digest('hex');
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

/**
 * The plan's rows by code (case-insensitive) and by title (as `lower` compares), built once per
 * comparison instead of scanning the list for every row of the file. `find` answers what
 * `rows.find((r) => code matches || title matches)` did: the first row, in list order, matching either.
 */
class CodeOrTitleIndex {
  private readonly byCode = new Map<string, number>();
  private readonly byTitle = new Map<string, number>();

  constructor(private readonly rows: readonly { id: string; code: string; title: string }[]) {
    rows.forEach((r, i) => {
      const code = r.code.toLowerCase();
      const title = lower(r.title);
      if (!this.byCode.has(code)) this.byCode.set(code, i);
      if (!this.byTitle.has(title)) this.byTitle.set(title, i);
    });
  }

  find(code: string | null, title: string): string | null {
    const byCode = code ? this.byCode.get(code.toLowerCase()) : undefined;
    const byTitle = this.byTitle.get(lower(cut(title, 300)));
    const i = Math.min(byCode ?? Infinity, byTitle ?? Infinity);
    return i === Infinity ? null : this.rows[i].id;
  }
}

/**
 * Compares a parsed file with the plan and says, row by row, what a commit would do; pure, so the
 * preview job and the commit job (inside its transaction, on a fresh snapshot) decide the same way.
 * Rows with errors are skipped. A row matching an action by reference is unchanged when the file
 * asks for nothing new; an update when the action still stands as the last import wrote it; a
 * conflict when it was changed in the system since (or never came from an import) and the file
 * changed too, until the user settles it ('file' or 'system').
 */
export function planImport(parse: ImportParseResult, snapshot: PlanSnapshot, choices: ImportChoices): ImportPlan {
  const issues: ImportIssue[] = [...parse.issues];
  const accept = choices.acceptSuggestedDates === true;
  const byEmail = new Map(snapshot.members.map((m) => [m.email.toLowerCase(), m.id]));
  const byName = new Map<string, string | null>();
  for (const m of snapshot.members) byName.set(lower(m.name), byName.has(lower(m.name)) ? null : m.id);
  const memberIds = new Set(snapshot.members.map((m) => m.id));
  const actionsByRef = new Map(snapshot.actions.map((a) => [a.reference.toLowerCase(), a]));

  // Workstreams and findings: existing ones by code or title, new ones collected by key.
  const workstreamIndex = new CodeOrTitleIndex(snapshot.workstreams.map((w) => ({ id: w.id, code: w.code, title: w.title })));
  const findingIndex = new CodeOrTitleIndex(snapshot.findings.map((f) => ({ id: f.id, code: f.reference, title: f.title })));
  const newWorkstreams = new Map<string, { key: string; code: string; title: string }>();
  const usedWsCodes = new Set(snapshot.workstreams.map((w) => w.code.toLowerCase()));
  const workstreamRef = (code: string | null, title: string): RowRef => {
    const found = workstreamIndex.find(code, title);
    if (found) return { id: found };
    const key = code ? `code:${code.toLowerCase()}` : `title:${lower(title)}`;
    if (!newWorkstreams.has(key)) {
      let wsCode = code && code.length <= 20 && !usedWsCodes.has(code.toLowerCase()) ? code : null;
      for (let n = newWorkstreams.size + 1; !wsCode; n++) if (!usedWsCodes.has(`ws${n}`)) wsCode = `WS${n}`;
      usedWsCodes.add(wsCode.toLowerCase());
      newWorkstreams.set(key, { key, code: wsCode, title: cut(title, 300) });
    }
    return { newKey: key };
  };
  const newFindings = new Map<string, { key: string; reference: string; title: string; text: string }>();
  const usedFindingRefs = new Set(snapshot.findings.map((f) => f.reference.toLowerCase()));
  const findingRef = (code: string | null, title: string, text: string): RowRef => {
    const found = findingIndex.find(code, title);
    if (found) return { id: found };
    const key = code ? `code:${code.toLowerCase()}` : `title:${lower(title)}`;
    if (!newFindings.has(key)) {
      let ref = code && code.length <= 60 && !usedFindingRefs.has(code.toLowerCase()) ? code : null;
      for (let n = newFindings.size + 1; !ref; n++) if (!usedFindingRefs.has(`f${n}`)) ref = `F${n}`;
      usedFindingRefs.add(ref.toLowerCase());
      newFindings.set(key, { key, reference: ref, title: cut(title, 300), text });
    }
    return { newKey: key };
  };

  const unmatched = new Map<string, UnmatchedOwner>();
  const statusUse = new Map<string, StatusWordUse>();
  const work: RowWork[] = [];
  const rows: PreviewRow[] = [];
  let findingsIgnored = false;
  const matchedWorkstreams = new Set<string>();
  const matchedFindings = new Set<string>();

  for (const row of parse.rows) {
    const v = row.values;
    const columnOf = (field: keyof ImportRow['source']['columns']): string | null => row.source.columns[field]?.[0] ?? null;
    const rowIssue = (code: ImportIssueCode, field: 'dueDate' | 'startDate' | 'owner' | null, message: string, severity: ImportIssue['severity'] = 'error'): void => {
      const column = field ? columnOf(field) : null;
      issues.push({ severity, code, sheet: row.source.sheet, row: row.source.row, column, field, message: `${where(row.source.sheet, row.source.row, column)}: ${message}` });
    };
    if (v.status) {
      const use = statusUse.get(lower(v.status.raw)) ?? { word: v.status.raw, status: v.status.status, rows: 0 };
      use.rows++;
      statusUse.set(lower(v.status.raw), use);
    }
    // Owner: email, then the exact name, then the user's match (listed, so it can be changed); else undecided.
    // Listed for every row, skipped ones too, so all can be decided at once.
    let ownerId: string | null = null;
    if (v.owner) {
      const key = ownerKey(v.owner.raw);
      const chosen = choices.ownerMatches?.[key];
      ownerId = (v.owner.email ? byEmail.get(v.owner.email.toLowerCase()) : undefined) ?? (v.owner.name ? byName.get(lower(v.owner.name)) : undefined) ?? null;
      if (!ownerId) {
        if (chosen && memberIds.has(chosen)) ownerId = chosen;
        const u = unmatched.get(key) ?? { text: v.owner.raw, key, column: columnOf('owner'), rows: [], matchedTo: null };
        u.rows.push(row.source.row);
        unmatched.set(key, u);
      }
    }

    const reference = cut(v.reference ?? `ROW-${row.source.row}`, 40);
    const skip = (reason: string): void => {
      rows.push({ sheet: row.source.sheet, row: row.source.row, reference, title: v.actionTitle, outcome: 'skipped', changes: [], reason });
    };
    let errors = row.errors;
    const dueDate = v.dueDate?.date ?? (accept ? v.dueDate?.suggestion : null) ?? null;
    if (!dueDate && v.dueDate && v.dueDate.suggestion && !accept) {
      rowIssue(ImportIssueCode.DateNeedsAccepting, 'dueDate', `the due date '${v.dueDate.raw}' is not a date: accept the suggested date (${v.dueDate.suggestion}) or write a date in the file`);
      errors++;
    } else if (!dueDate && row.errors === 0) {
      rowIssue(ImportIssueCode.MissingDueDate, 'dueDate', 'has no due date: every action needs one');
      errors++;
    }
    if (!v.actionTitle && row.errors === 0) errors++;
    if (errors > 0 || !dueDate || !v.actionTitle) {
      skip('the row has errors (see the list of problems): it is not imported until they are fixed');
      continue;
    }
    let startDate = v.startDate?.date ?? (accept ? v.startDate?.suggestion : null) ?? null;
    if (startDate && compareDates(startDate, dueDate) > 0) startDate = null;

    const workstream = v.workstream ? workstreamRef(v.workstream.code, v.workstream.title || v.workstream.text) : null;
    let findings: RowRef[] = [];
    if (v.finding) {
      if (snapshot.inspectionId) findings = [findingRef(v.finding.code, v.finding.title || v.finding.text, v.finding.text)];
      else findingsIgnored = true;
    }
    const milestones = v.milestones
      .map((m) => ({ title: cut(m.title, 300), dueDate: m.dueDate ?? (accept ? m.suggestion : null), completed: m.completed }))
      .filter((m): m is { title: string; dueDate: CalendarDate; completed: boolean } => m.dueDate !== null && m.title.length > 0);

    const desired: DesiredAction = {
      reference,
      title: cut(v.actionTitle, 300),
      description: v.description ?? '',
      workstream,
      ownerId,
      leadAgency: v.partner ? cut(v.partner, 200) : null,
      startDate,
      dueDate,
      successMeasures: v.successMeasure ?? '',
      status: v.status?.status ?? null,
      findings,
      milestones,
    };
    const fileHash = hashOf({ desired, owner: v.owner?.raw ?? null, workstream: v.workstream?.text ?? null, finding: v.finding?.text ?? null });
    for (const ref of [workstream, ...findings]) if (ref && 'id' in ref) (ref === workstream ? matchedWorkstreams : matchedFindings).add(ref.id);

    const existing = actionsByRef.get(reference.toLowerCase()) ?? null;
    if (!existing) {
      work.push({ sheet: row.source.sheet, row: row.source.row, outcome: 'create', desired, existing: null, fileHash, newMilestones: milestones });
      rows.push({ sheet: row.source.sheet, row: row.source.row, reference, title: desired.title, outcome: 'create', changes: [] });
      continue;
    }
    const { changes, newMilestones } = diffAction(existing, desired, snapshot);
    const base = { sheet: row.source.sheet, row: row.source.row, desired, existing, fileHash, newMilestones };
    if (changes.length === 0 && newMilestones.length === 0) {
      work.push({ ...base, outcome: 'unchanged' });
      rows.push({ sheet: base.sheet, row: base.row, reference, title: desired.title, outcome: 'unchanged', changes: [] });
      continue;
    }
    const last = snapshot.imported.get(existing.id);
    const current = actionFingerprint(existing);
    const shown = [...changes, ...newMilestones.map((m) => ({ field: 'milestone', system: null, file: `${m.title} (${m.dueDate})` }))];
    if (last && fileHash === last.fileHash) {
      work.push({ ...base, outcome: 'unchanged' });
      rows.push({ sheet: base.sheet, row: base.row, reference, title: desired.title, outcome: 'unchanged', changes: [], reason: 'changed in the system since the last import; the file did not change this row, so the system\u2019s values stay' });
      continue;
    }
    if (last && current === last.writtenHash) {
      work.push({ ...base, outcome: 'update' });
      rows.push({ sheet: base.sheet, row: base.row, reference, title: desired.title, outcome: 'update', changes: shown });
      continue;
    }
    const reason = last
      ? 'changed in the system since the last import, and the file changes it too: choose which to keep'
      : 'an action with this reference was made in the system, not by an import: choose which to keep';
    const resolution = choices.resolutions?.[reference];
    work.push({ ...base, outcome: 'conflict', keepSystem: resolution === 'system' });
    rows.push({ sheet: base.sheet, row: base.row, reference, title: desired.title, outcome: 'conflict', changes: shown, reason, ...(resolution ? { resolution } : {}) });
    issues.push({
      severity: 'warning',
      code: ImportIssueCode.ChangedInSystem,
      sheet: base.sheet,
      row: base.row,
      column: null,
      field: null,
      message: `${where(base.sheet, base.row, null)}: action ${reference} ${reason}`,
    });
  }

  if (findingsIgnored) {
    issues.push({
      severity: 'warning',
      code: ImportIssueCode.FindingsWithoutInspection,
      sheet: parse.sheet.name,
      row: null,
      column: null,
      field: 'finding',
      message: `'${parse.sheet.name}': the findings are not imported because the plan has no inspection yet. Add the inspection, then import again to link the actions to their findings.`,
    });
  }
  for (const u of unmatched.values()) {
    const chosen = choices.ownerMatches?.[u.key];
    u.matchedTo = chosen && memberIds.has(chosen) ? chosen : null;
    u.leftUnassigned = chosen === null;
    if (u.matchedTo) continue;
    const at = `'${parse.sheet.name}', ${u.rows.length === 1 ? `row ${u.rows[0]}` : `rows ${u.rows.join(', ')}`}${u.column ? `, column ${u.column}` : ''}`;
    issues.push({
      severity: u.leftUnassigned ? 'warning' : 'error',
      code: ImportIssueCode.OwnerUnmatched,
      sheet: parse.sheet.name,
      row: u.rows[0],
      column: u.column ?? null,
      field: 'owner',
      value: u.text,
      message: u.leftUnassigned
        ? `${at}: the owner '${u.text}' is left unassigned: new actions are held by whoever commits the import until someone reassigns them`
        : `${at}: the owner '${u.text}' is not a user of this plan (by email or exact name): choose the user it means, or leave it unassigned, before importing`,
    });
  }
  // A row that needs a workstream and names none goes to one default workstream.
  for (const w of work) {
    if (w.desired.workstream === null && w.outcome === 'create') w.desired.workstream = workstreamRef(DEFAULT_WORKSTREAM.code, DEFAULT_WORKSTREAM.title);
  }

  const count = (o: RowOutcome): number => rows.filter((r) => r.outcome === o).length;
  const addedMilestones = work.filter((w) => w.outcome === 'create' || w.outcome === 'update' || (w.outcome === 'conflict' && !w.keepSystem && choices.resolutions?.[w.desired.reference] === 'file')).reduce((n, w) => n + w.newMilestones.length, 0);
  const preview: ImportPreview = {
    format: parse.format,
    file: parse.file,
    sheet: parse.sheet,
    columns: parse.columns,
    mapping: parse.mapping,
    counts: {
      actions: { create: count('create'), update: count('update'), unchanged: count('unchanged'), conflict: count('conflict'), skipped: count('skipped') },
      findings: { create: newFindings.size, existing: matchedFindings.size },
      workstreams: { create: newWorkstreams.size, existing: matchedWorkstreams.size },
      milestones: { create: addedMilestones },
    },
    summary: parse.summary,
    rows,
    issues,
    unmatchedOwners: [...unmatched.values()],
    statusWords: [...statusUse.values()],
    newWorkstreams: [...newWorkstreams.values()].map(({ code, title }) => ({ code, title })),
    newFindings: [...newFindings.values()].map(({ reference, title }) => ({ reference, title })),
  };
  return { preview, work, newWorkstreams: [...newWorkstreams.values()], newFindings: [...newFindings.values()] };
}

/** What the file would change in an existing action; fields the file leaves empty keep the system's value. */
export function diffAction(existing: SnapshotAction, desired: DesiredAction, snapshot: Pick<PlanSnapshot, 'workstreams' | 'findings'>): { changes: FieldChange[]; newMilestones: DesiredAction['milestones'] } {
  const changes: FieldChange[] = [];
  const add = (field: string, system: string | null, file: string | null): void => {
    if ((system ?? '') !== (file ?? '')) changes.push({ field, system, file });
  };
  add('title', existing.title, desired.title);
  add('description', existing.description, desired.description);
  if (desired.workstream) {
    const ws = (id: string): string => snapshot.workstreams.find((w) => w.id === id)?.title ?? id;
    if (!('id' in desired.workstream)) changes.push({ field: 'workstream', system: ws(existing.workstreamId), file: desired.workstream.newKey.replace(/^\w+:/, '') });
    else add('workstream', ws(existing.workstreamId), ws(desired.workstream.id));
  }
  if (desired.ownerId) add('owner', existing.ownerId, desired.ownerId);
  add('leadAgency', existing.leadAgency, desired.leadAgency);
  add('startDate', existing.startDate, desired.startDate);
  add('dueDate', existing.dueDate, desired.dueDate);
  add('successMeasures', existing.successMeasures, desired.successMeasures);
  if (desired.status) add('status', existing.status, desired.status);
  if (desired.findings.length > 0) {
    const fr = (id: string): string => snapshot.findings.find((f) => f.id === id)?.reference ?? id;
    const wanted = desired.findings.map((f) => ('id' in f ? fr(f.id) : f.newKey.replace(/^\w+:/, ''))).sort();
    const have = existing.findingIds.map(fr).sort();
    if (desired.findings.some((f) => !('id' in f)) || wanted.some((w) => !have.includes(w))) changes.push({ field: 'findings', system: have.join(', '), file: wanted.join(', ') });
  }
  const haveMilestones = new Set(existing.milestones.map((m) => `${lower(m.title)}|${m.dueDate}`));
  const newMilestones = desired.milestones.filter((m) => !haveMilestones.has(`${lower(m.title)}|${m.dueDate}`));
  return { changes, newMilestones };
}
