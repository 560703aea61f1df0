import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildPackModel } from './build-pack-model';
import type { PackBlock, PackModel, PackTable } from './pack-model';
import type { PackSource } from './pack-source';
import { FIXTURE_OWNER_NAMES, packSourceFixture } from './pack-source.testing';

function tablesOf(model: PackModel): PackTable[] {
  const blocks: PackBlock[] = [
    ...model.frontMatter,
    ...model.sections.flatMap((s) => [...s.blocks, ...s.subsections.flatMap((sub) => sub.blocks)]),
  ];
  return blocks.flatMap((b) => (b.kind === 'table' ? [b.table] : []));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** A deterministic shuffle (reversal plus rotation) of every array in the source. */
function reordered(source: PackSource): PackSource {
  const shuffle = <T>(items: T[]): T[] => {
    const reversed = [...items].reverse();
    const k = Math.floor(reversed.length / 3);
    return [...reversed.slice(k), ...reversed.slice(0, k)];
  };
  return {
    ...source,
    trend: shuffle(source.trend),
    workstreams: shuffle(source.workstreams),
    inspections: shuffle(source.inspections),
    notices: shuffle(source.notices),
    findings: shuffle(source.findings).map((f) => ({ ...f, actionIds: shuffle(f.actionIds) })),
    actions: shuffle(source.actions).map((a) => ({ ...a, findingIds: shuffle(a.findingIds) })),
    milestones: shuffle(source.milestones),
    evidence: shuffle(source.evidence),
  };
}

describe('buildPackModel', () => {
  const board = buildPackModel(packSourceFixture('board'));
  const scrutiny = buildPackModel(packSourceFixture('scrutiny'));

  describe('headline', () => {
    it('counts actions by colour now and at the previous report, with deltas', () => {
      expect(board.headline.total).toBe(14);
      expect(board.headline.previousTotal).toBe(14);
      expect(board.headline.counts).toEqual([
        { colour: 'red', label: 'Red', now: 2, previous: 1, delta: 1 },
        { colour: 'amber', label: 'Amber', now: 4, previous: 4, delta: 0 },
        { colour: 'green', label: 'Green', now: 4, previous: 6, delta: -2 },
        { colour: 'blue', label: 'Blue', now: 2, previous: 1, delta: 1 },
        { colour: 'grey', label: 'Grey', now: 2, previous: 2, delta: 0 },
      ]);
      expect(board.headline.overriddenCount).toBe(1);
      expect(board.headline.overdueMilestoneCount).toBe(3);
      expect(board.headline.summary).toContain('14 actions: 2 red, 4 amber, 4 green, 2 blue and 2 grey');
      expect(board.headline.summary).toContain('red 1 to 2, green 6 to 4 and blue 1 to 2');
    });

    it('has no previous figures on the first pack', () => {
      const model = buildPackModel({ ...packSourceFixture('board'), previous: null, trend: [] });
      expect(model.headline.counts.every((c) => c.previous === null && c.delta === null)).toBe(true);
      expect(model.changes.all).toEqual([]);
      expect(model.changes.summary).toMatch(/first report/);
      expect(model.charts.map((c) => c.id)).toEqual(['rag-counts']);
    });
  });

  describe('roll-ups', () => {
    it('rolls up each workstream: blue only if all blue, else the worst non-blue colour, with counts', () => {
      expect(board.workstreams.map((w) => [w.title, w.rollUp.colour, w.rollUp.total])).toEqual([
        ['Improved safeguarding practice', 'red', 4],
        ['Empowered professionals and partners', 'amber', 3],
        ['Accessible services', 'red', 2],
        ['Stronger performance monitoring', 'amber', 2],
        ['Clear governance and leadership', 'amber', 3],
      ]);
      expect(board.workstreams[0].rollUp.counts).toEqual({ red: 1, amber: 1, green: 1, blue: 1, grey: 0 });
      expect(board.workstreams[0].actionReferences).toEqual(['A1.1', 'A1.2', 'A1.3', 'A1.4']);
    });

    it('rolls up findings under their notice and inspection', () => {
      const notice = board.notices.find((n) => n.id === 'notice-s50')!;
      expect(notice.rollUp.colour).toBe('red');
      expect(notice.findings.map((f) => [f.reference, f.rollUp.colour])).toEqual([
        ['QS6.1', 'amber'],
        ['QS6.2', 'red'],
        ['QS6.3', 'amber'],
        // Blue and Grey: Grey wins, since work remains to start.
        ['QS6.4', 'grey'],
        ['QS6.5', 'amber'],
        ['QS8.1', 'amber'],
      ]);
      const [inspection] = board.inspections;
      expect(inspection.overallJudgement).toBe('Requires improvement');
      expect(inspection.findings.map((f) => f.reference)).toEqual(['QS3.2', 'QS6.1', 'QS6.2', 'QS6.3', 'QS6.4', 'QS6.5', 'QS8.1', 'QS8.2']);
      expect(inspection.findings.find((f) => f.reference === 'QS6.1')?.score).toBe(1);
    });

    it('takes finding links from both sides (finding.actionIds and action.findingIds)', () => {
      const source = packSourceFixture('board');
      source.findings = source.findings.map((f) => (f.id === 'f-pathway' ? { ...f, actionIds: [] } : f));
      const model = buildPackModel(source);
      const pathway = model.notices.find((n) => n.id === 'notice-s50')?.findings.find((f) => f.reference === 'QS6.2');
      expect(pathway?.actionReferences).toEqual(['A1.2']);
    });

    it('shows a workstream with no actions as grey, with no actions yet', () => {
      const source = packSourceFixture('board');
      source.workstreams.push({ id: 'ws-empty', title: 'Workforce', sortOrder: 6 });
      const model = buildPackModel(source);
      const empty = model.workstreams.find((w) => w.id === 'ws-empty');
      expect(empty?.rollUp).toMatchObject({ colour: 'grey', total: 0, countsText: 'no actions yet' });
    });
  });

  describe('exceptions and milestones', () => {
    it('lists every red and amber action, reds first, each in plan order (workstream, then reference)', () => {
      expect(board.exceptions.map((e) => [e.reference, e.colour])).toEqual([
        ['A1.2', 'red'],
        ['A3.2', 'red'],
        ['A1.3', 'amber'],
        ['A2.2', 'amber'],
        ['A4.2', 'amber'],
        ['A5.1', 'amber'],
      ]);
      const a12 = board.exceptions.find((e) => e.reference === 'A1.2');
      expect(a12).toMatchObject({
        owner: 'Priya Raman, Head of Safeguarding Adults',
        dueLabel: '31 Jan 2026',
        reasons: ["Milestone 'Agree the new end-to-end pathway with partners' overdue by 49 days"],
      });
      expect(a12?.latestUpdate?.dateLabel).toBe('24 Oct 2025');
      expect(board.exceptions.find((e) => e.reference === 'A2.2')?.colourLabel).toBe('Amber (override)');
    });

    it('lists overdue milestones with days overdue, most overdue first', () => {
      expect(board.overdueMilestones.map((m) => [m.actionReference, m.daysOverdue])).toEqual([
        ['A1.2', 49],
        ['A3.2', 31],
        ['A1.3', 10],
      ]);
    });

    it('lists milestones due from asOf to the next meeting, by date', () => {
      expect(board.upcomingMilestones.map((m) => [m.actionReference, m.dueDate, m.daysUntilDue])).toEqual([
        ['A3.1', '2025-11-07', 7],
        ['A1.4', '2025-11-14', 14],
        ['A1.3', '2025-11-20', 20],
        ['A2.2', '2025-11-25', 25],
      ]);
    });

    it('treats a milestone completed after asOf as open at asOf', () => {
      const source = packSourceFixture('board');
      source.milestones = source.milestones.map((m) => (m.id === 'm-3-2-a' ? { ...m, completedOn: '2025-11-02' } : m));
      expect(buildPackModel(source).overdueMilestones.map((m) => m.actionReference)).toContain('A3.2');
    });
  });

  describe('evidence and changes', () => {
    it('counts evidence accepted, rejected and awaiting review in the period', () => {
      expect(board.evidence).toMatchObject({ accepted: 2, rejected: 1, awaitingReview: 2, submittedInPeriod: 4 });
      expect(board.evidence.items?.map((e) => [e.actionReference, e.state])).toEqual([
        ['A4.2', 'rejected'],
        ['A4.1', 'submitted'],
        ['A5.1', 'submitted'],
        ['A1.1', 'accepted'],
        ['A1.1', 'accepted'],
      ]);
    });

    it('finds new reds and actions turned blue since the previous pack', () => {
      expect(board.changes.newReds.map((c) => c.reference)).toEqual(['A1.2']);
      expect(board.changes.turnedBlue.map((c) => c.reference)).toEqual(['A1.1']);
      expect(board.changes.all.map((c) => [c.reference, c.changeLabel, c.direction])).toEqual([
        ['A1.1', 'Amber to Blue', 'better'],
        ['A1.2', 'Amber to Red', 'worse'],
        ['A1.3', 'Green to Amber', 'worse'],
        ['A4.1', 'Amber to Green', 'better'],
        ['A4.2', 'Green to Amber', 'worse'],
        ['A5.1', 'Green to Amber', 'worse'],
      ]);
    });
  });

  describe('tracker and charts', () => {
    it('has one tracker row per action, by workstream then reference', () => {
      expect(board.tracker.map((r) => r.reference)).toEqual([
        'A1.1', 'A1.2', 'A1.3', 'A1.4', 'A2.1', 'A2.2', 'A2.3', 'A3.1', 'A3.2', 'A4.1', 'A4.2', 'A5.1', 'A5.2', 'A5.3',
      ]);
      const a12 = board.tracker[1];
      expect(a12).toMatchObject({ ownerName: 'Priya Raman', milestonesOpen: 2, milestonesOverdue: 1, findingReferences: ['QS6.2'] });
    });

    it('orders references naturally (A1.2 before A1.10)', () => {
      const source = packSourceFixture('board');
      source.actions.push({ ...source.actions[0], id: 'a-1-10', reference: 'A1.10', colour: 'green', previousColour: 'green' });
      expect(buildPackModel(source).tracker.slice(0, 5).map((r) => r.reference)).toEqual(['A1.1', 'A1.2', 'A1.3', 'A1.4', 'A1.10']);
    });

    it('describes each chart in words', () => {
      const [bar, trend] = board.charts;
      expect(bar.altText).toBe('Bar chart: 2 red, 4 amber, 4 green, 2 blue and 2 grey (14 actions).');
      expect(trend.kind).toBe('line');
      if (trend.kind !== 'line') throw new Error('expected a line chart');
      expect(trend.dates).toEqual(['2025-05-31', '2025-06-30', '2025-07-31', '2025-08-31', '2025-09-30', '2025-10-31']);
      expect(trend.series.find((s) => s.colour === 'red')?.values).toEqual([4, 3, 2, 2, 1, 2]);
      expect(trend.altText).toContain('red 4 to 2');
    });

    it('keeps the last 12 reporting dates in the trend', () => {
      const source = packSourceFixture('board');
      source.trend = Array.from({ length: 15 }, (_, i) => ({
        asOf: `2024-${String((i % 12) + 1).padStart(2, '0')}-${i < 12 ? '01' : '15'}`,
        counts: { red: i, amber: 0, green: 0, blue: 0, grey: 0 },
      }));
      const trend = buildPackModel(source).charts.find((c) => c.id === 'rag-trend');
      if (trend?.kind !== 'line') throw new Error('expected a line chart');
      expect(trend.dates).toHaveLength(12);
      expect(trend.dates[11]).toBe('2025-10-31');
    });
  });

  describe('sections', () => {
    it('lays out the board pack: headline, exceptions first, then the full tracker', () => {
      expect(board.sections.map((s) => `${s.number} ${s.heading}`)).toEqual([
        '1 Headline position',
        '2 Decisions required of the board',
        '3 Exceptions: red and amber actions',
        '4 Completed in the period',
        '5 Changes since the previous report',
        '6 Milestones due before the next meeting',
        '7 Evidence in the period',
        '8 Progress by workstream',
        '9 Progress against regulator findings and notices',
        'A Full action tracker',
        'B RAG key',
      ]);
    });

    it('asks the board its decisions and lists what was completed in the period', () => {
      const parts = board.board!;
      expect(parts.decisions.map((d) => [d.kind, d.reference])).toEqual(expect.arrayContaining([['blocked_action', 'A3.2']]));
      expect(parts.overrides.map((o) => [o.reference, o.override.computedColour])).toEqual([['A2.2', 'red']]);
      expect(parts.completedActions.map((a) => a.reference)).toContain('A1.1');
      expect(scrutiny.board).toBeNull();
    });

    it('puts what was achieved, with its closing narrative, in the scrutiny report', () => {
      const achieved = scrutiny.scrutiny!.achieved.find((a) => a.reference === 'A1.1');
      expect(achieved?.narrative).toContain('All 1,303 cases raised through the online form have been reviewed');
      expect(scrutiny.scrutiny!.glossary.map((g) => g.term)).toEqual(expect.arrayContaining(['Section 42 enquiry', 'Making Safeguarding Personal']));
    });

    it('lays out the scrutiny pack like a committee report', () => {
      expect(scrutiny.sections.map((s) => s.heading)).toEqual([
        'Purpose of the report',
        'Recommendations',
        'Reasons for the recommendations',
        'Background',
        'Summary',
        'Progress by key outcome',
        'Key risks and what is being done',
        'Implications',
        'Next steps',
        'Action tracker',
        'Progress against regulator findings and notices',
        'RAG key',
        'Glossary',
      ]);
      expect(scrutiny.frontMatter[0]).toEqual(
        expect.objectContaining({ kind: 'details', rows: expect.arrayContaining([{ label: 'Report of', value: 'Director of Adult Social Services' }]) }),
      );
      expect(scrutiny.scrutiny?.recommendations[0]).toMatch(/^That the committee notes the progress made against the improvement plan and /);
    });

    it('gives every table row as many cells as columns, and every RAG cell its word', () => {
      for (const model of [board, scrutiny]) {
        for (const t of tablesOf(model)) {
          for (const row of t.rows) {
            expect(row).toHaveLength(t.columns.length);
            for (const c of row) if (c.rag) expect(c.text.toLowerCase()).toContain(c.rag);
          }
        }
      }
    });

    it('only refers to charts that exist', () => {
      const ids = new Set(board.charts.map((c) => c.id));
      const refs = board.sections.flatMap((s) => s.blocks).flatMap((b) => (b.kind === 'chart' ? [b.chartId] : []));
      expect(refs.length).toBeGreaterThan(0);
      for (const id of refs) expect(ids.has(id)).toBe(true);
    });
  });

  describe('scrutiny packs hold no personal data', () => {
    const json = JSON.stringify(scrutiny);

    it.each(FIXTURE_OWNER_NAMES)('does not contain %s anywhere', (name) => {
      expect(json.toLowerCase()).not.toContain(name.toLowerCase());
    });

    it('does contain the names in the board pack (they are its owners)', () => {
      const boardJson = JSON.stringify(board);
      for (const name of FIXTURE_OWNER_NAMES) expect(boardJson).toContain(name);
    });

    it('replaces a name in a narrative with the role', () => {
      const risk = scrutiny.scrutiny?.keyRisks.find((r) => r.reference === 'A1.2');
      expect(risk?.latestPosition).toContain('The Head of Safeguarding Adults has escalated resourcing');
      expect(risk?.responsible).toBe('Head of Safeguarding Adults');
    });

    it('gives evidence as counts only, and owners by role', () => {
      expect(scrutiny.evidence.items).toBeNull();
      expect(json).not.toContain('Triage rota and monitoring log');
      expect(scrutiny.tracker.every((r) => r.ownerName === null)).toBe(true);
      expect(scrutiny.exceptions.find((e) => e.reference === 'A2.2')?.owner).toBe(
        'Safeguarding Adults Board Business Manager (Safeguarding Adults Board)',
      );
    });

    it('has key risks (the reds), highlights and next steps', () => {
      expect(scrutiny.scrutiny?.keyRisks.map((r) => r.reference)).toEqual(['A1.2', 'A3.2']);
      expect(scrutiny.scrutiny?.highlights[0]).toMatchObject({ reference: 'A1.1', turnedBlue: true });
      expect(scrutiny.scrutiny?.nextSteps.map((s) => s.dueDate)).toEqual(['2025-11-07', '2025-11-14', '2025-11-20', '2025-11-25']);
    });
  });

  describe('determinism and purity', () => {
    it('gives a deep-equal model for the same source', () => {
      expect(buildPackModel(packSourceFixture('board'))).toEqual(board);
      expect(JSON.stringify(buildPackModel(packSourceFixture('scrutiny')))).toBe(JSON.stringify(scrutiny));
    });

    it('does not depend on the order of the source arrays', () => {
      for (const audience of ['board', 'scrutiny'] as const) {
        const model = buildPackModel(reordered(packSourceFixture(audience)));
        expect(JSON.stringify(model)).toBe(JSON.stringify(audience === 'board' ? board : scrutiny));
      }
    });

    it('does not modify its source', () => {
      const source = deepFreeze(packSourceFixture('scrutiny'));
      expect(() => buildPackModel(source)).not.toThrow();
    });

    it('does not read the clock or the time zone', () => {
      const now = jest.spyOn(Date, 'now').mockReturnValue(0);
      try {
        expect(buildPackModel(packSourceFixture('board'))).toEqual(board);
        expect(now).not.toHaveBeenCalled();
      } finally {
        now.mockRestore();
      }
    });

    it('imports no Nest, TypeORM or I/O modules', () => {
      const dir = __dirname;
      for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts'))) {
        const text = readFileSync(join(dir, file), 'utf8');
        expect(text).not.toMatch(/from '(@nestjs|typeorm|node:fs|fs|pdfkit|docx|exceljs)/);
      }
    });
  });

  describe('bad sources', () => {
    it('rejects a date that is not YYYY-MM-DD, naming the action by reference', () => {
      const source = packSourceFixture('board');
      source.actions[1] = { ...source.actions[1], dueDate: '31/01/2026' };
      expect(() => buildPackModel(source)).toThrow(/dueDate of action A1\.2/);
    });

    it('warns, by reference, about an action in an unknown workstream', () => {
      const source = packSourceFixture('scrutiny');
      source.actions[0] = { ...source.actions[0], workstreamId: 'ws-gone' };
      const model = buildPackModel(source);
      expect(model.dataWarnings).toEqual(['Action A1.1 refers to a workstream that is not in the plan (ws-gone).']);
      expect(model.workstreams.at(-1)).toMatchObject({ id: 'ws-gone', actionReferences: ['A1.1'] });
    });
  });
});
