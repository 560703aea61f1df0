import type { Job } from 'bullmq';

/**
 * Queue and job names, with their payloads: one typed map (`QueueJobs`) of queue -> job name ->
 * payload. The API only produces; the worker process consumes. Every feature that adds a queue or
 * a job adds it here, so producers cannot send a payload the processor does not expect, processors
 * read `job.data` typed by `job.name`, and health reports each queue's consumers.
 */
export const QUEUES = {
  maintenance: 'maintenance',
  rag: 'rag',
  packs: 'packs',
  notifications: 'notifications',
  imports: 'imports',
} as const;

export const MAINTENANCE_JOBS = {
  heartbeat: 'heartbeat',
  /** Makes Redis agree with PostgreSQL: re-queues lost pack and import jobs, ends dead ones, re-creates missing schedules, catches up a lost nightly RAG run and backfills whole days lost. */
  reconcile: 'reconcile',
  /** Removes staged upload files and stored objects no row refers to, and expired idempotency keys. */
  sweep: 'sweep',
} as const;

export interface HeartbeatPayload {
  scheduledBy: 'scheduler' | 'manual';
}

export interface MaintenancePayload {
  reason: 'scheduler' | 'startup' | 'watchdog' | 'manual';
}

/**
 * Every job scheduler of the system, by id, with its queue. The worker creates them at start and its
 * reconciler re-creates any that is missing (a Redis restart without persistence loses them all);
 * health reports a queue as consuming only while its schedulers exist.
 */
export const JOB_SCHEDULERS = {
  heartbeat: { id: 'heartbeat', queue: 'maintenance' },
  reconcile: { id: 'reconcile', queue: 'maintenance' },
  sweep: { id: 'sweep', queue: 'maintenance' },
  ragNightly: { id: 'rag-nightly', queue: 'rag' },
  notificationsDelivery: { id: 'notifications-deliver', queue: 'notifications' },
  notificationsScan: { id: 'notifications-scan', queue: 'notifications' },
} as const satisfies Record<string, { id: string; queue: string }>;

export type JobSchedulerId = (typeof JOB_SCHEDULERS)[keyof typeof JOB_SCHEDULERS]['id'];

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
  /** One plan of the organisation (the API's and the nightly run's recomputes); absent: every plan. */
  planId?: string;
  /** Reporting date, 'YYYY-MM-DD' (London); defaults to today in London when the job runs. */
  asOf?: string;
  requestedById?: string;
}

/** The nightly job carries nothing: it works out the day and the plans when it runs. */
export type NightlyPayload = Record<string, never>;

export const PACK_JOBS = { generate: 'generate' } as const;

export interface GeneratePackPayload {
  organisationId: string;
  packId: string;
}

export const NOTIFICATION_JOBS = {
  /** Deliver the outbox's due messages (every minute, and soon after messages are written). */
  deliver: 'deliver',
  /** The daily reminder scan: writes due, overdue, update-due, digest and override messages for a London day. */
  scan: 'scan',
} as const;

export interface DeliverOutboxPayload {
  reason: 'scheduler' | 'written' | 'manual';
}

export interface NotificationScanPayload {
  /** The London day to scan, 'YYYY-MM-DD'; absent: today when the job runs. */
  day?: string;
  reason: 'scheduler' | 'manual';
  /** An administrator's scan (POST /admin/notifications/scan): their organisation only. Absent: every organisation (the 06:00 run). */
  organisationId?: string;
  /** Who asked, for the worker's log. */
  requestedById?: string;
}

export const IMPORT_JOBS = {
  /** Read the stored file and compare it with the plan: the preview. */
  preview: 'preview',
  /** Write what the preview showed, in one transaction. */
  commit: 'commit',
} as const;

export interface ImportJobPayload {
  organisationId: string;
  planId: string;
  importRunId: string;
  /** Who asked (the audit trail's actor for a commit). */
  requestedById: string;
}

/** Queue name -> job name -> payload. The one place a queue's jobs are declared. */
export interface QueueJobs {
  [QUEUES.maintenance]: {
    [MAINTENANCE_JOBS.heartbeat]: HeartbeatPayload;
    [MAINTENANCE_JOBS.reconcile]: MaintenancePayload;
    [MAINTENANCE_JOBS.sweep]: MaintenancePayload;
  };
  [QUEUES.rag]: {
    [RAG_JOBS.recomputeAction]: RecomputeActionPayload;
    [RAG_JOBS.recomputeOrganisation]: RecomputeOrganisationPayload;
    [RAG_JOBS.nightly]: NightlyPayload;
  };
  [QUEUES.packs]: {
    [PACK_JOBS.generate]: GeneratePackPayload;
  };
  [QUEUES.notifications]: {
    [NOTIFICATION_JOBS.deliver]: DeliverOutboxPayload;
    [NOTIFICATION_JOBS.scan]: NotificationScanPayload;
  };
  [QUEUES.imports]: {
    [IMPORT_JOBS.preview]: ImportJobPayload;
    [IMPORT_JOBS.commit]: ImportJobPayload;
  };
}

export type QueueName = keyof QueueJobs;
export const ALL_QUEUES: readonly QueueName[] = Object.values(QUEUES);

/**
 * The queues a worker may be told to run (`WORKER_QUEUES`); every worker runs `maintenance` too
 * (its heartbeat, the reconciler, the orphan sweeper), whatever it is told.
 */
export const WORKER_QUEUES = ['rag', 'packs', 'notifications', 'imports'] as const satisfies readonly QueueName[];
export type WorkerQueue = (typeof WORKER_QUEUES)[number];

/** The schedulers of each queue (health checks that they exist). */
export const schedulersOf = (queue: QueueName): string[] =>
  Object.values(JOB_SCHEDULERS)
    .filter((s) => s.queue === queue)
    .map((s) => s.id);

/** The job names of queue `Q`. */
export type JobName<Q extends QueueName> = Extract<keyof QueueJobs[Q], string>;

/** The payload of job `N` on queue `Q`. */
export type JobData<Q extends QueueName, N extends JobName<Q>> = QueueJobs[Q][N];

/**
 * A job as its processor receives it: a union discriminated by `name`, so `switch (job.name)`
 * narrows `job.data` to that job's payload without a cast.
 */
export type QueueJob<Q extends QueueName> = { [N in JobName<Q>]: Job<JobData<Q, N>, unknown, N> }[JobName<Q>];

/** Every job name of each queue, at run time: a job read from Redis is checked against these. */
export const QUEUE_JOB_NAMES: { readonly [Q in QueueName]: readonly JobName<Q>[] } = {
  [QUEUES.maintenance]: Object.values(MAINTENANCE_JOBS),
  [QUEUES.rag]: Object.values(RAG_JOBS),
  [QUEUES.packs]: Object.values(PACK_JOBS),
  [QUEUES.notifications]: Object.values(NOTIFICATION_JOBS),
  [QUEUES.imports]: Object.values(IMPORT_JOBS),
};

/**
 * Whether a job taken from queue `Q` is one that `QueueJobs` declares for it (by name), narrowing it
 * to `QueueJob<Q>`; a processor refuses anything else (a job from an older or newer producer).
 */
export function isJobOf<Q extends QueueName>(queue: Q, job: Job): job is QueueJob<Q> {
  const names: readonly string[] = QUEUE_JOB_NAMES[queue];
  return names.includes(job.name);
}
