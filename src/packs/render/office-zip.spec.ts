import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import JSZip from 'jszip';
import { dosDateTime, OFFICE_BLOCK_BYTES, OfficeZipWriter, stableCoreProperties, zipTimeOf, type ZipContent } from './office-zip';
import { hasCommand } from './pack-readers.testing';

/** A zip written with the given entries; the blocks as the sink received them. */
async function zipOf(entries: [string, ZipContent, boolean?][], generatedAt = '2025-11-03T09:00:07.000Z'): Promise<Buffer[]> {
  const blocks: Buffer[] = [];
  const zip = new OfficeZipWriter((block) => blocks.push(block), zipTimeOf(generatedAt));
  for (const [name, content, store] of entries) await zip.add(name, content, { store });
  zip.finish();
  return blocks;
}

/** About 3 MB of XML-like rows, in pieces, as a worksheet is written. */
function* rows(count: number): Generator<string> {
  yield '<sheetData>';
  for (let i = 0; i < count; i++) yield `<row r="${i + 1}"><c t="str"><v>Row ${i} caf\u00e9 \u{1F600} ${(i * 7919) % 104729}</v></c></row>`;
  yield '</sheetData>';
}

describe('OfficeZipWriter', () => {
  const png = Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) % 256));

  it('writes a zip that other readers open, with each entry whole (CRC checked)', async () => {
    const zip = Buffer.concat(await zipOf([['[Content_Types].xml', '<Types/>'], ['xl/worksheets/sheet1.xml', rows(60_000)], ['xl/media/image1.png', png, true]]));
    const read = await JSZip.loadAsync(zip, { checkCRC32: true });
    expect(Object.keys(read.files)).toEqual(['[Content_Types].xml', 'xl/worksheets/sheet1.xml', 'xl/media/image1.png']);
    expect(await read.file('[Content_Types].xml')?.async('string')).toBe('<Types/>');
    expect(await read.file('xl/worksheets/sheet1.xml')?.async('string')).toBe([...rows(60_000)].join(''));
    expect(Buffer.from((await read.file('xl/media/image1.png')?.async('uint8array')) ?? [])).toEqual(png);
    // Stored, not deflated: PNGs are compressed already.
    expect(zip.readUInt16LE(zip.indexOf('xl/media/image1.png') - 22)).toBe(0);
    const files = unzipSync(new Uint8Array(zip));
    expect(strFromU8(files['[Content_Types].xml'])).toBe('<Types/>');
  });

  (hasCommand('unzip') ? it : it.skip)('passes unzip -t (Info-ZIP checks every CRC and size)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'office-zip-'));
    try {
      const path = join(dir, 'test.zip');
      writeFileSync(path, Buffer.concat(await zipOf([['a.xml', rows(1000)], ['b.png', png, true], ['empty.xml', '']])));
      const result = spawnSync('unzip', ['-t', path], { encoding: 'utf8' });
      expect(result.stdout).toContain('No errors detected');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hands the file on in blocks of at most 1 MiB, in order', async () => {
    // Stored, so the entry's 3 MB reach the output as they are.
    const blocks = await zipOf([['big.xml', rows(60_000), true]]);
    expect(blocks.length).toBeGreaterThan(2);
    for (const block of blocks.slice(0, -1)) expect(block.length).toBe(OFFICE_BLOCK_BYTES);
    expect(blocks[blocks.length - 1].length).toBeLessThanOrEqual(OFFICE_BLOCK_BYTES);
    expect(strFromU8(unzipSync(new Uint8Array(Buffer.concat(blocks)))['big.xml'])).toBe([...rows(60_000)].join(''));
  });

  it('gives the same bytes for the same entries, however the content is cut into pieces', async () => {
    const whole = Buffer.concat(await zipOf([['a.xml', [...rows(20_000)].join('')], ['b.png', png, true]]));
    const pieces = Buffer.concat(await zipOf([['a.xml', rows(20_000)], ['b.png', png, true]]));
    const bytes = Buffer.concat(await zipOf([['a.xml', Buffer.from([...rows(20_000)].join(''))], ['b.png', png, true]]));
    expect(pieces.equals(whole)).toBe(true);
    expect(bytes.equals(whole)).toBe(true);
  });

  it("dates every entry with generatedAt's UTC time, whatever the machine's time zone", async () => {
    const zip = Buffer.concat(await zipOf([['a.xml', 'x']], '2025-11-03T23:30:07.000Z'));
    const { date, time } = dosDateTime(new Date(Date.UTC(2025, 10, 3, 23, 30, 6)));
    expect(zip.readUInt16LE(10)).toBe(time);
    expect(zip.readUInt16LE(12)).toBe(date);
    // 2025-11-03 23:30:06 (two-second steps).
    expect([date >> 9, (date >> 5) & 15, date & 31, time >> 11, (time >> 5) & 63, (time & 31) * 2]).toEqual([45, 11, 3, 23, 30, 6]);
    expect(zipTimeOf('1970-01-01T00:00:00Z').toISOString()).toBe('1981-01-01T00:00:00.000Z');
  });

  it('sets the document times of core.xml to generatedAt', () => {
    const xml = '<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">2026-01-01T10:11:12Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2026-01-01T10:11:13Z</dcterms:modified></cp:coreProperties>';
    expect(stableCoreProperties(xml, '2025-11-03T09:00:07.123Z')).toBe(
      '<cp:coreProperties><dcterms:created xsi:type="dcterms:W3CDTF">2025-11-03T09:00:07Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2025-11-03T09:00:07Z</dcterms:modified></cp:coreProperties>',
    );
  });

  it('refuses a second entry of the same name', async () => {
    const zip = new OfficeZipWriter(() => undefined, new Date());
    await zip.add('a.xml', 'x');
    await expect(zip.add('a.xml', 'y')).rejects.toThrow('Duplicate zip entry: a.xml');
  });
});
