/** Error codes of actions, milestones and progress updates (besides the common ones). */
export enum ActionsErrorCode {
  /** Another action of the organisation already has this reference. */
  ReferenceTaken = 'reference_taken',
  /** Progress updates are never edited or deleted: add a new one. */
  AppendOnly = 'append_only',
}

declare module '../common/errors/error-code' {
  interface FeatureErrorCodes {
    actions: ActionsErrorCode;
  }
}
