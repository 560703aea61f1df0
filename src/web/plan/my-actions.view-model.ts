import type { ActionDto } from '../../actions/dto/action.dto';
import { addDays } from '../../common/dates/calendar-date';
import type { Role } from '../../common/request-context/request-context';
import { isDoneStatus } from '../../vocabulary/action-status';
import { govukDate } from '../common/nunjucks/filters';
import { planNavigation, type PlanNavigation } from '../common/view/plan-navigation';
import { ROW_PAGE } from '../common/web-paths';

/** An update counts for the coming papers when given within this many days before their deadline. */
export const UPDATE_WINDOW_DAYS = 30;

/** Without a board meeting in the calendar, the page looks this far ahead. */
export const DEFAULT_HORIZON_DAYS = 28;

/** The next board meeting whose papers the owner's updates go into. */
export interface NextPapers {
  committee: string;
  meetsOn: string;
  papersDeadline: string;
}

export interface MyActionsInput {
  plan: { id: string; title: string; status: string };
  role: Role;
  today: string;
  next: NextPapers | null;
  /** The user's own actions, with their milestones, latest update and evidence counts. */
  actions: ActionDto[];
}

type TaskStatus = { tag: { text: string; classes: string } } | { text: string; classes?: string };

/** One row of govukTaskList. */
export interface TaskItem {
  title: { text: string };
  href: string;
  hint: { text: string };
  status: TaskStatus;
  /** Sort key: when the thing is due. */
  due: string;
}

export interface MyActionsViewModel {
  pageTitle: string;
  planNav: PlanNavigation;
  closed: boolean;
  /** "before the papers deadline for Adult Social Care Improvement Board on 3 December 2026" */
  horizonText: string;
  deadline: string;
  next: NextPapers | null;
  actionCount: number;
  toDo: number;
  tasks: Omit<TaskItem, 'due'>[];
}

const todo = (text = 'To do'): TaskStatus => ({ tag: { text, classes: 'govuk-tag--blue' } });
const late = (text: string): TaskStatus => ({ tag: { text, classes: 'govuk-tag--red' } });
const done = (text = 'Done'): TaskStatus => ({ text });
const waiting = (text: string): TaskStatus => ({ tag: { text, classes: 'govuk-tag--grey' } });

/**
 * What the owner has to do for the next board papers: progress updates, milestones due by the
 * deadline, and evidence for finished work; each a task with its status, in the order it is due.
 */
export function tasksForAction(a: ActionDto, today: string, deadline: string): TaskItem[] {
  const href = ROW_PAGE.action(a.id);
  const name = `${a.reference} ${a.title}`;
  const tasks: TaskItem[] = [];
  const finished = isDoneStatus(a.status);
  const started = a.status !== 'not_started' || (a.startDate !== null && a.startDate <= deadline);

  if (!finished && started) {
    const windowStart = addDays(deadline, -UPDATE_WINDOW_DAYS);
    const last = a.latestUpdate?.updateDate ?? null;
    const given = last !== null && last >= windowStart;
    tasks.push({
      title: { text: `Give a progress update on ${name}` },
      href,
      hint: { text: last ? `Last update ${govukDate(last)}` : 'No update yet' },
      status: given ? done('Updated') : deadline < today ? late('Late') : todo(),
      due: deadline,
    });
  }

  for (const m of a.milestones) {
    if (m.completedOn !== null || m.dueDate > deadline) continue;
    const overdue = m.dueDate < today;
    tasks.push({
      title: { text: `Complete the milestone "${m.title}" (${a.reference})` },
      href,
      hint: { text: `${overdue ? 'Was due' : 'Due'} ${govukDate(m.dueDate)}` },
      status: overdue ? late('Overdue') : todo(),
      due: m.dueDate,
    });
  }

  const completedMilestone = a.milestones.some((m) => m.completedOn !== null);
  if (finished || completedMilestone) {
    const e = a.evidence;
    let status: TaskStatus | null = null;
    let hint = '';
    if (e.accepted > 0 && e.submitted === 0) status = null;
    else if (e.submitted > 0) {
      status = waiting('Waiting for review');
      hint = 'A board member will review it';
    } else if (e.rejected > 0) {
      status = todo('To do');
      hint = 'Your last evidence was not accepted: read the comment and upload again';
    } else if (finished) {
      status = todo('To do');
      hint = 'The action is complete: it turns blue once evidence is accepted';
    }
    if (status) tasks.push({ title: { text: `Upload evidence for ${name}` },
      href, hint: { text: hint }, status, due: a.completedOn ?? a.dueDate });
  }
  return tasks;
}

/** "My actions": the owner's to-do list for the next board papers, as a GOV.UK task list. */
export function myActionsPage(input: MyActionsInput): MyActionsViewModel {
  const deadline = input.next?.papersDeadline ?? addDays(input.today, DEFAULT_HORIZON_DAYS);
  const tasks = input.actions
    .flatMap((a) => tasksForAction(a, input.today, deadline))
    .sort((x, y) => (x.due < y.due ? -1 : x.due > y.due ? 1 : x.title.text.localeCompare(y.title.text, 'en', { numeric: true })));
  const isToDo = (s: TaskStatus) => 'tag' in s && s.tag.text !== 'Waiting for review';
  return {
    pageTitle: `My actions: ${input.plan.title}`,
    planNav: planNavigation(input.plan, input.role, 'myActions'),
    closed: input.plan.status === 'closed',
    horizonText: input.next
      ? `before the papers deadline for the ${input.next.committee} meeting on ${govukDate(input.next.meetsOn)}`
      : `in the next ${DEFAULT_HORIZON_DAYS} days (no board meeting is arranged)`,
    deadline,
    next: input.next,
    actionCount: input.actions.length,
    toDo: tasks.filter((t) => isToDo(t.status)).length,
    tasks: tasks.map(({ due: _due, ...t }) => t),
  };
}
