import type { BarChartModel, ChartModel, LineChartModel } from '../model/pack-model';
import { axisTicks, equalValueOffsets } from './pdf-layout';
import { TYPE, type PdfPage, type StructElement, type StructOptions } from './pdf-page';
import { HOUSE, RAG_PAINT, hex } from './rag-style';

/** Points between trend lines that share a value at a date. */
const EQUAL_LINE_GAP = 3;
const CHART_HEIGHT = 200;
const MIN_CHART_HEIGHT = 130;

/** Charts in the tagged PDF: vector drawings inside Figure elements, each with its description in words as alternative text. */
export class PdfCharts {
  constructor(private readonly page: PdfPage) {}

  /** Charts side by side when the page is wide enough (landscape), else one under the other. */
  draw(parent: StructElement, charts: ChartModel[]): void {
    const { doc } = this.page;
    const gap = 24;
    const perRow = this.page.contentWidth >= 2 * 340 + gap ? 2 : 1;
    for (let i = 0; i < charts.length; i += perRow) {
      const row = charts.slice(i, i + perRow);
      const width = perRow === 1 ? Math.min(this.page.contentWidth, 470) : (this.page.contentWidth - gap) / perRow;
      const titleHeight = 16;
      // A chart shrinks (down to MIN_CHART_HEIGHT) to finish the page rather than leave it a third empty.
      const room = this.page.bottom - doc.y - titleHeight - 12;
      const height = room >= MIN_CHART_HEIGHT ? Math.min(CHART_HEIGHT, room) : CHART_HEIGHT;
      this.page.ensureSpace(titleHeight + height + 12);
      const top = doc.y;
      row.forEach((chart, j) => {
        const x = this.page.left + j * (width + gap);
        parent.add(
          doc.struct('P', {}, () => {
            doc.font(this.page.bold).fontSize(TYPE.caption + 1).fillColor(hex(HOUSE.ink));
            doc.text(chart.title, x, top, { width, lineBreak: false });
          }),
        );
        const y = top + titleHeight;
        const options: StructOptions = { alt: chart.accessibilitySummary, bbox: [x, y, x + width, y + height], placement: 'Block' };
        parent.add(
          doc.struct('Figure', options, () => {
            if (chart.kind === 'bar') this.barChart(chart, x, y, width, height);
            else this.lineChart(chart, x, y, width, height);
          }),
        );
      });
      doc.y = top + titleHeight + height + 12;
    }
  }

  private axis(x0: number, y0: number, width: number, height: number, ticks: number[]): (value: number) => number {
    const { doc } = this.page;
    const top = ticks[ticks.length - 1] || 1;
    const scale = (value: number): number => y0 + height - (value / top) * height;
    doc.save().lineWidth(0.4).strokeColor('#D0D0D0');
    for (const t of ticks) doc.moveTo(x0, scale(t)).lineTo(x0 + width, scale(t)).stroke();
    doc.restore();
    doc.save().lineWidth(0.8).strokeColor(hex(HOUSE.ink));
    doc.moveTo(x0, y0).lineTo(x0, y0 + height).lineTo(x0 + width, y0 + height).stroke();
    doc.restore();
    doc.font(this.page.body).fontSize(7.5).fillColor(hex(HOUSE.ink));
    for (const t of ticks) {
      const label = String(t);
      const w = this.page.measure.width(this.page.body, 7.5, label);
      doc.font(this.page.body).fontSize(7.5).text(label, x0 - 5 - w, scale(t) - 4, { lineBreak: false });
    }
    return scale;
  }

  private barChart(chart: BarChartModel, x: number, y: number, width: number, height: number): void {
    const { doc } = this.page;
    const x0 = x + 30;
    const y0 = y + 14;
    const plotW = width - 40;
    const plotH = height - 34;
    const max = chart.bars.reduce((m, b) => Math.max(m, b.value), 0);
    const scale = this.axis(x0, y0, plotW, plotH, axisTicks(max));
    const slot = plotW / chart.bars.length;
    const barW = Math.min(slot * 0.6, 56);
    chart.bars.forEach((bar, i) => {
      const bx = x0 + i * slot + (slot - barW) / 2;
      const top = scale(bar.value);
      doc.save();
      doc.rect(bx, top, barW, y0 + plotH - top).fillAndStroke(hex(RAG_PAINT[bar.colour].fill), hex(HOUSE.ink));
      doc.restore();
      const value = String(bar.value);
      doc.font(this.page.bold).fontSize(9).fillColor(hex(HOUSE.ink));
      doc.text(value, bx + (barW - this.page.measure.width(this.page.bold, 9, value)) / 2, top - 12, { lineBreak: false });
      doc.font(this.page.body).fontSize(8.5);
      doc.text(bar.label, x0 + i * slot + (slot - this.page.measure.width(this.page.body, 8.5, bar.label)) / 2, y0 + plotH + 5, { lineBreak: false });
    });
  }

  private marker(shape: number, cx: number, cy: number, colour: string): void {
    const { doc } = this.page;
    const r = 3;
    doc.save().lineWidth(0.6).strokeColor(hex(HOUSE.ink)).fillColor(hex(colour));
    switch (shape % 5) {
      case 0:
        doc.circle(cx, cy, r);
        break;
      case 1:
        doc.rect(cx - r, cy - r, 2 * r, 2 * r);
        break;
      case 2:
        doc.polygon([cx, cy - r - 0.5], [cx + r + 0.5, cy + r], [cx - r - 0.5, cy + r]);
        break;
      case 3:
        doc.polygon([cx, cy - r - 1], [cx + r + 1, cy], [cx, cy + r + 1], [cx - r - 1, cy]);
        break;
      default:
        doc.rect(cx - r + 1, cy - r + 1, 2 * r - 2, 2 * r - 2);
    }
    doc.fillAndStroke();
    doc.restore();
  }

  private dash(index: number): void {
    const patterns: ([number, number] | null)[] = [null, [6, 3], [1.5, 2.5], [8, 2], [3, 3]];
    const pattern = patterns[index % patterns.length];
    if (pattern) this.page.doc.dash(pattern[0], { space: pattern[1] });
    else this.page.doc.undash();
  }

  private lineChart(chart: LineChartModel, x: number, y: number, width: number, height: number): void {
    const { doc } = this.page;
    const legendW = 90;
    const x0 = x + 30;
    const y0 = y + 10;
    const plotW = width - 40 - legendW;
    const plotH = height - 34;
    const max = chart.series.reduce((m, s) => Math.max(m, ...s.values), 0);
    const scale = this.axis(x0, y0, plotW, plotH, axisTicks(max));
    const n = chart.dates.length;
    const step = n > 1 ? plotW / (n - 1) : 0;
    const xAt = (i: number): number => x0 + i * step;

    // Only as many date labels as fit side by side.
    const labelWidth = chart.dateLabels.reduce((m, l) => Math.max(m, this.page.measure.width(this.page.body, 7, l)), 0) + 6;
    const every = Math.max(1, Math.ceil(labelWidth / Math.max(step, 1)));
    doc.font(this.page.body).fontSize(7).fillColor(hex(HOUSE.ink));
    chart.dateLabels.forEach((label, i) => {
      if (i % every !== 0 && i !== n - 1) return;
      if (i !== n - 1 && i + every > n - 1 && (n - 1 - i) * step < labelWidth) return;
      const w = this.page.measure.width(this.page.body, 7, label);
      doc.font(this.page.body).fontSize(7).text(label, Math.min(Math.max(xAt(i) - w / 2, x), x0 + plotW - w / 2), y0 + plotH + 5, { lineBreak: false });
    });

    // Lines with the same value at a date are drawn a little apart there, so none hides another.
    const offsets = equalValueOffsets(chart.series.map((s) => s.values));
    const yAt = (index: number, v: number, i: number): number => scale(v) - offsets[index][i] * EQUAL_LINE_GAP;
    chart.series.forEach((s, index) => {
      const colour = RAG_PAINT[s.colour].fill;
      doc.save().lineWidth(2).strokeColor(hex(colour));
      this.dash(index);
      s.values.forEach((v, i) => (i === 0 ? doc.moveTo(xAt(i), yAt(index, v, i)) : doc.lineTo(xAt(i), yAt(index, v, i))));
      doc.stroke();
      doc.undash();
      doc.restore();
      s.values.forEach((v, i) => this.marker(index, xAt(i), yAt(index, v, i), colour));
    });

    // Legend: a line sample with the series' dash and marker, and its name.
    const lx = x0 + plotW + 16;
    chart.series.forEach((s, index) => {
      const ly = y0 + 8 + index * 16;
      const colour = RAG_PAINT[s.colour].fill;
      doc.save().lineWidth(2).strokeColor(hex(colour));
      this.dash(index);
      doc.moveTo(lx, ly).lineTo(lx + 24, ly).stroke();
      doc.undash();
      doc.restore();
      this.marker(index, lx + 12, ly, colour);
      doc.font(this.page.body).fontSize(8).fillColor(hex(HOUSE.ink));
      doc.text(`${s.label} (${s.values[s.values.length - 1]})`, lx + 30, ly - 4, { lineBreak: false });
    });
  }
}
