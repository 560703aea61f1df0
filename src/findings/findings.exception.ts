/** Error codes of findings (besides the common ones). */
export enum FindingsErrorCode {
  /** Another finding of the same inspection already has this reference. */
  ReferenceTaken = 'reference_taken',
}

declare module '../common/errors/error-code' {
  interface FeatureErrorCodes {
    findings: FindingsErrorCode;
  }
}
