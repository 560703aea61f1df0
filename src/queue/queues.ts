/**
 * Queue and job names, with their payloads. The API only produces; the worker process consumes.
 * Every feature that adds a queue adds it here, so health can report each one's consumers.
 */
export const QUEUES = {
  maintenance: 'maintenance',
  rag: 'rag',
  packs: 'packs',
  notifications: 'notifications',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const ALL_QUEUES: readonly QueueName[] = Object.values(QUEUES);

export const MAINTENANCE_JOBS = { heartbeat: 'heartbeat' } as const;

export interface HeartbeatPayload {
  scheduledBy: 'scheduler' | 'manual';
}

/** Redis key where the worker records its last heartbeat (ISO time). */
export const heartbeatKey = (prefix: string) => `${prefix}:worker:last-heartbeat`;

export const RAG_JOBS = {
  /** Recompute one action's colour now (after a change that can affect it). */
  recomputeAction: 'recompute-action',
  /** Recompute every action of an organisation for a reporting date (on demand). */
  recomputeOrganisation: 'recompute-organisation',
  /** The nightly run: every organisation, for the new London day. */
  nightly: 'nightly',
} as const;

export interface RecomputeActionPayload {
  organisationId: string;
  actionId: string;
}

export interface RecomputeOrganisationPayload {
  organisationId: string;
  /** Reporting date, 'YYYY-MM-DD' (London); defaults to today in London when the job runs. */
  asOf?: string;
  requestedById?: string;
}

export const PACK_JOBS = { generate: 'generate' } as const;

export interface GeneratePackPayload {
  organisationId: string;
  packId: string;
}

export const NOTIFICATION_JOBS = {
  /** Deliver the outbox's due messages (every minute, and soon after messages are written). */
  deliver: 'deliver',
} as const;

export interface DeliverOutboxPayload {
  reason: 'scheduler' | 'written' | 'manual';
}
