import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { AppException } from '../../common/errors/app.exception';
import { withinDeadline } from '../../common/errors/dependency-unavailable.error';
import type { AuthUser } from '../../common/request-context/request-context';
import { PACK_JOB_PREFIX, RAG_JOB_PREFIX } from '../job-ids';
import { QUEUES } from '../queues';
import type { JobState, JobStatusDto } from './dto/job.dto';

/** With Redis down, a poll answers 503 (dependency_unavailable) in this time rather than hanging. */
const JOB_READ_DEADLINE_MS = 2000;

/** BullMQ job ids: letters, digits, '-' and '_' (anything else cannot be one of ours). */
const JOB_ID = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * The state of a long job (RAG recompute, pack generation) for the organisation that asked for it.
 * Jobs carry their organisationId in their data; another organisation's job is 404, as is a job
 * with no organisation (the nightly).
 */
@Injectable()
export class JobsService {
  constructor(
    @InjectQueue(QUEUES.rag) private readonly rag: Queue,
    @InjectQueue(QUEUES.packs) private readonly packs: Queue,
  ) {}

  async get(user: AuthUser, id: string): Promise<JobStatusDto> {
    if (JOB_ID.test(id)) {
      for (const queue of this.queuesFor(id)) {
        const job = (await withinDeadline(queue.getJob(id), JOB_READ_DEADLINE_MS, 'reading a job')) as Job<{ organisationId?: string }> | undefined;
        if (job && job.data?.organisationId === user.organisationId) {
          return toJobStatus(job, queue.name, await withinDeadline(job.getState(), JOB_READ_DEADLINE_MS, 'reading a job'));
        }
      }
    }
    throw AppException.notFound('Job', id);
  }

  private queuesFor(id: string): Queue[] {
    if (id.startsWith(RAG_JOB_PREFIX)) return [this.rag];
    if (id.startsWith(PACK_JOB_PREFIX)) return [this.packs];
    return [this.rag, this.packs];
  }
}

export function toJobStatus(job: Job, queue: string, state: string): JobStatusDto {
  const dto: JobStatusDto = {
    id: job.id ?? '',
    queue,
    name: job.name,
    state: state as JobState,
    progress: typeof job.progress === 'number' ? job.progress : 0,
    attemptsMade: job.attemptsMade,
    createdAt: new Date(job.timestamp).toISOString(),
  };
  if (job.failedReason) dto.failedReason = publicFailureReason(job.failedReason);
  if (job.returnvalue !== undefined && job.returnvalue !== null) dto.returnValue = job.returnvalue;
  if (job.finishedOn) dto.finishedAt = new Date(job.finishedOn).toISOString();
  return dto;
}

/**
 * What a client may read of a job's failure: the first line, without server file paths (errors
 * from storage or the filesystem carry them); the full reason stays in the worker's log.
 */
export function publicFailureReason(reason: string): string {
  const firstLine = reason.split('\n', 1)[0];
  return firstLine.replace(/(?:[A-Za-z]:)?(?:[\\/][\w.@-]+){2,}/g, '[path]').slice(0, 500);
}
