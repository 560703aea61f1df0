import type { ActionDto, PersonRefDto } from '../../actions/dto/action.dto';
import type { ProgressUpdateDto } from '../../actions/dto/progress-update.dto';
import type { Role } from '../../common/request-context/request-context';
import type { EvidenceDto } from '../../evidence/dto/evidence.dto';
import type { OverrideShownDto } from '../../rag/overrides/dto/override-shown.dto';
import type { RagSnapshotDto } from '../../rag/history/dto/rag-history.dto';
import { ACTION_STATUS_INFO } from '../../vocabulary/action-status';
import { EVIDENCE_REVIEW_STATE_INFO } from '../../vocabulary/evidence-review-state';
import type { RagColour } from '../../vocabulary/rag-colour';
import { planNavigation, type PlanNavigation } from '../common/view/plan-navigation';
import { ROLE_WORDS } from '../common/view/role-words';
import { govukDate, govukDateTime } from '../common/nunjucks/filters';
import { ACTION_PAGE, planPaths } from '../common/web-paths';

/** What the signed-in user may do on this action (from the access policy, decided by the controller). */
export interface ActionCapabilities {
  /** The plan is closed: everything is read-only. */
  closed: boolean;
  /** Board, admin, or the action's own owner: status, milestones, updates, evidence, history. */
  contribute: boolean;
  /** Board and admin: every field, and the colour override. */
  manage: boolean;
}

export interface ActionPageInput {
  action: ActionDto;
  plan: { id: string; title: string };
  role: Role;
  userId: string;
  can: ActionCapabilities;
  updates: ProgressUpdateDto[];
  /** Null when the user may not see the action's evidence (another owner's action). */
  evidence: EvidenceDto[] | null;
  /** Null when the user may not see the colour's history. */
  history: RagSnapshotDto[] | null;
}

interface SummaryRow {
  key: { text: string };
  value: { text?: string; html?: string };
}

export interface ColourView {
  colour: RagColour;
  reasons: string[];
  overridden: boolean;
  /** When overridden: the colour the rules give, with their reasons, shown beside the override. */
  computed: { colour: RagColour; reasons: string[] } | null;
  override: { reason: string; setBy: string; setOn: string; until: string } | null;
  /** The reporting date it was worked out for. */
  asOf: string | null;
}

export interface MilestoneRow {
  /** The row's anchor is `milestone-<id>` (e-mails link to it). */
  id: string;
  title: string;
  due: string;
  completed: string | null;
  completeHref: string | null;
  /** The plan's managers re-plan an open milestone (title, due date). */
  changeHref: string | null;
}

export interface UpdateItem {
  date: string;
  author: string;
  narrative: string;
  status: string;
  progress: string;
}

export interface EvidenceRow {
  id: string;
  title: string;
  fileName: string;
  size: string;
  uploadedBy: string;
  uploadedOn: string;
  state: string;
  stateClass: string;
  /** The reviewer's comment, shown for rejected evidence (what the owner must act on). */
  rejectedComment: string | null;
  reviewedBy: string | null;
  downloadHref: string;
  withdrawAction: string | null;
}

export interface HistoryItem {
  date: string;
  asOf: string;
  colour: RagColour;
  reasons: string[];
  overridden: boolean;
  computed: { colour: RagColour; reasons: string[] } | null;
  overrideBy: string | null;
}

export interface ActionPageViewModel {
  pageTitle: string;
  planNav: PlanNavigation;
  backLink: string;
  reference: string;
  title: string;
  rows: SummaryRow[];
  colour: ColourView | null;
  milestones: MilestoneRow[];
  updates: UpdateItem[];
  evidence: EvidenceRow[] | null;
  history: HistoryItem[] | null;
  closed: boolean;
  links: {
    edit: string | null;
    /** Board and admin, while the plan is open (as the API's milestones create). */
    addMilestone: string | null;
    addUpdate: string | null;
    uploadEvidence: string | null;
    override: string | null;
    removeOverride: string | null;
  };
}

const reasonTexts = (reasons: readonly { text: string }[]): string[] => reasons.map((r) => r.text);

export function personWords(p: Pick<PersonRefDto, 'name' | 'jobTitle' | 'partnerAgency'>): string {
  return [p.name, p.jobTitle, p.partnerAgency].filter((x): x is string => !!x).join(', ');
}

/** "Helen Marsh (Improvement board member)". */
function setterWords(override: OverrideShownDto): string {
  const role = (ROLE_WORDS as Record<string, string>)[override.setBy.role] ?? override.setBy.role;
  return `${override.setBy.name} (${role})`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

const STATE_CLASSES: Readonly<Record<string, string>> = Object.freeze({
  submitted: 'govuk-tag--blue',
  accepted: 'govuk-tag--green',
  rejected: 'govuk-tag--red',
});

/** The action's colour: the stored RAG with its reasons, and any override beside what the rules give. */
export function colourView(rag: ActionDto['rag']): ColourView | null {
  if (!rag) return null;
  return {
    colour: rag.colour,
    reasons: reasonTexts(rag.reasons),
    overridden: rag.overridden,
    computed: rag.overridden && rag.computed ? { colour: rag.computed.colour, reasons: reasonTexts(rag.computed.reasons) } : null,
    override:
      rag.overridden && rag.override
        ? { reason: rag.override.reason, setBy: setterWords(rag.override), setOn: govukDateTime(rag.override.setAt), until: govukDate(rag.override.expiresOn) }
        : null,
    asOf: rag.asOf ? govukDate(rag.asOf) : null,
  };
}

/** The action page: details, colour, milestones, updates, evidence and the colour's history. */
export function actionPage(input: ActionPageInput): ActionPageViewModel {
  const { action, can } = input;
  const id = action.id;
  const writable = !can.closed;
  const contribute = writable && can.contribute;
  const findingsHtml = action.findings.length
    ? { html: `<ul class="govuk-list">${action.findings.map((f) => `<li>${escapeHtml(`${f.reference}: ${f.title}`)}</li>`).join('')}</ul>` }
    : { text: 'None' };
  const rows: SummaryRow[] = [
    { key: { text: 'Reference' }, value: { text: action.reference } },
    { key: { text: 'Title' }, value: { text: action.title } },
    { key: { text: 'Description' }, value: { text: action.description || 'None given' } },
    { key: { text: 'Workstream' }, value: { text: `${action.workstream.code}: ${action.workstream.title}` } },
    { key: { text: 'Owner' }, value: { text: personWords(action.owner) } },
    { key: { text: 'Lead agency' }, value: { text: action.leadAgency || 'Not given' } },
    { key: { text: 'Status' }, value: { text: ACTION_STATUS_INFO[action.status].label } },
    { key: { text: 'Progress' }, value: { text: `${action.progressPercent}%` } },
    { key: { text: 'Start date' }, value: { text: action.startDate ? govukDate(action.startDate) : 'Not set' } },
    { key: { text: 'Due date' }, value: { text: govukDate(action.dueDate) } },
    { key: { text: 'Findings it answers' }, value: findingsHtml },
    { key: { text: 'Success measures' }, value: { text: action.successMeasures || 'None given' } },
  ];
  const rag = colourView(action.rag);
  return {
    pageTitle: `${action.reference}: ${action.title}`,
    planNav: planNavigation(input.plan, input.role, 'actions'),
    backLink: planPaths(input.plan.id).actions,
    reference: action.reference,
    title: action.title,
    rows,
    colour: rag,
    milestones: action.milestones.map((m) => ({
      id: m.id,
      title: m.title,
      due: govukDate(m.dueDate),
      completed: m.completedOn ? govukDate(m.completedOn) : null,
      completeHref: contribute && !m.completedOn ? ACTION_PAGE.completeMilestone(id, m.id) : null,
      changeHref: writable && can.manage && !m.completedOn ? ACTION_PAGE.changeMilestone(id, m.id) : null,
    })),
    updates: input.updates.map((u) => ({
      date: govukDate(u.updateDate),
      author: personWords(u.author),
      narrative: u.narrative,
      status: ACTION_STATUS_INFO[u.statusAtTime].label,
      progress: `${u.progressPercentAtTime}%`,
    })),
    evidence: input.evidence ? input.evidence.map((e) => evidenceRow(id, e, input.userId, writable)) : null,
    history: input.history ? input.history.map(historyItem) : null,
    closed: can.closed,
    links: {
      edit: contribute ? ACTION_PAGE.edit(id) : null,
      addMilestone: writable && can.manage ? ACTION_PAGE.addMilestone(id) : null,
      addUpdate: contribute ? ACTION_PAGE.addUpdate(id) : null,
      uploadEvidence: contribute ? ACTION_PAGE.uploadEvidence(id) : null,
      override: writable && can.manage ? ACTION_PAGE.override(id) : null,
      removeOverride: writable && can.manage && action.rag?.overridden ? ACTION_PAGE.removeOverride(id) : null,
    },
  };
}

function evidenceRow(actionId: string, e: EvidenceDto, userId: string, writable: boolean): EvidenceRow {
  return {
    id: e.id,
    title: e.title,
    fileName: e.fileName,
    size: formatBytes(e.sizeBytes),
    uploadedBy: e.uploadedBy.name,
    uploadedOn: govukDate(e.uploadedAt),
    state: EVIDENCE_REVIEW_STATE_INFO[e.reviewState].label,
    stateClass: STATE_CLASSES[e.reviewState] ?? 'govuk-tag--grey',
    rejectedComment: e.reviewState === 'rejected' ? e.reviewComment : null,
    reviewedBy: e.reviewedBy ? e.reviewedBy.name : null,
    downloadHref: ACTION_PAGE.evidenceFile(actionId, e.id),
    withdrawAction: writable && e.uploadedBy.id === userId && e.reviewState === 'submitted' && !e.withdrawnAt ? ACTION_PAGE.withdrawEvidence(actionId, e.id) : null,
  };
}

function historyItem(s: RagSnapshotDto): HistoryItem {
  return {
    date: govukDate(s.asOf),
    asOf: s.asOf,
    colour: s.colour,
    reasons: reasonTexts(s.reasons),
    overridden: s.overridden,
    computed: s.overridden && s.computed ? { colour: s.computed.colour, reasons: reasonTexts(s.computed.reasons) } : null,
    overrideBy: s.overridden && s.override ? setterWords(s.override) : null,
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

