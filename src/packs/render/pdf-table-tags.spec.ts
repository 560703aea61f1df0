import { buildPackModel } from '../model/build-pack-model';
import { packSourceFixture } from '../model/pack-source.testing';
import { POPPLER, POPPLER_SKIP_NOTE, pdfInfo, pdfLayoutLines, pdfStructText, pdfText } from './pack-readers.testing';
import { PdfTableTags } from './pdf-table-tags';
import { renderPdf } from './render-pdf';

const itPoppler = POPPLER ? it : it.skip;

/** The structure elements of an uncompressed PDF, by object number: tag, parent, kids (MCIDs or objects), page. */
function structElements(raw: string): Map<number, { tag: string; parent: number; kids: string; page: number | null; scope: string | null }> {
  const out = new Map<number, { tag: string; parent: number; kids: string; page: number | null; scope: string | null }>();
  for (const m of raw.matchAll(/(\d+) 0 obj\n<<\s*\/S \/(\w+)([\s\S]*?)\nendobj/g)) {
    const body = m[3];
    const parent = /\/P (\d+) 0 R/.exec(body);
    out.set(Number(m[1]), {
      tag: m[2],
      parent: parent ? Number(parent[1]) : -1,
      kids: /\/K (\[[^\]]*\])/.exec(body)?.[1] ?? '',
      page: /\/Pg (\d+) 0 R/.test(body) ? Number(/\/Pg (\d+) 0 R/.exec(body)?.[1]) : null,
      scope: /\/Scope \/(\w+)/.exec(body)?.[1] ?? null,
    });
  }
  return out;
}

describe('PdfTableTags (table rows and cells tagged without a PDFKit element each)', () => {
  const model = buildPackModel(packSourceFixture('scrutiny'));
  let direct: Buffer;
  let viaPdfkit: Buffer;
  let raw: string;

  beforeAll(async () => {
    direct = await renderPdf(model);
    raw = (await renderPdf(model, { compress: false })).toString('latin1');
    // The fallback: every row through PDFKit's structure elements, as before.
    const create = jest.spyOn(PdfTableTags, 'create').mockReturnValue(null);
    try {
      viaPdfkit = await renderPdf(model);
    } finally {
      create.mockRestore();
    }
  });

  it('links every cell to its row and every row to its table, both ways, with one MCID each on a page', () => {
    const elements = structElements(raw);
    const cells = [...elements.entries()].filter(([, e]) => e.tag === 'TD' || e.tag === 'TH');
    expect(cells.length).toBeGreaterThan(50);
    for (const [id, cell] of cells) {
      const row = elements.get(cell.parent);
      expect(row?.tag).toBe('TR');
      expect(row?.kids.split(/\s+0 R\s*/).map((k) => k.replace(/[[\]\s]/g, ''))).toContain(String(id));
      expect(elements.get(row?.parent ?? -1)?.tag).toBe('Table');
      expect(cell.kids).toMatch(/^\[\d+\]$/);
      expect(cell.page).not.toBeNull();
    }
    expect(cells.some(([, c]) => c.tag === 'TH' && c.scope === 'Column')).toBe(true);
    expect(cells.some(([, c]) => c.tag === 'TH' && c.scope === 'Row')).toBe(true);
    expect(cells.every(([, c]) => (c.tag === 'TH') === (c.scope !== null))).toBe(true);
  });

  it('puts every object where the cross-reference table says it is', () => {
    const xref = raw.lastIndexOf('\nxref\n') + 1;
    const [, first, count] = /^xref\n(\d+) (\d+)\n/.exec(raw.slice(xref)) ?? [];
    const entries = raw.slice(xref).split('\n').slice(2, 2 + Number(count));
    entries.forEach((entry, i) => {
      if (!entry.endsWith('n ')) return;
      const n = Number(first) + i;
      expect(raw.startsWith(`${n} 0 obj\n`, Number(entry.slice(0, 10)))).toBe(true);
    });
  });

  itPoppler(`reads the same as PDFKit's own structure elements: text, layout, structure tree${POPPLER_SKIP_NOTE}`, () => {
    // Not the same bytes (PDFKit writes each dictionary over several lines), the same for readers.
    expect(direct.equals(viaPdfkit)).toBe(false);
    expect(pdfInfo(direct).Tagged).toBe('yes');
    expect(pdfText(direct)).toBe(pdfText(viaPdfkit));
    expect(pdfLayoutLines(direct)).toEqual(pdfLayoutLines(viaPdfkit));
    expect(pdfStructText(direct)).toBe(pdfStructText(viaPdfkit));
  });
});
