import { buildPackModel } from '../model/build-pack-model';
import { packSourceFixture } from '../model/pack-source.testing';
import { PdfParentTreeCompactor } from './pdf-parent-tree';
import { renderPdf } from './render-pdf';

describe('PdfParentTreeCompactor and consumeModel (the render thread\'s memory at the PDF\'s end)', () => {
  const model = buildPackModel(packSourceFixture('board'));
  let plain: Buffer;
  const installed: (PdfParentTreeCompactor | null)[] = [];

  beforeAll(async () => {
    // As before: the parent tree's arrays kept to the end.
    const install = jest.spyOn(PdfParentTreeCompactor, 'install').mockReturnValue(null);
    try {
      plain = await renderPdf(model);
    } finally {
      install.mockRestore();
    }
  });

  it('writes the same bytes with finished pages\' arrays compacted as it goes', async () => {
    const install = jest.spyOn(PdfParentTreeCompactor, 'install');
    try {
      const compacted = await renderPdf(model);
      installed.push(...install.mock.results.map((r) => r.value as PdfParentTreeCompactor | null));
      expect(compacted.equals(plain)).toBe(true);
    } finally {
      install.mockRestore();
    }
    const compactor = installed[0];
    expect(compactor).not.toBeNull();
    // Every page but the last (and any still open) is compacted by the end.
    expect(compactor?.compactedPages).toBeGreaterThan(1);
    expect(compactor?.compactedEntries).toBeGreaterThan(compactor?.compactedPages ?? 0);
  });

  it('writes the same bytes when it consumes its own copy of the model, and empties its sections', async () => {
    const own = structuredClone(model);
    const consumed = await renderPdf(own, { consumeModel: true });
    expect(consumed.equals(plain)).toBe(true);
    expect(own.sections).toEqual([]);
    expect(model.sections.length).toBeGreaterThan(0);
  });
});
