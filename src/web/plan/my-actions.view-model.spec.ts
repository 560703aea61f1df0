import type { ActionDto } from '../../actions/dto/action.dto';
import { myActionsPage, tasksForAction } from './my-actions.view-model';

function action(extra: Partial<ActionDto>): ActionDto {
  return {
    id: 'a1',
    reference: 'A1.1',
    title: 'Audit',
    status: 'in_progress',
    startDate: '2026-09-01',
    dueDate: '2027-01-31',
    completedOn: null,
    milestones: [],
    latestUpdate: null,
    evidence: { submitted: 0, accepted: 0, rejected: 0, withdrawn: 0 },
    ...extra,
  } as unknown as ActionDto;
}
const milestone = (title: string, dueDate: string, completedOn: string | null = null) => ({ id: title, title, dueDate, completedOn }) as ActionDto['milestones'][number];
const statusText = (s: { tag?: { text: string }; text?: string }) => s.tag?.text ?? s.text;

describe('my actions view model', () => {
  const today = '2026-11-30';
  const deadline = '2026-12-03';

  it('asks for an update unless one was given within the window before the deadline', () => {
    expect(tasksForAction(action({}), today, deadline).map((t) => [t.title.text, statusText(t.status)])).toEqual([['Give a progress update on A1.1 Audit', 'To do']]);
    const updated = action({ latestUpdate: { updateDate: '2026-11-20' } as ActionDto['latestUpdate'] });
    expect(statusText(tasksForAction(updated, today, deadline)[0].status)).toBe('Updated');
    expect(tasksForAction(action({ status: 'not_started', startDate: '2027-01-01' }), today, deadline)).toEqual([]);
  });

  it('lists open milestones due by the deadline, overdue ones marked', () => {
    const a = action({ latestUpdate: { updateDate: '2026-11-20' } as ActionDto['latestUpdate'], milestones: [milestone('Late one', '2026-11-01'), milestone('Soon', '2026-12-02'), milestone('Later', '2027-01-10'), milestone('Done', '2026-10-01', '2026-10-01')] });
    const tasks = tasksForAction(a, today, deadline).filter((t) => t.title.text.startsWith('Complete'));
    expect(tasks.map((t) => [t.title.text, statusText(t.status), t.hint.text])).toEqual([
      ['Complete the milestone "Late one" (A1.1)', 'Overdue', 'Was due 1 November 2026'],
      ['Complete the milestone "Soon" (A1.1)', 'To do', 'Due 2 December 2026'],
    ]);
  });

  it('asks for evidence of finished work, and says when it waits for review', () => {
    const complete = action({ status: 'complete', completedOn: '2026-11-25' });
    expect(tasksForAction(complete, today, deadline).map((t) => [t.title.text, statusText(t.status)])).toEqual([['Upload evidence for A1.1 Audit', 'To do']]);
    const sent = action({ status: 'complete', completedOn: '2026-11-25', evidence: { submitted: 1, accepted: 0, rejected: 0, withdrawn: 0 } });
    expect(statusText(tasksForAction(sent, today, deadline)[0].status)).toBe('Waiting for review');
    const accepted = action({ status: 'complete', completedOn: '2026-11-25', evidence: { submitted: 0, accepted: 1, rejected: 0, withdrawn: 0 } });
    expect(tasksForAction(accepted, today, deadline)).toEqual([]);
  });

  it('orders every task by when it is due and counts what is to do', () => {
    const page = myActionsPage({
      plan: { id: 'p1', title: 'Plan', status: 'active' },
      role: 'owner',
      today,
      next: { committee: 'Improvement Board', meetsOn: '2026-12-10', papersDeadline: deadline },
      actions: [action({ milestones: [milestone('Soon', '2026-12-02')] }), action({ id: 'a2', reference: 'A1.2', title: 'Train', status: 'complete', completedOn: '2026-11-10' })],
    });
    expect(page.tasks.map((t) => t.title.text)).toEqual(['Upload evidence for A1.2 Train', 'Complete the milestone "Soon" (A1.1)', 'Give a progress update on A1.1 Audit']);
    expect(page.toDo).toBe(3);
    expect(page.horizonText).toBe('before the papers deadline for the Improvement Board meeting on 10 December 2026');
    expect(page.planNav.items.find((i) => i.current)?.text).toBe('My actions');
  });

  it('looks four weeks ahead when no board meeting is arranged', () => {
    const page = myActionsPage({ plan: { id: 'p1', title: 'Plan', status: 'active' }, role: 'owner', today, next: null, actions: [] });
    expect(page.deadline).toBe('2026-12-28');
    expect(page.tasks).toEqual([]);
  });
});
