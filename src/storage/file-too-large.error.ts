/** An upload passed the size limit; raised while streaming, so the rest is never read. Maps to HTTP 413. */
export class FileTooLargeError extends Error {
  readonly code = 'FILE_TOO_LARGE';

  constructor(readonly maxBytes: number) {
    super(`The file is larger than the limit of ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
  }
}
