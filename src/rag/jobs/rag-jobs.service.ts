import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { API_PREFIX } from '../../common/http/api-prefix';
import { QUEUES, RAG_JOBS, type RecomputeOrganisationPayload } from '../../queue/queues';
import type { JobAcceptedDto } from './dto/job.dto';
import { newRagJobId } from './rag-job-ids';

export const jobStatusUrl = (jobId: string): string => `/${API_PREFIX}/jobs/${jobId}`;

/** The API's producer of organisation recomputes. It only enqueues: nothing here waits for the worker. */
@Injectable()
export class RagJobsService {
  constructor(@InjectQueue(QUEUES.rag) private readonly queue: Queue) {}

  async recomputeOrganisation(organisationId: string, asOf?: string, requestedById?: string): Promise<JobAcceptedDto> {
    const payload: RecomputeOrganisationPayload = { organisationId, ...(asOf ? { asOf } : {}), ...(requestedById ? { requestedById } : {}) };
    const job = await this.queue.add(RAG_JOBS.recomputeOrganisation, payload, { jobId: newRagJobId() });
    const jobId = job.id ?? '';
    return { jobId, statusUrl: jobStatusUrl(jobId) };
  }
}
