/** Error codes of committees and meetings (besides the common ones). */
export enum MeetingsErrorCode {
  /** Another committee of the plan already has this name. */
  CommitteeNameTaken = 'committee_name_taken',
  /** The committee named for a meeting is not one of this plan's. */
  CommitteeNotInPlan = 'committee_not_in_plan',
  /** A papers deadline after the meeting it is for. */
  PapersDeadlineAfterMeeting = 'papers_deadline_after_meeting',
  /** A pack asked for a meeting that is not one of the pack's plan (or is cancelled). */
  MeetingNotInPlan = 'meeting_not_in_plan',
}

declare module '../common/errors/error-code' {
  interface FeatureErrorCodes {
    meetings: MeetingsErrorCode;
  }
}
