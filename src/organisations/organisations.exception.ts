/** Error codes of creating organisations (besides the common ones). */
export enum OrganisationsErrorCode {
  /** An organisation with this slug already exists. */
  OrganisationExists = 'organisation_exists',
  /** The first administrator's email is already in use. */
  EmailTaken = 'email_taken',
}

declare module '../common/errors/error-code' {
  interface FeatureErrorCodes {
    organisations: OrganisationsErrorCode;
  }
}
