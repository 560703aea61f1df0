/** The client went away (connection reset or closed) before the request body was complete. */
export class UploadAbortedError extends Error {
  readonly code = 'UPLOAD_ABORTED';

  constructor() {
    super('The client closed the connection before the upload was complete');
    this.name = 'UploadAbortedError';
  }
}

/** The request body is not a well-formed multipart form (bad boundary, truncated part, ...). Maps to 400. */
export class MalformedUploadError extends Error {
  readonly code = 'MALFORMED_UPLOAD';

  constructor(detail: string, options?: { cause?: unknown }) {
    super(`The multipart body could not be read: ${detail}`, options);
    this.name = 'MalformedUploadError';
  }
}

/** A form that parses but breaks the upload's rules (a second file, a duplicated or over-long field). Maps to 400. */
export class UploadFormError extends Error {
  readonly code = 'UPLOAD_FORM';

  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'UploadFormError';
  }
}
