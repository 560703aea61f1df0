import { createHash, randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { join, relative } from 'node:path';
import { Workbook } from 'exceljs';
import PDFDocument from 'pdfkit';
import { bearer, TestApp } from './test-app';

/** Real files, multipart bodies and disk inspection for the evidence integration tests. */

export function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** A genuine PDF (pdfkit), different for each `text`. */
export function makePdf(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ info: { Title: text } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fontSize(14).text(text);
    doc.end();
  });
}

/** A genuine Excel workbook (exceljs): a small case-review sheet. */
export async function makeXlsx(rows = 20): Promise<Buffer> {
  const workbook = new Workbook();
  const sheet = workbook.addWorksheet('Case review');
  sheet.addRow(['Case', 'Reviewed on', 'Outcome']);
  for (let i = 1; i <= rows; i++) sheet.addRow([`C-${1000 + i}`, `2026-10-${String((i % 28) + 1).padStart(2, '0')}`, i % 3 ? 'Good' : 'Requires improvement']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Windows executable bytes (MZ header and a PE stub). */
export function fakeExecutable(): Buffer {
  const exe = Buffer.alloc(4096);
  exe.write('MZ', 0, 'latin1');
  exe.write('This program cannot be run in DOS mode.', 78, 'latin1');
  exe.writeUInt32LE(0x80, 0x3c);
  exe.write('PE\0\0', 0x80, 'latin1');
  return exe;
}

/** Every file under `dir` (recursively), as paths relative to it. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    let entries;
    try {
      entries = readdirSync(d, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const full = join(d, e.name);
      if (e.isDirectory()) walk(full);
      else out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

export interface MultipartPart {
  name: string;
  value?: string;
  file?: { data: Buffer; fileName: string; contentType?: string };
}

/** A multipart/form-data body in the given part order (so a test can put fields after the file). */
export function multipartBody(parts: MultipartPart[]): { boundary: string; body: Buffer; contentType: string } {
  const boundary = `----evidence-test-${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const part of parts) {
    if (part.file) {
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"; filename="${part.file.fileName}"\r\n` +
            `Content-Type: ${part.file.contentType ?? 'application/octet-stream'}\r\n\r\n`,
        ),
        part.file.data,
        Buffer.from('\r\n'),
      );
    } else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"\r\n\r\n${part.value ?? ''}\r\n`));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { boundary, body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Starts the Nest app listening on a free port (for raw `http.request`s) and returns the port. */
export async function listen(server: http.Server): Promise<number> {
  if (!server.listening) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/**
 * Sends the first `sendBytes` of a multipart upload (declaring the full length), then kills the
 * connection, like a browser tab closed mid-upload. Resolves once the socket is gone.
 */
export function uploadAndAbort(port: number, path: string, token: string, body: Buffer, contentType: string, sendBytes: number): Promise<void> {
  return new Promise((resolve) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      path,
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': contentType, 'Content-Length': body.length },
    });
    req.on('error', () => undefined);
    req.on('close', () => resolve());
    req.write(body.subarray(0, sendBytes), () => {
      // Give the server time to receive and start storing what was sent, then drop the connection.
      setTimeout(() => req.destroy(), 300);
    });
  });
}

/** Polls `check` until it returns true or the time is up. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 10_000, everyMs = 50): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return true;
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** GET an evidence item's content as a Buffer (supertest leaves binary bodies unparsed otherwise). */
export function downloadEvidence(t: TestApp, user: { token: string }, id: string) {
  return t
    .http()
    .get(`/api/v1/evidence/${id}/content`)
    .set(bearer(user))
    .buffer(true)
    .parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    });
}
