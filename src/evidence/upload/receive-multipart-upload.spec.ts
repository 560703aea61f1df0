import { IncomingMessage } from 'node:http';
import { PassThrough, pipeline, Readable } from 'node:stream';
import { FileTooLargeError, HashingStream } from '../../storage/hashing-stream';
import type { StagedUpload } from '../../storage/stage-upload';
import { receiveMultipartUpload, ReceiveUploadOptions } from './receive-multipart-upload';
import { MalformedUploadError, UploadAbortedError, UploadFormError } from './upload-errors';

const BOUNDARY = 'unit-boundary';

function part(name: string, value: string): string {
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
}
function filePart(name: string, fileName: string, data: string): string {
  return `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${fileName}"\r\nContent-Type: application/pdf\r\n\r\n${data}\r\n`;
}
const end = `--${BOUNDARY}--\r\n`;

/** A request stand-in: a stream with headers, `complete` once the whole body was written. */
function fakeRequest(): IncomingMessage & PassThrough {
  const req = new PassThrough() as unknown as IncomingMessage & PassThrough;
  Object.assign(req, { headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, complete: false });
  req.on('end', () => Object.assign(req, { complete: true }));
  return req;
}

/** Stages into memory through a real HashingStream, recording what was staged and discarded. */
function harness(maxBytes = 1024) {
  const staged: StagedUpload[] = [];
  const discarded: StagedUpload[] = [];
  const options: ReceiveUploadOptions = {
    fileField: 'file',
    maxFieldBytes: 100,
    maxFields: 4,
    maxDrainBytes: 1024 * 1024,
    stage: async (file: Readable) => {
      const hasher = new HashingStream({ maxBytes });
      // As stageUpload does: pipeline carries a failure of either side to the other.
      for await (const _chunk of pipeline(file, hasher, () => undefined)) {
        // consumed
      }
      const s = { tempKey: `tmp/${staged.length}`, sha256: hasher.sha256, size: hasher.bytes, head: hasher.head };
      staged.push(s);
      return s;
    },
    discard: async (s) => {
      discarded.push(s);
    },
  };
  return { options, staged, discarded };
}

describe('receiveMultipartUpload', () => {
  it('collects the text fields on either side of the file and stages the file', async () => {
    const { options, discarded } = harness();
    const req = fakeRequest();
    const received = receiveMultipartUpload(req, options);
    req.end(part('title', 'Minutes') + filePart('file', 'Café.pdf', '%PDF-1.7 body') + part('description', 'after the file') + end);
    const result = await received;
    expect(result.fields).toEqual({ title: 'Minutes', description: 'after the file' });
    expect(result.file).toMatchObject({ rawFileName: 'Café.pdf', declaredType: 'application/pdf', staged: { size: 13 } });
    expect(discarded).toEqual([]);
  });

  it('resolves with no file when none was sent', async () => {
    const { options } = harness();
    const req = fakeRequest();
    const received = receiveMultipartUpload(req, options);
    req.end(part('title', 'No file') + end);
    expect(await received).toEqual({ fields: { title: 'No file' }, file: null });
  });

  it.each<[string, string, string]>([
    ['a duplicated field', part('title', 'a') + part('title', 'b'), 'title: was sent more than once'],
    ['a file in another part', filePart('attachment', 'a.pdf', 'x'), 'attachment: is not expected'],
    ['the file as a text field', part('file', 'text'), 'file: must be a file part'],
    ['an over-long field', part('title', 'x'.repeat(101)), 'title: is longer than 100 bytes'],
    ['two files', filePart('file', 'a.pdf', 'x') + filePart('file', 'b.pdf', 'y'), 'file: send exactly one file'],
  ])('refuses %s, discarding anything staged', async (_case, body, message) => {
    const { options, staged, discarded } = harness();
    const req = fakeRequest();
    const received = receiveMultipartUpload(req, options);
    req.end(body + end);
    const failure = await received.catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(UploadFormError);
    expect((failure as Error).message).toContain(message);
    expect(discarded).toEqual(staged);
  });

  it('passes on FileTooLargeError from staging as soon as it happens', async () => {
    const { options } = harness(10);
    const req = fakeRequest();
    const received = receiveMultipartUpload(req, options);
    // The body never ends: the refusal must not wait for it.
    req.write(part('title', 'Big') + filePart('file', 'big.pdf', 'x'.repeat(100)));
    await expect(received).rejects.toBeInstanceOf(FileTooLargeError);
  });

  it('reports a client that went away, and discards a file already staged', async () => {
    const { options, staged, discarded } = harness();
    const req = fakeRequest();
    const received = receiveMultipartUpload(req, options);
    req.write(filePart('file', 'a.pdf', '%PDF-1.7 staged') + part('title', 'Cut'));
    await new Promise((r) => setTimeout(r, 20));
    req.destroy();
    await expect(received).rejects.toBeInstanceOf(UploadAbortedError);
    expect(staged).toHaveLength(1);
    expect(discarded).toEqual(staged);
  });

  it('reports a truncated body as malformed', async () => {
    const { options } = harness();
    const req = fakeRequest();
    const received = receiveMultipartUpload(req, options);
    req.end(part('title', 'Truncated') + `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF`);
    await expect(received).rejects.toBeInstanceOf(MalformedUploadError);
  });
});
