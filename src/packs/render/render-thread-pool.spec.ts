import { buildPackModel } from '../model/build-pack-model';
import { packSourceFixture } from '../model/pack-source.testing';
import { renderPdf } from './render-pdf';
import { PackRenderThread, pdfModelOf } from './render-thread-pool';

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

describe('PackRenderThread memory limits', () => {
  it('caps the thread\'s old generation as asked and its young generation at 16 MB (V8 gives a thread 48 MB)', async () => {
    const thread = new PackRenderThread(256);
    try {
      thread.start();
      // The limits are the thread's once it is running.
      const deadline = Date.now() + 10_000;
      while (thread.resourceLimits.maxYoungGenerationSizeMb === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(thread.resourceLimits).toMatchObject({ maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 16 });
    } finally {
      await thread.close();
    }
  });
});
