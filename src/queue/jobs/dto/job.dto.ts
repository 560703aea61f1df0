import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** 202 Accepted: the work runs in the worker; poll statusUrl. */
export class JobAcceptedDto {
  @ApiProperty({ example: 'rag-3f0c5e0e-8d1e-4a55-9f8e-2b1c7d9a6e01' })
  jobId: string;

  @ApiProperty({ example: '/api/v1/jobs/rag-3f0c5e0e-8d1e-4a55-9f8e-2b1c7d9a6e01' })
  statusUrl: string;
}

export const JOB_STATES = ['waiting', 'delayed', 'prioritized', 'waiting-children', 'active', 'completed', 'failed', 'unknown'] as const;
export type JobState = (typeof JOB_STATES)[number];

export class JobStatusDto {
  @ApiProperty({ example: 'rag-3f0c5e0e-8d1e-4a55-9f8e-2b1c7d9a6e01' })
  id: string;

  @ApiProperty({ example: 'rag', description: "the queue: 'rag', 'packs' or 'notifications' (a reminder scan)" })
  queue: string;

  @ApiProperty({ example: 'recompute-organisation' })
  name: string;

  @ApiProperty({ enum: JOB_STATES })
  state: JobState;

  @ApiProperty({ example: 60, description: '0-100 while it runs' })
  progress: number;

  @ApiProperty({ example: 0, description: 'attempts made so far (failed attempts are retried with backoff)' })
  attemptsMade: number;

  @ApiPropertyOptional({ description: 'why the last attempt failed' })
  failedReason?: string;

  @ApiPropertyOptional({ description: "the job's result once completed (for a RAG recompute: counts by colour and timings; for a reminder scan: the day, the counts requested and written, and byKind)", type: Object })
  returnValue?: unknown;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiPropertyOptional({ format: 'date-time' })
  finishedAt?: string;
}
