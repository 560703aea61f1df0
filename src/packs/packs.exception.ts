/** Error codes of progress packs (besides the common ones). */
export enum PacksErrorCode {
  /** The pack is still queued or generating, or failed; `details.state`. */
  PackNotReady = 'pack_not_ready',
  /** Only scrutiny packs are published; board packs stay internal. */
  NotAScrutinyPack = 'not_a_scrutiny_pack',
  /** The pack is already published; `details.publishedAt`. */
  AlreadyPublished = 'already_published',
  /** The pack could not be queued for generation (Redis down); try again shortly. */
  QueueUnavailable = 'queue_unavailable',
}

declare module '../common/errors/error-code' {
  interface FeatureErrorCodes {
    packs: PacksErrorCode;
  }
}
