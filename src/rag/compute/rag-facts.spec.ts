import { addDays } from '../../common/dates/calendar-date';
import { DEFAULT_RAG_POLICY, type RagActionFacts, type RagEvidenceFacts, type RagMilestoneFacts, type RagPolicySettings } from '../policy/rag-policy.types';
import { evaluateRag } from '../policy/evaluate-rag';
import { assembleFacts, countColours, countSettled, evaluateAll, toWriteDocument, type ActionFactRow, type ComputedRag, type MilestoneFactRow } from './rag-facts';
import type { RagColour } from '../../vocabulary/rag-colour';
import { seededRandom } from '../../common/testing/seeded-random.testing';

const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function actionRow(id: string, patch: Partial<Record<number, unknown>> = {}): ActionFactRow {
  const row: ActionFactRow = [id, 'A1', 'Audit', 'in_progress', '2026-01-05', '2026-12-31', 40, '2026-11-20', null, null, null, null, null, null, null];
  for (const [i, v] of Object.entries(patch)) (row as unknown[])[Number(i)] = v;
  return row;
}

describe('assembleFacts', () => {
  it('maps an action row to the policy facts', () => {
    const [a] = assembleFacts({ actions: [actionRow(ID(1))], milestones: [] });
    expect(a).toEqual({
      actionId: ID(1),
      facts: {
        reference: 'A1',
        title: 'Audit',
        status: 'in_progress',
        startDate: '2026-01-05',
        dueDate: '2026-12-31',
        progressPercent: 40,
        lastUpdateDate: '2026-11-20',
        milestones: [],
        evidence: [],
        override: null,
      },
      overrideId: null,
    });
  });

  it('puts each milestone under its action, in plan order (sort order, due date, title), and ignores strays', () => {
    const milestones: MilestoneFactRow[] = [
      [ID(2), 'Second', '2026-10-01', 2],
      [ID(1), 'Late', '2026-11-01', 1],
      [ID(1), 'B early', '2026-10-01', 1],
      [ID(1), 'A early', '2026-10-01', 1],
      [ID(1), 'First', '2026-12-01', 0],
      [ID(9), 'Of no action here', '2026-10-01', 0],
    ];
    const facts = assembleFacts({ actions: [actionRow(ID(1)), actionRow(ID(2))], milestones });
    expect(facts[0].facts.milestones.map((m) => m.title)).toEqual(['First', 'A early', 'B early', 'Late']);
    expect(facts[0].facts.milestones.every((m) => m.completedOn === null)).toBe(true);
    expect(facts[1].facts.milestones.map((m) => m.title)).toEqual(['Second']);
  });

  it('gives the evidence as the policy reads it: the newest last, preceded by the newest accepted when that is older', () => {
    const rows = [
      actionRow(ID(1)),
      actionRow(ID(2), { 8: 'accepted', 9: '2026-11-10', 10: '2026-11-10' }),
      actionRow(ID(3), { 8: 'rejected', 9: '2026-11-12', 10: '2026-11-01' }),
      actionRow(ID(4), { 8: 'submitted', 9: '2026-11-12', 10: null }),
    ];
    const evidence = assembleFacts({ actions: rows, milestones: [] }).map((a) => a.facts.evidence);
    expect(evidence).toEqual([
      [],
      [{ state: 'accepted', submittedOn: '2026-11-10' }],
      [
        { state: 'accepted', submittedOn: '2026-11-01' },
        { state: 'rejected', submittedOn: '2026-11-12' },
      ],
      [{ state: 'submitted', submittedOn: '2026-11-12' }],
    ]);
  });

  it('carries the active override', () => {
    const [a] = assembleFacts({ actions: [actionRow(ID(1), { 11: 'amber', 12: 'Recovery plan agreed', 13: '2026-12-15' })], milestones: [] });
    expect(a.facts.override).toEqual({ colour: 'amber', reason: 'Recovery plan agreed', expiresOn: '2026-12-15' });
  });
});

describe('toWriteDocument', () => {
  const result = (id: string, colour: RagColour): ComputedRag => ({ actionId: id, colour, reasons: [{ code: 'on_track', colour, text: 'on track' }], overridden: false });

  it('is the results as JSON in ascending id order (so concurrent writers lock rows in one order)', () => {
    const doc = JSON.parse(toWriteDocument([result(ID(3), 'red'), result(ID(1), 'green'), result(ID(2), 'amber')]));
    expect(doc.map((r: ComputedRag) => r.actionId)).toEqual([ID(1), ID(2), ID(3)]);
    expect(doc[0]).toEqual({ actionId: ID(1), colour: 'green', reasons: [{ code: 'on_track', colour: 'green', text: 'on track' }], overridden: false });
  });

  it('keeps already sorted results as they are', () => {
    const sorted = [result(ID(1), 'green'), result(ID(2), 'red')];
    expect(toWriteDocument(sorted)).toBe(JSON.stringify(sorted));
  });
});

describe('countColours', () => {
  it('counts each colour, adding to a running count', () => {
    const running = countColours([{ colour: 'red' }, { colour: 'red' }, { colour: 'blue' }]);
    expect(countColours([{ colour: 'grey' }], running)).toEqual({ red: 2, amber: 0, green: 0, grey: 1, blue: 1 });
  });
});

/**
 * The database hands the policy reduced facts (see rag-facts.ts): only the open milestones a rule
 * can fire on, and only the newest and newest accepted evidence. On generated plans, the reduced
 * facts must give exactly the colour and reasons the full facts give, under any policy settings.
 * If the policy starts reading something the loader leaves out, this fails.
 */
describe('the reduced facts the loader reads give the same RAG as the full facts', () => {
  const asOf = '2026-11-23';
  const STATUSES = ['not_started', 'in_progress', 'blocked', 'complete', 'embedded'] as const;
  const STATES = ['submitted', 'accepted', 'rejected'] as const;
  const COLOURS: RagColour[] = ['red', 'amber', 'green', 'blue', 'grey'];

  function plan(rnd: () => number, n: number): RagActionFacts {
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
    const day = (from: number, to: number) => addDays(asOf, from + Math.floor(rnd() * (to - from + 1)));
    const milestones: RagMilestoneFacts[] = Array.from({ length: Math.floor(rnd() * 6) }, (_, k) => ({
      title: `Milestone ${k}`,
      dueDate: day(-90, 60),
      completedOn: rnd() < 0.4 ? day(-90, 0) : null,
    }));
    // Upload order, oldest first, dates never going backwards (as the database gives them).
    const evidence: RagEvidenceFacts[] = [];
    let uploaded = -120;
    for (let k = Math.floor(rnd() * 5); k > 0; k--) {
      uploaded += Math.floor(rnd() * 20);
      evidence.push({ state: pick(STATES), submittedOn: addDays(asOf, Math.min(uploaded, 0)) });
    }
    return {
      reference: `A${n}`,
      title: `Action ${n}`,
      status: pick(STATUSES),
      startDate: rnd() < 0.1 ? null : day(-200, 30),
      dueDate: day(-30, 200),
      progressPercent: Math.floor(rnd() * 101),
      lastUpdateDate: rnd() < 0.2 ? null : day(-90, 0),
      milestones,
      evidence,
      override: rnd() < 0.1 ? { colour: pick(COLOURS), reason: 'Agreed at board', expiresOn: day(-5, 30) } : null,
    };
  }

  /** What the two fact queries return for this action, turned back into facts by assembleFacts. */
  function asLoaded(full: RagActionFacts): RagActionFacts {
    const complete = full.status === 'complete' || full.status === 'embedded';
    const milestones: MilestoneFactRow[] = full.milestones
      .map((m, sortOrder) => ({ m, sortOrder }))
      .filter(({ m }) => m.completedOn === null && (m.dueDate < asOf || complete))
      .map(({ m, sortOrder }) => [ID(1), m.title, m.dueDate, sortOrder]);
    const newest = full.evidence[full.evidence.length - 1];
    const accepted = [...full.evidence].reverse().find((e) => e.state === 'accepted');
    const activeOverride = full.override && full.override.expiresOn >= asOf ? full.override : null;
    const row: ActionFactRow = [
      ID(1),
      full.reference,
      full.title,
      full.status,
      full.startDate,
      full.dueDate,
      full.progressPercent,
      full.lastUpdateDate,
      newest?.state ?? null,
      newest?.submittedOn ?? null,
      accepted?.submittedOn ?? null,
      activeOverride?.colour ?? null,
      activeOverride?.reason ?? null,
      activeOverride?.expiresOn ?? null,
      activeOverride ? ID(9) : null,
    ];
    return assembleFacts({ actions: [row], milestones })[0].facts;
  }

  function policy(rnd: () => number): RagPolicySettings {
    const amber = 1 + Math.floor(rnd() * 40);
    return {
      redAfterDays: 1 + Math.floor(rnd() * 60),
      staleAfterDays: 1 + Math.floor(rnd() * 90),
      rules: {
        overdueAction: rnd() < 0.8,
        overdueMilestones: rnd() < 0.8,
        blocked: rnd() < 0.8,
        staleUpdates: rnd() < 0.8,
        rejectedEvidence: rnd() < 0.8,
        progressAgainstTime: rnd() < 0.5,
      },
      progressAmberPoints: amber,
      progressRedPoints: amber + 1 + Math.floor(rnd() * 40),
    };
  }

  it.each([1, 2, 3, 4, 5])('on 2,000 generated actions (seed %i)', (seed) => {
    const rnd = seededRandom(seed);
    const settings = seed === 1 ? { ...DEFAULT_RAG_POLICY, rules: { ...DEFAULT_RAG_POLICY.rules } } : policy(rnd);
    for (let n = 0; n < 2000; n++) {
      const full = plan(rnd, n);
      expect({ n, ...evaluateRag(asLoaded(full), asOf, settings) }).toEqual({ n, ...evaluateRag(full, asOf, settings) });
    }
  });

  it('evaluateAll marks a result `same` only when the stored colour, flag, date and policy version all match', () => {
    const row = actionRow(ID(1), { 3: 'blocked' });
    const stored = (patch: Partial<Record<number, unknown>> = {}) =>
      assembleFacts({ actions: [actionRow(ID(1), { 3: 'blocked', 15: 'red', 16: '2026-11-23', 17: 3, 18: false, ...patch })], milestones: [] });
    const on = '2026-11-23';
    expect(evaluateAll(stored(), on, DEFAULT_RAG_POLICY, 3)[0]).toMatchObject({ colour: 'red', same: true });
    expect(evaluateAll(stored(), on, DEFAULT_RAG_POLICY)[0].same).toBeUndefined();
    expect(evaluateAll(stored({ 15: 'amber' }), on, DEFAULT_RAG_POLICY, 3)[0].same).toBeUndefined();
    expect(evaluateAll(stored({ 16: '2026-11-22' }), on, DEFAULT_RAG_POLICY, 3)[0].same).toBeUndefined();
    expect(evaluateAll(stored({ 17: 2 }), on, DEFAULT_RAG_POLICY, 3)[0].same).toBeUndefined();
    expect(evaluateAll(stored({ 18: true }), on, DEFAULT_RAG_POLICY, 3)[0].same).toBeUndefined();
    expect(evaluateAll(assembleFacts({ actions: [row], milestones: [] }), on, DEFAULT_RAG_POLICY, 3)[0].same).toBeUndefined();
  });

  it('a settled row (the stored result is already this run\'s) is counted by its stored colour, not evaluated', () => {
    const on = '2026-11-23';
    // As actionFactsSql sends one: its id, its stored colour and the flag, every other column NULL.
    const settledRow = (id: string, colour: string | null): ActionFactRow =>
      [id, null, null, null, null, null, null, null, null, null, null, null, null, null, null, colour, null, null, null, null, true] as unknown as ActionFactRow;
    const rows = { actions: [actionRow(ID(1), { 3: 'blocked', 19: 7, 20: false }), settledRow(ID(2), 'green'), settledRow(ID(3), 'green'), settledRow(ID(4), 'amber')], milestones: [] };
    const counts = countColours([]);
    expect(countSettled(rows.actions, counts)).toBe(3);
    expect(counts).toMatchObject({ green: 2, amber: 1, red: 0 });
    const facts = assembleFacts(rows);
    expect(facts.map((f) => f.actionId)).toEqual([ID(1)]);
    // The facts version read with the facts goes with the result, to be written beside it.
    expect(evaluateAll(facts, on, DEFAULT_RAG_POLICY, 3)[0]).toMatchObject({ actionId: ID(1), colour: 'red', factsVersion: 7 });
    expect(JSON.parse(toWriteDocument(evaluateAll(facts, on, DEFAULT_RAG_POLICY, 3)))[0]).toMatchObject({ factsVersion: 7 });
    // A row without the column (one action's read of an older shape) carries none.
    expect(evaluateAll(assembleFacts({ actions: [actionRow(ID(1), { 3: 'blocked' })], milestones: [] }), on, DEFAULT_RAG_POLICY, 3)[0]).not.toHaveProperty('factsVersion');
    // A settled row must carry a colour: counting it as nothing would lose an action from the totals.
    expect(() => countSettled([settledRow(ID(5), null)], countColours([]))).toThrow(/no stored colour/);
  });

  it('evaluateAll keeps the action ids with their results', () => {
    const results = evaluateAll([{ actionId: ID(7), facts: asLoaded(plan(seededRandom(9), 1)), overrideId: null }], asOf, DEFAULT_RAG_POLICY);
    expect(results[0].actionId).toBe(ID(7));
    expect(results[0].reasons.length).toBeGreaterThan(0);
  });
});
