import { buildPackModel } from '../model/build-pack-model';
import { packSourceFixture } from '../model/pack-source.testing';
import { renderChartImages, renderChartSvg } from './charts';

describe('charts', () => {
  const model = buildPackModel(packSourceFixture('board'));

  it('renders each chart to SVG with its description as the aria label', () => {
    const svg = renderChartSvg(model.charts[0]);
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('aria-label="Bar chart of the 14 actions by RAG status at 31 October 2025');
    expect(svg).toContain('#C00000');
    expect(svg).toContain('>Amber<');
  });

  it('renders PNGs at twice the display size, one per chart', () => {
    const images = renderChartImages(model);
    expect(images.map((i) => i.chartId)).toEqual(['rag-counts', 'rag-trend']);
    for (const image of images) {
      expect(image.png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(image.png.readUInt32BE(16)).toBe(image.width * 2);
      expect(image.png.readUInt32BE(20)).toBe(image.height * 2);
      expect(image.description).toBe(model.charts.find((c) => c.id === image.chartId)?.accessibilitySummary);
    }
  });
});
