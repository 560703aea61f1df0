import type { PackDto } from '../../packs/dto/pack.dto';
import type { ChartModel, PackBlock, PackModel, PackSection, PackTable } from '../../packs/model/pack-model';
import type { PlanNavigation } from '../common/view/plan-navigation';
import { govukDate } from '../common/nunjucks/filters';
import { planPaths, ROW_PAGE } from '../common/web-paths';
import { attachments, figuresChangedSentence, type AttachmentView } from './packs.view-model';

/**
 * A published scrutiny pack as an accessible HTML page (GOV.UK prefers HTML to PDF): the same pack
 * model the PDF, Word and Excel files were rendered from, walked in the same order. Headings go
 * h1 (the title), h2 (each section), h3 (each subsection); every table has its caption and scoped
 * headers; RAG colours are words in tags; charts are given as tables of their numbers.
 */

export interface ReportCell {
  text: string;
  /** A RAG cell: shown as a tag carrying the word. */
  rag: string | null;
  /** The row's first cell when the table names its rows by it. */
  rowHeader: boolean;
  numeric: boolean;
}

export interface ReportTable {
  id: string;
  caption: string;
  headers: { text: string; numeric: boolean }[];
  rows: ReportCell[][];
  emptyText: string;
  compact: boolean;
}

export type ReportBlock =
  | { kind: 'paragraph'; text: string; classes: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'details'; rows: { key: { text: string }; value: { text: string } }[] }
  | { kind: 'table'; table: ReportTable }
  | { kind: 'chart'; summary: string; table: ReportTable };

export interface ReportSection {
  id: string;
  heading: string;
  blocks: ReportBlock[];
  subsections: { id: string; heading: string; blocks: ReportBlock[] }[];
}

export interface ReportViewModel {
  pageTitle: string;
  planNav: PlanNavigation;
  backLink: string;
  title: string;
  documentType: string;
  /** False for a pack generated without its JSON model: only its files are offered. */
  htmlVersion: boolean;
  publishedOn: string;
  /** The report's date's RAG statuses changed after it was made: what to tell the reader, else null. */
  figuresChanged: string | null;
  frontMatter: ReportBlock[];
  contents: { id: string; heading: string }[];
  sections: ReportSection[];
  attachments: AttachmentView[];
}

const PARAGRAPH_CLASSES: Readonly<Record<string, string>> = Object.freeze({ normal: 'govuk-body', lead: 'govuk-body-l', note: 'govuk-body-s app-report-note' });

function tableView(table: PackTable): ReportTable {
  const numeric = table.columns.map((c) => c.align === 'right');
  return {
    id: table.id,
    caption: table.caption,
    headers: table.columns.map((c, i) => ({ text: c.header, numeric: numeric[i] })),
    rows: table.rows.map((cells) =>
      cells.map((c, i) => ({ text: c.text, rag: c.rag ?? null, rowHeader: table.rowHeaderColumn && i === 0, numeric: numeric[i] ?? false })),
    ),
    emptyText: table.emptyText,
    compact: table.density === 'compact',
  };
}

/** A chart's numbers as a table (a picture's data, for everyone), with its summary in words. */
export function chartTable(chart: ChartModel): ReportTable {
  const cell = (text: string | number, rowHeader = false, numeric = true): ReportCell => ({ text: String(text), rag: null, rowHeader, numeric });
  if (chart.kind === 'bar') {
    return {
      id: `chart-${chart.id}`,
      caption: chart.title,
      headers: [
        { text: 'RAG status', numeric: false },
        { text: 'Actions', numeric: true },
      ],
      rows: chart.bars.map((b) => [{ text: b.label, rag: b.colour, rowHeader: true, numeric: false }, cell(b.value)]),
      emptyText: 'No actions.',
      compact: false,
    };
  }
  return {
    id: `chart-${chart.id}`,
    caption: chart.title,
    headers: [{ text: 'Reporting date', numeric: false }, ...chart.series.map((s) => ({ text: s.label, numeric: true }))],
    rows: chart.dateLabels.map((label, i) => [cell(label, true, false), ...chart.series.map((s) => cell(s.values[i] ?? 0))]),
    emptyText: 'No reporting dates yet.',
    compact: false,
  };
}

function blockView(block: PackBlock, charts: ReadonlyMap<string, ChartModel>): ReportBlock | null {
  switch (block.kind) {
    case 'paragraph':
      return { kind: 'paragraph', text: block.text, classes: PARAGRAPH_CLASSES[block.style] ?? 'govuk-body' };
    case 'list':
      return { kind: 'list', ordered: block.ordered, items: block.items };
    case 'details':
      return { kind: 'details', rows: block.rows.map((r) => ({ key: { text: r.label }, value: { text: r.value } })) };
    case 'table':
      return { kind: 'table', table: tableView(block.table) };
    case 'chart': {
      const chart = charts.get(block.chartId);
      return chart ? { kind: 'chart', summary: chart.accessibilitySummary, table: chartTable(chart) } : null;
    }
    default:
      return null;
  }
}

function blocksView(blocks: readonly PackBlock[], charts: ReadonlyMap<string, ChartModel>): ReportBlock[] {
  return blocks.map((b) => blockView(b, charts)).filter((b): b is ReportBlock => b !== null);
}

function sectionView(section: PackSection, charts: ReadonlyMap<string, ChartModel>): ReportSection {
  return {
    id: `section-${section.id}`,
    heading: section.displayHeading,
    blocks: blocksView(section.blocks, charts),
    subsections: section.subsections.map((s) => ({ id: `section-${section.id}-${s.id}`, heading: s.heading, blocks: blocksView(s.blocks, charts) })),
  };
}

/**
 * Each table is a scrollable region named by its caption, and regions must have distinct names. A
 * chart whose table repeats one already given (the RAG counts) keeps its summary in words only; any
 * other repeated caption is numbered.
 */
function uniqueCaptions(sections: ReportSection[]): void {
  const seen = new Map<string, number>();
  const dedupe = (blocks: ReportBlock[]): ReportBlock[] =>
    blocks.map((block) => {
      if (block.kind !== 'table' && block.kind !== 'chart') return block;
      const caption = block.table.caption;
      const count = seen.get(caption) ?? 0;
      seen.set(caption, count + 1);
      if (count === 0) return block;
      if (block.kind === 'chart') return { kind: 'paragraph', text: block.summary, classes: 'govuk-body' };
      return { ...block, table: { ...block.table, caption: `${caption} (${count + 1})` } };
    });
  for (const section of sections) {
    section.blocks = dedupe(section.blocks);
    for (const sub of section.subsections) sub.blocks = dedupe(sub.blocks);
  }
}

/** The published report page: the pack model as HTML, and its PDF, Word and Excel files beside it. */
export function reportPage(planNav: PlanNavigation, pack: PackDto, model: PackModel | null, pdfPages: number | null): ReportViewModel {
  const charts = new Map((model?.charts ?? []).map((c) => [c.id, c]));
  const sections = (model?.sections ?? []).map((s) => sectionView(s, charts));
  uniqueCaptions(sections);
  return {
    pageTitle: model?.meta.title ?? pack.title,
    planNav,
    backLink: planPaths(planNav.planId).reports,
    title: model?.meta.title ?? pack.title,
    documentType: model?.meta.documentType ?? 'Progress report to the scrutiny committee',
    htmlVersion: model !== null,
    publishedOn: pack.publishedAt ? govukDate(pack.publishedAt) : '',
    figuresChanged: reportFiguresChanged(pack),
    frontMatter: blocksView(model?.frontMatter ?? [], charts),
    contents: sections.map((s) => ({ id: s.id, heading: s.heading })),
    sections,
    attachments: attachments(pack, pdfPages, ['pdf', 'docx', 'xlsx']),
  };
}

/** The published report's warning: the report keeps showing them as they were. */
function reportFiguresChanged(pack: PackDto): string | null {
  const what = figuresChangedSentence(pack, 'report');
  return what && `${what} The report still shows them as they were when it was made.`;
}

export interface ReportsViewModel {
  pageTitle: string;
  planNav: PlanNavigation;
  rows: { href: string; title: string; asOf: string; publishedAt: string }[];
}

/** Published reports: the plan's published scrutiny packs, newest first. */
export function reportsPage(planNav: PlanNavigation, packs: readonly PackDto[]): ReportsViewModel {
  return {
    pageTitle: 'Published reports',
    planNav,
    rows: packs
      .filter((p) => p.audience === 'scrutiny' && p.publishedAt !== null)
      .map((p) => ({ href: ROW_PAGE.report(p.id), title: p.title, asOf: p.asOf, publishedAt: p.publishedAt! })),
  };
}
