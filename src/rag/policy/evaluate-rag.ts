import { formatLongDate, type CalendarDate } from '../../common/dates/calendar-date';
import { compareDates, daysBetween } from './day-numbers';
import type {
  RagActionFacts,
  RagEvidenceFacts,
  RagPolicySettings,
  RagReason,
  RagResult,
} from './rag-policy.types';
import { worstColour } from './roll-up';
import { isDoneStatus } from '../../vocabulary/action-status';
import type { RagColour } from '../../vocabulary/rag-colour';

/**
 * The RAG of one action at a reporting date, in the order DESIGN.md sets out:
 * an active override, then completion, then every enabled rule (worst wins), then Grey/Green.
 */
export function evaluateRag(facts: RagActionFacts, asOf: CalendarDate, policy: RagPolicySettings): RagResult {
  const override = activeOverride(facts, asOf);
  if (override) return { colour: override.colour, reasons: [override], overridden: true };

  if (isDoneStatus(facts.status)) return completed(facts);

  const fired = checkRules(facts, asOf, policy);
  const worst = worstColour(fired.map((reason) => reason.colour));
  if (worst !== null) return { colour: worst, reasons: fired, overridden: false };

  return nothingFired(facts, asOf);
}

/** An override applies up to and including its expiry date. */
function activeOverride(facts: RagActionFacts, asOf: CalendarDate): RagReason | null {
  const override = facts.override;
  if (!override || compareDates(override.expiresOn, asOf) < 0) return null;
  return {
    code: 'override',
    colour: override.colour,
    text: `Override: ${override.reason} (until ${formatLongDate(override.expiresOn)})`,
  };
}

/** Done is Blue only when it is shown to be done: every milestone closed and evidence accepted. */
function completed(facts: RagActionFacts): RagResult {
  const reasons: RagReason[] = [];
  if (!facts.evidence.some((e) => e.state === 'accepted')) {
    reasons.push({ code: 'complete_awaiting_evidence', colour: 'amber', text: 'complete, awaiting evidence' });
  }
  for (const milestone of facts.milestones.filter((m) => m.completedOn === null)) {
    reasons.push({ code: 'complete_milestone_open', colour: 'amber', text: `milestone '${milestone.title}' still open` });
  }
  if (reasons.length > 0) return { colour: 'amber', reasons, overridden: false };
  return {
    colour: 'blue',
    reasons: [{ code: 'complete_blue', colour: 'blue', text: 'complete and evidenced' }],
    overridden: false,
  };
}

/** Every enabled rule, in the policy's order; each returns the reasons it fired (often none). */
function checkRules(facts: RagActionFacts, asOf: CalendarDate, policy: RagPolicySettings): RagReason[] {
  const { rules } = policy;
  return [
    ...(rules.overdueAction ? overdueAction(facts, asOf) : []),
    ...(rules.overdueMilestones ? overdueMilestones(facts, asOf, policy.redAfterDays) : []),
    ...(rules.blocked ? blocked(facts) : []),
    ...(rules.staleUpdates ? staleUpdates(facts, asOf, policy.staleAfterDays) : []),
    ...(rules.rejectedEvidence ? rejectedEvidence(facts) : []),
    ...(rules.progressAgainstTime ? progressAgainstTime(facts, asOf, policy) : []),
  ];
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n} days`;
}

/** Due today is not overdue; the day after the due date is "overdue by 1 day". */
function overdueAction(facts: RagActionFacts, asOf: CalendarDate): RagReason[] {
  const overdueBy = daysBetween(facts.dueDate, asOf);
  if (overdueBy < 1) return [];
  return [{ code: 'overdue', colour: 'red', text: `overdue by ${days(overdueBy)}` }];
}

/** Each open milestone past its due date: Amber from 1 day, Red beyond redAfterDays. */
function overdueMilestones(facts: RagActionFacts, asOf: CalendarDate, redAfterDays: number): RagReason[] {
  const reasons: RagReason[] = [];
  for (const milestone of facts.milestones) {
    if (milestone.completedOn !== null) continue;
    const overdueBy = daysBetween(milestone.dueDate, asOf);
    if (overdueBy < 1) continue;
    const red = overdueBy > redAfterDays;
    reasons.push({
      code: red ? 'milestone_overdue_red' : 'milestone_overdue_amber',
      colour: red ? 'red' : 'amber',
      text: `milestone '${milestone.title}' overdue by ${days(overdueBy)}`,
    });
  }
  return reasons;
}

function blocked(facts: RagActionFacts): RagReason[] {
  return facts.status === 'blocked' ? [{ code: 'blocked', colour: 'red', text: 'blocked' }] : [];
}

/**
 * A started action nobody has written about for a while. "Started" is the status, not the start
 * date: an action still marked not started is not expected to have updates. With no update yet,
 * the clock runs from the start date; with neither, there is nothing to measure from.
 */
function staleUpdates(facts: RagActionFacts, asOf: CalendarDate, staleAfterDays: number): RagReason[] {
  if (facts.status === 'not_started') return [];
  const since = facts.lastUpdateDate ?? facts.startDate;
  if (since === null) return [];
  const quietFor = daysBetween(since, asOf);
  if (quietFor <= staleAfterDays) return [];
  return [{ code: 'stale', colour: 'amber', text: `no progress update for ${days(quietFor)}` }];
}

/** Only the newest evidence counts: a rejection followed by a fresh submission is being handled. */
function rejectedEvidence(facts: RagActionFacts): RagReason[] {
  const newest = newestEvidence(facts.evidence);
  if (newest?.state !== 'rejected') return [];
  return [{ code: 'evidence_rejected', colour: 'amber', text: 'latest evidence was rejected' }];
}

/** Newest by submission date; on the same day the later one in the list is the newer. */
function newestEvidence(evidence: readonly RagEvidenceFacts[]): RagEvidenceFacts | null {
  let newest: RagEvidenceFacts | null = null;
  for (const item of evidence) {
    if (newest === null || compareDates(item.submittedOn, newest.submittedOn) >= 0) newest = item;
  }
  return newest;
}

/**
 * Progress percent against the share of the action's time (start to due) elapsed. The share is
 * rounded to a whole percent before comparing, so the numbers in the reason text are the ones
 * the decision was made on.
 */
function progressAgainstTime(facts: RagActionFacts, asOf: CalendarDate, policy: RagPolicySettings): RagReason[] {
  if (facts.startDate === null) return [];
  const elapsed = elapsedPercent(facts.startDate, facts.dueDate, asOf);
  const behindBy = elapsed - facts.progressPercent;
  const colour: RagColour | null =
    behindBy > policy.progressRedPoints ? 'red' : behindBy > policy.progressAmberPoints ? 'amber' : null;
  if (colour === null) return [];
  return [
    {
      code: colour === 'red' ? 'behind_time_red' : 'behind_time_amber',
      colour,
      text: `progress ${facts.progressPercent}% against ${elapsed}% of time elapsed`,
    },
  ];
}

/** Whole percent of start..due elapsed at asOf, 0 before the start and 100 from the due date. */
function elapsedPercent(startDate: CalendarDate, dueDate: CalendarDate, asOf: CalendarDate): number {
  const span = daysBetween(startDate, dueDate);
  // A one-day action (or dates entered the wrong way round): all its time is gone once it starts.
  if (span <= 0) return compareDates(asOf, startDate) >= 0 ? 100 : 0;
  const share = Math.round((daysBetween(startDate, asOf) * 100) / span);
  return Math.min(100, Math.max(0, share));
}

/** No rule fired: Grey while an action that has not started is not due to start yet. */
function nothingFired(facts: RagActionFacts, asOf: CalendarDate): RagResult {
  const notStartedYet =
    facts.status === 'not_started' && facts.startDate !== null && compareDates(facts.startDate, asOf) > 0;
  const reason: RagReason = notStartedYet
    ? { code: 'not_started_yet', colour: 'grey', text: 'not started, nothing due' }
    : { code: 'on_track', colour: 'green', text: 'on track' };
  return { colour: reason.colour, reasons: [reason], overridden: false };
}
