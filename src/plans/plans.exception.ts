/** Error codes of improvement plans and their memberships (besides the common ones). */
export enum PlansErrorCode {
  /** The plan is closed: it is read-only (reads and pack downloads still work). */
  PlanClosed = 'plan_closed',
  /** A plan role given without `planId` (POST /users), in an organisation that runs several plans. */
  PlanRequired = 'plan_required',
  /** Closing a plan that is already closed. */
  PlanAlreadyClosed = 'plan_already_closed',
  /** Administrators act in every plan; they are not given a plan role. */
  AdminNeedsNoMembership = 'admin_needs_no_membership',
}

declare module '../common/errors/error-code' {
  interface FeatureErrorCodes {
    plans: PlansErrorCode;
  }
}
