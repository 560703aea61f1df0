import busboy from 'busboy';
import { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { FileTooLargeError } from '../../storage/file-too-large.error';
import type { StagedUpload } from '../../storage/stage-upload';
import { StorageException } from '../../storage/storage.exception';
import { MalformedUploadError, UploadAbortedError, UploadFormError } from './upload-errors';

export interface ReceivedFile {
  /** As the client sent it: untrusted. For `cleanFileName` and the type sniffer's hints only, never a path. */
  rawFileName: string;
  /** The part's declared Content-Type: kept for logs at most, it decides nothing. */
  declaredType: string;
  staged: StagedUpload;
}

export interface ReceivedUpload {
  /** The small text fields, whichever side of the file they came. */
  fields: Record<string, string>;
  file: ReceivedFile | null;
}

export interface ReceiveUploadOptions {
  /** The name of the one file part. */
  fileField: string;
  /** Streams the file part to storage (`stageUpload`), which removes what it wrote if the stream fails. */
  stage(file: Readable): Promise<StagedUpload>;
  /** Removes a staged file when the rest of the request then fails; must not throw. */
  discard(staged: StagedUpload): Promise<void>;
  /** Per text field, in bytes; and how many text fields at most. */
  maxFieldBytes: number;
  maxFields: number;
  /** After a refusal, how much more of the body to read and throw away so the client can read our answer. */
  maxDrainBytes: number;
}

/**
 * Reads a multipart/form-data request with busboy, straight from the socket: the file part is
 * handed to `stage` as it arrives (so memory holds a chunk, never the file), and the small text
 * fields are collected whether they come before or after it.
 *
 * Resolves once the whole body has been read and the file staged. Rejects, with NOTHING left
 * staged, on: the client going away (`UploadAbortedError`), `FileTooLargeError` (as soon as the
 * limit is passed, not at the end), a storage failure (`StorageException`), a malformed body
 * (`MalformedUploadError`) or a form that breaks the rules (`UploadFormError`).
 */
export function receiveMultipartUpload(req: IncomingMessage, options: ReceiveUploadOptions): Promise<ReceivedUpload> {
  return new Promise<ReceivedUpload>((resolve, reject) => {
    const fields = new Map<string, string>();
    let fileMeta: Omit<ReceivedFile, 'staged'> | null = null;
    let staging: Promise<StagedUpload> | null = null;
    let aborted = false;
    let settled = false;

    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // Browsers send UTF-8 file names; busboy's default (latin1) would garble "Café.pdf".
        defParamCharset: 'utf8',
        limits: { files: 1, fields: options.maxFields, fieldSize: options.maxFieldBytes, fieldNameSize: 100 },
      });
    } catch (err) {
      drainRequest(req, options.maxDrainBytes);
      reject(new MalformedUploadError((err as Error).message, { cause: err }));
      return;
    }

    const detach = (): void => {
      req.off('close', onRequestClose);
      req.off('error', onRequestError);
    };

    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      detach();
      req.unpipe(parser);
      // Destroying the parser destroys the file part too, so staging stops and removes its partial object.
      parser.on('error', () => undefined);
      parser.destroy();
      if (!aborted) drainRequest(req, options.maxDrainBytes);
      void removeStaged().then(() => reject(err));
    };

    const removeStaged = async (): Promise<void> => {
      if (!staging) return;
      const staged = await staging.catch(() => null);
      if (staged) await options.discard(staged);
    };

    // `complete` is false if the socket closed before the whole body arrived: the client is gone.
    const onRequestClose = (): void => {
      if (!req.complete) {
        aborted = true;
        fail(new UploadAbortedError());
      }
    };
    const onRequestError = (): void => {
      aborted = true;
      fail(new UploadAbortedError());
    };

    parser.on('field', (name, value, info) => {
      if (info.nameTruncated) return fail(new UploadFormError(name.slice(0, 100), 'the field name is too long'));
      if (name === options.fileField) return fail(new UploadFormError(name, 'must be a file part (with a filename), not a text field'));
      if (info.valueTruncated) return fail(new UploadFormError(name, `is longer than ${options.maxFieldBytes} bytes`));
      if (fields.has(name)) return fail(new UploadFormError(name, 'was sent more than once'));
      fields.set(name, value);
    });

    parser.on('file', (name, stream, info) => {
      // busboy destroys the part with an error when the form breaks off; that failure reaches us through
      // the parser or staging, so the part's own 'error' event must not go unhandled (it would crash the process).
      stream.on('error', () => undefined);
      if (settled || name !== options.fileField) {
        stream.resume();
        if (!settled) fail(new UploadFormError(name, `is not expected: send the file as the "${options.fileField}" part`));
        return;
      }
      fileMeta = { rawFileName: info.filename ?? '', declaredType: info.mimeType };
      staging = options.stage(stream);
      staging.catch((err: unknown) => fail(aborted ? new UploadAbortedError() : classifyStagingError(err)));
    });

    parser.on('filesLimit', () => fail(new UploadFormError(options.fileField, 'send exactly one file')));
    parser.on('fieldsLimit', () => fail(new UploadFormError('form', `has more than ${options.maxFields} text fields`)));
    parser.on('error', (err: Error) => fail(aborted ? new UploadAbortedError() : new MalformedUploadError(err.message, { cause: err })));

    // busboy closes once every part has been parsed and the file part has been read to its end.
    parser.on('close', () => {
      if (settled) return;
      Promise.resolve(staging).then(
        (staged) => {
          if (settled) return;
          settled = true;
          detach();
          const file = fileMeta && staged ? { ...fileMeta, staged } : null;
          resolve({ fields: Object.fromEntries(fields), file });
        },
        // The staging failure has already gone through `fail`.
        () => undefined,
      );
    });

    req.on('close', onRequestClose);
    req.on('error', onRequestError);
    req.pipe(parser);
  });
}

/** A failure of the file stream that is neither ours (size) nor storage's is a broken body. */
function classifyStagingError(err: unknown): Error {
  if (err instanceof FileTooLargeError || err instanceof StorageException) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new MalformedUploadError(message, { cause: err });
}

const draining = new WeakSet<IncomingMessage>();

/**
 * Reads and discards the rest of a refused request body, so the client (still sending) gets to
 * read our 4xx instead of a reset connection; past `maxBytes` more, the connection is cut, so a
 * refused upload cannot keep the server busy for long.
 */
export function drainRequest(req: IncomingMessage, maxBytes: number): void {
  if (draining.has(req) || req.readableEnded || req.destroyed) return;
  draining.add(req);
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > maxBytes) req.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
}
