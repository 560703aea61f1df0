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
 * An override sets the colour but never hides the rules' answer: it is returned beside it.
 *
 * What a date sees (the true-history rule). For a reporting date D (a London calendar date; "the
 * end of D" is 23:59:59.999 London, i.e. before London midnight starting D + 1), the policy sees
 * the facts as they stood at the end of D, each counted only from when it was both effective and
 * recorded:
 * - the action's status as it stood at the end of D (action_status_history); an action not yet
 *   entered by then is not coloured at all;
 * - its start date, due date and progress percent, and each milestone's due date, as they stood
 *   at the end of D (action_dates_history, milestone_due_history);
 * - milestones entered by the end of D and, of those, as completed only the ones completed on or
 *   before D whose completion was recorded by the end of D (one marked complete on 10 November
 *   "as of 1 November" counts from 10 November);
 * - evidence uploaded by the end of D and not withdrawn by then, in the review state decided by
 *   the end of D (a later decision does not reach back);
 * - progress updates dated on or before D and written by the end of D;
 * - the override in force on D: set by the end of D, not ended by then (ending one ends it from
 *   that day), not expired before D;
 * - the RAG policy version in force at the end of D.
 * A time left unknown (NULL: rows from before the history was kept, raw SQL) counts from the
 * fact's effective date. So a recompute of a past date gives exactly what the nightly run of
 * that date gave, and a trend is history, not today's facts replayed.
 * This function takes the facts as given (it does not filter by date); the fact queries
 * (compute/rag-facts.repository.ts) apply the rule above.
 */
export function evaluateRag(facts: RagActionFacts, asOf: CalendarDate, policy: RagPolicySettings): RagResult {
  const override = activeOverride(facts, asOf);
  if (override) {
    // The override sets the colour; the rules' own answer is still worked out and kept beside it.
    const computed = evaluateRules(facts, asOf, policy);
    return { colour: override.colour, reasons: [override], overridden: true, computed: { colour: computed.colour, reasons: computed.reasons } };
  }
  return evaluateRules(facts, asOf, policy);
}

/** The rules alone (no override): completion, then every enabled rule (worst wins), then Grey/Green. */
function evaluateRules(facts: RagActionFacts, asOf: CalendarDate, policy: RagPolicySettings): RagResult {
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
