/** Error codes of progress packs (besides the common ones). */
export enum PacksErrorCode {
  /** The pack is still queued or generating, or failed; `details.state`. */
  PackNotReady = 'pack_not_ready',
  /** Only scrutiny packs are published; board packs stay internal. */
  NotAScrutinyPack = 'not_a_scrutiny_pack',
  /** The pack is already published; `details.publishedAt`. */
  AlreadyPublished = 'already_published',
  /**
   * No longer answered: with Redis down a pack request is accepted and stays `queued` until the
   * worker's reconciler queues it. Kept because codes are never removed.
   */
  QueueUnavailable = 'queue_unavailable',
  /** The scrutiny pack's publication check lists suspects and the request did not acknowledge them; `details.suspects` (the count). */
  SuspectsNotAcknowledged = 'publication_suspects_not_acknowledged',
  /** The pack has no publication check (a board pack, or a scrutiny pack built before checks were recorded: request it again). */
  PublicationCheckUnavailable = 'publication_check_unavailable',
}

declare module '../common/errors/error-code' {
  interface FeatureErrorCodes {
    packs: PacksErrorCode;
  }
}
