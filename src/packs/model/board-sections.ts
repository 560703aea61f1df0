import type { Context, ModelParts } from './pack-context';
import type { PackSection } from './pack-model';
import {
  cell,
  changeTable,
  chartBlocks,
  countsTable,
  findingsSubsections,
  milestoneTable,
  numbered,
  paragraph,
  ragCell,
  ragKeyBlocks,
  reasonsText,
  section,
  table,
  trackerTable,
  updateText,
  workstreamTable,
} from './pack-outline';
import { longDate, plural, shortDate } from './pack-text';
import { achievedBlocks } from './committee-report';

/** The board pack's outline: the programme lead's progress and exception report. */
export function boardSections(ctx: Context, parts: ModelParts): PackSection[] {
  const wide = { orientation: 'landscape' as const };
  const board = parts.board;
  if (!board) throw new Error('boardSections needs the board parts');
  const sections: PackSection[] = [];
  // Page 1: the headline, the counts and the trend; the bar chart of today's counts repeats the table, so it is left to the spreadsheet.
  const trend = chartBlocks(parts).filter((b) => b.kind !== 'chart' || b.chartId === 'rag-trend');
  // Portrait, so the front sheet, the headline, the counts and the trend share page 1.
  sections.push(section('headline', '1', 'Headline position', [paragraph(parts.headline.summary, 'lead'), countsTable(ctx, parts), ...trend]));
  sections.push(
    section(
      'decisions',
      '2',
      'Decisions required of the board',
      [
        paragraph(
          board.decisions.length === 0
            ? 'No decision is required: no override expires soon, no action is blocked and no evidence has waited long for review.'
            : `${plural(board.decisions.length, 'decision is', 'decisions are')} asked of the board: overrides expiring by ${longDate(board.overridesExpiringBy)}, blocked actions, and evidence waiting more than ${board.evidenceWaitingDays} days for review.`,
        ),
        ...(board.decisions.length === 0 ? [] : [numbered(board.decisions.map((d) => d.text))]),
      ],
      [],
      wide,
    ),
  );
  sections.push(
    section(
      'exceptions',
      '3',
      'Exceptions: red and amber actions',
      [
        paragraph(
          parts.exceptions.length === 0
            ? 'No action is red or amber.'
            : `${plural(parts.exceptions.filter((e) => e.colour === 'red').length, 'action is', 'actions are')} red and ` +
                `${plural(parts.exceptions.filter((e) => e.colour === 'amber').length, 'action is', 'actions are')} amber. Red actions come first, then amber, each in plan order (workstream, then reference).`,
        ),
        table(
          'exceptions',
          'Red and amber actions, with the reasons for their colour and the latest update',
          [
            ['Ref', 2],
            ['Action', 8],
            ['Owner', 6],
            ['Due', 3],
            ['RAG', 3.2],
            ['Reasons', 8],
            ['Latest update', 10],
          ],
          parts.exceptions.map((e) => [
            cell(e.reference),
            cell(e.title),
            cell(e.owner),
            cell(e.dueLabel),
            ragCell(e.colour, e.overridden),
            cell(reasonsText(e.reasons)),
            cell(updateText(e.latestUpdate)),
          ]),
          'There are no red or amber actions.',
        ),
      ],
      [
        {
          id: 'overdue-milestones',
          heading: 'Overdue milestones',
          blocks: [
            milestoneTable(
              'overdue-milestones',
              `Milestones not completed by their due date, at ${parts.meta.asOfLabel}, most overdue first`,
              parts.overdueMilestones,
              true,
              'Owner',
              'No milestones are overdue.',
            ),
          ],
        },
        {
          id: 'overrides',
          heading: 'Overrides in force, with the colour the rules give',
          blocks: [
            table(
              'overrides',
              'Every override in force: its colour and reason, and underneath it the colour the rules give',
              [
                ['Ref', 2],
                ['Action', 8],
                ['Override', 3.2],
                ['Reason', 8],
                ['Rules give', 3.2],
                ['Rules’ reasons', 8],
                ['Set by, until', 6],
              ],
              board.overrides.map((o) => [
                cell(o.reference),
                cell(o.title),
                ragCell(o.colour, true),
                cell(o.reason),
                ragCell(o.override.computedColour, false, o.override.computedColourLabel),
                cell(reasonsText(o.override.computedReasons) || 'On track'),
                cell(`${o.override.setBy}, ${o.override.setOnLabel}; expires ${o.override.expiresOnLabel}`),
              ]),
              'No override is in force.',
            ),
          ],
        },
      ],
      wide,
    ),
  );
  sections.push(
    section(
      'completed',
      '4',
      'Completed in the period',
      [
        paragraph(
          `Between ${parts.meta.periodLabel.replace(' to ', ' and ')}: ${plural(board.completedActions.length, 'action')} completed and ${plural(board.completedMilestones.length, 'milestone')} completed.`,
        ),
        achievedBlocks(board.completedActions, 'No action was completed in the period.'),
        table(
          'completed-milestones',
          'Milestones completed in the period',
          [
            ['Action', 2.5],
            ['Milestone', 12],
            ['Completed', 3],
          ],
          board.completedMilestones.map((m) => [cell(m.actionReference), cell(m.title), cell(m.completedLabel)]),
          'No milestone was completed in the period.',
        ),
      ],
      [],
      wide,
    ),
  );
  sections.push(
    section(
      'changes',
      '5',
      'Changes since the previous report',
      [paragraph(parts.changes.summary)],
      parts.changes.previousAsOf === null
        ? []
        : [
            {
              id: 'new-reds',
              heading: 'Actions that turned red',
              blocks: [changeTable('new-reds', 'Actions red now that were not red at the previous report', parts.changes.newReds, 'No action turned red.')],
            },
            {
              id: 'turned-blue',
              heading: 'Actions that turned blue',
              blocks: [
                changeTable('turned-blue', 'Actions complete and evidenced since the previous report', parts.changes.turnedBlue, 'No action turned blue.'),
              ],
            },
            {
              id: 'other-changes',
              heading: 'Other colour changes',
              blocks: [
                changeTable(
                  'other-changes',
                  'Every other action whose colour changed',
                  parts.changes.all.filter((c) => c.to !== 'red' && c.to !== 'blue'),
                  'No other action changed colour.',
                ),
              ],
            },
          ],
      wide,
    ),
  );
  sections.push(
    section(
      'upcoming-milestones',
      '6',
      'Milestones due before the next meeting',
      [
        paragraph(
          parts.meta.nextMeetingDate
            ? `Milestones due between ${parts.meta.asOfLabel} and the meeting on ${parts.meta.nextMeetingLabel}: ${parts.upcomingMilestones.length}.`
            : `No meeting is scheduled. Milestones due between ${parts.meta.asOfLabel} and ${parts.meta.upcomingUntilLabel} (four weeks): ${parts.upcomingMilestones.length}.`,
        ),
        milestoneTable(
          'upcoming-milestones',
          `Milestones due by ${parts.meta.upcomingUntilLabel}`,
          parts.upcomingMilestones,
          false,
          'Owner',
          parts.meta.nextMeetingDate ? 'No milestones are due before the next meeting.' : 'No milestones are due in the next four weeks.',
        ),
      ],
      [],
      wide,
    ),
  );
  sections.push(
    section(
      'evidence',
      '7',
      'Evidence in the period',
      [
        paragraph(parts.evidence.summary),
        table(
          'evidence',
          'Evidence reviewed in the period, and evidence awaiting review',
          [
            ['Action', 2.5],
            ['Evidence', 12],
            ['State', 3.5],
            ['Uploaded', 3],
            ['Reviewed', 3],
          ],
          (parts.evidence.items ?? []).map((e) => [
            cell(e.actionReference),
            cell(e.title),
            cell(e.stateLabel),
            cell(shortDate(e.uploadedOn)),
            cell(e.reviewedOn ? shortDate(e.reviewedOn) : ''),
          ]),
          'No evidence was reviewed in the period and none awaits review.',
        ),
      ],
      [
        {
          id: 'rejected-evidence',
          heading: 'Rejected evidence: the reviewer’s comments',
          blocks: [
            table(
              'rejected-evidence',
              'Each rejected evidence item with the reviewer’s role and comment',
              [
                ['Action', 2.5],
                ['Evidence', 8],
                ['Reviewed', 3],
                ['Reviewer', 5],
                ['Comment', 12],
              ],
              board.rejectedEvidence.map((e) => [cell(e.actionReference), cell(e.title), cell(e.reviewedLabel), cell(e.reviewerRole), cell(e.comment)]),
              'No evidence is rejected.',
            ),
          ],
        },
      ],
      wide,
    ),
  );
  sections.push(
    section(
      'workstreams',
      '8',
      'Progress by workstream',
      [
        paragraph('A workstream is blue only when all its actions are blue; otherwise it takes the worst colour among its other actions.'),
        workstreamTable(parts, 'Workstream'),
      ],
      [],
      wide,
    ),
  );
  sections.push(
    section(
      'findings',
      '9',
      'Progress against regulator findings and notices',
      [paragraph('Each finding takes the roll-up colour of the actions that address it.')],
      findingsSubsections(parts),
      wide,
    ),
  );
  sections.push(
    section('tracker', 'A', 'Full action tracker', [trackerTable(ctx, parts)], [], { appendix: true, orientation: 'landscape' }),
  );
  sections.push(section('rag-key', 'B', 'RAG key', ragKeyBlocks(parts), [], { appendix: true, orientation: 'landscape' }));
  return sections;
}
