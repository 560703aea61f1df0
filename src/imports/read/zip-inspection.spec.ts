import ExcelJS from 'exceljs';
import { ImportErrorCode, ImportException } from '../imports.exception';
import { importLimits } from '../import-limits';
import { buildZip, deflatedZeros, WORKBOOK_PARTS, withDirectory } from '../testing/zip-builder.testing';
import { CellCounter, inspectXlsxZip } from './zip-inspection';

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ImportException) return error.code;
    throw error;
  }
  return 'accepted';
}

async function realWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Plan');
  sheet.addRow(['Ref', 'Action', 'Target date']);
  sheet.addRow(['1.1', 'Review the online form', new Date(Date.UTC(2026, 2, 31))]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('inspectXlsxZip', () => {
  const limits = importLimits();

  it('accepts a real workbook and counts its cells', async () => {
    const facts = await inspectXlsxZip(await realWorkbook(), limits);
    expect(facts.cellCount).toBe(6);
    expect(facts.hasMacros).toBe(false);
    expect(facts.entries.some((e) => e.name === 'xl/workbook.xml')).toBe(true);
  });

  // Every row has four entries: jest passes `done` as an extra argument to a row that is shorter than the callback.
  it.each<[string, () => Promise<Buffer>, ImportErrorCode, Partial<ReturnType<typeof importLimits>>]>([
    [
      'a bomb whose sizes are declared honestly: 80 MB of zeros in one part',
      async () => buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', compressed: await deflatedZeros(80 * 1024 * 1024) }]),
      ImportErrorCode.ArchiveTooLarge,
      {},
    ],
    [
      'a bomb within the size limits but compressed a thousand times',
      async () => buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', compressed: await deflatedZeros(20 * 1024 * 1024) }]),
      ImportErrorCode.ArchiveCompressionRatio,
      {},
    ],
    [
      'a bomb whose directory lies about its size',
      async () => buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', compressed: await deflatedZeros(20 * 1024 * 1024), declaredSize: 1024 }]),
      ImportErrorCode.ArchiveTooLarge,
      {},
    ],
    [
      'many parts adding up beyond the total',
      async () => {
        const part = await deflatedZeros(600 * 1024);
        return buildZip([...WORKBOOK_PARTS, ...Array.from({ length: 20 }, (_, i) => ({ name: `xl/media/image${i}.png`, compressed: part }))]);
      },
      ImportErrorCode.ArchiveTooLarge,
      { maxTotalUncompressedBytes: 10 * 1024 * 1024 },
    ],
    [
      'too many parts',
      async () => buildZip([...WORKBOOK_PARTS, ...Array.from({ length: 600 }, (_, i) => ({ name: `xl/parts/p${i}.xml`, data: 'x' }))]),
      ImportErrorCode.ArchiveTooManyEntries,
      {},
    ],
    ['an encrypted part', async () => buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: 'x', flags: 1 }]), ImportErrorCode.ArchiveEncrypted, {}],
    ['two parts with the same name', async () => buildZip([...WORKBOOK_PARTS, { name: 'XL/Workbook.xml', data: 'x' }]), ImportErrorCode.ArchiveCorrupt, {}],
    ['a part named with ..', async () => buildZip([...WORKBOOK_PARTS, { name: 'xl/../../etc/passwd', data: 'x' }]), ImportErrorCode.ArchiveCorrupt, {}],
    ['a damaged part (bad checksum)', async () => corruptCrc(buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: '<worksheet/>' }])), ImportErrorCode.ArchiveCorrupt, {}],
    ['a file cut short', async () => (await realWorkbook()).subarray(0, 2000), ImportErrorCode.ArchiveCorrupt, {}],
    ['parts that overlap (a non-recursive zip bomb)', async () => overlappingZip(), ImportErrorCode.ArchiveCorrupt, {}],
    [
      'a sheet with more cells than the limit',
      async () => buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: `<sheetData><row>${'<c r="A1"><v>1</v></c>'.repeat(2000)}</row></sheetData>` }]),
      ImportErrorCode.TooManyCells,
      { maxCells: 1000 },
    ],
    ['a Word document', async () => buildZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/document.xml', data: '<w:document/>' }]), ImportErrorCode.UnsupportedFileType, {}],
    ['an Excel binary workbook', async () => buildZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'xl/workbook.bin', data: 'x' }]), ImportErrorCode.UnsupportedFileType, {}],
    [
      'an OpenDocument spreadsheet',
      async () => buildZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.spreadsheet', method: 0 }, { name: 'content.xml', data: '<office/>' }]),
      ImportErrorCode.UnsupportedFileType,
      {},
    ],
    ['any other zip', async () => buildZip([{ name: 'readme.txt', data: 'hello' }]), ImportErrorCode.UnsupportedFileType, {}],
  ])('refuses %s', async (_label, make, code, overrides) => {
    const buffer = await make();
    expect(await codeOf(inspectXlsxZip(buffer, importLimits(overrides)))).toBe(code);
  });

  it('refuses a bomb before inflating it when its declared size is over the limit (nothing inflated)', async () => {
    // The same bomb with its deflated bytes replaced by ones no inflater accepts (0xFF opens a block
    // of the reserved type): had the inspection inflated anything, it would fail as corrupt, not too large.
    const zeros = await deflatedZeros(80 * 1024 * 1024);
    const bomb = buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', compressed: { ...zeros, bytes: Buffer.alloc(zeros.bytes.length, 0xff) } }]);
    await expect(inspectXlsxZip(bomb, limits)).rejects.toMatchObject({ code: ImportErrorCode.ArchiveTooLarge });
  });

  it.each<[string, () => Promise<Buffer>, RegExp]>([
    ['overlapping parts', async () => overlappingZip(), /share the same compressed data.*zip bombs/],
    ['a bad checksum', async () => corruptCrc(buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: '<worksheet/>' }])), /checksum does not match/],
    [
      'a lying directory',
      async () => buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', compressed: await deflatedZeros(20 * 1024 * 1024), declaredSize: 1024 }]),
      /unpacks to more than its directory declares/,
    ],
    ['a Word document', async () => buildZip([{ name: '[Content_Types].xml', data: '<Types/>' }, { name: 'word/document.xml', data: '<w:document/>' }]), /This is a Word document/],
  ])('names the reason for %s', async (_label, make, message) => {
    await expect(inspectXlsxZip(await make(), limits)).rejects.toThrow(message);
  });

  it('says what it refused in words', async () => {
    const bomb = buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', compressed: await deflatedZeros(20 * 1024 * 1024) }]);
    await expect(inspectXlsxZip(bomb, limits)).rejects.toThrow(/compressed [\d,]+ times.*zip bomb/);
  });
});

function corruptCrc(zip: Buffer): Buffer {
  const copy = Buffer.from(zip);
  // The last central record's CRC (the sheet's): flip a bit.
  const at = copy.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  copy[at + 16] ^= 0xff;
  return copy;
}

/**
 * Entry 'a' is stored, and its data contains a whole local header and data for entry 'b'; the
 * directory lists both, so 'b''s bytes are inside 'a''s (how Fifield's overlapping bombs are made).
 */
function overlappingZip(): Buffer {
  const inner = buildZip([{ name: 'xl/worksheets/sheet2.xml', data: '<worksheet/>', method: 0 }]);
  const innerLocalLength = inner.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  const innerLocal = inner.subarray(0, innerLocalLength);
  const parts = buildZip([...WORKBOOK_PARTS, { name: 'xl/worksheets/sheet1.xml', data: innerLocal, method: 0 }]);
  const directoryAt = parts.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
  const body = parts.subarray(0, directoryAt);
  const directory = parts.subarray(directoryAt, parts.length - 22);
  const outerDataStart = body.length - innerLocal.length;
  const innerCentral = Buffer.from(inner.subarray(innerLocalLength, inner.length - 22));
  innerCentral.writeUInt32LE(outerDataStart, 42);
  return withDirectory(body, Buffer.concat([directory, innerCentral]), WORKBOOK_PARTS.length + 2);
}

describe('CellCounter', () => {
  it.each([
    ['<row><c r="A1"><v>1</v></c><c r="B1" t="s"><v>0</v></c></row>', 2],
    ['<x:row><x:c r="A1"><x:v>1</x:v></x:c></x:row>', 1],
    ['<c/><c>x</c><col min="1"/><cols/>', 2],
  ])('counts %p as %i cells, across every chunk boundary', (xml, expected) => {
    for (let split = 0; split <= xml.length; split++) {
      const counter = new CellCounter();
      counter.scan(Buffer.from(xml.slice(0, split)));
      counter.scan(Buffer.from(xml.slice(split)));
      expect(counter.count).toBe(expected);
    }
  });
});
