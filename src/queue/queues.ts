/**
 * Queue and job names, with their payloads. The API only produces; the worker process consumes.
 * Every feature that adds a queue adds it here, so health can report each one's consumers.
 */
export const QUEUES = {
  maintenance: 'maintenance',
  rag: 'rag',
  packs: 'packs',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const ALL_QUEUES: readonly QueueName[] = Object.values(QUEUES);

export const MAINTENANCE_JOBS = { heartbeat: 'heartbeat' } as const;

export interface HeartbeatPayload {
  scheduledBy: 'scheduler' | 'manual';
}

/** Redis key where the worker records its last heartbeat (ISO time). */
export const heartbeatKey = (prefix: string) => `${prefix}:worker:last-heartbeat`;
