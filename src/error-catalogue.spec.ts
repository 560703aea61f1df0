import { CommonErrorCode } from './common/errors/error-code';
import { ERROR_CODES, ERROR_CODES_BY_FEATURE } from './error-catalogue';

describe('error catalogue', () => {
  it('lists every code once, snake_case', () => {
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
    for (const code of ERROR_CODES) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  // Clients branch on these: a code that disappears from this list breaks them. Add, never rename.
  it('keeps the codes clients already know', () => {
    const known: Record<string, Record<string, string>> = {
      auth: { InvalidCredentials: 'invalid_credentials', TooManyLoginAttempts: 'too_many_login_attempts' },
      users: { EmailTaken: 'email_taken', CurrentPasswordIncorrect: 'current_password_incorrect', PasswordUnchanged: 'password_unchanged' },
      organisations: { OrganisationExists: 'organisation_exists', EmailTaken: 'email_taken' },
      inspections: { RegulatorCodeTaken: 'code_taken' },
      findings: { ReferenceTaken: 'reference_taken' },
      workstreams: { CodeTaken: 'code_taken' },
      actions: { ReferenceTaken: 'reference_taken', AppendOnly: 'append_only' },
      packs: { PackNotReady: 'pack_not_ready', NotAScrutinyPack: 'not_a_scrutiny_pack', AlreadyPublished: 'already_published', QueueUnavailable: 'queue_unavailable',
        SuspectsNotAcknowledged: 'publication_suspects_not_acknowledged',
        PublicationCheckUnavailable: 'publication_check_unavailable',
      },
      web: { SignInRequired: 'sign_in_required', CsrfTokenInvalid: 'csrf_token_invalid' },
    };
    // New codes may be added to a feature; none of these may go or change.
    for (const [feature, codes] of Object.entries(known)) {
      expect(ERROR_CODES_BY_FEATURE[feature as keyof typeof ERROR_CODES_BY_FEATURE]).toEqual(expect.objectContaining(codes));
    }
    expect(Object.values(CommonErrorCode).sort()).toEqual(
      [
        'validation_failed',
        'not_found',
        'forbidden',
        'unauthenticated',
        'stale_version',
        'has_dependents',
        'already_exists',
        'conflict',
        'write_conflict',
        'malformed_json',
        'invalid_text',
        'nesting_too_deep',
        'request_timeout',
        'payload_too_large',
        'unreadable_body',
        'unsupported_media_type',
        'method_not_allowed',
        'rate_limited',
        'bad_request',
        'service_unavailable',
        'dependency_unavailable',
        'database_timeout',
        'internal_error',
      ].sort(),
    );
    expect(Object.values(ERROR_CODES_BY_FEATURE.evidence).sort()).toEqual(
      [
        'file_too_large',
        'unsupported_file_type',
        'multipart_required',
        'malformed_upload',
        'upload_aborted',
        'malware_detected',
        'storage_unavailable',
        'scanner_unavailable',
        'stored_file_missing',
        'already_superseded',
        'already_reviewed',
        'evidence_withdrawn',
        'range_not_satisfiable',
      ].sort(),
    );
  });

  it('has a code for every feature code and every common code', () => {
    for (const codes of Object.values(ERROR_CODES_BY_FEATURE)) {
      for (const code of Object.values(codes)) expect(ERROR_CODES).toContain(code);
    }
  });
});
