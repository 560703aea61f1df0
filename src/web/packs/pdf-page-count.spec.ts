import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { buildPackModel } from '../../packs/model/build-pack-model';
import { packSourceFixture } from '../../packs/model/pack-source.testing';
import { renderPdf } from '../../packs/render/render-pdf';
import { pdfPageCount } from './pdf-page-count';

describe('pdfPageCount', () => {
  it('counts page dictionaries, not the page tree', () => {
    const pdf = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Pages /Count 2 /Kids [2 0 R 3 0 R] >>\n2 0 obj << /Type /Page >>\n3 0 obj <</Type/Page/Parent 1 0 R>>\n');
    expect(pdfPageCount(pdf)).toBe(2);
  });

  it('is null for something with no pages', () => {
    expect(pdfPageCount(Buffer.from('not a pdf'))).toBeNull();
  });

  it('agrees with poppler on a pack the renderer made', async () => {
    const pdf = await renderPdf(buildPackModel(packSourceFixture('scrutiny')));
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(1);
    if (existsSync('/usr/bin/pdfinfo')) {
      const info = execFileSync('/usr/bin/pdfinfo', ['-'], { input: pdf }).toString();
      expect(pages).toBe(Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]));
    }
  }, 60_000);
});
