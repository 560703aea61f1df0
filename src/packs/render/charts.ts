import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { BarChartModel, ChartModel, LineChartModel, PackModel } from '../model/pack-model';
import { PACK_FONT_FAMILY, resolvePackFonts, type PackFontFiles } from './pack-fonts';
import { equalValueOffsets } from './pdf-layout';
import { HOUSE, RAG_PAINT, hex } from './rag-style';

/**
 * Charts for DOCX and XLSX: ECharts server-side rendering to SVG (no browser, no canvas), then
 * resvg to PNG. The PDF draws the same chart models as vector paths itself (render-pdf).
 * The chart title is not drawn in the image: documents print it as real text beside the image.
 */

export interface ChartSize {
  /** CSS pixels of the SVG; the PNG is rendered at `scale` times this for print. */
  width: number;
  height: number;
}

export const DEFAULT_CHART_SIZE: Readonly<ChartSize> = Object.freeze({ width: 640, height: 320 });

export interface ChartImage {
  chartId: ChartModel['id'];
  title: string;
  altText: string;
  description: string;
  svg: string;
  png: Buffer;
  /** Display size in CSS pixels (the PNG has more pixels, for print). */
  width: number;
  height: number;
}

export interface ChartRenderOptions {
  size?: ChartSize;
  /** PNG pixels per SVG pixel. */
  scale?: number;
  fonts?: Partial<PackFontFiles>;
}

// Marker shapes and dash patterns tell the trend lines apart without colour.
const LINE_SYMBOLS = ['circle', 'rect', 'triangle', 'diamond', 'roundRect'] as const;
const LINE_DASHES = ['solid', 'dashed', 'dotted', [8, 3, 2, 3], [2, 2]] as const;

function barOption(chart: BarChartModel): echarts.EChartsOption {
  return {
    animation: false,
    textStyle: { fontFamily: PACK_FONT_FAMILY, color: hex(HOUSE.ink) },
    grid: { left: 48, right: 24, top: 36, bottom: 36 },
    xAxis: {
      type: 'category',
      data: chart.bars.map((b) => b.label),
      axisLabel: { fontSize: 12, fontFamily: PACK_FONT_FAMILY, color: hex(HOUSE.ink) },
      axisTick: { alignWithLabel: true },
    },
    yAxis: {
      type: 'value',
      minInterval: 1,
      name: 'Actions',
      nameTextStyle: { fontFamily: PACK_FONT_FAMILY },
      axisLabel: { fontFamily: PACK_FONT_FAMILY },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 64,
        data: chart.bars.map((b) => ({
          value: b.value,
          name: b.label,
          itemStyle: { color: hex(RAG_PAINT[b.colour].fill), borderColor: hex(HOUSE.ink), borderWidth: 0.5 },
        })),
        label: { show: true, position: 'top', fontSize: 12, fontWeight: 'bold', fontFamily: PACK_FONT_FAMILY, color: hex(HOUSE.ink) },
      },
    ],
  };
}

/** Pixels between markers of trend lines that share a value at a date. */
const EQUAL_MARKER_GAP_PX = 5;

function lineOption(chart: LineChartModel): echarts.EChartsOption {
  const offsets = equalValueOffsets(chart.series.map((s) => s.values));
  return {
    animation: false,
    textStyle: { fontFamily: PACK_FONT_FAMILY, color: hex(HOUSE.ink) },
    legend: {
      bottom: 4,
      data: chart.series.map((s) => s.label),
      // The latest value beside each name, as in the PDF legend.
      formatter: (name: string) => {
        const series = chart.series.find((s) => s.label === name);
        return series ? `${name} (${series.values[series.values.length - 1]})` : name;
      },
      textStyle: { fontFamily: PACK_FONT_FAMILY, fontSize: 12 },
    },
    grid: { left: 48, right: 40, top: 36, bottom: 72 },
    xAxis: {
      type: 'category',
      data: chart.dateLabels,
      boundaryGap: false,
      axisLabel: { fontFamily: PACK_FONT_FAMILY, fontSize: 11, hideOverlap: true },
    },
    yAxis: { type: 'value', minInterval: 1, name: 'Actions', axisLabel: { fontFamily: PACK_FONT_FAMILY } },
    series: chart.series.map((s, i) => ({
      type: 'line' as const,
      name: s.label,
      // Markers of lines with the same value at a date sit a little apart, so none hides another.
      data: s.values.map((value, point) => ({ value, symbolOffset: [0, -offsets[i][point] * EQUAL_MARKER_GAP_PX] })),
      symbol: LINE_SYMBOLS[i % LINE_SYMBOLS.length],
      symbolSize: 8,
      color: hex(RAG_PAINT[s.colour].fill),
      lineStyle: { width: 2.5, type: LINE_DASHES[i % LINE_DASHES.length] as 'solid' | 'dashed' | 'dotted' | number[] },
    })),
  };
}

export function chartOption(chart: ChartModel): echarts.EChartsOption {
  return chart.kind === 'bar' ? barOption(chart) : lineOption(chart);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * The chart as an SVG document, announced as one image with its description: ECharts' own aria
 * option only labels a browser DOM, not server-rendered SVG.
 */
export function renderChartSvg(chart: ChartModel, size: ChartSize = DEFAULT_CHART_SIZE): string {
  const instance = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  let svg: string;
  try {
    instance.setOption(chartOption(chart));
    svg = instance.renderToSVGString();
  } finally {
    // Without dispose the instance keeps timers alive and the process never exits.
    instance.dispose();
  }
  const label = escapeXml(chart.accessibilitySummary);
  return svg.replace(/^<svg\b([^>]*)>/, `<svg$1 role="img" aria-label="${label}"><title>${escapeXml(chart.title)}</title><desc>${label}</desc>`);
}

/** An SVG to PNG, with the pack's font files (no system font lookup: the same pixels everywhere). */
export function svgToPng(svg: string, scale: number, fonts: PackFontFiles): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: '#FFFFFF',
    font: {
      loadSystemFonts: false,
      fontFiles: [fonts.regular, fonts.bold],
      defaultFontFamily: PACK_FONT_FAMILY,
      sansSerifFamily: PACK_FONT_FAMILY,
    },
  });
  return resvg.render().asPng();
}

export function renderChartImage(chart: ChartModel, options: ChartRenderOptions = {}): ChartImage {
  const size = options.size ?? DEFAULT_CHART_SIZE;
  const fonts = resolvePackFonts(options.fonts);
  const svg = renderChartSvg(chart, size);
  return {
    chartId: chart.id,
    title: chart.title,
    altText: chart.altText,
    description: chart.accessibilitySummary,
    svg,
    png: svgToPng(svg, options.scale ?? 2, fonts),
    width: size.width,
    height: size.height,
  };
}

/** Every chart of the model, in model order. */
export function renderChartImages(model: PackModel, options: ChartRenderOptions = {}): ChartImage[] {
  return model.charts.map((chart) => renderChartImage(chart, options));
}
