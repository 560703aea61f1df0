import { randomUUID } from 'node:crypto';
import { apiPath, JOBS_ROUTE } from '../common/http/api-paths';

/**
 * Job ids the API hands out are prefixed by queue ('rag-' for RAG, 'pack-' for packs, 'scan-' for an
 * administrator's reminder scan in the notifications queue), so GET /jobs/:id knows where to look
 * and two queues can never hand out the same id.
 * BullMQ's own numeric ids (single-action recomputes) are internal and never shown.
 */
export const RAG_JOB_PREFIX = 'rag-';
export const PACK_JOB_PREFIX = 'pack-';
export const SCAN_JOB_PREFIX = 'scan-';

export const newRagJobId = (): string => `${RAG_JOB_PREFIX}${randomUUID()}`;
export const newScanJobId = (): string => `${SCAN_JOB_PREFIX}${randomUUID()}`;

/** One nightly recompute per organisation and London day. */
export const nightlyJobId = (asOf: string, planId: string): string => `${RAG_JOB_PREFIX}nightly-${asOf}-${planId}`;

/**
 * The deduplication id of a plan's recompute for a date named by its caller (an administrator's
 * POST /plans/:planId/rag/recompute with asOf, the reconciler's catch-up and backfill of a day): while
 * one is waiting or running, BullMQ adds no other and answers with its id, so a manual recompute of a
 * lost day and the reconciler's do not both run. Released when the job ends, so a later request runs.
 */
export const planDayDeduplicationId = (asOf: string, planId: string): string => `plan-day:${asOf}:${planId}`;

/**
 * One job per pack, named after it: adding the job twice for a pack queues it once, and
 * GET /jobs/:id finds it in the packs queue by its prefix.
 */
export const packJobId = (packId: string): string => `${PACK_JOB_PREFIX}${packId}`;

/** Where a client polls a job: `/api/v1/jobs/<id>`. */
export const jobStatusUrl = (jobId: string): string => apiPath(JOBS_ROUTE, jobId);
