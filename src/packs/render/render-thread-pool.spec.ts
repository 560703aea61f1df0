import { buildPackModel } from '../model/build-pack-model';
import { packSourceFixture } from '../model/pack-source.testing';
import { renderPdf } from './render-pdf';
import { pdfModelOf } from './render-thread-pool';

describe('pdfModelOf (the model the render thread is sent)', () => {
  it.each(['board', 'scrutiny'] as const)('gives the same %s PDF, byte for byte, as the whole model', async (audience) => {
    const model = buildPackModel(packSourceFixture(audience));
    const [whole, sent] = await Promise.all([renderPdf(model), renderPdf(pdfModelOf(model))]);
    expect(sent.equals(whole)).toBe(true);
  });

  it('leaves out the data lists and keeps the outline the PDF lays out', () => {
    const model = buildPackModel(packSourceFixture('board'));
    const sent = pdfModelOf(model);
    expect(model.tracker.length).toBeGreaterThan(0);
    expect(sent.tracker).toEqual([]);
    expect(sent.board).toBeNull();
    expect(sent.evidence.items).toBeNull();
    expect(sent.meta).toBe(model.meta);
    expect(sent.frontMatter).toBe(model.frontMatter);
    expect(sent.sections).toBe(model.sections);
    expect(sent.charts).toBe(model.charts);
    // The caller's model is left whole.
    expect(model.board).not.toBeNull();
  });
});
