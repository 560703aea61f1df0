import type { CalendarDate } from '../../common/dates/calendar-date';
import type { Context } from './pack-context';
import type { ChartModel, RagKeyEntry } from './pack-model';
import { normaliseCounts, totalOf } from './pack-roll-ups';
import { compareIsoDates, compareStrings, describeAllCounts, joinWords, longDate, plural, shortDate } from './pack-text';
import { emptyCounts, RAG_COLOUR_INFO, RAG_COLOURS, type RagCounts } from '../../vocabulary/rag-colour';

/** The charts (counts now, trend) and the RAG key. */

const TREND_POINTS = 12;

// ---- Charts -------------------------------------------------------------------------------------

export function buildCharts(ctx: Context, now: RagCounts): ChartModel[] {
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
      bars: RAG_COLOURS.map((colour) => ({ colour, label: RAG_COLOUR_INFO[colour].label, value: now[colour] })),
    },
  ];

  // Earlier reporting dates, de-duplicated (the last by sort order wins), then this one.
  const points = new Map<CalendarDate, RagCounts>();
  const earlier = ctx.source.trend
    .filter((p) => p.asOf < ctx.asOf)
    .map((p) => ({ asOf: p.asOf, counts: normaliseCounts(p.counts) }))
    .sort((a, b) => compareIsoDates(a.asOf, b.asOf) || compareStrings(JSON.stringify(a.counts), JSON.stringify(b.counts)));
  for (const point of earlier) points.set(point.asOf, point.counts);
  points.set(ctx.asOf, now);
  const dates = [...points.keys()].sort(compareIsoDates).slice(-TREND_POINTS);
  if (dates.length >= 2) {
    const series = RAG_COLOURS.map((colour) => ({
      colour,
      label: RAG_COLOUR_INFO[colour].label,
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
  return RAG_COLOURS.map((colour) => ({ colour, label: RAG_COLOUR_INFO[colour].label, meaning: RAG_COLOUR_INFO[colour].meaning }));
}
