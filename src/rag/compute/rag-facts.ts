import type { CalendarDate } from '../../common/dates/calendar-date';
import type { RagActionFacts, RagEvidenceFacts, RagMilestoneFacts, RagPolicySettings, RagReason } from '../policy/rag-policy.types';
import type { ActionStatus } from '../../vocabulary/action-status';
import type { EvidenceReviewState } from '../../vocabulary/evidence-review-state';
import { emptyCounts, RAG_WORST_FIRST, type RagColour, type RagCounts } from '../../vocabulary/rag-colour';
import { evaluateRag } from '../policy/evaluate-rag';

/**
 * What a date sees (the true-history rule). For a reporting date D (a London calendar date; "the
 * end of D" is 23:59:59.999 London, i.e. before London midnight starting D + 1), the policy sees
 * the facts as they stood at the end of D, each counted only from when it was both effective and
 * recorded:
 * - the action's status as it stood at the end of D (action_status_history); an action not yet
 *   entered by then is not coloured at all;
 * - its start date, due date and progress percent as they stood at the end of D, and each
 *   milestone's due date (action_dates_history, milestone_due_history: a due date extended on
 *   10 November still reads as the old one for 1 November);
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
 *
 * Turning the rows the fact queries return into the policy's input, and its output into the rows
 * written back. Plain functions (no Nest, no TypeORM), so the grouping and ordering rules are unit
 * tested; the repository only runs SQL.
 *
 * Rows are tuples (pg's rowMode 'array'): on 100,000 actions, building one object per row is a
 * measurable part of the recompute.
 *
 * The database hands over only what the policy can read, which keeps a full recompute of 100,000
 * actions inside its time budget:
 * - of the milestones, only open ones that a rule can fire on: those past their due date at the
 *   reporting date, and all open ones of a complete or embedded action ("milestone still open").
 *   No rule reads a completed milestone or, for an action still in progress, one not yet due.
 *   (A large plan has most of its milestones in one of those two groups: this is the bulk of the
 *   saving.)
 * - of the evidence, the newest (the rejected-evidence rule reads only that) and the newest
 *   accepted (completion needs at least one accepted), in upload order;
 * - the newest progress update date; the active override.
 * rag-facts.spec.ts checks on generated plans that these reduced facts give exactly the colour
 * and reasons the full facts give; if the policy starts reading more, that test fails first.
 */

export type ActionFactRow = [
  id: string,
  reference: string,
  title: string,
  status: string,
  startDate: CalendarDate | null,
  dueDate: CalendarDate,
  progressPercent: number,
  lastUpdateDate: CalendarDate | null,
  /** The newest evidence not withdrawn (by upload time): its state and London upload day. */
  newestEvidenceState: string | null,
  newestEvidenceOn: CalendarDate | null,
  /** The newest accepted evidence not withdrawn (null when none, or when it is the newest). */
  acceptedEvidenceOn: CalendarDate | null,
  overrideColour: string | null,
  overrideReason: string | null,
  overrideExpiresOn: CalendarDate | null,
  /** The override in force (null when none). */
  overrideId: string | null,
  /**
   * The action's stored (current) colour, its date, policy version and override flag, as read with
   * the facts: only a hint that the result may already be stored (see ComputedRag.same).
   */
  storedColour?: string | null,
  storedAsOf?: CalendarDate | null,
  storedPolicyVersion?: number | null,
  storedOverridden?: boolean,
  /** The action's facts version (action.facts_version), written beside the result it gives. */
  factsVersion?: number | null,
  /**
   * The stored result is already this run's (see actionFactsSql): the row carries only its id, the
   * stored colour and this flag, every other column NULL, and is counted, not evaluated.
   */
  settled?: boolean | null,
];

/** An open milestone a rule can fire on (see above). */
export type MilestoneFactRow = [actionId: string, title: string, dueDate: CalendarDate, sortOrder: number];

export interface FactRows {
  actions: ActionFactRow[];
  milestones: MilestoneFactRow[];
}

export interface ActionFacts {
  actionId: string;
  facts: RagActionFacts;
  /** The override in the facts, by id (stored beside the colour so readers can say who set it). */
  overrideId: string | null;
  /** The stored colour when the facts were read (absent when the read did not include it). */
  stored?: { colour: string | null; asOf: CalendarDate | null; policyVersion: number | null; overridden: boolean };
  /** The facts version read with the facts (absent when the read did not include it). */
  factsVersion?: number;
}

interface MilestoneWithOrder extends RagMilestoneFacts {
  sortOrder: number;
}

/**
 * Plan order: the owner's sort order, then due date, then title. Two milestones equal in all three
 * give the same reason text, so the reasons never depend on the order the database scanned them.
 */
function byPlanOrder(a: MilestoneWithOrder, b: MilestoneWithOrder): number {
  return (
    a.sortOrder - b.sortOrder ||
    (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : 0) ||
    (a.title < b.title ? -1 : a.title > b.title ? 1 : 0)
  );
}

/** Oldest first, as the policy expects (on the same day, the later in the list is the newer). */
function evidenceOf(row: ActionFactRow): RagEvidenceFacts[] {
  const [, , , , , , , , newestState, newestOn, acceptedOn] = row;
  if (newestState === null || newestOn === null) return [];
  const newest: RagEvidenceFacts = { state: newestState as EvidenceReviewState, submittedOn: newestOn };
  return acceptedOn === null || newestState === 'accepted' ? [newest] : [{ state: 'accepted', submittedOn: acceptedOn }, newest];
}

/** The rows of settled actions (see ActionFactRow.settled): their stored colours counted into `into`; returns how many. */
export function countSettled(rows: readonly ActionFactRow[], into: RagCounts): number {
  let settled = 0;
  for (const row of rows) {
    if (row[20] !== true) continue;
    const colour = row[15] as RagColour | null | undefined;
    if (!colour || !(colour in into)) throw new Error(`a settled action has no stored colour (${String(colour)})`);
    into[colour] += 1;
    settled += 1;
  }
  return settled;
}

/**
 * The policy's facts for each action, milestones grouped under their actions in plan order.
 * Settled actions (countSettled) are left out: there is nothing to evaluate.
 */
export function assembleFacts(rows: FactRows): ActionFacts[] {
  const byId = new Map<string, RagActionFacts>();
  const result: ActionFacts[] = [];
  for (const row of rows.actions) {
    if (row[20] === true) continue;
    const [id, reference, title, status, startDate, dueDate, progressPercent, lastUpdateDate] = row;
    const [overrideColour, overrideReason, overrideExpiresOn] = [row[11], row[12], row[13]];
    const facts: RagActionFacts = {
      reference,
      title,
      status: status as ActionStatus,
      startDate,
      dueDate,
      progressPercent,
      lastUpdateDate,
      milestones: [],
      evidence: evidenceOf(row),
      override:
        overrideColour !== null && overrideReason !== null && overrideExpiresOn !== null
          ? { colour: overrideColour as RagColour, reason: overrideReason, expiresOn: overrideExpiresOn }
          : null,
    };
    byId.set(id, facts);
    const entry: ActionFacts = { actionId: id, facts, overrideId: facts.override ? row[14] : null };
    if (row.length > 15) {
      entry.stored = { colour: row[15] ?? null, asOf: row[16] ?? null, policyVersion: row[17] ?? null, overridden: row[18] ?? false };
      if (typeof row[19] === 'number') entry.factsVersion = row[19];
    }
    result.push(entry);
  }
  for (const [actionId, title, dueDate, sortOrder] of rows.milestones) {
    const milestone: MilestoneWithOrder = { title, dueDate, completedOn: null, sortOrder };
    byId.get(actionId)?.milestones.push(milestone);
  }
  for (const { facts } of result) {
    if (facts.milestones.length > 1) (facts.milestones as MilestoneWithOrder[]).sort(byPlanOrder);
  }
  return result;
}

/**
 * One action's computed RAG, as written to the action and to its snapshot. When an override set
 * the colour, the rules' own answer is kept beside it (never hidden), with the override's id.
 * Absent rather than null otherwise, so the JSON document stays small.
 */
export interface ComputedRag {
  actionId: string;
  colour: RagColour;
  reasons: RagReason[];
  overridden: boolean;
  computedColour?: RagColour;
  computedReasons?: RagReason[];
  overrideId?: string;
  /**
   * A hint for the writer: the stored colour, override flag, date and policy version already are
   * these (read with the facts). The writer checks the whole stored result (reasons included)
   * before it leaves the row alone, and only probes the rows hinted (or not) for each path.
   */
  same?: true;
  /** The facts version the result was computed from (written as the action's rag_facts_version). */
  factsVersion?: number;
}

/**
 * The policy applied to every action (the caller slices large sets so the event loop breathes).
 * With `policyVersion` (the version these results are written with), each result whose action's
 * stored colour, override flag, date and policy version already match is marked `same`.
 */
export function evaluateAll(actions: readonly ActionFacts[], asOf: CalendarDate, policy: RagPolicySettings, policyVersion?: number): ComputedRag[] {
  return actions.map(({ actionId, facts, overrideId, stored, factsVersion }) => {
    const result = evaluateRag(facts, asOf, policy);
    const computed: ComputedRag =
      !result.overridden || !result.computed
        ? { actionId, colour: result.colour, reasons: result.reasons, overridden: result.overridden }
        : {
            actionId,
            colour: result.colour,
            reasons: result.reasons,
            overridden: true,
            computedColour: result.computed.colour,
            computedReasons: result.computed.reasons,
            ...(overrideId ? { overrideId } : {}),
          };
    if (factsVersion !== undefined) computed.factsVersion = factsVersion;
    if (
      policyVersion !== undefined &&
      stored &&
      stored.colour === computed.colour &&
      stored.overridden === computed.overridden &&
      stored.asOf === asOf &&
      stored.policyVersion === policyVersion
    ) {
      computed.same = true;
    }
    return computed;
  });
}

export function countColours(results: readonly { colour: RagColour }[], into: RagCounts = emptyCounts(RAG_WORST_FIRST)): RagCounts {
  for (const r of results) into[r.colour] += 1;
  return into;
}

/**
 * The JSON document one write statement reads with json_to_recordset, ids in ascending order so
 * concurrent writers lock action rows in the same order (no deadlocks). Streamed chunks arrive in
 * id order already, so usually nothing is copied or sorted.
 */
export function toWriteDocument(results: readonly ComputedRag[]): string {
  let sorted = true;
  for (let i = 1; i < results.length && sorted; i++) sorted = results[i - 1].actionId < results[i].actionId;
  return JSON.stringify(sorted ? results : [...results].sort((a, b) => (a.actionId < b.actionId ? -1 : a.actionId > b.actionId ? 1 : 0)));
}
