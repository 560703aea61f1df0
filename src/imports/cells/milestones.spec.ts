import { parseMilestones } from './milestones';

describe('parseMilestones', () => {
  it('reads several milestones with dates from one cell', () => {
    expect(parseMilestones('Audit complete - 30/04/2026; Report to board - 31/05/2026')).toEqual([
      expect.objectContaining({ title: 'Audit complete', dueDate: '2026-04-30', completed: false, raw: 'Audit complete - 30/04/2026' }),
      expect.objectContaining({ title: 'Report to board', dueDate: '2026-05-31', completed: false }),
    ]);
  });

  it.each([
    ['lines and bullets', '\u2022 Protocol drafted: 31/10/2025\n\u2022 Signed off by 31 January 2026', [['Protocol drafted', '2025-10-31'], ['Signed off', '2026-01-31']]],
    ['numbered', '1. Scope agreed 01/02/2026\n2. Fieldwork (15/03/2026)', [['Scope agreed', '2026-02-01'], ['Fieldwork', '2026-03-15']]],
    ['date first', '30/04/2026 - Audit complete; 2026-05-31: Report to board', [['Audit complete', '2026-04-30'], ['Report to board', '2026-05-31']]],
    ['dashes as bullets', '- Draft policy by 31-Mar-26\n- Consultation due 30 Apr 2026', [['Draft policy', '2026-03-31'], ['Consultation', '2026-04-30']]],
  ])('%s', (_label, text, expected) => {
    expect(parseMilestones(text).map((m) => [m.title, m.dueDate])).toEqual(expected);
  });

  it('keeps an item without a date, with the reading that says why', () => {
    const [noDate, fuzzy] = parseMilestones('Recruit two practice leads; Health rota agreed - Mar-26');
    expect(noDate).toMatchObject({ title: 'Recruit two practice leads', dueDate: null, dueDateReading: { kind: 'empty' }, dateText: null });
    expect(fuzzy).toMatchObject({ title: 'Health rota agreed', dueDate: null, dateText: 'Mar-26', dueDateReading: { kind: 'suggestion', suggestion: '2026-03-31' } });
  });

  it('reads done marks', () => {
    expect(parseMilestones('Protocol drafted - 31/10/2025 (done); Training \u2713 30/11/2025; Launch [x] 01/12/2025; Review 01/03/2026').map((m) => m.completed)).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('does not take words before a year for a date', () => {
    expect(parseMilestones('Report to board 2026')[0]).toMatchObject({ title: 'Report to board 2026', dueDate: null });
  });
});
