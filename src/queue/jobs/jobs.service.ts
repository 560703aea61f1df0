import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Job, Queue } from 'bullmq';
import { planRoleOf } from '../../common/auth/access-policy';
import { AppException } from '../../common/errors/app.exception';
import { withinDeadline } from '../../common/errors/dependency-unavailable.error';
import type { AuthUser } from '../../common/request-context/request-context';
import { PACK_JOB_PREFIX, RAG_JOB_PREFIX, SCAN_JOB_PREFIX } from '../job-ids';
import { QUEUES } from '../queues';
import type { JobState, JobStatusDto } from './dto/job.dto';
import { JobsRepository } from './jobs.repository';

/** With Redis down, a poll answers 503 (dependency_unavailable) in this time rather than hanging. */
const JOB_READ_DEADLINE_MS = 2000;

/** BullMQ job ids: letters, digits, '-' and '_' (anything else cannot be one of ours). */
const JOB_ID = /^[A-Za-z0-9_-]{1,200}$/;

/** What a job's data says about where it works (RAG recompute: planId; pack: packId). */
interface JobScope {
  organisationId?: string;
  planId?: string;
  packId?: string;
}

/** The roles that start and poll long work in a plan (as on the routes that start it). */
const JOB_READERS = ['admin', 'board'];

/**
 * The state of a long job (RAG recompute, pack generation, an administrator's reminder scan) for
 * the plan or organisation it works in. Jobs carry their organisationId in their data, and their
 * plan (planId) or a pack whose plan is looked up. Another organisation's job is 404, as is a job of
 * a plan the user is not admin or board in, a job with no organisation (the nightly, the 06:00
 * scan), and to anyone but an administrator a job with no plan (an organisation-wide recompute, a
 * reminder scan).
 */
@Injectable()
export class JobsService {
  constructor(
    @InjectQueue(QUEUES.rag) private readonly rag: Queue,
    @InjectQueue(QUEUES.packs) private readonly packs: Queue,
    @InjectQueue(QUEUES.notifications) private readonly notifications: Queue,
    private readonly repository: JobsRepository,
  ) {}

  async get(user: AuthUser, id: string): Promise<JobStatusDto> {
    if (JOB_ID.test(id)) {
      for (const queue of this.queuesFor(id)) {
        const job = (await withinDeadline(queue.getJob(id), JOB_READ_DEADLINE_MS, 'reading a job')) as Job<JobScope> | undefined;
        if (job && (await this.mayRead(user, job.data ?? {}))) {
          return toJobStatus(job, queue.name, await withinDeadline(job.getState(), JOB_READ_DEADLINE_MS, 'reading a job'));
        }
      }
    }
    throw AppException.notFound('Job', id);
  }

  private async mayRead(user: AuthUser, data: JobScope): Promise<boolean> {
    const { organisationId } = data;
    if (organisationId !== user.organisationId) return false;
    const planId = data.planId ?? (data.packId ? await this.repository.planOfPack(organisationId, data.packId) : null);
    if (!planId) return user.role === 'admin';
    const role = planRoleOf(user, { organisationId, planId });
    return role !== null && JOB_READERS.includes(role);
  }

  private queuesFor(id: string): Queue[] {
    if (id.startsWith(RAG_JOB_PREFIX)) return [this.rag];
    if (id.startsWith(PACK_JOB_PREFIX)) return [this.packs];
    // Only an administrator's scan is ever handed out; the notifications queue's other jobs carry no organisation.
    if (id.startsWith(SCAN_JOB_PREFIX)) return [this.notifications];
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
