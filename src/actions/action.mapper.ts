import type { UserEntity } from '../users/entities/user.entity';
import type { OverrideShownDto } from '../rag/overrides/dto/override-shown.dto';
import type { ActionDetailRow, ActionSummaryRow, EvidenceCounts, LinkedFinding } from './actions.repository';
import type { MilestoneShown } from './milestones.repository';
import type { ProgressUpdateShown } from './progress-updates.repository';
import { ActionDto, ActionRagDto, ActionSummaryDto, PersonRefDto } from './dto/action.dto';
import { MilestoneDto } from './dto/milestone.dto';
import { CreatedProgressUpdateDto, ProgressUpdateDto } from './dto/progress-update.dto';
import type { ActionEntity } from './entities/action.entity';
import type { MilestoneEntity } from './entities/milestone.entity';
import type { ProgressUpdateEntity } from './entities/progress-update.entity';

/** What a response shows of a person. */
type PersonFields = Pick<UserEntity, 'id' | 'name' | 'jobTitle' | 'partnerAgency'>;

export function toPersonRef(u: PersonFields): PersonRefDto {
  return { id: u.id, name: u.name, jobTitle: u.jobTitle, partnerAgency: u.partnerAgency };
}

/** The stored RAG columns of an action. */
type RagColumns = Pick<ActionEntity, 'ragColour' | 'ragReasons' | 'ragOverridden' | 'ragComputedColour' | 'ragComputedReasons' | 'ragPolicyVersion' | 'ragAsOf'> & {
  /** ISO 8601 text, as the list's and the detail's SQL write it. */
  ragComputedAt: string | null;
};

export function toRagDto(a: RagColumns, override: OverrideShownDto | null = null): ActionRagDto | null {
  if (!a.ragColour) return null;
  return {
    colour: a.ragColour,
    reasons: a.ragReasons ?? [],
    overridden: a.ragOverridden,
    computed: a.ragOverridden && a.ragComputedColour ? { colour: a.ragComputedColour, reasons: a.ragComputedReasons ?? [] } : null,
    override: a.ragOverridden ? override : null,
    policyVersion: a.ragPolicyVersion,
    asOf: a.ragAsOf,
    computedAt: a.ragComputedAt,
  };
}

/** An action as the plan's list shows it, from its raw row (`ActionsRepository.findSummaryPage`, `findDetail`). */
export function summaryRowToDto(r: ActionSummaryRow): ActionSummaryDto {
  return {
    id: r.id,
    reference: r.reference,
    title: r.title,
    workstream: { id: r.workstreamId, code: r.workstreamCode, title: r.workstreamTitle },
    owner: { id: r.ownerId, name: r.ownerName, jobTitle: r.ownerJobTitle, partnerAgency: r.ownerPartnerAgency },
    leadAgency: r.leadAgency,
    startDate: r.startDate,
    dueDate: r.dueDate,
    status: r.status,
    progressPercent: r.progressPercent,
    completedOn: r.completedOn,
    effectivenessCheckDue: r.effectivenessCheckDue,
    embeddedOn: r.embeddedOn,
    rag: toRagDto(r),
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export interface ActionDetailParts {
  findings: LinkedFinding[];
  milestones: MilestoneShown[];
  latestUpdate: ProgressUpdateShown | null;
  evidence: EvidenceCounts;
  /** The override that set the stored colour, with who set it (null when none). */
  override?: OverrideShownDto | null;
}

export function toActionDto(a: ActionDetailRow, parts: ActionDetailParts): ActionDto {
  return {
    ...summaryRowToDto(a),
    rag: toRagDto(a, parts.override ?? null),
    description: a.description,
    successMeasures: a.successMeasures,
    findings: parts.findings.map((f) => ({ id: f.id, reference: f.reference, title: f.title })),
    milestones: parts.milestones.map(toMilestoneDto),
    latestUpdate: parts.latestUpdate ? toProgressUpdateDto(parts.latestUpdate) : null,
    evidence: parts.evidence,
  };
}

export function toMilestoneDto(m: MilestoneShown): MilestoneDto {
  return {
    id: m.id,
    actionId: m.actionId,
    title: m.title,
    dueDate: m.dueDate,
    completedOn: m.completedOn,
    allowAfterActionDue: m.allowAfterActionDue,
    sortOrder: m.sortOrder,
    version: m.version,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

export function toProgressUpdateDto(u: ProgressUpdateEntity | ProgressUpdateShown): ProgressUpdateDto {
  return {
    id: u.id,
    actionId: u.actionId,
    author: toPersonRef(u.author as PersonFields),
    updateDate: u.updateDate,
    narrative: u.narrative,
    statusAtTime: u.statusAtTime,
    progressPercentAtTime: u.progressPercentAtTime,
    createdAt: u.createdAt.toISOString(),
  };
}

/** A new progress update, with the action's version after it (a status change in the update bumps it). */
export function toCreatedProgressUpdateDto(u: ProgressUpdateEntity, actionVersion: number): CreatedProgressUpdateDto {
  return { ...toProgressUpdateDto(u), actionVersion };
}

/** What the audit trail records of an action: its own fields and its findings, not the computed RAG. */
export function actionAuditView(a: ActionEntity, findingIds: string[]): Record<string, unknown> {
  return {
    reference: a.reference,
    title: a.title,
    description: a.description,
    workstreamId: a.workstreamId,
    findingIds: [...findingIds].sort(),
    ownerId: a.ownerId,
    leadAgency: a.leadAgency,
    startDate: a.startDate,
    dueDate: a.dueDate,
    successMeasures: a.successMeasures,
    status: a.status,
    progressPercent: a.progressPercent,
    completedOn: a.completedOn,
    effectivenessCheckDue: a.effectivenessCheckDue,
    embeddedOn: a.embeddedOn,
  };
}

export function milestoneAuditView(m: MilestoneEntity): Record<string, unknown> {
  return {
    actionId: m.actionId,
    title: m.title,
    dueDate: m.dueDate,
    completedOn: m.completedOn,
    allowAfterActionDue: m.allowAfterActionDue,
    sortOrder: m.sortOrder,
  };
}
