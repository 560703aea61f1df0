import { buildPackModel } from '../model/build-pack-model';
import { packSourceFixture } from '../model/pack-source.fixture';
import { PackFontsMissingError, resolvePackFonts } from './pack-fonts';
import { renderPack, type PackFormat } from './render-pack';

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

  it('rejects an unknown format before rendering anything', async () => {
    await expect(renderPack(model, ['pdf', 'html' as PackFormat])).rejects.toThrow("Unknown pack format: 'html'");
  });

  it('says which Debian package to install when the font is missing', () => {
    expect(() => resolvePackFonts({ regular: '/nowhere/Regular.ttf', bold: '/nowhere/Bold.ttf' })).toThrow(PackFontsMissingError);
    expect(() => resolvePackFonts({ regular: '/nowhere/Regular.ttf', bold: '/nowhere/Bold.ttf' })).toThrow(/fonts-dejavu-core/);
  });
});
