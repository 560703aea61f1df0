import type { ActionDto } from '../../actions/dto/action.dto';
import type { MilestoneDto } from '../../actions/dto/milestone.dto';
import { compareDates, isCalendarDate } from '../../common/dates/calendar-date';
import type { Role } from '../../common/request-context/request-context';
import { EVIDENCE_DESCRIPTION_MAX, EVIDENCE_TITLE_MAX } from '../../evidence/dto/create-evidence.dto';
import { OVERRIDE_MAX_DAYS } from '../../rag/overrides/dto/rag-override.dto';
import { ACTION_STATUS_INFO, ACTION_STATUSES, type ActionStatus } from '../../vocabulary/action-status';
import { RAG_COLOUR_INFO, RAG_COLOURS, type RagColour } from '../../vocabulary/rag-colour';
import type { FieldError, FormErrors } from '../common/forms/form-errors';
import { formValue } from '../common/forms/form-errors';
import { govukDate } from '../common/nunjucks/filters';
import { planNavigation, type PlanNavigation } from '../common/view/plan-navigation';
import { ACTION_PAGE, planPaths, ROW_PAGE } from '../common/web-paths';
import { CSRF_FIELD } from '../common/security/csrf';

/** What every form page of an action shows around its form. */
export interface ActionFormPage {
  pageTitle: string;
  planNav: PlanNavigation;
  backLink: string;
  caption: string;
  action: string;
  errors: FormErrors;
}

export interface PlanContext {
  plan: { id: string; title: string };
  role: Role;
}

/** The plan's pages a form that adds to the plan belongs to, by the words of their captions. */
const PLAN_FORM_CAPTIONS = Object.freeze({ plan: 'The plan', actions: 'Actions' });

/**
 * What a form that adds a row to the plan shows around its form: the plan's page it belongs to (the
 * plan, or its actions) is current in the navigation, the back link and the caption.
 */
export function planFormFrame(ctx: PlanContext, pageTitle: string, action: string, page: keyof typeof PLAN_FORM_CAPTIONS = 'plan'): Omit<ActionFormPage, 'errors'> {
  return {
    pageTitle,
    planNav: planNavigation(ctx.plan, ctx.role, page),
    backLink: planPaths(ctx.plan.id)[page],
    caption: PLAN_FORM_CAPTIONS[page],
    action,
  };
}

function formPage(ctx: PlanContext, a: Pick<ActionDto, 'id' | 'reference' | 'title'>, pageTitle: string, action: string, errors: FormErrors): ActionFormPage {
  return {
    pageTitle,
    planNav: planNavigation(ctx.plan, ctx.role, 'actions'),
    backLink: ROW_PAGE.action(a.id),
    caption: `${a.reference}: ${a.title}`,
    action,
    errors,
  };
}

// ---- Dates (GOV.UK date input) ----------------------------------------------------------------------

export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export function dateParts(body: unknown, field: string): DateParts {
  return { day: formValue(body, `${field}-day`).trim(), month: formValue(body, `${field}-month`).trim(), year: formValue(body, `${field}-year`).trim() };
}

export function partsOf(date: string): DateParts {
  const [year, month, day] = date.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

/**
 * A GOV.UK date input read as a calendar date, or the error GOV.UK's pattern gives ("… must include a
 * month", "… must be a real date"). `label` starts the messages ("The date it was completed").
 */
export function parseDateInput(parts: DateParts, field: string, label: string, missing: string): { date: string } | { error: FieldError } {
  const names = ['day', 'month', 'year'] as const;
  const empty = names.filter((n) => parts[n] === '');
  const err = (text: string, part: (typeof names)[number] = 'day'): { error: FieldError } => ({ error: { field, text, href: `#${field}-${part}` } });
  if (empty.length === 3) return err(missing);
  if (empty.length > 0) return err(`${label} must include a ${empty.join(' and a ')}`, empty[0]);
  if (!names.every((n) => /^\d+$/.test(parts[n])) || parts.year.length !== 4) return err(`${label} must be a real date`);
  const date = `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
  if (!isCalendarDate(date)) return err(`${label} must be a real date`);
  return { date };
}

/** The view of a date input: its three items, with the error class on every box when the date is wrong. */
export function dateItems(parts: DateParts, hasError: boolean) {
  const cls = (width: number) => `govuk-input--width-${width}${hasError ? ' govuk-input--error' : ''}`;
  return [
    { name: 'day', label: 'Day', classes: cls(2), value: parts.day },
    { name: 'month', label: 'Month', classes: cls(2), value: parts.month },
    { name: 'year', label: 'Year', classes: cls(4), value: parts.year },
  ];
}

// ---- Status and details -----------------------------------------------------------------------------

/** The fields of the edit form; an owner sends status and progress only. */
export interface ActionDetailsValues {
  status: string;
  progressPercent: string;
  title?: string;
  description?: string;
  /** YYYY-MM-DD; '' when the date input did not hold a real date. */
  dueDate?: string;
}

const DETAIL_LABELS: Readonly<Record<keyof ActionDetailsValues, string>> = Object.freeze({
  title: 'Title',
  description: 'Description',
  dueDate: 'Due date',
  status: 'Status',
  progressPercent: 'Progress (percent)',
});

export function detailsOf(action: ActionDto, manage: boolean): ActionDetailsValues {
  const values: ActionDetailsValues = { status: action.status, progressPercent: String(action.progressPercent) };
  if (manage) {
    values.title = action.title;
    values.description = action.description;
    values.dueDate = action.dueDate;
  }
  return values;
}

/** The submitted details (only the fields the user may send). */
export function submittedDetails(body: unknown, manage: boolean): ActionDetailsValues {
  const values: ActionDetailsValues = { status: formValue(body, 'status'), progressPercent: formValue(body, 'progressPercent').trim() };
  if (manage) {
    values.title = formValue(body, 'title').trim();
    values.description = formValue(body, 'description').replace(/\r\n/g, '\n');
  }
  return values;
}

/** The values the form was loaded with, sent back in hidden `was-<field>` inputs. */
export function loadedDetails(body: unknown, manage: boolean): ActionDetailsValues {
  const values: ActionDetailsValues = { status: formValue(body, 'was-status'), progressPercent: formValue(body, 'was-progressPercent') };
  if (manage) {
    values.title = formValue(body, 'was-title');
    values.description = formValue(body, 'was-description').replace(/\r\n/g, '\n');
    values.dueDate = formValue(body, 'was-dueDate');
  }
  return values;
}

export interface DetailsChange {
  status: string;
  progressPercent?: number;
  title?: string;
  description?: string;
  dueDate?: string;
}

/**
 * The form's own checks, in field order; the change for the actions service when there are none.
 * `dueParts` (board and admin) is the due date input; its date goes into `values.dueDate`.
 */
export function checkDetails(values: ActionDetailsValues, dueParts?: DateParts): { errors: FieldError[]; change: DetailsChange | null } {
  const errors: FieldError[] = [];
  if (values.title !== undefined) {
    if (!values.title) errors.push({ field: 'title', text: 'Enter a title' });
    else if (values.title.length > 300) errors.push({ field: 'title', text: 'Title must be 300 characters or fewer' });
  }
  if (values.description !== undefined && values.description.length > 10000) errors.push({ field: 'description', text: 'Description must be 10,000 characters or fewer' });
  if (dueParts) {
    const due = parseDateInput(dueParts, 'dueDate', 'The due date', 'Enter the due date');
    if ('error' in due) errors.push(due.error);
    values.dueDate = 'error' in due ? '' : due.date;
  }
  if (!(ACTION_STATUSES as readonly string[]).includes(values.status)) errors.push({ field: 'status', text: 'Select a status', href: '#status' });
  const progress = Number(values.progressPercent);
  if (values.progressPercent === '') errors.push({ field: 'progressPercent', text: 'Enter the progress as a percentage' });
  else if (!/^\d{1,3}$/.test(values.progressPercent) || progress > 100) errors.push({ field: 'progressPercent', text: 'Progress must be a whole number from 0 to 100' });
  if (errors.length) return { errors, change: null };
  const change: DetailsChange = { status: values.status, progressPercent: progress };
  if (values.title !== undefined) change.title = values.title;
  if (values.description !== undefined) change.description = values.description;
  if (values.dueDate) change.dueDate = values.dueDate;
  return { errors, change };
}

/** What the actions service said about a field, in the form's words (null: not a field of this form). */
export function detailsServiceError(field: string, message: string): FieldError | null {
  if (!(field in DETAIL_LABELS)) return null;
  const href = field === 'dueDate' ? '#dueDate-day' : undefined;
  return { field, text: `${DETAIL_LABELS[field as keyof ActionDetailsValues]}: ${message}`, ...(href ? { href } : {}) };
}

export interface ChangedField {
  label: string;
  loaded: string;
  now: string;
}

function shown(field: keyof ActionDetailsValues, value: string | undefined): string {
  if (value === undefined || value === '') return 'Nothing';
  if (field === 'status') return ACTION_STATUS_INFO[value as ActionStatus]?.label ?? value;
  if (field === 'progressPercent') return `${value}%`;
  if (field === 'dueDate') return govukDate(value);
  return value;
}

/** What someone else changed between loading the form and sending it. */
export function changesSinceLoaded(loaded: ActionDetailsValues, current: ActionDetailsValues): ChangedField[] {
  return (Object.keys(DETAIL_LABELS) as (keyof ActionDetailsValues)[])
    .filter((f) => current[f] !== undefined && loaded[f] !== current[f])
    .map((f) => ({ label: DETAIL_LABELS[f], loaded: shown(f, loaded[f]), now: shown(f, current[f]) }));
}

export interface EditActionViewModel extends ActionFormPage {
  manage: boolean;
  values: ActionDetailsValues;
  /** The values and version the form now carries (the current ones, after a stale send). */
  loaded: ActionDetailsValues;
  version: number;
  statusItems: { value: string; text: string; hint: { text: string }; checked: boolean }[];
  /** After a stale send: what someone else changed meanwhile. */
  changes: ChangedField[] | null;
  /** Board and admin: the due date input. */
  dueItems: ReturnType<typeof dateItems> | null;
}

export function editActionPage(
  ctx: PlanContext,
  action: ActionDto,
  manage: boolean,
  opts: { values?: ActionDetailsValues; dueParts?: DateParts; errors?: FormErrors; changes?: ChangedField[] | null } = {},
): EditActionViewModel {
  const loaded = detailsOf(action, manage);
  const values = opts.values ?? loaded;
  const errors = opts.errors ?? [];
  const dueParts = opts.dueParts ?? (values.dueDate ? partsOf(values.dueDate) : { day: '', month: '', year: '' });
  return {
    ...formPage(ctx, action, manage ? 'Change the action' : 'Update the status', ACTION_PAGE.edit(action.id), errors),
    manage,
    values,
    loaded,
    version: action.version,
    statusItems: ACTION_STATUSES.map((s) => ({ value: s, text: ACTION_STATUS_INFO[s].label, hint: { text: capitalise(ACTION_STATUS_INFO[s].description) }, checked: values.status === s })),
    changes: opts.changes ?? null,
    dueItems: manage ? dateItems(dueParts, errors.some((e) => e.field === 'dueDate')) : null,
  };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---- Milestones -------------------------------------------------------------------------------------

export interface CompleteMilestoneViewModel extends ActionFormPage {
  milestone: { title: string; due: string };
  version: number;
  dateItems: ReturnType<typeof dateItems>;
}

export function completeMilestonePage(ctx: PlanContext, action: ActionDto, milestone: MilestoneDto, today: string, parts?: DateParts, errors: FormErrors = []): CompleteMilestoneViewModel {
  return {
    ...formPage(ctx, action, 'Complete a milestone', ACTION_PAGE.completeMilestone(action.id, milestone.id), errors),
    milestone: { title: milestone.title, due: govukDate(milestone.dueDate) },
    version: milestone.version,
    dateItems: dateItems(parts ?? partsOf(today), errors.some((e) => e.field === 'completedOn')),
  };
}

/** The completion date: a real date, not after today (London). */
export function checkCompletion(parts: DateParts, today: string): { errors: FieldError[]; completedOn: string | null } {
  const parsed = parseDateInput(parts, 'completedOn', 'The date it was completed', 'Enter the date the milestone was completed');
  if ('error' in parsed) return { errors: [parsed.error], completedOn: null };
  if (compareDates(parsed.date, today) > 0) {
    return { errors: [{ field: 'completedOn', text: 'The date it was completed must be today or in the past', href: '#completedOn-day' }], completedOn: null };
  }
  return { errors: [], completedOn: parsed.date };
}

/** The add-a-milestone form's fields as sent. */
export interface NewMilestoneValues {
  title: string;
  due: DateParts;
  /** The "it may fall after the action's due date" box. */
  allowAfterActionDue: boolean;
}

export function submittedMilestone(body: unknown): NewMilestoneValues {
  return { title: formValue(body, 'title').trim(), due: dateParts(body, 'dueDate'), allowAfterActionDue: formValue(body, 'allowAfterActionDue') === 'yes' };
}

export interface AddMilestoneViewModel extends ActionFormPage {
  values: NewMilestoneValues;
  actionDue: string;
  dueItems: ReturnType<typeof dateItems>;
  submitText: string;
  /** Changing one: its version (the API's check) and what it says now. */
  change: { version: number; title: string; due: string } | null;
}

export function addMilestonePage(ctx: PlanContext, action: ActionDto, values?: NewMilestoneValues, errors: FormErrors = []): AddMilestoneViewModel {
  const shown = values ?? { title: '', due: { day: '', month: '', year: '' }, allowAfterActionDue: false };
  return {
    ...formPage(ctx, action, 'Add a milestone', ACTION_PAGE.addMilestone(action.id), errors),
    values: shown,
    actionDue: govukDate(action.dueDate),
    dueItems: dateItems(shown.due, errors.some((e) => e.field === 'dueDate')),
    submitText: 'Add milestone',
    change: null,
  };
}

/**
 * Re-planning an open milestone: its title, due date and leave to fall after the action's due date,
 * as `PATCH /api/v1/actions/:id/milestones/:milestoneId` (the plan's managers). The form starts from
 * what the milestone says now; the same checks as adding one.
 */
export function changeMilestonePage(ctx: PlanContext, action: ActionDto, milestone: MilestoneDto, values?: NewMilestoneValues, errors: FormErrors = []): AddMilestoneViewModel {
  const shown = values ?? { title: milestone.title, due: partsOf(milestone.dueDate), allowAfterActionDue: milestone.allowAfterActionDue };
  return {
    ...formPage(ctx, action, 'Change a milestone', ACTION_PAGE.changeMilestone(action.id, milestone.id), errors),
    values: shown,
    actionDue: govukDate(action.dueDate),
    dueItems: dateItems(shown.due, errors.some((e) => e.field === 'dueDate')),
    submitText: 'Save changes',
    change: { version: milestone.version, title: milestone.title, due: govukDate(milestone.dueDate) },
  };
}

/**
 * The form's own checks (a title, a real due date); the body `POST /api/v1/actions/:id/milestones`
 * would take when there are none. The rest (lengths, not after the action's due date unless allowed)
 * is the API's DTO's and the milestones service's.
 */
export function checkMilestone(values: NewMilestoneValues): { errors: FieldError[]; body: { title: string; dueDate: string; allowAfterActionDue: boolean } | null } {
  const errors: FieldError[] = [];
  if (!values.title) errors.push({ field: 'title', text: 'Enter what the milestone is' });
  const due = parseDateInput(values.due, 'dueDate', 'The due date', 'Enter the date the milestone is due');
  if ('error' in due) errors.push(due.error);
  if (errors.length > 0 || 'error' in due) return { errors, body: null };
  return { errors, body: { title: values.title, dueDate: due.date, allowAfterActionDue: values.allowAfterActionDue } };
}

/** What the DTO or the milestones service refused, on the form's fields (null: not a field of this form). */
export function milestoneServiceError(field: string, message: string, actionDue: string): FieldError | null {
  if (field === 'dueDate' && /after the action's due date/.test(message)) {
    return { field, text: `The due date must be on or before the action’s due date (${govukDate(actionDue)}), or tick the box to allow a later one`, href: '#dueDate-day' };
  }
  if (field === 'dueDate') return { field, text: `The due date ${message.replace(/^dueDate /, '')}`, href: '#dueDate-day' };
  if (field === 'title') {
    const longest = /shorter than or equal to (\d+) characters/.exec(message);
    return { field, text: longest ? `The milestone must be ${longest[1]} characters or fewer` : 'Enter what the milestone is' };
  }
  if (field === 'allowAfterActionDue') return { field: 'dueDate', text: `The due date ${message}`, href: '#dueDate-day' };
  return null;
}

// ---- Progress updates -------------------------------------------------------------------------------

export const NARRATIVE_MAX = 5000;

export interface AddUpdateViewModel extends ActionFormPage {
  narrative: string;
  version: number;
}

export function addUpdatePage(ctx: PlanContext, action: ActionDto, narrative = '', errors: FormErrors = []): AddUpdateViewModel {
  return { ...formPage(ctx, action, 'Add a progress update', ACTION_PAGE.addUpdate(action.id), errors), narrative, version: action.version };
}

export function checkNarrative(narrative: string): FieldError[] {
  if (!narrative.trim()) return [{ field: 'narrative', text: 'Enter what has happened since the last update' }];
  if (narrative.length > NARRATIVE_MAX) return [{ field: 'narrative', text: `The update must be ${NARRATIVE_MAX.toLocaleString('en-GB')} characters or fewer` }];
  return [];
}

// ---- Evidence upload --------------------------------------------------------------------------------

export interface UploadEvidenceViewModel extends ActionFormPage {
  /** Multipart bodies are not read by the CSRF middleware's body parser: the token rides in the address. */
  uploadAction: string;
  values: { title: string; description: string; milestoneId: string };
  milestoneItems: { value: string; text: string; selected: boolean }[];
  maxSize: string;
  titleMax: number;
  descriptionMax: number;
}

export function uploadEvidencePage(
  ctx: PlanContext,
  action: ActionDto,
  csrfToken: string,
  maxBytes: number,
  values = { title: '', description: '', milestoneId: '' },
  errors: FormErrors = [],
): UploadEvidenceViewModel {
  const action_ = ACTION_PAGE.uploadEvidence(action.id);
  return {
    ...formPage(ctx, action, 'Upload evidence', action_, errors),
    uploadAction: `${action_}?${CSRF_FIELD}=${encodeURIComponent(csrfToken)}`,
    values,
    milestoneItems: [
      { value: '', text: 'The action as a whole', selected: values.milestoneId === '' },
      ...action.milestones.map((m) => ({ value: m.id, text: m.title, selected: values.milestoneId === m.id })),
    ],
    maxSize: `${Math.round(maxBytes / (1024 * 1024))} MB`,
    titleMax: EVIDENCE_TITLE_MAX,
    descriptionMax: EVIDENCE_DESCRIPTION_MAX,
  };
}

const UPLOAD_FIELD_WORDS: Readonly<Record<string, string>> = Object.freeze({ title: 'Title', description: 'Description', milestoneId: 'Milestone', file: 'File' });

/**
 * The evidence service's refusals as errors on the upload form's fields (null: not the form's to
 * show, e.g. storage down, which is the problem page).
 */
export function uploadServiceErrors(status: number, code: string, details: unknown, maxSize: string): FieldError[] | null {
  if (status === 413) return [{ field: 'file', text: `The selected file must be smaller than ${maxSize}` }];
  if (status === 415) return [{ field: 'file', text: 'The selected file must be a PDF, Word, Excel, PowerPoint, CSV, text, PNG or JPEG file' }];
  if (status === 422 && code === 'malware_detected') return [{ field: 'file', text: 'The selected file contains a virus: it was not stored' }];
  if (status !== 400) return null;
  const problems = Array.isArray(details) ? (details as { field?: unknown; messages?: unknown }[]) : [];
  const errors = problems
    .filter((p) => typeof p.field === 'string')
    .map((p): FieldError => {
      const field = p.field as string;
      if (field === 'title') {
        const tooLong = Array.isArray(p.messages) && String(p.messages[0]).includes('shorter');
        return { field, text: tooLong ? `Title must be ${EVIDENCE_TITLE_MAX} characters or fewer` : 'Enter a title for the evidence' };
      }
      if (field === 'file') {
        const said = Array.isArray(p.messages) ? String(p.messages[0]) : '';
        return { field, text: said.includes('empty') ? 'The selected file is empty' : 'Select a file' };
      }
      const words = UPLOAD_FIELD_WORDS[field] ?? field;
      return { field: field in UPLOAD_FIELD_WORDS ? field : 'file', text: `${words}: ${Array.isArray(p.messages) ? p.messages.map(String).join(', ') : 'is not valid'}` };
    });
  return errors.length ? errors : [{ field: 'file', text: 'Select a file' }];
}

// ---- Colour override --------------------------------------------------------------------------------

export interface OverrideViewModel extends ActionFormPage {
  colourItems: { value: string; text: string; checked: boolean }[];
  reason: string;
  dateItems: ReturnType<typeof dateItems>;
  maxDays: number;
  current: { colour: RagColour; reasons: string[] } | null;
}

export function overridePage(
  ctx: PlanContext,
  action: ActionDto,
  values: { colour: string; reason: string; expires: DateParts | null } = { colour: '', reason: '', expires: null },
  errors: FormErrors = [],
): OverrideViewModel {
  return {
    ...formPage(ctx, action, 'Override the colour', ACTION_PAGE.override(action.id), errors),
    colourItems: RAG_COLOURS.map((c) => ({ value: c, text: RAG_COLOUR_INFO[c].label, checked: values.colour === c })),
    reason: values.reason,
    dateItems: dateItems(values.expires ?? { day: '', month: '', year: '' }, errors.some((e) => e.field === 'expiresOn')),
    maxDays: OVERRIDE_MAX_DAYS,
    current: action.rag ? { colour: action.rag.colour, reasons: action.rag.reasons.map((r) => r.text) } : null,
  };
}

export function checkOverride(colour: string, reason: string, expires: DateParts): { errors: FieldError[]; value: { colour: RagColour; reason: string; expiresOn: string } | null } {
  const errors: FieldError[] = [];
  if (!(RAG_COLOURS as readonly string[]).includes(colour)) errors.push({ field: 'colour', text: 'Select the colour the action should show', href: '#colour' });
  const trimmed = reason.trim();
  if (trimmed.length < 3) errors.push({ field: 'reason', text: 'Enter why the colour is overridden' });
  else if (trimmed.length > 1000) errors.push({ field: 'reason', text: 'The reason must be 1,000 characters or fewer' });
  const parsed = parseDateInput(expires, 'expiresOn', 'The last day of the override', 'Enter the last day the override applies');
  if ('error' in parsed) errors.push(parsed.error);
  if (errors.length || 'error' in parsed) return { errors, value: null };
  return { errors, value: { colour: colour as RagColour, reason: trimmed, expiresOn: parsed.date } };
}

/** The override service's refusal of the expiry (too early, too far ahead), on the date field. */
export function overrideServiceError(field: string, message: string): FieldError | null {
  if (field === 'expiresOn') return { field, text: `The last day of the override ${message.replace(/\(([0-9-]{10})[^)]*\)/, (_, d: string) => `(${govukDate(d)})`)}`, href: '#expiresOn-day' };
  if (field === 'reason') return { field, text: `Reason: ${message}` };
  if (field === 'colour') return { field, text: 'Select the colour the action should show', href: '#colour' };
  return null;
}
