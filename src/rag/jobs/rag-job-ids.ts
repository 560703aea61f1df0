import { randomUUID } from 'node:crypto';

/**
 * Job ids the API hands out are prefixed by queue ('rag-', and 'pack-' for packs), so
 * GET /jobs/:id knows where to look and two queues can never hand out the same id.
 * BullMQ's own numeric ids (single-action recomputes) are internal and never shown.
 */
export const RAG_JOB_PREFIX = 'rag-';
export const PACK_JOB_PREFIX = 'pack-';

export const newRagJobId = (): string => `${RAG_JOB_PREFIX}${randomUUID()}`;

/** One nightly recompute per organisation and London day. */
export const nightlyJobId = (asOf: string, organisationId: string): string => `${RAG_JOB_PREFIX}nightly-${asOf}-${organisationId}`;
