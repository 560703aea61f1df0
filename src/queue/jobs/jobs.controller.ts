import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../../common/auth/auth.decorators';
import { JOBS_ROUTE } from '../../common/http/api-paths';
import type { AuthUser } from '../../common/request-context/request-context';
import { JobStatusDto } from './dto/job.dto';
import { JobsService } from './jobs.service';

@ApiTags('jobs')
@ApiBearerAuth()
@Controller(JOBS_ROUTE)
export class JobsController {
  constructor(private readonly jobs: JobsService) {}

  /** State and progress of a RAG recompute or pack job of a plan you are admin or board in, or (administrators) of a reminder scan; the id's prefix names the queue. */
  @Get(':id')
  @Roles('admin', 'board')
  @ApiOkResponse({ type: JobStatusDto })
  @ApiNotFoundResponse({ description: "no such job, another organisation's, one of a plan you are not admin or board in, or (to anyone but an administrator) a reminder scan" })
  @ApiOperation({ summary: 'State and progress of a RAG recompute, pack or reminder scan job (the statusUrl of a 202 answer)' })
  get(@CurrentUser() user: AuthUser, @Param('id') id: string): Promise<JobStatusDto> {
    return this.jobs.get(user, id);
  }
}
