import type { Context, ModelParts } from './pack-context';
import type {
  ColourChange,
  FindingRollUp,
  MilestoneRow,
  PackBlock,
  PackMeta,
  PackSection,
  PackSubsection,
  PackTable,
  PackTableCell,
  PackTableColumn,
  ScrutinyParts,
  TableAlign,
  UpdateView,
} from './pack-model';
import { colourLabel, instantLabel, joinClauses, prefixOnce, shortDate, signed, trimText } from './pack-text';
import { trackerTableCell, trackerTableColumns } from './tracker-columns';
import { RAG_COLOURS, type RagColour } from '../../vocabulary/rag-colour';

/** Building blocks of the document outline (tables, paragraphs, sections) and the tables both packs share. */

/** Tables longer than this are laid out compact. */
const COMPACT_TABLE_ROWS = 60;
/** Milestone tables name their action by reference and a short title: the tracker has the rest. */
const MILESTONE_ACTION_TITLE_CHARS = 70;

// ---- The document outline -------------------------------------------------------------------------

type ColumnSpec = [header: string, width: number, align?: TableAlign];

export function table(
  id: string,
  caption: string,
  columns: ColumnSpec[],
  rows: PackTableCell[][],
  emptyText: string,
  options: { density?: 'normal' | 'compact'; rowHeaderColumn?: boolean } = {},
): PackBlock {
  const cols: PackTableColumn[] = columns.map(([header, width, align]) => ({ header, width, align: align ?? 'left' }));
  const value: PackTable = {
    id,
    caption,
    columns: cols,
    rows,
    emptyText,
    // Long tables are set in small type: a 5,000-action plan has tables of thousands of rows.
    density: options.density ?? (rows.length > COMPACT_TABLE_ROWS ? 'compact' : 'normal'),
    rowHeaderColumn: options.rowHeaderColumn ?? true,
  };
  return { kind: 'table', table: value };
}

export function cell(text: string | number): PackTableCell {
  return { text: String(text) };
}

export function ragCell(colour: RagColour, overridden = false, label?: string): PackTableCell {
  return { text: label ?? colourLabel(colour, overridden), rag: colour };
}

export function paragraph(text: string, style: 'normal' | 'lead' | 'note' = 'normal'): PackBlock {
  return { kind: 'paragraph', text, style };
}

export function bullets(items: string[]): PackBlock {
  return { kind: 'list', ordered: false, items };
}

export function numbered(items: string[]): PackBlock {
  return { kind: 'list', ordered: true, items };
}

export function section(
  id: string,
  number: string,
  heading: string,
  blocks: PackBlock[],
  subsections: PackSubsection[] = [],
  options: { appendix?: boolean; orientation?: 'portrait' | 'landscape' } = {},
): PackSection {
  const appendix = options.appendix ?? false;
  return {
    id,
    number,
    heading,
    displayHeading: appendix ? `Appendix ${number}: ${heading}` : `${number}. ${heading}`,
    appendix,
    orientation: options.orientation ?? 'portrait',
    blocks,
    subsections,
  };
}

export function frontMatter(ctx: Context, meta: PackMeta, scrutiny: ScrutinyParts | null = null): PackBlock[] {
  const rows = scrutiny
    ? [
        { label: 'Committee', value: scrutiny.committeeName },
        { label: 'Date of meeting', value: scrutiny.meetingDateLabel },
        { label: 'Title', value: meta.title },
        { label: 'Report of', value: scrutiny.reportOf },
        { label: 'Contact officer', value: scrutiny.contactMailbox ? `${scrutiny.contactOfficer}, ${scrutiny.contactMailbox}` : scrutiny.contactOfficer },
        { label: 'Organisation', value: meta.organisationName },
        { label: 'Position as at', value: meta.asOfLabel },
        { label: 'Reporting period', value: meta.periodLabel },
      ]
    : ctx.scrutiny
    ? [
        { label: 'Organisation', value: meta.organisationName },
        { label: 'Report of', value: meta.reportOfRole },
        { label: 'Subject', value: meta.planTitle },
        { label: 'Position as at', value: meta.asOfLabel },
        { label: 'Reporting period', value: meta.periodLabel },
        { label: meta.nextMeetingHeading, value: meta.nextMeetingLabel },
      ]
    : [
        { label: 'Report of', value: meta.reportOfRole },
        { label: 'Position as at', value: `${meta.asOfLabel} (previous report: ${meta.previousAsOfLabel ?? 'none, first report'})` },
        { label: 'Reporting period', value: meta.periodLabel },
        { label: meta.nextMeetingHeading, value: meta.nextMeetingLabel },
        { label: 'Generated', value: instantLabel(meta.generatedAt) },
      ];
  const blocks: PackBlock[] = [{ kind: 'details', rows }];
  if (ctx.scrutiny) {
    blocks.push(
      paragraph(
        'Officers are referred to by their role. The colours (RAG ratings) are explained in the RAG key appendix; every colour is also written as a word.',
        'note',
      ),
    );
  } else {
    blocks.push(paragraph('Board members only: this pack names action owners. Do not publish it; the scrutiny pack is the public version.', 'note'));
  }
  return blocks;
}

export function countsTable(ctx: Context, parts: ModelParts): PackBlock {
  const { headline } = parts;
  const prevLabel = parts.meta.previousAsOfLabel;
  if (prevLabel === null) {
    return table(
      'rag-counts',
      `Actions by RAG status at ${parts.meta.asOfLabel}`,
      [
        ['RAG status', 3],
        ['Actions', 2, 'right'],
      ],
      [...headline.counts.map((c) => [ragCell(c.colour), cell(c.now)]), [cell('Total'), cell(headline.total)]],
      'There are no actions in the plan yet.',
    );
  }
  return table(
    'rag-counts',
    `Actions by RAG status at ${parts.meta.asOfLabel}, compared with ${prevLabel}`,
    [
      ['RAG status', 3],
      [`Now (${shortDate(ctx.asOf)})`, 2, 'right'],
      [`Previous (${shortDate(parts.meta.previousAsOf ?? ctx.asOf)})`, 2, 'right'],
      ['Change', 2, 'right'],
    ],
    [
      ...headline.counts.map((c) => [ragCell(c.colour), cell(c.now), cell(c.previous ?? ''), cell(c.delta === null ? '' : signed(c.delta))]),
      [
        cell('Total'),
        cell(headline.total),
        cell(headline.previousTotal ?? ''),
        cell(headline.previousTotal === null ? '' : signed(headline.total - headline.previousTotal)),
      ],
    ],
    'There are no actions in the plan yet.',
  );
}

export function chartBlocks(parts: ModelParts): PackBlock[] {
  const blocks: PackBlock[] = parts.charts.map((c) => ({ kind: 'chart', chartId: c.id }));
  if (!parts.charts.some((c) => c.id === 'rag-trend')) {
    blocks.push(paragraph('The trend chart starts once there are two reporting dates to compare.', 'note'));
  }
  return blocks;
}

export function reasonsText(reasons: readonly string[]): string {
  return joinClauses(reasons);
}

/** Tables quote the start of an update; the tracker rows (JSON, spreadsheet) keep all of it. */
const TABLE_UPDATE_CHARS = 240;

export function updateText(update: UpdateView | null): string {
  return update ? `${update.dateLabel}: ${trimText(update.narrative, TABLE_UPDATE_CHARS)}` : 'No update yet';
}

export function workstreamTable(parts: ModelParts, label: string): PackBlock {
  return table(
    'workstream-roll-up',
    `${label} roll-up: overall colour and number of actions of each colour`,
    [
      [label, 8],
      ['Overall', 3],
      ['Red', 1.5, 'right'],
      ['Amber', 1.7, 'right'],
      ['Green', 1.7, 'right'],
      ['Blue', 1.5, 'right'],
      ['Grey', 1.5, 'right'],
      ['Total', 1.6, 'right'],
    ],
    parts.workstreams.map((w) => [
      cell(w.title),
      ragCell(w.rollUp.colour, false, w.rollUp.total === 0 ? 'Grey (none)' : w.rollUp.label),
      ...RAG_COLOURS.map((colour) => cell(w.rollUp.counts[colour])),
      cell(w.rollUp.total),
    ]),
    `There are no ${label.toLowerCase()}s in the plan.`,
  );
}

export function noticeTable(parts: ModelParts): PackBlock {
  return table(
    'notice-roll-up',
    'Each notice: deadline, status and the roll-up colour of its actions',
    [
      ['Notice', 8],
      ['Deadline', 3],
      ['Status', 2.5],
      ['Overall', 3],
      ['Actions by colour', 6],
    ],
    parts.notices.map((n) => [
      cell(n.title),
      cell(n.deadline ? shortDate(n.deadline) : 'No regulator deadline'),
      cell(n.status),
      ragCell(n.rollUp.colour, false, n.rollUp.label),
      cell(n.rollUp.countsText),
    ]),
    'No notice applies to this plan.',
  );
}

function findingsTable(id: string, caption: string, findings: FindingRollUp[]): PackBlock {
  return table(
    id,
    caption,
    [
      ['Ref', 2],
      ['Finding', 9],
      ['Theme', 3.5],
      ['Actions', 3.5],
      ['Overall', 2.8],
      ['Actions by colour', 5],
    ],
    findings.map((f) => [
      cell(f.reference),
      cell(f.title),
      cell([f.theme, f.score !== null ? `score ${f.score}` : null].filter((t): t is string => !!t).join(', ') || ''),
      cell(f.actionReferences.join(', ') || 'None yet'),
      ragCell(f.rollUp.colour, false, f.rollUp.total === 0 ? 'Grey (none)' : f.rollUp.label),
      cell(f.rollUp.countsText),
    ]),
    'No findings are recorded.',
  );
}

export function findingsSubsections(parts: ModelParts): PackSubsection[] {
  const subsections: PackSubsection[] = [];
  for (const n of parts.notices) {
    subsections.push({
      id: `notice-${n.id}`,
      heading: n.title,
      blocks: [
        paragraph(
          `${n.kind}${n.deadlineLabel ? `, deadline ${n.deadlineLabel}` : ''}, status: ${n.status}. ` +
            `Overall ${n.rollUp.label.toLowerCase()}: ${n.rollUp.countsText}.`,
        ),
        findingsTable(`notice-findings-${n.id}`, `Findings under the ${n.title}`, n.findings),
      ],
    });
  }
  for (const i of parts.inspections) {
    const judgement = i.overallJudgement ? `, overall judgement: ${i.overallJudgement}` : '';
    subsections.push({
      id: `inspection-${i.id}`,
      heading: i.title,
      blocks: [
        paragraph(
          `${prefixOnce(i.regulator, i.kind)}${i.publishedLabel ? `, published ${i.publishedLabel}` : ''}${judgement}. ` +
            `Overall ${i.rollUp.label.toLowerCase()}: ${i.rollUp.countsText}.`,
        ),
        findingsTable(`inspection-findings-${i.id}`, `Findings of the ${i.title}`, i.findings),
      ],
    });
  }
  return subsections;
}

export function ragKeyBlocks(parts: ModelParts): PackBlock[] {
  return [
    table(
      'rag-key',
      'RAG key: what each colour means',
      [
        ['Colour', 2],
        ['Meaning', 10],
      ],
      parts.ragKey.map((k) => [ragCell(k.colour, false, k.label), cell(k.meaning)]),
      '',
    ),
    paragraph(
      'Colours are computed from the plan by the organisation’s RAG policy at the reporting date. A colour marked "(override)" was set by the improvement board with a reason and an expiry date; the reason is shown as the colour’s reason, followed by the colour the rules give and who set the override, when and until when.',
    ),
  ];
}

/** The full tracker, with the columns the spreadsheet shares (tracker-columns.ts). */
export function trackerTable(ctx: Context, parts: ModelParts): PackBlock {
  const columns = trackerTableColumns(ctx.source.audience);
  return table(
    'tracker',
    ctx.scrutiny ? 'Every action in the plan, by priority' : 'Every action in the plan, by workstream',
    columns.map((c): ColumnSpec => [c.table.title, c.table.width, c.table.align]),
    parts.tracker.map((r) => columns.map((c) => trackerTableCell(c, r))),
    'There are no actions in the plan yet.',
    { density: 'compact' },
  );
}

export function milestoneTable(id: string, caption: string, rows: MilestoneRow[], overdue: boolean, ownerHeader: string, emptyText: string): PackBlock {
  const columns: ColumnSpec[] = [
    ['Action', 7],
    ['Milestone', 9],
    [ownerHeader, 6],
    ['Due', 3],
  ];
  if (overdue) columns.push(['Days overdue', 3.2, 'right']);
  return table(
    id,
    caption,
    columns,
    rows.map((m) => {
      const cells = [
        cell(`${m.actionReference} ${trimText(m.actionTitle, MILESTONE_ACTION_TITLE_CHARS)}`),
        cell(m.title),
        cell(m.owner),
        cell(m.dueLabel),
      ];
      if (overdue) cells.push(cell(m.daysOverdue ?? 0));
      return cells;
    }),
    emptyText,
  );
}

export function changeTable(id: string, caption: string, changes: ColourChange[], emptyText: string): PackBlock {
  return table(
    id,
    caption,
    [
      ['Ref', 2],
      ['Action', 12],
      ['Previous', 3],
      ['Now', 3],
    ],
    changes.map((c) => [
      cell(c.reference),
      cell(c.title),
      c.from === null ? cell('New action') : ragCell(c.from),
      ragCell(c.to),
    ]),
    emptyText,
  );
}
