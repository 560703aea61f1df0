import { englandAndWalesCalendar } from '../calendar/working-days';
import { regulatorDeadlines, type RegulatoryEventForDeadlines } from './regulator-deadlines';

describe('regulatorDeadlines', () => {
  describe('Ofsted ILACS inspection: action plan 70 working days after the report', () => {
    it.each([
      /*
       * Report published Thursday 17 December 2026, counted by hand:
       *   Dec 18 (1), 21-24 (2-5), [25 Christmas, 26-27 weekend, 28 Boxing Day substitute], 29-31 (6-8),
       *   [1 Jan], Jan 4-8 (9-13), 11-15 (14-18), 18-22 (19-23), 25-29 (24-28),
       *   Feb 1-5 (29-33), 8-12 (34-38), 15-19 (39-43), 22-26 (44-48),
       *   Mar 1-5 (49-53), 8-12 (54-58), 15-19 (59-63), 22-25 (64-67), [26 Good Friday, 29 Easter Monday],
       *   Mar 30 (68), Mar 31 (69), Apr 1 (70).
       * Without the five holidays it would have been Thursday 25 March.
       */
      ['ofsted_ilacs_full', '2026-12-17', '2027-04-01'],
      // One day later, one working day later: changing the publication date moves the deadline.
      ['ofsted_ilacs_full', '2026-12-18', '2027-04-02'],
      /*
       * Report published Monday 23 March 2026, across Easter and both May holidays:
       *   Mar 24-27 (1-4), Mar 30-Apr 2 (5-8), [3 Good Friday, 6 Easter Monday], Apr 7-10 (9-12),
       *   13-17 (13-17), 20-24 (18-22), Apr 27-May 1 (23-27), [4 May], May 5-8 (28-31), 11-15 (32-36),
       *   18-22 (37-41), [25 May], 26-29 (42-45), Jun 1-5 (46-50), 8-12 (51-55), 15-19 (56-60),
       *   22-26 (61-65), Jun 29 (66), 30 (67), Jul 1 (68), 2 (69), 3 (70).
       */
      ['ofsted_ilacs_short', '2026-03-23', '2026-07-03'],
      // Published Monday 7 September 2026: no bank holiday before Christmas, so exactly 14 weeks.
      ['ofsted_ilacs_full', '2026-09-07', '2026-12-14'],
    ] as const)('%s published %s -> action plan due %s', (kind, publishedOn, dueOn) => {
      const outcome = regulatorDeadlines({ type: 'inspection', kind, reportPublishedOn: publishedOn });
      expect(outcome.notes).toEqual([]);
      expect(outcome.deadlines).toHaveLength(1);
      const [deadline] = outcome.deadlines;
      expect(deadline).toMatchObject({
        key: 'ilacs_action_plan',
        dueOn,
        workingDays: 70,
        countedFrom: publishedOn,
      });
      expect(deadline.basis).toMatch(/^70 working days after the report was published on \d+ \w+ 20\d\d$/);
      expect(deadline.rule).toMatch(/section 137\(3\)/);
      expect(deadline.rule).toMatch(/SI 2007\/462, regulation 3/);
      expect(deadline.sources.map((s) => s.document)).toEqual([
        'Education and Inspections Act 2006',
        'The Education and Inspections Act 2006 (Inspection of Local Authorities) Regulations 2007 (SI 2007/462)',
        'Inspecting local authority children’s services (ILACS framework)',
      ]);
    });

    it('counts from the day the council received the report when that is recorded (the regulations’ wording)', () => {
      // Received Monday 14 December, three working days before publication: 70 working days land on
      // Thursday 25 March 2027 (three working days before 1 April, back over Easter Monday and Good Friday).
      const [deadline] = regulatorDeadlines({
        type: 'inspection',
        kind: 'ofsted_ilacs_full',
        reportPublishedOn: '2026-12-17',
        reportReceivedOn: '2026-12-14',
      }).deadlines;
      expect(deadline.dueOn).toBe('2027-03-25');
      expect(deadline.countedFrom).toBe('2026-12-14');
      expect(deadline.basis).toBe('70 working days after the report was received on 14 December 2026');
    });

    it('with no publication date yet there is no deadline, and a note says what to record', () => {
      const outcome = regulatorDeadlines({ type: 'inspection', kind: 'ofsted_ilacs_full', reportPublishedOn: null });
      expect(outcome.deadlines).toEqual([]);
      expect(outcome.notes[0].text).toMatch(/record its publication date/);
    });

    it('uses the calendar it is given (a newly proclaimed holiday moves the deadline)', () => {
      const local = englandAndWalesCalendar({ extraBankHolidays: [{ date: '2027-02-01', name: 'One-off' }] });
      const [deadline] = regulatorDeadlines(
        { type: 'inspection', kind: 'ofsted_ilacs_full', reportPublishedOn: '2026-12-17' },
        local,
      ).deadlines;
      expect(deadline.dueOn).toBe('2027-04-02');
    });
  });

  describe('Ofsted focused visit', () => {
    it('with an area for priority action: draft plan in 20 working days, final plan in 70', () => {
      /*
       * Letter published Thursday 17 December 2026: Dec 18 (1), 21-24 (2-5), [25, 28], 29-31 (6-8),
       * [1 Jan], Jan 4-8 (9-13), 11-15 (14-18), 18 (19), 19 (20).
       */
      const outcome = regulatorDeadlines({
        type: 'inspection',
        kind: 'ofsted_focused_visit',
        reportPublishedOn: '2026-12-17',
        priorityActionFound: true,
      });
      expect(outcome.deadlines.map((d) => [d.key, d.workingDays, d.dueOn])).toEqual([
        ['focused_visit_draft_action_plan', 20, '2027-01-19'],
        ['focused_visit_action_plan', 70, '2027-04-01'],
      ]);
      expect(outcome.deadlines[0].rule).toMatch(/priority action/);
      expect(outcome.deadlines[0].basis).toBe('20 working days after the letter was published on 17 December 2026');
      expect(outcome.deadlines[0].sources.map((s) => s.publisher)).toEqual(['Ofsted (GOV.UK)', 'Children & Young People Now, quoting Ofsted']);
    });

    it('without a priority action: no deadline', () => {
      const outcome = regulatorDeadlines({
        type: 'inspection',
        kind: 'ofsted_focused_visit',
        reportPublishedOn: '2026-12-17',
        priorityActionFound: false,
      });
      expect(outcome.deadlines).toEqual([]);
      expect(outcome.notes[0].text).toBe('A focused visit without an area for priority action sets no deadline.');
    });
  });

  describe('JTAI: the written statement of action is due on the date the findings letter states', () => {
    it('uses the stated date and computes none of its own', () => {
      const [deadline] = regulatorDeadlines({
        type: 'inspection',
        kind: 'jtai',
        reportPublishedOn: '2026-06-10',
        statedDueOn: '2026-09-22',
      }).deadlines;
      expect(deadline).toMatchObject({
        key: 'jtai_written_statement_of_action',
        dueOn: '2026-09-22',
        workingDays: null,
        countedFrom: null,
        basis: 'the date stated in the findings letter (22 September 2026)',
      });
      expect(deadline.sources[0].document).toMatch(/joint targeted area inspections|JTAI/i);
    });

    it('without the stated date: a note, not an invented period', () => {
      const outcome = regulatorDeadlines({ type: 'inspection', kind: 'jtai', reportPublishedOn: '2026-06-10' });
      expect(outcome.deadlines).toEqual([]);
      expect(outcome.notes[0].text).toMatch(/states the date .* record it/);
      expect(outcome.notes[0].text).toMatch(/no fixed period/);
    });
  });

  describe('no regulator deadline where the published rules set none', () => {
    it.each<[string, RegulatoryEventForDeadlines, RegExp]>([
      ['CQC local authority assessment', { type: 'inspection', kind: 'cqc_la_assessment', reportPublishedOn: '2026-02-11' }, /CQC.*no deadline/],
      ['Ofsted monitoring visit', { type: 'inspection', kind: 'ofsted_monitoring_visit', reportPublishedOn: '2026-02-11' }, /monitoring visit.*no deadline/],
      ['another kind of inspection', { type: 'inspection', kind: 'other', reportPublishedOn: '2026-02-11' }, /No published rule/],
      ['Section 50 notification', { type: 'notice', kind: 'section_50', issuedOn: '2026-03-02' }, /Section 50.*no regulator deadline.*council’s own/],
      ['Minister’s letter', { type: 'notice', kind: 'ministerial_letter', issuedOn: '2026-03-20' }, /expectations.*no regulator deadline/],
      ['DfE improvement notice with no dates recorded', { type: 'notice', kind: 'dfe_improvement_notice', issuedOn: '2026-03-20' }, /Record the requirements and review dates/],
    ])('%s', (_name, event, note) => {
      const outcome = regulatorDeadlines(event);
      expect(outcome.deadlines).toEqual([]);
      expect(outcome.notes).toHaveLength(1);
      expect(outcome.notes[0].text).toMatch(note);
    });

    it('the Section 50 note cites the Act', () => {
      const outcome = regulatorDeadlines({ type: 'notice', kind: 'section_50', issuedOn: '2026-03-02' });
      expect(outcome.notes[0].sources).toEqual([expect.objectContaining({ document: 'Health and Social Care Act 2008', where: expect.stringMatching(/section 50/) })]);
    });
  });

  describe('DfE improvement notice and statutory direction: the dates the notice states', () => {
    it.each([
      ['dfe_improvement_notice', 'the improvement notice', 0],
      ['statutory_direction', 'the direction', 1],
    ] as const)('%s', (kind, label, sourceCount) => {
      const outcome = regulatorDeadlines({
        type: 'notice',
        kind,
        issuedOn: '2026-03-20',
        statedDeadlines: [
          { title: 'Improvement plan submitted to the DfE', dueOn: '2026-05-01' },
          { title: 'Six-month review of progress', dueOn: '2026-09-21' },
        ],
      });
      expect(outcome.notes).toEqual([]);
      expect(outcome.deadlines.map((d) => [d.title, d.dueOn, d.workingDays])).toEqual([
        ['Improvement plan submitted to the DfE', '2026-05-01', null],
        ['Six-month review of progress', '2026-09-21', null],
      ]);
      expect(outcome.deadlines[1].basis).toBe(`the date stated in ${label} (21 September 2026)`);
      expect(outcome.deadlines[0].sources).toHaveLength(sourceCount);
    });
  });

  describe('bad input', () => {
    it.each<[RegulatoryEventForDeadlines, RegExp]>([
      [{ type: 'inspection', kind: 'ofsted_ilacs_full', reportPublishedOn: '2026-02-30' }, /reportPublishedOn is not a calendar date/],
      [{ type: 'inspection', kind: 'jtai', reportPublishedOn: null, statedDueOn: '22/09/2026' }, /statedDueOn is not a calendar date/],
      [{ type: 'notice', kind: 'section_50', issuedOn: '' }, /issuedOn is not a calendar date/],
      [
        { type: 'notice', kind: 'statutory_direction', issuedOn: '2026-03-20', statedDeadlines: [{ title: 'x', dueOn: '2026-9-1' }] },
        /statedDeadlines\[0\]\.dueOn/,
      ],
    ])('%# throws RangeError naming the field', (event, message) => {
      expect(() => regulatorDeadlines(event)).toThrow(RangeError);
      expect(() => regulatorDeadlines(event)).toThrow(message);
    });
  });
});
