import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Real readers for the files the renderers write (test only): poppler for PDFs, LibreOffice to
 * check DOCX/XLSX open. Both are Debian packages that a fresh machine may lack, so tests ask
 * `hasCommand` first and skip with a message naming the package.
 */

export function hasCommand(command: string): boolean {
  const result = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() !== '';
}

export const POPPLER = hasCommand('pdfinfo') && hasCommand('pdftotext');
export const POPPLER_SKIP_NOTE = POPPLER ? '' : ' (SKIPPED: pdfinfo/pdftotext not found; apt-get install -y poppler-utils)';
export const LIBREOFFICE = hasCommand('soffice');
export const LIBREOFFICE_SKIP_NOTE = LIBREOFFICE
  ? ''
  : ' (SKIPPED: soffice not found; apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui)';

function withTempFile<T>(name: string, data: Buffer, use: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'pack-test-'));
  try {
    const path = join(dir, name);
    writeFileSync(path, data);
    return use(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], timeout = 60_000): string {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout, maxBuffer: 256 * 1024 * 1024 });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return result.stdout;
}

export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = withTempFile('pack.pdf', pdf, (path) => run('pdfinfo', [path]));
  const info: Record<string, string> = {};
  for (const line of out.split('\n')) {
    const match = /^([^:]+):\s*(.*)$/.exec(line);
    if (match) info[match[1].trim()] = match[2].trim();
  }
  return info;
}

/** The text in reading order (no -layout), with runs of whitespace collapsed. */
export function pdfText(pdf: Buffer): string {
  return withTempFile('pack.pdf', pdf, (path) => run('pdftotext', ['-enc', 'UTF-8', path, '-'])).replace(/\s+/g, ' ');
}

/** The text of each page (pdftotext separates pages with a form feed). */
export function pdfPageTexts(pdf: Buffer): string[] {
  const pages = withTempFile('pack.pdf', pdf, (path) => run('pdftotext', ['-enc', 'UTF-8', path, '-'])).split('\f');
  return pages.slice(0, pages.length - 1);
}

/** The text as laid out (pdftotext -layout), line by line: shows where a word was split across lines. */
export function pdfLayoutLines(pdf: Buffer): string[] {
  return withTempFile('pack.pdf', pdf, (path) => run('pdftotext', ['-layout', '-enc', 'UTF-8', path, '-'])).split('\n');
}

/** poppler's view of the structure tree, with the text of each element. */
export function pdfStructText(pdf: Buffer): string {
  return withTempFile('pack.pdf', pdf, (path) => run('pdfinfo', ['-struct-text', path]));
}

export function pdfFonts(pdf: Buffer): string {
  return withTempFile('pack.pdf', pdf, (path) => run('pdffonts', [path]));
}

/** Converts a DOCX or XLSX to PDF with LibreOffice: proof that an office suite opens it. */
export function officeToPdf(file: Buffer, extension: 'docx' | 'xlsx'): Buffer {
  return withTempFile(`pack.${extension}`, file, (path, dir) => {
    run('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, path], 120_000);
    return readFileSync(join(dir, 'pack.pdf'));
  });
}
