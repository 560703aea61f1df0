import type { Role } from '../../common/request-context/request-context';
import type { FindingDto } from '../../findings/dto/finding.dto';
import type { InspectionDto } from '../../inspections/dto/inspection.dto';
import type { NoticeDto, NoticeStatusChangeDto } from '../../notices/dto/notice.dto';
import type { WorkstreamDto } from '../../workstreams/dto/workstream.dto';
import { ACTION_STATUS_INFO } from '../../vocabulary/action-status';
import type { RollUpDto } from '../../rag/dashboard/dto/dashboard.dto';
import { RAG_COLOUR_INFO, RAG_COLOURS, type RagColour } from '../../vocabulary/rag-colour';
import { planNavigation, type PlanNavigation } from '../common/view/plan-navigation';
import { FINDING_PAGE, INSPECTION_PAGE, NOTICE_PAGE, planPaths, ROW_PAGE, WORKSTREAM_PAGE } from '../common/web-paths';
import { noticeStatusWords } from '../notices/notice-words';
import { inspectionRows } from '../findings/inspection-rows';
import { workstreamDeleteHref } from '../workstreams/delete-workstream.view-model';
import type { FindingActionRow } from './plan-outline.repository';

export interface PlanOutlineInput {
  plan: { id: string; title: string; status: string };
  role: Role;
  inspections: InspectionDto[];
  notices: NoticeDto[];
  /** Each notice's status history, oldest first, by notice id (one grouped read for the plan). */
  statusHistories?: ReadonlyMap<string, NoticeStatusChangeDto[]>;
  findings: FindingDto[];
  links: FindingActionRow[];
  /** The plan's workstreams, in plan order. */
  workstreams?: WorkstreamDto[];
  /** Board and admin (the access policy's plan managers, decided by the controller): they add inspections, findings, notices and workstreams, change and delete them, and change a notice's status. */
  manage?: boolean;
}

export interface OutlineAction {
  href: string;
  reference: string;
  title: string;
  colour: RagColour | null;
  status: string;
  owner: string;
}

export interface OutlineFinding {
  anchor: string;
  reference: string;
  title: string;
  /** "Area for priority action; Safeguarding; score 1 of 4" */
  about: string;
  notice: { anchor: string; title: string } | null;
  /** The roll-up of its actions' colours (DESIGN's rule), or null while no action answers it. */
  rollUp: { colour: RagColour | null; counts: string } | null;
  /** Its first FINDING_ACTIONS_SHOWN actions by reference. */
  actions: OutlineAction[];
  /** When more actions answer it than are listed: a link to all of them in the actions list. */
  more: { text: string; href: string } | null;
  /** "Change" (its fields, its notice): the plan's managers, while it is open. */
  changeHref: string | null;
  /** "Delete" (a page that asks first, or says why not): with "Change". */
  deleteHref: string | null;
}

export interface OutlineNoticeStatusChange {
  /** "Open", "Downgraded" */
  status: string;
  changedOn: string;
  /** "recorded by Avery Boardman" (or nothing when the user is gone) */
  by: string | null;
  note: string;
}

export interface OutlineNotice {
  anchor: string;
  /** The kind, shown above the title (titles often name their kind already: "Section 50 notice: ..."). */
  kind: string;
  title: string;
  issuedOn: string;
  deadline: string | null;
  status: string;
  requirements: string;
  findings: { anchor: string; reference: string; title: string }[];
  /** Its status history, oldest first. */
  history: OutlineNoticeStatusChange[];
  /** "Change" (the notice's own fields): the plan's managers, while it is open. */
  changeHref: string | null;
  /** "Change status": the plan's managers, while it is open. */
  changeStatusHref: string | null;
  /** "Delete" (a page that asks first, or says why not): with "Change". */
  deleteHref: string | null;
}

export interface OutlineWorkstream {
  anchor: string;
  code: string;
  title: string;
  description: string;
  leadRole: string | null;
  /** "Change": the plan's managers, while it is open. */
  changeHref: string | null;
  /** "Delete" (a page that asks first, or says why not): with "Change", but never for the regulator deadlines' RD (workstreamDeleteHref). */
  deleteHref: string | null;
}

export interface OutlineInspection {
  anchor: string;
  title: string;
  rows: { key: { text: string }; value: { text: string } }[];
  notices: OutlineNotice[];
  findings: OutlineFinding[];
  /** "Add a finding to this inspection": the plan's managers, while it is open. */
  addFindingHref: string | null;
  /** "Change" and "Delete" (a page that asks first, or says why not): the plan's managers, while it is open. */
  changeHref: string | null;
  deleteHref: string | null;
}

export interface PlanOutlineViewModel {
  pageTitle: string;
  planNav: PlanNavigation;
  closed: boolean;
  inspections: OutlineInspection[];
  /** Notices not tied to one inspection. */
  otherNotices: OutlineNotice[];
  findingCount: number;
  unansweredCount: number;
  /** "Add an inspection": the plan's managers, while it is open. */
  addInspectionHref: string | null;
  /** "Add a notice": the plan's managers, while it is open. */
  addNoticeHref: string | null;
  workstreams: OutlineWorkstream[];
  /** "Add a workstream": the plan's managers, while it is open. */
  addWorkstreamHref: string | null;
}

/** "1 red, 2 amber, 3 blue, 1 not worked out yet": the roll-up's counts in words, display order. */
function rollUpView(rag: RollUpDto): OutlineFinding['rollUp'] {
  const parts = RAG_COLOURS.filter((c) => rag.counts[c] > 0).map((c) => `${rag.counts[c]} ${RAG_COLOUR_INFO[c].label.toLowerCase()}`);
  if (rag.notComputed > 0) parts.push(`${rag.notComputed} not worked out yet`);
  return parts.length ? { colour: rag.colour, counts: parts.join(', ') } : null;
}

/**
 * "The plan": each inspection with what the regulator found, the notices that followed, and the
 * actions answering each finding. Inspections in date order; findings by reference.
 */
export function planOutlinePage(input: PlanOutlineInput): PlanOutlineViewModel {
  const actionsOf = new Map<string, OutlineAction[]>();
  const totalOf = new Map<string, number>();
  for (const l of input.links) {
    const list = actionsOf.get(l.findingId) ?? [];
    totalOf.set(l.findingId, l.total);
    list.push({ href: ROW_PAGE.action(l.actionId), reference: l.reference, title: l.title, colour: l.colour, status: ACTION_STATUS_INFO[l.status]?.label ?? l.status, owner: l.ownerName });
    actionsOf.set(l.findingId, list);
  }
  const noticeById = new Map(input.notices.map((n) => [n.id, n]));
  const adding = input.manage === true && input.plan.status !== 'closed';
  const findingsSorted = [...input.findings].sort((a, b) => a.reference.localeCompare(b.reference, 'en', { numeric: true }));
  const finding = (f: FindingDto): OutlineFinding => {
    const notice = f.noticeId ? noticeById.get(f.noticeId) : undefined;
    const actions = actionsOf.get(f.id) ?? [];
    const total = totalOf.get(f.id) ?? actions.length;
    const about = [f.typeLabel, f.themeLabel ?? f.theme, f.score !== null ? `score ${f.score} of 4` : null].filter((x): x is string => !!x).join('; ');
    return {
      anchor: `finding-${f.id}`,
      reference: f.reference,
      title: f.title,
      about,
      notice: notice ? { anchor: `notice-${notice.id}`, title: notice.title } : null,
      rollUp: rollUpView(f.rag),
      actions,
      more:
        total > actions.length
          ? { text: `See all ${total.toLocaleString('en-GB')} actions answering ${f.reference}`, href: `${planPaths(input.plan.id).actions}?finding=${f.id}` }
          : null,
      changeHref: adding ? FINDING_PAGE.edit(f.id) : null,
      deleteHref: adding ? FINDING_PAGE.delete(f.id) : null,
    };
  };
  const notice = (n: NoticeDto): OutlineNotice => ({
    anchor: `notice-${n.id}`,
    kind: n.kindLabel,
    title: n.title,
    issuedOn: n.issuedOn,
    deadline: n.deadline,
    status: noticeStatusWords(n.status),
    requirements: n.requirements,
    findings: findingsSorted.filter((f) => f.noticeId === n.id).map((f) => ({ anchor: `finding-${f.id}`, reference: f.reference, title: f.title })),
    history: (input.statusHistories?.get(n.id) ?? []).map((h) => ({
      status: noticeStatusWords(h.toStatus),
      changedOn: h.changedOn,
      by: h.changedByName ? `recorded by ${h.changedByName}` : null,
      note: h.note,
    })),
    changeHref: adding ? NOTICE_PAGE.edit(n.id) : null,
    changeStatusHref: adding ? NOTICE_PAGE.changeStatus(n.id) : null,
    deleteHref: adding ? NOTICE_PAGE.delete(n.id) : null,
  });
  const paths = planPaths(input.plan.id);
  const inspections = [...input.inspections]
    .sort((a, b) => (a.startDate < b.startDate ? -1 : a.startDate > b.startDate ? 1 : a.title.localeCompare(b.title)))
    .map(
      (i): OutlineInspection => ({
        anchor: `inspection-${i.id}`,
        title: i.title,
        rows: inspectionRows(i),
        notices: input.notices.filter((n) => n.inspectionId === i.id).map(notice),
        findings: findingsSorted.filter((f) => f.inspectionId === i.id).map(finding),
        addFindingHref: adding ? `${paths.newFinding}?inspection=${encodeURIComponent(i.id)}` : null,
        changeHref: adding ? INSPECTION_PAGE.edit(i.id) : null,
        deleteHref: adding ? INSPECTION_PAGE.delete(i.id) : null,
      }),
    );
  return {
    pageTitle: `The plan: ${input.plan.title}`,
    planNav: planNavigation(input.plan, input.role, 'plan'),
    closed: input.plan.status === 'closed',
    inspections,
    otherNotices: input.notices.filter((n) => n.inspectionId === null).map(notice),
    findingCount: input.findings.length,
    unansweredCount: input.findings.filter((f) => !actionsOf.has(f.id)).length,
    addInspectionHref: adding ? paths.newInspection : null,
    addNoticeHref: adding ? paths.newNotice : null,
    workstreams: (input.workstreams ?? []).map((w) => ({ anchor: `workstream-${w.id}`, code: w.code, title: w.title, description: w.description, leadRole: w.leadRole,
      changeHref: adding ? WORKSTREAM_PAGE.edit(w.id) : null,
      deleteHref: adding ? workstreamDeleteHref(w) : null,
    })),
    addWorkstreamHref: adding ? paths.newWorkstream : null,
  };
}
