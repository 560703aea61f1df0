import { addDays, maxDate } from '../../common/dates/calendar-date';
import type { Context } from './pack-context';
import { inPeriod, upcomingUntil } from './pack-exceptions';
import type { BoardDecision, BoardParts, OverrideRow, RejectedEvidenceRow } from './pack-model';
import { buildAchieved } from './committee-report';
import { compareReferences, longDate, plural, shortDate } from './pack-text';
// With each date's day number remembered (the RAG policy's): the sorts below compare each date many
// times, and parsing both dates at each comparison was a third of the model's time.
import { compareDates, daysBetween } from '../../rag/policy/day-numbers';

/** Evidence waiting longer than this for a reviewer is a decision for the board. */
export const EVIDENCE_WAITING_DAYS = 14;
/** Overrides lapsing before the next meeting, or within this many days after it, ask for a decision now. */
export const OVERRIDE_EXPIRY_DAYS = 14;

/**
 * What the board is asked: decisions (overrides about to lapse, blocked actions, evidence waiting
 * for a reviewer), each rejected evidence with the reviewer's role and comment, every override
 * beside the colour the rules give, and what was completed in the period.
 */
export function buildBoardParts(ctx: Context): BoardParts {
  const asOf = ctx.asOf;
  const overridesExpiringBy = addDays(maxDate(upcomingUntil(ctx.source), asOf), OVERRIDE_EXPIRY_DAYS);
  const decisions: BoardDecision[] = [];
  const overrides: OverrideRow[] = [];

  for (const a of ctx.actions) {
    if (a.override) {
      overrides.push({ actionId: a.source.id, reference: a.source.reference, title: a.title, colour: a.source.colour, override: a.override, reason: a.source.reasons.join('; ') });
      if (compareDates(a.override.expiresOn, overridesExpiringBy) <= 0) {
        decisions.push({
          kind: 'override_expiring',
          reference: a.source.reference,
          text: `${a.source.reference} ${a.title}: the ${a.source.colour} override expires on ${longDate(a.override.expiresOn)}; underneath, the rules give ${a.override.computedColourLabel.toLowerCase()}. Renew it with a reason, or let it lapse.`,
        });
      }
    }
  }
  for (const a of ctx.actions) {
    if (a.source.status === 'blocked') {
      const update = a.latestUpdate ? ` Latest update (${a.latestUpdate.dateLabel}): ${a.latestUpdate.narrative}` : ' No update explains the block.';
      decisions.push({ kind: 'blocked_action', reference: a.source.reference, text: `${a.source.reference} ${a.title} is blocked (owner: ${a.owner}). Agree how to unblock it.${update}` });
    }
  }
  const byId = ctx.actionsById;
  const waiting = ctx.evidence
    .filter((e) => e.state === 'submitted' && daysBetween(e.uploadedOn, asOf) > EVIDENCE_WAITING_DAYS)
    .sort((x, y) => compareDates(x.uploadedOn, y.uploadedOn) || compareReferences(byId.get(x.actionId)?.source.reference ?? '', byId.get(y.actionId)?.source.reference ?? ''));
  for (const e of waiting) {
    const ref = byId.get(e.actionId)?.source.reference ?? '';
    decisions.push({
      kind: 'evidence_waiting',
      reference: ref,
      text: `${ref}: “${e.title}”, submitted ${longDate(e.uploadedOn)}, has waited ${plural(daysBetween(e.uploadedOn, asOf), 'day')} for review. Assign a reviewer who did not upload it.`,
    });
  }

  const rejectedEvidence: RejectedEvidenceRow[] = ctx.evidence
    .filter((e) => e.state === 'rejected')
    .map((e) => {
      const action = byId.get(e.actionId);
      return {
        actionReference: action?.source.reference ?? '',
        actionTitle: action?.title ?? '',
        title: e.title,
        reviewedOn: e.reviewedOn,
        reviewedLabel: e.reviewedOn ? shortDate(e.reviewedOn) : '',
        reviewerRole: e.reviewerRole ?? 'Board reviewer',
        comment: e.reviewComment?.trim() || 'No comment recorded.',
      };
    })
    .sort((x, y) => compareReferences(x.actionReference, y.actionReference) || x.title.localeCompare(y.title));

  const completedActions = buildAchieved(
    ctx,
    // Completed in the period by its completion date; without one recorded, by turning blue since the previous report.
    ctx.actions.filter((a) =>
      a.source.completedOn
        ? inPeriod(ctx, a.source.completedOn)
        : a.source.colour === 'blue' && a.source.previousColour !== null && a.source.previousColour !== 'blue',
    ),
  );
  const completedMilestones = ctx.milestones
    .filter((m) => m.completedOn !== null && inPeriod(ctx, m.completedOn))
    .map((m) => ({
      actionReference: byId.get(m.actionId)?.source.reference ?? '',
      title: ctx.text(m.title),
      completedOn: m.completedOn as string,
      completedLabel: shortDate(m.completedOn as string),
    }))
    .sort((x, y) => compareDates(x.completedOn, y.completedOn) || compareReferences(x.actionReference, y.actionReference));

  return { overridesExpiringBy, evidenceWaitingDays: EVIDENCE_WAITING_DAYS, decisions, rejectedEvidence, overrides, completedActions, completedMilestones };
}
