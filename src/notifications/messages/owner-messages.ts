import { daysBetween } from '../../common/dates/calendar-date';
import type { Block, MessageDocument } from './message-document';
import type {
  DigestItem,
  DueReminderData,
  EvidenceRejectedData,
  MessageContext,
  OverdueData,
  OwnerWeeklyDigestData,
  UpdateDueData,
} from './message-data';
import { actionName, dayCount, footerFor, greeting, longDate, ownerReason, relativeDay, subjectName } from './message-words';
import { shortTitle } from './message-document';

/** Messages to an action owner. Each names only the recipient's own actions. */

function actionFacts(data: { action: DueReminderData['action']; milestone?: DueReminderData['milestone'] }, extra: [string, string][]): Block {
  const rows: [string, string][] = [['Action', actionName(data.action)]];
  if (data.milestone) rows.push(['Milestone', data.milestone.title]);
  return { type: 'facts', caption: 'Details', rows: [...rows, ...extra] };
}

function actHref(ctx: MessageContext, data: { action: DueReminderData['action']; milestone?: DueReminderData['milestone'] }): string {
  return data.milestone ? ctx.links.milestone(data.action.id, data.milestone.id) : ctx.links.action(data.action.id);
}

function requireMilestone(data: { milestone?: DueReminderData['milestone'] }, kind: string): void {
  if (!data.milestone) throw new RangeError(`${kind} needs the milestone`);
}

/** milestone_due_14d / 7d / 1d and action_due_14d / 7d / 1d. */
export function dueReminderMessage(ctx: MessageContext, data: DueReminderData, what: 'milestone' | 'action', daysBefore: 14 | 7 | 1): MessageDocument {
  if (what === 'milestone') requireMilestone(data, 'a milestone reminder');
  const milestone = what === 'milestone' ? data.milestone : null;
  // A catch-up (the scan missed the threshold's day) says the days really left.
  const days = data.daysLeft ?? daysBefore;
  const when = days === 0 ? 'today' : days === 1 ? 'tomorrow' : `in ${days} days`;
  const named = milestone ? `milestone ‘${shortTitle(milestone.title)}’ (action ${data.action.reference})` : `action ${data.action.reference} ${shortTitle(data.action.title)}`;
  const todo = milestone
    ? 'If it is done, mark the milestone complete and upload the evidence. If it will slip, say why in a progress update.'
    : 'If the action is done, set its status to complete and upload the evidence. If it will slip, say why in a progress update.';
  return {
    subject: `Due ${when}: ${named}`,
    heading: `${milestone ? 'Milestone' : 'Action'} due ${when}`,
    blocks: [
      { type: 'paragraph', content: [greeting(ctx)] },
      { type: 'paragraph', content: [`The ${subjectName(data.action, milestone)} is due on `, { strong: longDate(data.dueDate) }, '.'] },
      actionFacts({ action: data.action, milestone }, [['Due', longDate(data.dueDate)]]),
      { type: 'paragraph', content: [todo] },
      { type: 'action', text: `Open action ${data.action.reference}`, href: actHref(ctx, { action: data.action, milestone }) },
    ],
    footer: footerFor('due_reminder', ctx, ownerReason(ctx)),
  };
}

/** milestone_overdue / action_overdue: the first message, then one a week until resolved. */
export function overdueMessage(ctx: MessageContext, data: OverdueData, what: 'milestone' | 'action'): MessageDocument {
  if (what === 'milestone') requireMilestone(data, 'a milestone overdue message');
  const milestone = what === 'milestone' ? data.milestone : null;
  const named = milestone ? `milestone ‘${shortTitle(milestone.title)}’ (action ${data.action.reference})` : `action ${data.action.reference} ${shortTitle(data.action.title)}`;
  const first = data.reminder <= 1;
  return {
    subject: first ? `Overdue: ${named}, due ${longDate(data.dueDate)}` : `Still overdue (${dayCount(data.daysOverdue)}): ${named}`,
    heading: first ? `${milestone ? 'Milestone' : 'Action'} overdue` : `${milestone ? 'Milestone' : 'Action'} still overdue`,
    blocks: [
      { type: 'paragraph', content: [greeting(ctx)] },
      {
        type: 'paragraph',
        content: [`The ${subjectName(data.action, milestone)} was due on ${longDate(data.dueDate)} and is `, { strong: `overdue by ${dayCount(data.daysOverdue)}` }, '.'],
      },
      actionFacts({ action: data.action, milestone }, [
        ['Due', longDate(data.dueDate)],
        ['Overdue by', dayCount(data.daysOverdue)],
      ]),
      {
        type: 'paragraph',
        content: [
          milestone
            ? 'Mark the milestone complete if it is done, or add a progress update saying what is happening and when it will be done. The board sees overdue milestones in its pack.'
            : 'Set the status if the action is done, or add a progress update saying what is happening and when it will be done. The board sees overdue actions in its pack.',
        ],
      },
      ...(first ? [] : [{ type: 'paragraph' as const, content: ['We will remind you once a week until it is resolved.'] }]),
      { type: 'action', text: `Open action ${data.action.reference}`, href: actHref(ctx, { action: data.action, milestone }) },
    ],
    footer: footerFor('overdue', ctx, ownerReason(ctx)),
  };
}

function updateDueBlocks(ctx: MessageContext, data: UpdateDueData): Block[] {
  const since = data.sinceMeetingDate ? `since the last meeting on ${longDate(data.sinceMeetingDate)}` : 'yet';
  return [
    {
      type: 'paragraph',
      content: [
        `The ${data.meeting.committeeName} meets on ${longDate(data.meeting.meetingDate)}. Please add a progress update by `,
        { strong: longDate(data.meeting.papersDeadline) },
        ` (the papers deadline) to ${data.actions.length === 1 ? 'this action, which has' : `these ${data.actions.length} actions, which have`} no update ${since}:`,
      ],
    },
    {
      type: 'list',
      items: data.actions.map((a) => [
        { text: actionName(a), href: ctx.links.action(a.id) },
        a.lastUpdateOn ? ` (last update ${longDate(a.lastUpdateOn)})` : ' (no update yet)',
      ]),
    },
  ];
}

/** update_due: before the papers deadline, for the owner's actions with no update since the last meeting. */
export function updateDueMessage(ctx: MessageContext, data: UpdateDueData): MessageDocument {
  if (data.actions.length === 0) throw new RangeError('an update-due message needs at least one action');
  return {
    subject: `Progress update due by ${longDate(data.meeting.papersDeadline)} for the ${data.meeting.committeeName} on ${longDate(data.meeting.meetingDate)}`,
    heading: 'Progress update due',
    blocks: [
      { type: 'paragraph', content: [greeting(ctx)] },
      ...updateDueBlocks(ctx, data),
      { type: 'paragraph', content: ['A short narrative is enough: what has happened, what is next, and anything the board should know.'] },
      { type: 'action', text: 'Open your actions', href: ctx.links.myActions(data.planId) },
    ],
    footer: footerFor('update_due', ctx, ownerReason(ctx)),
  };
}

/** evidence_rejected: at once, with the reviewer's role and comment. Mandatory: no unsubscribe. */
export function evidenceRejectedMessage(ctx: MessageContext, data: EvidenceRejectedData): MessageDocument {
  return {
    subject: `Evidence not accepted: ‘${shortTitle(data.evidence.fileName, 60)}’ on action ${data.action.reference}`,
    heading: 'Your evidence was not accepted',
    blocks: [
      { type: 'paragraph', content: [greeting(ctx)] },
      {
        type: 'paragraph',
        content: [`The evidence you uploaded for ${subjectName(data.action, data.milestone)} was reviewed on ${longDate(data.reviewedOn)} and `, { strong: 'not accepted' }, '.'],
      },
      actionFacts(data, [
        ['File', data.evidence.fileName],
        ['Reviewed by', data.reviewerRole],
        ['Reviewed on', longDate(data.reviewedOn)],
      ]),
      { type: 'quote', label: "The reviewer's comment", text: data.comment.trim() || '(no comment given)' },
      { type: 'paragraph', content: ['Please act on the comment and upload new evidence, so the board can see the work is done.'] },
      { type: 'action', text: `Open the evidence on action ${data.action.reference}`, href: ctx.links.evidenceOnAction(data.action.id, data.evidence.id) },
    ],
    footer: footerFor('evidence_rejected', ctx, `You get this e-mail because you uploaded this evidence to the improvement plan of ${ctx.organisationName}.`),
  };
}

function digestItem(ctx: MessageContext, item: DigestItem, today: string, overdue: boolean) {
  const when = overdue ? `was due ${longDate(item.dueDate)}, overdue by ${dayCount(daysBetween(item.dueDate, today))}` : `due ${longDate(item.dueDate)} (${relativeDay(today, item.dueDate)})`;
  const link = item.milestone ? ctx.links.milestone(item.action.id, item.milestone.id) : ctx.links.action(item.action.id);
  const name = item.milestone ? `Milestone ‘${item.milestone.title}’ of ${actionName(item.action)}` : `Action ${actionName(item.action)}`;
  return [{ text: name, href: link }, `: ${when}`];
}

/** owner_weekly_digest: everything the owner put on weekly digest, in one message. */
export function ownerWeeklyDigestMessage(ctx: MessageContext, data: OwnerWeeklyDigestData): MessageDocument {
  const counts = [
    data.overdue.length ? `${data.overdue.length} overdue` : null,
    data.dueSoon.length ? `${data.dueSoon.length} due soon` : null,
    data.updateDue ? `${data.updateDue.actions.length} update${data.updateDue.actions.length === 1 ? '' : 's'} due` : null,
  ].filter((c): c is string => c !== null);
  const blocks: Block[] = [{ type: 'paragraph', content: [greeting(ctx)] }];
  if (counts.length === 0) {
    blocks.push({ type: 'paragraph', content: ['Nothing of yours is overdue or due in the next 14 days, and no progress update is due. Thank you.'] });
  } else {
    blocks.push({ type: 'paragraph', content: [`This is your weekly summary of your actions in the improvement plan of ${ctx.organisationName}.`] });
  }
  if (data.overdue.length) {
    blocks.push({ type: 'heading', text: 'Overdue' }, { type: 'list', items: data.overdue.map((i) => digestItem(ctx, i, data.today, true)) });
  }
  if (data.dueSoon.length) {
    blocks.push({ type: 'heading', text: 'Due in the next 14 days' }, { type: 'list', items: data.dueSoon.map((i) => digestItem(ctx, i, data.today, false)) });
  }
  if (data.updateDue) {
    blocks.push({ type: 'heading', text: 'Progress updates due' }, ...updateDueBlocks(ctx, data.updateDue));
  }
  blocks.push({ type: 'action', text: 'Open your actions', href: ctx.links.myActions(data.planId) });
  return {
    subject: `Your improvement actions, week of ${longDate(data.weekStarting)}${counts.length ? `: ${counts.join(', ')}` : ': nothing due'}`,
    heading: `Your actions: week of ${longDate(data.weekStarting)}`,
    blocks,
    footer: footerFor('weekly_digest', ctx, `${ownerReason(ctx)} You chose a weekly digest instead of single reminders.`),
  };
}
