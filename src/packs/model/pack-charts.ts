import type { CalendarDate } from '../../common/dates/calendar-date';
import type { Context } from './pack-context';
import { PACK_COLOUR_ORDER, type ChartModel, type RagKeyEntry } from './pack-model';
import { normaliseCounts, totalOf } from './pack-roll-ups';
import type { ColourCounts } from './pack-source';
import { COLOUR_LABELS, compareIsoDates, compareStrings, describeAllCounts, emptyCounts, joinWords, longDate, plural, shortDate } from './pack-text';

/** The charts (counts now, trend) and the RAG key. */

const TREND_POINTS = 12;

// ---- Charts -------------------------------------------------------------------------------------

export function buildCharts(ctx: Context, now: ColourCounts): ChartModel[] {
  const total = totalOf(now);
  const previous = ctx.source.previous;
  const barSummary =
    `Bar chart of the ${plural(total, 'action')} by RAG status at ${longDate(ctx.asOf)}: ${describeAllCounts(now)}.` +
    (previous
      ? ` At the previous report (${longDate(previous.asOf)}): ${describeAllCounts(normaliseCounts(previous.counts))}.`
      : '');
  const charts: ChartModel[] = [
    {
      id: 'rag-counts',
      kind: 'bar',
      title: `Actions by RAG status at ${longDate(ctx.asOf)}`,
      altText: `Bar chart: ${describeAllCounts(now)} (${plural(total, 'action')}).`,
      accessibilitySummary: barSummary,
      bars: PACK_COLOUR_ORDER.map((colour) => ({ colour, label: COLOUR_LABELS[colour], value: now[colour] })),
    },
  ];

  // Earlier reporting dates, de-duplicated (the last by sort order wins), then this one.
  const points = new Map<CalendarDate, ColourCounts>();
  const earlier = ctx.source.trend
    .filter((p) => p.asOf < ctx.asOf)
    .map((p) => ({ asOf: p.asOf, counts: normaliseCounts(p.counts) }))
    .sort((a, b) => compareIsoDates(a.asOf, b.asOf) || compareStrings(JSON.stringify(a.counts), JSON.stringify(b.counts)));
  for (const point of earlier) points.set(point.asOf, point.counts);
  points.set(ctx.asOf, now);
  const dates = [...points.keys()].sort(compareIsoDates).slice(-TREND_POINTS);
  if (dates.length >= 2) {
    const series = PACK_COLOUR_ORDER.map((colour) => ({
      colour,
      label: COLOUR_LABELS[colour],
      values: dates.map((d) => (points.get(d) ?? emptyCounts())[colour]),
    }));
    const first = longDate(dates[0]);
    const last = longDate(dates[dates.length - 1]);
    const movement = series.map((s) => `${s.colour} ${s.values[0]} to ${s.values[s.values.length - 1]}`);
    charts.push({
      id: 'rag-trend',
      kind: 'line',
      title: `RAG trend over the last ${dates.length} reporting dates`,
      altText: `Line chart of actions by RAG status from ${first} to ${last}: ${joinWords(movement)}.`,
      accessibilitySummary:
        `Line chart of the number of actions of each RAG colour at ${dates.length} reporting dates. ` +
        dates.map((d) => `${longDate(d)}: ${describeAllCounts(points.get(d) ?? emptyCounts())}`).join('; ') +
        '.',
      dates,
      dateLabels: dates.map((d) => shortDate(d)),
      series,
    });
  }
  return charts;
}

export function buildRagKey(): RagKeyEntry[] {
  return [
    { colour: 'red', label: 'Red', meaning: 'Off track: overdue, blocked, or a milestone badly late. Needs the board’s intervention.' },
    {
      colour: 'amber',
      label: 'Amber',
      meaning: 'At risk: a milestone has slipped, updates are out of date, evidence was rejected, or the action is complete but awaiting evidence.',
    },
    { colour: 'green', label: 'Green', meaning: 'On track.' },
    { colour: 'blue', label: 'Blue', meaning: 'Complete and evidenced: every milestone done and evidence accepted by the board.' },
    { colour: 'grey', label: 'Grey', meaning: 'Not yet started, and nothing is due yet.' },
  ];
}
