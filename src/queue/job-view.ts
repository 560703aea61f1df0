import type { Job, Queue } from 'bullmq';
import { withinDeadline } from '../common/errors/dependency-unavailable.error';

/** What Redis knows of a job: BullMQ's state, or `missing` (never queued, or lost with Redis). */
export interface JobView {
  state: 'missing' | 'waiting' | 'delayed' | 'active' | 'completed' | 'failed' | 'other';
  failedReason?: string;
  attemptsMade?: number;
  /** The job itself, when Redis has it: for a caller that acts on it (retries it). */
  job?: Job;
}

const KNOWN = ['waiting', 'delayed', 'active', 'completed', 'failed'] as const;

/** A job's state as the reconcilers read it (within 5 s, else DependencyUnavailableError). */
export async function inspectJob(queue: Queue, jobId: string | null, what: string): Promise<JobView> {
  if (!jobId) return { state: 'missing' };
  const job = await withinDeadline(queue.getJob(jobId), 5000, what);
  if (!job) return { state: 'missing' };
  const state = await job.getState();
  const view: JobView = { state: (KNOWN as readonly string[]).includes(state) ? (state as JobView['state']) : state === 'unknown' ? 'missing' : 'other' };
  if (job.failedReason) view.failedReason = job.failedReason;
  view.attemptsMade = job.attemptsMade;
  view.job = job;
  return view;
}
