import { PACK_JOB_PREFIX } from '../../rag/jobs/rag-job-ids';

/**
 * One job per pack, named after it: adding the job twice for a pack queues it once, and
 * GET /jobs/:id finds it in the packs queue by its prefix.
 */
export const packJobId = (packId: string): string => `${PACK_JOB_PREFIX}${packId}`;
