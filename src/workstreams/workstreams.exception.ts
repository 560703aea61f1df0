/** Error codes of workstreams (besides the common ones). */
export enum WorkstreamsErrorCode {
  /** Another workstream of the organisation already has this code. */
  CodeTaken = 'code_taken',
}

declare module '../common/errors/error-code' {
  interface FeatureErrorCodes {
    workstreams: WorkstreamsErrorCode;
  }
}
