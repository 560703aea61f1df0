import { isUuid } from '../../common/validation/uuid';
import { compareDates, formatLongDate, isCalendarDate } from '../../common/dates/calendar-date';
import type { MeetingDto } from '../../meetings/dto/meeting.dto';
import type { PackDto, PackFileDto } from '../../packs/dto/pack.dto';
import type { PublicationCheckDto } from '../../packs/dto/publication-check.dto';
import { PACK_AUDIENCE_INFO, type PackAudience } from '../../vocabulary/pack-audience';
import { PACK_FORMAT_INFO, type PackFormat } from '../../vocabulary/pack-format';
import { PACK_STATE_INFO } from '../../vocabulary/pack-state';
import type { FieldError, FormErrors } from '../common/forms/form-errors';
import { govukDate, govukDateTime } from '../common/nunjucks/filters';
import type { PlanNavigation } from '../common/view/plan-navigation';
import { planPaths, ROW_PAGE } from '../common/web-paths';

/** "24 November 2026, Adult Social Care Improvement Board". */
export function meetingLabel(meeting: Pick<MeetingDto, 'meetsOn' | 'committee'>): string {
  return `${formatLongDate(meeting.meetsOn)}, ${meeting.committee.name}`;
}

const STATE_TAG: Readonly<Record<string, string>> = Object.freeze({ queued: 'govuk-tag--grey', generating: 'govuk-tag--blue', ready: 'govuk-tag--green', failed: 'govuk-tag--red' });

export interface PackStatusView {
  text: string;
  classes: string;
}

export function packStatus(pack: Pick<PackDto, 'state'>): PackStatusView {
  return { text: PACK_STATE_INFO[pack.state]?.label ?? pack.state, classes: STATE_TAG[pack.state] ?? 'govuk-tag--grey' };
}

// ---- The packs page: list and generate form ----------------------------------------------------

export interface PackListRow {
  href: string;
  title: string;
  audience: string;
  asOf: string;
  meeting: string;
  status: PackStatusView;
  /** "Statuses changed since": its date's RAG statuses changed after it was made. */
  figuresChanged: boolean;
  published: string;
}

export interface GeneratePackForm {
  audience: string;
  /** A meeting id, or 'date' for a reporting date. */
  target: string;
  asOfDay: string;
  asOfMonth: string;
  asOfYear: string;
}

export interface PacksViewModel {
  pageTitle: string;
  planNav: PlanNavigation;
  /** The generate form shows (not in a closed plan: the API answers 409). */
  canGenerate: boolean;
  formAction: string;
  rows: PackListRow[];
  errors: FormErrors;
  form: GeneratePackForm;
  audienceItems: { value: string; text: string; hint: { text: string }; checked: boolean }[];
  meetingItems: { value: string; text: string; hint: { text: string }; checked: boolean }[];
}

/** Packs (board and admin): every pack of the plan, newest first, and the form that asks for a new one. */
export function packsPage(
  planNav: PlanNavigation,
  packs: readonly PackDto[],
  meetings: readonly MeetingDto[],
  today: string,
  form?: GeneratePackForm,
  errors: FormErrors = [],
): PacksViewModel {
  const byId = new Map(meetings.map((m) => [m.id, m]));
  const upcoming = meetings.filter((m) => !m.cancelled && compareDates(m.meetsOn, today) >= 0).sort((a, b) => compareDates(a.meetsOn, b.meetsOn) || a.committee.name.localeCompare(b.committee.name));
  const [y, mo, d] = today.split('-');
  const values: GeneratePackForm = form ?? { audience: '', target: upcoming[0]?.id ?? 'date', asOfDay: String(Number(d)), asOfMonth: String(Number(mo)), asOfYear: y };
  return {
    pageTitle: 'Packs',
    planNav,
    canGenerate: !planNav.closed,
    formAction: planPaths(planNav.planId).packs,
    rows: packs.map((p) => {
      const meeting = p.meetingId ? byId.get(p.meetingId) : undefined;
      return {
        href: ROW_PAGE.pack(p.id),
        title: p.title,
        audience: PACK_AUDIENCE_INFO[p.audience].label,
        asOf: p.asOf,
        meeting: meeting ? meetingLabel(meeting) : p.meetingId ? 'A meeting no longer in the calendar' : 'None',
        status: packStatus(p),
        figuresChanged: p.figuresChangedAt !== null,
        published: p.audience !== 'scrutiny' ? 'Not published (board pack)' : p.publishedAt ? `Published ${govukDate(p.publishedAt)}` : 'Not published',
      };
    }),
    errors,
    form: values,
    audienceItems: (['board', 'scrutiny'] as const).map((a) => ({
      value: a,
      text: PACK_AUDIENCE_INFO[a].label,
      hint: { text: a === 'board' ? 'Progress and exception report for the improvement board. Names action owners; never published.' : 'Progress report for the scrutiny committee. Names no person; published once a board member checks it.' },
      checked: values.audience === a,
    })),
    meetingItems: upcoming.map((m) => ({
      value: m.id,
      text: meetingLabel(m),
      hint: { text: `Papers due ${formatLongDate(m.papersDeadline)}: the pack reports the position on that day, or today if earlier.` },
      checked: values.target === m.id,
    })),
  };
}

/** The generate form as the service wants it, or the errors to show beside its fields. */
export function generatePackRequest(form: GeneratePackForm): { errors: FieldError[]; dto: { audience: PackAudience; meetingId?: string; asOf?: string } | null } {
  const errors: FieldError[] = [];
  const audience = form.audience === 'board' || form.audience === 'scrutiny' ? form.audience : null;
  if (!audience) errors.push({ field: 'audience', text: 'Select who the pack is for' });
  let asOf: string | undefined;
  let meetingId: string | undefined;
  if (form.target === '') errors.push({ field: 'target', text: 'Select a meeting or a reporting date' });
  else if (form.target === 'date') {
    const parts = [form.asOfYear, form.asOfMonth, form.asOfDay].map((s) => s.trim());
    if (parts.some((s) => s === '')) errors.push({ field: 'asOf', href: '#asOf', text: 'Enter the reporting date, including a day, month and year' });
    else {
      const candidate = `${parts[0].padStart(4, '0')}-${parts[1].padStart(2, '0')}-${parts[2].padStart(2, '0')}`;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(candidate) || !isCalendarDate(candidate)) errors.push({ field: 'asOf', href: '#asOf', text: 'Reporting date must be a real date' });
      else asOf = candidate;
    }
  } else if (!isUuid(form.target)) errors.push({ field: 'target', text: 'Select a meeting or a reporting date' });
  else meetingId = form.target;
  return { errors, dto: errors.length === 0 && audience ? { audience, meetingId, asOf } : null };
}

/** The service's refusal of a field (400 with details naming it), as the form's error. */
export function generatePackServiceError(details: unknown): FieldError | null {
  if (!Array.isArray(details)) return null;
  const problem = (details as { field?: string; messages?: string[] }[]).find((d) => d.field === 'asOf' || d.field === 'meetingId' || d.field === 'audience');
  if (!problem) return null;
  const text = problem.messages?.[0] ?? 'is not valid';
  if (problem.field === 'asOf') return { field: 'asOf', href: '#asOf', text: `Reporting date ${text}` };
  if (problem.field === 'meetingId') {
    // A meeting of the other audience's committee: say so (the form lists every committee's meetings).
    const committee = /^is a meeting of an? (board|scrutiny) committee/.exec(text)?.[1];
    return { field: 'target', text: committee ? `That is a meeting of a ${committee} committee: select a meeting of the committee the pack is for, or a reporting date` : 'Select a meeting of this plan' };
  }
  return { field: 'audience', text: 'Select who the pack is for' };
}

// ---- One pack --------------------------------------------------------------------------------------

export interface AttachmentView {
  format: PackFormat;
  title: string;
  href: string;
  /** "PDF, 184 KB, 12 pages". */
  metadata: string;
  description: string;
}

/** 1,234 bytes → "1.2 KB", GOV.UK's attachment style. */
export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(bytes < 10 * 1024 ? 1 : 0)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

export function packFileHref(packId: string, format: string): string {
  return `${ROW_PAGE.pack(packId)}/files/${encodeURIComponent(format)}`;
}

/** The GOV.UK attachment pattern: the file as a link named for what it is, its format, size and (PDF) pages. */
export function attachments(pack: Pick<PackDto, 'id' | 'title' | 'files'>, pdfPages: number | null, formats: readonly PackFormat[] = ['pdf', 'docx', 'xlsx', 'json']): AttachmentView[] {
  return pack.files
    .filter((f: PackFileDto) => formats.includes(f.format))
    .map((f) => {
      const info = PACK_FORMAT_INFO[f.format];
      const pages = f.format === 'pdf' && pdfPages !== null ? `, ${pdfPages === 1 ? '1 page' : `${pdfPages} pages`}` : '';
      return {
        format: f.format,
        title: `${pack.title} (${info.label})`,
        href: packFileHref(pack.id, f.format),
        metadata: `${info.extension.toUpperCase()}, ${fileSize(f.sizeBytes)}${pages}`,
        description: info.description.charAt(0).toUpperCase() + info.description.slice(1),
      };
    });
}

export interface PublicationCheckView {
  fieldsChecked: number;
  replacements: { field: string; action: string; before: string; after: string; reason: string }[];
  suspects: { word: string; field: string; action: string; context: string; explanation: string }[];
  acknowledgementRequired: boolean;
}

export function publicationCheckView(check: PublicationCheckDto): PublicationCheckView {
  const where = (r: { actionReference: string | null; reference?: string | null }) => r.actionReference ?? r.reference ?? 'Not an action';
  return {
    fieldsChecked: check.fieldsChecked,
    replacements: check.replacements.map((r) => ({ field: r.field, action: where(r), before: r.before, after: r.after, reason: r.reason })),
    suspects: check.suspects.map((s) => ({ word: s.word, field: s.field, action: where(s), context: s.context, explanation: s.explanation })),
    acknowledgementRequired: check.acknowledgementRequired,
  };
}

export interface PackViewModel {
  pageTitle: string;
  planNav: PlanNavigation;
  backLink: string;
  errors: FormErrors;
  pack: { id: string; title: string; state: string; progress: number; failureReason: string | null };
  pending: boolean;
  selfHref: string;
  status: PackStatusView;
  /** Its date's RAG statuses changed after it was made: what to tell the reader, else null. */
  figuresChanged: string | null;
  rows: { key: { text: string }; value: { text: string } }[];
  attachments: AttachmentView[];
  publication: PublicationCheckView | null;
  /** Scrutiny pack, ready, not yet published, its plan open: the publish form shows. */
  canPublish: boolean;
  publishAction: string;
  publishedReportHref: string | null;
}

/** One pack: its progress until ready, then its files; a scrutiny pack's publication check and publish form. */
export function packPage(
  planNav: PlanNavigation,
  pack: PackDto,
  options: { meeting: Pick<MeetingDto, 'meetsOn' | 'committee'> | null; pdfPages: number | null; check: PublicationCheckDto | null; errors?: FormErrors },
): PackViewModel {
  const pending = pack.state === 'queued' || pack.state === 'generating';
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  const published = pack.publishedAt !== null;
  return {
    pageTitle: pack.title,
    planNav,
    backLink: planPaths(planNav.planId).packs,
    errors: options.errors ?? [],
    pack: { id: pack.id, title: pack.title, state: pack.state, progress: pack.progress, failureReason: pack.failureReason },
    pending,
    selfHref: ROW_PAGE.pack(pack.id),
    status: packStatus(pack),
    figuresChanged: figuresChangedText(pack),
    rows: [
      row('Audience', PACK_AUDIENCE_INFO[pack.audience].label),
      row('Reporting date', formatLongDate(pack.asOf)),
      row('Meeting', options.meeting ? meetingLabel(options.meeting) : pack.meetingId ? 'A meeting no longer in the calendar' : 'None'),
      ...(pack.audience === 'scrutiny' ? [row('Published', published ? 'Yes' : 'No')] : []),
    ],
    attachments: pack.state === 'ready' ? attachments(pack, options.pdfPages) : [],
    publication: options.check ? publicationCheckView(options.check) : null,
    canPublish: pack.audience === 'scrutiny' && pack.state === 'ready' && !published && options.check !== null && !planNav.closed,
    publishAction: `${ROW_PAGE.pack(pack.id)}/publish`,
    publishedReportHref: published ? ROW_PAGE.report(pack.id) : null,
  };
}

/**
 * "The RAG statuses for <its date> changed on <when>, after this <noun> was made.", when the pack's
 * date's statuses changed after it was made; null otherwise. The pack page and the published
 * report each go on to say what it means for their reader.
 */
export function figuresChangedSentence(pack: Pick<PackDto, 'asOf' | 'figuresChangedAt'>, noun: 'pack' | 'report'): string | null {
  if (!pack.figuresChangedAt) return null;
  return `The RAG statuses for ${formatLongDate(pack.asOf)} changed on ${govukDateTime(pack.figuresChangedAt)}, after this ${noun} was made.`;
}

/** The pack page's warning: the pack keeps reporting them as they were; a new pack reports them as they are now. */
function figuresChangedText(pack: Pick<PackDto, 'asOf' | 'figuresChangedAt' | 'publishedAt'>): string | null {
  const what = figuresChangedSentence(pack, 'pack');
  if (!what) return null;
  const still = pack.publishedAt ? 'The published pack still reports them as they were.' : 'This pack still reports them as they were.';
  return `${what} ${still} Generate a new pack from the Packs page to report them as they are now.`;
}

/** Publishing with suspects left needs the box ticked (the service checks it too). */
export function publishErrors(check: Pick<PublicationCheckDto, 'acknowledgementRequired'> | null, acknowledged: boolean): FieldError[] {
  if (check?.acknowledgementRequired && !acknowledged) {
    return [{ field: 'acknowledgeSuspects', text: 'Confirm you have read the possible names left in the pack and it may be published as it is' }];
  }
  return [];
}
