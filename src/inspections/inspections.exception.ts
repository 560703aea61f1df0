/** Error codes of inspections and regulators (besides the common ones). */
export enum InspectionsErrorCode {
  /** A regulator you can see already has this code. */
  RegulatorCodeTaken = 'code_taken',
}

declare module '../common/errors/error-code' {
  interface FeatureErrorCodes {
    inspections: InspectionsErrorCode;
  }
}
