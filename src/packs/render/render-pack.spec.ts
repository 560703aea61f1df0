import { buildPackModel } from '../model/build-pack-model';
import { packSourceFixture } from '../model/pack-source.testing';
import { PackFontsMissingError, resolvePackFonts } from './pack-fonts';
import { strFromU8, unzipSync } from 'fflate';
import { renderFormatTo, renderPack, type PackFormat } from './render-pack';

describe('renderPack', () => {
  const model = buildPackModel(packSourceFixture('scrutiny'));

  it('returns each format asked for, once, in the order asked (rendering the PDF last)', async () => {
    const progress: string[] = [];
    const files = await renderPack(model, ['xlsx', 'json', 'pdf', 'json', 'docx'], { onRendered: (f) => void progress.push(f) });
    expect(files.map((f) => [f.format, f.fileExtension, f.contentType])).toEqual([
      ['xlsx', 'xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['json', 'json', 'application/json'],
      ['pdf', 'pdf', 'application/pdf'],
      ['docx', 'docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ]);
    expect(progress).toEqual(['json', 'xlsx', 'docx', 'pdf']);
    expect(files[2].fileName).toBe('adult-social-care-safeguarding-improvement-plan-scrutiny-2025-10-31.pdf');
    for (const f of files) expect(f.buffer.length).toBeGreaterThan(1000);
  });

  it('gives byte-identical DOCX and XLSX when a job renders the same model again (a retry)', async () => {
    const board = buildPackModel(packSourceFixture('board'));
    const first = await renderPack(board, ['docx', 'xlsx']);
    // Later in time, after other renders have moved the docx library's image counter on.
    await new Promise((r) => setTimeout(r, 1100));
    await renderPack(model, ['docx']);
    const second = await renderPack(board, ['docx', 'xlsx']);
    expect(second[0].buffer.equals(first[0].buffer)).toBe(true);
    expect(second[1].buffer.equals(first[1].buffer)).toBe(true);
    for (const file of first) {
      const core = strFromU8(unzipSync(new Uint8Array(file.buffer))['docProps/core.xml']);
      expect(core).toContain(`${board.meta.generatedAt.slice(0, 19)}Z</dcterms:created>`);
    }
  });

  it('renderFormatTo hands DOCX and XLSX on in blocks, in order, that make the file renderPack returns', async () => {
    const [docx, xlsx] = await renderPack(model, ['docx', 'xlsx']);
    for (const file of [docx, xlsx]) {
      const blocks: Buffer[] = [];
      await renderFormatTo(model, file.format, (block) => void blocks.push(block));
      expect(blocks.length).toBeGreaterThan(0);
      for (const block of blocks) expect(block.length).toBeLessThanOrEqual(1 << 20);
      expect(Buffer.concat(blocks).equals(file.buffer)).toBe(true);
    }
  });

  it('rejects an unknown format before rendering anything', async () => {
    await expect(renderPack(model, ['pdf', 'html' as PackFormat])).rejects.toThrow("Unknown pack format: 'html'");
  });

  it('says which Debian package to install when the font is missing', () => {
    expect(() => resolvePackFonts({ regular: '/nowhere/Regular.ttf', bold: '/nowhere/Bold.ttf' })).toThrow(PackFontsMissingError);
    expect(() => resolvePackFonts({ regular: '/nowhere/Regular.ttf', bold: '/nowhere/Bold.ttf' })).toThrow(/fonts-dejavu-core/);
  });
});
