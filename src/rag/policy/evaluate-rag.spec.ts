import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { addDays, type CalendarDate } from '../../common/dates/calendar-date';
import { evaluateRag } from './evaluate-rag';
import {
  DEFAULT_RAG_POLICY,
  type RagActionFacts,
  type RagEvidenceFacts,
  type RagMilestoneFacts,
  type RagPolicySettings,
  type RagReasonCode,
} from './rag-policy.types';

const AS_OF = '2026-04-01';

/** An in-progress action, updated on AS_OF, due well after it: Green under the default policy. */
function action(overrides: Partial<RagActionFacts> = {}): RagActionFacts {
  return {
    reference: 'A2.3',
    title: 'Audit of supervision in the front door',
    status: 'in_progress',
    startDate: '2026-01-05',
    dueDate: '2030-03-31',
    progressPercent: 40,
    lastUpdateDate: AS_OF,
    milestones: [],
    evidence: [],
    override: null,
    ...overrides,
  };
}

function policy(
  overrides: Partial<Omit<RagPolicySettings, 'rules'>> & { rules?: Partial<RagPolicySettings['rules']> } = {},
): RagPolicySettings {
  return {
    ...DEFAULT_RAG_POLICY,
    ...overrides,
    rules: { ...DEFAULT_RAG_POLICY.rules, ...overrides.rules },
  };
}

const withProgressRule = policy({ rules: { progressAgainstTime: true } });

function milestone(dueDate: CalendarDate, completedOn: CalendarDate | null = null, title = 'Audit complete'): RagMilestoneFacts {
  return { title, dueDate, completedOn };
}

function evidence(state: RagEvidenceFacts['state'], submittedOn: CalendarDate): RagEvidenceFacts {
  return { state, submittedOn };
}

function codesOf(facts: RagActionFacts, asOf: CalendarDate = AS_OF, settings: RagPolicySettings = DEFAULT_RAG_POLICY) {
  return evaluateRag(facts, asOf, settings).reasons.map((r) => r.code);
}

describe('evaluateRag', () => {
  it('is Green "on track" for an action with nothing wrong', () => {
    expect(evaluateRag(action(), AS_OF, DEFAULT_RAG_POLICY)).toEqual({
      colour: 'green',
      reasons: [{ code: 'on_track', colour: 'green', text: 'on track' }],
      overridden: false,
    });
  });

  describe('1. an active override sets the colour and stops', () => {
    const override = { colour: 'amber' as const, reason: 'partner data delayed, agreed by the board', expiresOn: '2026-04-30' };

    it.each([
      ['well before expiry', action({ override }), '2026-04-01', 'amber', true],
      ['on its expiry date', action({ override }), '2026-04-30', 'amber', true],
      ['the day after expiry', action({ override }), '2026-05-01', 'green', false],
      ['over a blocked, overdue action', action({ override, status: 'blocked', dueDate: '2026-03-01' }), AS_OF, 'amber', true],
      ['over a complete and evidenced action', action({ override, status: 'complete', evidence: [evidence('accepted', '2026-03-01')] }), AS_OF, 'amber', true],
      ['after expiry, the computed colour comes back', action({ override, status: 'blocked' }), '2026-05-01', 'red', false],
    ])('%s', (_case, facts, asOf, colour, overridden) => {
      const result = evaluateRag({ ...facts, lastUpdateDate: asOf }, asOf, DEFAULT_RAG_POLICY);
      expect(result.colour).toBe(colour);
      expect(result.overridden).toBe(overridden);
      if (overridden) {
        expect(result.reasons).toEqual([
          { code: 'override', colour: 'amber', text: 'Override: partner data delayed, agreed by the board (until 30 April 2026)' },
        ]);
      } else {
        expect(result.reasons.map((r) => r.code)).not.toContain('override');
      }
    });

    it.each(['red', 'amber', 'green', 'blue', 'grey'] as const)('can set %s', (colour) => {
      const facts = action({ override: { colour, reason: 'board decision', expiresOn: '2026-06-30' } });
      expect(evaluateRag(facts, AS_OF, DEFAULT_RAG_POLICY).colour).toBe(colour);
    });
  });

  describe('2. complete or embedded: Blue only when evidenced with every milestone closed, and stops', () => {
    const accepted = evidence('accepted', '2026-03-20');

    it.each<[string, Partial<RagActionFacts>, string, RagReasonCode[], string[]]>([
      ['complete, milestones closed, evidence accepted', { status: 'complete', milestones: [milestone('2026-03-01', '2026-02-27')], evidence: [accepted] }, 'blue', ['complete_blue'], ['complete and evidenced']],
      ['embedded, evidence accepted, no milestones', { status: 'embedded', evidence: [accepted] }, 'blue', ['complete_blue'], ['complete and evidenced']],
      ['complete, past its due date, evidenced (overdue not checked)', { status: 'complete', dueDate: '2026-01-31', evidence: [accepted] }, 'blue', ['complete_blue'], ['complete and evidenced']],
      ['complete with no evidence', { status: 'complete' }, 'amber', ['complete_awaiting_evidence'], ['complete, awaiting evidence']],
      ['complete with evidence only submitted', { status: 'complete', evidence: [evidence('submitted', '2026-03-30')] }, 'amber', ['complete_awaiting_evidence'], ['complete, awaiting evidence']],
      ['complete with evidence only rejected', { status: 'complete', evidence: [evidence('rejected', '2026-03-30')] }, 'amber', ['complete_awaiting_evidence'], ['complete, awaiting evidence']],
      ['embedded with a milestone open', { status: 'embedded', evidence: [accepted], milestones: [milestone('2026-03-01')] }, 'amber', ['complete_milestone_open'], ["milestone 'Audit complete' still open"]],
      [
        'complete, no evidence and two milestones open (one long overdue: the overdue rule is not checked)',
        { status: 'complete', milestones: [milestone('2025-12-01'), milestone('2026-03-01', '2026-03-01', 'Policy signed off'), milestone('2026-06-01', null, 'Staff briefed')] },
        'amber',
        ['complete_awaiting_evidence', 'complete_milestone_open', 'complete_milestone_open'],
        ['complete, awaiting evidence', "milestone 'Audit complete' still open", "milestone 'Staff briefed' still open"],
      ],
    ])('%s', (_case, overrides, colour, codes, texts) => {
      const result = evaluateRag(action(overrides), AS_OF, DEFAULT_RAG_POLICY);
      expect(result.colour).toBe(colour);
      expect(result.reasons.map((r) => r.code)).toEqual(codes);
      expect(result.reasons.map((r) => r.text)).toEqual(texts);
      expect(result.overridden).toBe(false);
    });
  });

  describe('3. past its due date is Red', () => {
    it.each([
      ['due in the future', '2026-04-02', AS_OF, 'green', null],
      ['due today', AS_OF, AS_OF, 'green', null],
      ['due yesterday', '2026-03-31', AS_OF, 'red', 'overdue by 1 day'],
      ['due two days ago', '2026-03-30', AS_OF, 'red', 'overdue by 2 days'],
      ['due before the clocks went forward', '2026-03-28', '2026-03-30', 'red', 'overdue by 2 days'],
      ['due before the clocks went back', '2026-10-24', '2026-10-26', 'red', 'overdue by 2 days'],
      ['due on 28 February 2028, across the leap day', '2028-02-28', '2028-03-01', 'red', 'overdue by 2 days'],
    ])('%s (due %s, as of %s)', (_case, dueDate, asOf, colour, text) => {
      const result = evaluateRag(action({ dueDate, lastUpdateDate: asOf }), asOf, DEFAULT_RAG_POLICY);
      expect(result.colour).toBe(colour);
      expect(result.reasons.filter((r) => r.code === 'overdue').map((r) => r.text)).toEqual(text ? [text] : []);
    });
  });

  describe('3. an open milestone past its due date: Amber from 1 day, Red beyond redAfterDays', () => {
    it.each([
      ['due today', '2026-04-01', AS_OF, 'green', null],
      ['1 day overdue', '2026-03-31', AS_OF, 'amber', "milestone 'Audit complete' overdue by 1 day"],
      ['28 days overdue (not more than 28)', '2026-03-04', AS_OF, 'amber', "milestone 'Audit complete' overdue by 28 days"],
      ['29 days overdue', '2026-03-03', AS_OF, 'red', "milestone 'Audit complete' overdue by 29 days"],
      ['31 days overdue', '2026-03-01', AS_OF, 'red', "milestone 'Audit complete' overdue by 31 days"],
      // Across the clocks going forward on 29 March 2026 and back on 25 October 2026.
      ['28 days overdue on the spring clocks-change day', '2026-03-01', '2026-03-29', 'amber', "milestone 'Audit complete' overdue by 28 days"],
      ['29 days overdue the day after the spring change', '2026-03-01', '2026-03-30', 'red', "milestone 'Audit complete' overdue by 29 days"],
      ['28 days overdue on the autumn clocks-change day', '2026-09-27', '2026-10-25', 'amber', "milestone 'Audit complete' overdue by 28 days"],
      ['29 days overdue the day after the autumn change', '2026-09-27', '2026-10-26', 'red', "milestone 'Audit complete' overdue by 29 days"],
      // February 2028 has 29 days.
      ['28 days overdue on the leap day', '2028-02-01', '2028-02-29', 'amber', "milestone 'Audit complete' overdue by 28 days"],
      ['29 days overdue on 1 March 2028', '2028-02-01', '2028-03-01', 'red', "milestone 'Audit complete' overdue by 29 days"],
      ['2 days overdue from 28 February to 1 March 2028', '2028-02-28', '2028-03-01', 'amber', "milestone 'Audit complete' overdue by 2 days"],
    ])('%s', (_case, milestoneDue, asOf, colour, text) => {
      const result = evaluateRag(action({ milestones: [milestone(milestoneDue)], lastUpdateDate: asOf }), asOf, DEFAULT_RAG_POLICY);
      expect(result.colour).toBe(colour);
      expect(result.reasons.map((r) => r.text)).toEqual(text ? [text] : ['on track']);
    });

    it.each([
      ['completed late', milestone('2026-02-01', '2026-03-15'), 'green'],
      ['completed on time', milestone('2026-02-01', '2026-01-30'), 'green'],
      ['open and long overdue', milestone('2026-02-01'), 'red'],
    ])('a milestone %s', (_case, m, colour) => {
      expect(evaluateRag(action({ milestones: [m] }), AS_OF, DEFAULT_RAG_POLICY).colour).toBe(colour);
    });

    it.each([
      [10, '2026-03-22', 'milestone_overdue_amber'], // 10 days
      [10, '2026-03-21', 'milestone_overdue_red'], // 11 days
      [1, '2026-03-31', 'milestone_overdue_amber'], // 1 day: never Red at 1 day
      [1, '2026-03-30', 'milestone_overdue_red'], // 2 days
    ])('with redAfterDays %i, a milestone due %s gives %s', (redAfterDays, due, code) => {
      expect(codesOf(action({ milestones: [milestone(due)] }), AS_OF, policy({ redAfterDays }))).toEqual([code]);
    });

    it('lists each overdue milestone and the worst colour wins', () => {
      const result = evaluateRag(
        action({ milestones: [milestone('2026-03-25', null, 'Policy signed off'), milestone('2026-02-01', null, 'Audit complete'), milestone('2026-05-01', null, 'Staff briefed')] }),
        AS_OF,
        DEFAULT_RAG_POLICY,
      );
      expect(result.colour).toBe('red');
      expect(result.reasons).toEqual([
        { code: 'milestone_overdue_amber', colour: 'amber', text: "milestone 'Policy signed off' overdue by 7 days" },
        { code: 'milestone_overdue_red', colour: 'red', text: "milestone 'Audit complete' overdue by 59 days" },
      ]);
    });
  });

  describe('3. blocked is Red', () => {
    it.each([
      ['blocked', 'red', ['blocked']],
      ['in_progress', 'green', ['on_track']],
      ['not_started', 'green', ['on_track']],
    ] as const)('status %s', (status, colour, codes) => {
      const result = evaluateRag(action({ status }), AS_OF, DEFAULT_RAG_POLICY);
      expect(result.colour).toBe(colour);
      expect(result.reasons.map((r) => r.code)).toEqual(codes);
    });
  });

  describe('3. started with no progress update for more than staleAfterDays is Amber', () => {
    it.each<[string, Partial<RagActionFacts>, CalendarDate, string, string | null]>([
      ['last update 42 days ago', { lastUpdateDate: '2026-02-18' }, AS_OF, 'green', null],
      ['last update 43 days ago', { lastUpdateDate: '2026-02-17' }, AS_OF, 'amber', 'no progress update for 43 days'],
      ['no update, started 42 days ago', { lastUpdateDate: null, startDate: '2026-02-18' }, AS_OF, 'green', null],
      ['no update, started 43 days ago', { lastUpdateDate: null, startDate: '2026-02-17' }, AS_OF, 'amber', 'no progress update for 43 days'],
      ['no update and no start date: nothing to measure from', { lastUpdateDate: null, startDate: null }, AS_OF, 'green', null],
      ['still marked not started, start date long past', { status: 'not_started', lastUpdateDate: null, startDate: '2025-10-01' }, AS_OF, 'green', null],
      ['an old update but a newer start date: the update counts', { lastUpdateDate: '2026-01-01', startDate: '2026-03-25' }, AS_OF, 'amber', 'no progress update for 90 days'],
      // 15 February to 29 March 2026 is 42 days, across the clocks going forward.
      ['42 days across the spring clocks change', { lastUpdateDate: '2026-02-15' }, '2026-03-29', 'green', null],
      ['43 days across the spring clocks change', { lastUpdateDate: '2026-02-15' }, '2026-03-30', 'amber', 'no progress update for 43 days'],
      ['43 days across the autumn clocks change', { lastUpdateDate: '2026-09-13' }, '2026-10-26', 'amber', 'no progress update for 43 days'],
      ['43 days across the leap day', { lastUpdateDate: '2028-01-19' }, '2028-03-02', 'amber', 'no progress update for 43 days'],
    ])('%s', (_case, overrides, asOf, colour, text) => {
      const result = evaluateRag(action(overrides), asOf, DEFAULT_RAG_POLICY);
      expect(result.colour).toBe(colour);
      expect(result.reasons.filter((r) => r.code === 'stale').map((r) => r.text)).toEqual(text ? [text] : []);
    });

    it.each([
      [7, '2026-03-25', []],
      [7, '2026-03-24', ['stale']],
    ])('with staleAfterDays %i, last update %s', (staleAfterDays, lastUpdateDate, codes) => {
      expect(codesOf(action({ lastUpdateDate }), AS_OF, policy({ staleAfterDays }))).toEqual(codes.length ? codes : ['on_track']);
    });
  });

  describe('3. newest evidence rejected, nothing newer submitted, is Amber', () => {
    it.each<[string, RagEvidenceFacts[], boolean]>([
      ['no evidence', [], false],
      ['one piece, rejected', [evidence('rejected', '2026-03-10')], true],
      ['rejected, then resubmitted', [evidence('rejected', '2026-03-10'), evidence('submitted', '2026-03-20')], false],
      ['resubmitted, listed before the rejection (dates decide)', [evidence('submitted', '2026-03-20'), evidence('rejected', '2026-03-10')], false],
      ['rejected, then a new piece accepted', [evidence('rejected', '2026-03-10'), evidence('accepted', '2026-03-15')], false],
      ['accepted earlier, newest rejected', [evidence('accepted', '2026-03-01'), evidence('rejected', '2026-03-10')], true],
      ['rejected and resubmitted the same day (the later in the list is newer)', [evidence('rejected', '2026-03-10'), evidence('submitted', '2026-03-10')], false],
      ['submitted then rejected the same day (the later in the list is newer)', [evidence('submitted', '2026-03-10'), evidence('rejected', '2026-03-10')], true],
      ['only submitted, awaiting review', [evidence('submitted', '2026-03-10')], false],
    ])('%s', (_case, items, fires) => {
      const result = evaluateRag(action({ evidence: items }), AS_OF, DEFAULT_RAG_POLICY);
      expect(result.colour).toBe(fires ? 'amber' : 'green');
      expect(result.reasons.map((r) => r.text)).toEqual(fires ? ['latest evidence was rejected'] : ['on track']);
    });
  });

  describe('3. progress against time (where enabled)', () => {
    // A 100-day action, so days elapsed are the percent of time elapsed.
    const start = '2026-01-01';
    const due = addDays(start, 100);

    it.each<[string, number, number, RagPolicySettings, string, string | null]>([
      ['exactly 15 points behind', 60, 45, withProgressRule, 'green', null],
      ['16 points behind', 60, 44, withProgressRule, 'amber', 'progress 44% against 60% of time elapsed'],
      ['exactly 30 points behind', 60, 30, withProgressRule, 'amber', 'progress 30% against 60% of time elapsed'],
      ['31 points behind', 60, 29, withProgressRule, 'red', 'progress 29% against 60% of time elapsed'],
      ['ahead of time', 60, 80, withProgressRule, 'green', null],
      ['on the start date', 0, 0, withProgressRule, 'green', null],
      ['on the due date, finished work', 100, 100, withProgressRule, 'green', null],
      ['on the due date, 16 points short', 100, 84, withProgressRule, 'amber', 'progress 84% against 100% of time elapsed'],
      ['switched off (the default)', 60, 0, DEFAULT_RAG_POLICY, 'green', null],
      ['thresholds 5 and 10: exactly 10 behind', 60, 50, policy({ progressAmberPoints: 5, progressRedPoints: 10, rules: { progressAgainstTime: true } }), 'amber', 'progress 50% against 60% of time elapsed'],
      ['thresholds 5 and 10: 11 behind', 60, 49, policy({ progressAmberPoints: 5, progressRedPoints: 10, rules: { progressAgainstTime: true } }), 'red', 'progress 49% against 60% of time elapsed'],
      ['thresholds 5 and 10: exactly 5 behind', 60, 55, policy({ progressAmberPoints: 5, progressRedPoints: 10, rules: { progressAgainstTime: true } }), 'green', null],
    ])('%s (%i days of 100 elapsed, %i%% done)', (_case, elapsedDays, progressPercent, settings, colour, text) => {
      const asOf = addDays(start, elapsedDays);
      const result = evaluateRag(action({ startDate: start, dueDate: due, progressPercent, lastUpdateDate: asOf }), asOf, settings);
      expect(result.colour).toBe(colour);
      expect(result.reasons.filter((r) => r.code.startsWith('behind_time')).map((r) => r.text)).toEqual(text ? [text] : []);
    });

    it.each<[string, Partial<RagActionFacts>, CalendarDate, RagReasonCode[]]>([
      ['past the due date the time share stops at 100%', { startDate: start, dueDate: due, progressPercent: 90 }, addDays(start, 120), ['overdue']],
      ['past the due date and well short', { startDate: start, dueDate: due, progressPercent: 50 }, addDays(start, 120), ['overdue', 'behind_time_red']],
      ['before the start date nothing has elapsed', { startDate: start, dueDate: due, progressPercent: 0, status: 'not_started' }, addDays(start, -5), ['not_started_yet']],
      ['no start date: the rule cannot apply', { startDate: null, dueDate: due, progressPercent: 0 }, addDays(start, 90), ['on_track']],
      ['still marked not started half way through', { startDate: start, dueDate: due, progressPercent: 0, status: 'not_started' }, addDays(start, 50), ['behind_time_red']],
      // 1 of 3 days is 33.3%, shown and compared as 33%: 17% done is 16 points behind.
      ['a share rounded to a whole percent', { startDate: '2026-03-02', dueDate: '2026-03-05', progressPercent: 17 }, '2026-03-03', ['behind_time_amber']],
      ['a share rounded to a whole percent, 15 points behind', { startDate: '2026-03-02', dueDate: '2026-03-05', progressPercent: 18 }, '2026-03-03', ['on_track']],
      ['a one-day action on its day', { startDate: '2026-03-03', dueDate: '2026-03-03', progressPercent: 50 }, '2026-03-03', ['behind_time_red']],
      // 1 March to 1 November 2026 is 245 whole days, whatever the clocks do; 122 of them is 50%.
      ['a span across both clocks changes', { startDate: '2026-03-01', dueDate: '2026-11-01', progressPercent: 34 }, '2026-07-01', ['behind_time_amber']],
      ['a span across both clocks changes, 15 points behind', { startDate: '2026-03-01', dueDate: '2026-11-01', progressPercent: 35 }, '2026-07-01', ['on_track']],
    ])('%s', (_case, overrides, asOf, codes) => {
      expect(codesOf(action({ ...overrides, lastUpdateDate: asOf }), asOf, withProgressRule)).toEqual(codes);
    });
  });

  describe('3. each rule can be switched off', () => {
    const triggers: [keyof RagPolicySettings['rules'], Partial<RagActionFacts>, RagReasonCode][] = [
      ['overdueAction', { dueDate: '2026-03-01' }, 'overdue'],
      ['overdueMilestones', { milestones: [milestone('2026-03-20')] }, 'milestone_overdue_amber'],
      ['blocked', { status: 'blocked' }, 'blocked'],
      ['staleUpdates', { lastUpdateDate: '2026-01-01' }, 'stale'],
      ['rejectedEvidence', { evidence: [evidence('rejected', '2026-03-30')] }, 'evidence_rejected'],
      ['progressAgainstTime', { startDate: '2026-01-01', dueDate: '2026-05-01', progressPercent: 0 }, 'behind_time_red'],
    ];

    it.each(triggers)('%s: on it fires, off it does not', (rule, overrides, code) => {
      const on = policy({ rules: { [rule]: true } });
      const off = policy({ rules: { [rule]: false } });
      // progressAgainstTime also sees the other facts; keep to the one rule under test.
      const onlyThisRule = policy({
        rules: { overdueAction: false, overdueMilestones: false, blocked: false, staleUpdates: false, rejectedEvidence: false, progressAgainstTime: false, [rule]: true },
      });
      expect(codesOf(action(overrides), AS_OF, on)).toContain(code);
      expect(codesOf(action(overrides), AS_OF, onlyThisRule)).toEqual([code]);
      expect(codesOf(action(overrides), AS_OF, off)).not.toContain(code);
    });

    it('with every rule off, an overdue blocked action is Green', () => {
      const allOff = policy({
        rules: { overdueAction: false, overdueMilestones: false, blocked: false, staleUpdates: false, rejectedEvidence: false, progressAgainstTime: false },
      });
      expect(codesOf(action({ status: 'blocked', dueDate: '2026-03-01' }), AS_OF, allOff)).toEqual(['on_track']);
    });
  });

  describe('3. worst wins, and every rule that fired is a reason', () => {
    it.each<[string, Partial<RagActionFacts>, RagPolicySettings, string, RagReasonCode[]]>([
      [
        'every rule fires',
        {
          status: 'blocked',
          dueDate: '2026-03-25',
          startDate: '2026-01-01',
          progressPercent: 10,
          lastUpdateDate: '2026-01-15',
          milestones: [milestone('2026-02-01', null, 'Audit complete'), milestone('2026-03-20', null, 'Staff briefed')],
          evidence: [evidence('accepted', '2026-01-20'), evidence('rejected', '2026-02-10')],
        },
        withProgressRule,
        'red',
        ['overdue', 'milestone_overdue_red', 'milestone_overdue_amber', 'blocked', 'stale', 'evidence_rejected', 'behind_time_red'],
      ],
      [
        'only Amber rules fire',
        { lastUpdateDate: '2026-02-01', milestones: [milestone('2026-03-25')], evidence: [evidence('rejected', '2026-03-01')] },
        DEFAULT_RAG_POLICY,
        'amber',
        ['milestone_overdue_amber', 'stale', 'evidence_rejected'],
      ],
      ['one Red among Ambers', { status: 'blocked', lastUpdateDate: '2026-02-01' }, DEFAULT_RAG_POLICY, 'red', ['blocked', 'stale']],
      ['Red from the action, Amber from a milestone', { dueDate: '2026-03-31', milestones: [milestone('2026-03-30')] }, DEFAULT_RAG_POLICY, 'red', ['overdue', 'milestone_overdue_amber']],
    ])('%s', (_case, overrides, settings, colour, codes) => {
      const result = evaluateRag(action(overrides), AS_OF, settings);
      expect(result.colour).toBe(colour);
      expect(result.reasons.map((r) => r.code)).toEqual(codes);
      expect(result.overridden).toBe(false);
    });

    it('words each reason for the board', () => {
      const result = evaluateRag(
        action({ status: 'blocked', dueDate: '2026-03-02', lastUpdateDate: '2026-02-01', milestones: [milestone('2026-03-01')] }),
        AS_OF,
        DEFAULT_RAG_POLICY,
      );
      expect(result.reasons).toEqual([
        { code: 'overdue', colour: 'red', text: 'overdue by 30 days' },
        { code: 'milestone_overdue_red', colour: 'red', text: "milestone 'Audit complete' overdue by 31 days" },
        { code: 'blocked', colour: 'red', text: 'blocked' },
        { code: 'stale', colour: 'amber', text: 'no progress update for 59 days' },
      ]);
    });
  });

  describe('4. nothing fired: Grey before a not-started action is due to start, else Green', () => {
    it.each<[string, Partial<RagActionFacts>, string, RagReasonCode, string]>([
      ['not started, starts tomorrow', { status: 'not_started', startDate: '2026-04-02', lastUpdateDate: null }, 'grey', 'not_started_yet', 'not started, nothing due'],
      ['not started, starts in a year', { status: 'not_started', startDate: '2027-04-01', lastUpdateDate: null }, 'grey', 'not_started_yet', 'not started, nothing due'],
      ['not started, starts today', { status: 'not_started', startDate: AS_OF, lastUpdateDate: null }, 'green', 'on_track', 'on track'],
      ['not started, no start date', { status: 'not_started', startDate: null, lastUpdateDate: null }, 'green', 'on_track', 'on track'],
      ['in progress ahead of its start date', { status: 'in_progress', startDate: '2026-05-01' }, 'green', 'on_track', 'on track'],
      ['in progress since its start date', { status: 'in_progress', startDate: '2026-03-01' }, 'green', 'on_track', 'on track'],
      ['not started yet, but a milestone already overdue', { status: 'not_started', startDate: '2026-05-01', milestones: [milestone('2026-03-31')] }, 'amber', 'milestone_overdue_amber', "milestone 'Audit complete' overdue by 1 day"],
    ])('%s', (_case, overrides, colour, code, text) => {
      const result = evaluateRag(action(overrides), AS_OF, DEFAULT_RAG_POLICY);
      expect(result).toEqual({ colour, reasons: [{ code, colour, text }], overridden: false });
    });
  });

  it('does not change the facts or the policy it is given', () => {
    const facts = action({ status: 'blocked', milestones: [milestone('2026-02-01')], evidence: [evidence('rejected', '2026-03-01')] });
    const settings = policy();
    const before = JSON.stringify({ facts, settings });
    evaluateRag(facts, AS_OF, settings);
    expect(JSON.stringify({ facts, settings })).toBe(before);
  });
});

describe('the RAG policy stays framework-free', () => {
  const folders = [__dirname, join(__dirname, '../../common/dates')];
  const sources = folders.flatMap((folder) =>
    readdirSync(folder)
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'))
      .map((file) => join(folder, file)),
  );

  it.each(sources)('%s imports nothing from Nest or TypeORM', (file) => {
    const imports = [...readFileSync(file, 'utf8').matchAll(/(?:from|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
    expect(imports.filter((name) => /^(@nestjs\/|typeorm)/.test(name))).toEqual([]);
  });
});
