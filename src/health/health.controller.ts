import { Controller, Get, ServiceUnavailableException } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public, Roles } from '../common/auth/auth.decorators';
import { HEALTH_ROUTE } from '../common/http/api-paths';
import { QueuesHealthIndicator } from './queues.health';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('health')
@Controller(HEALTH_ROUTE)
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly queues: QueuesHealthIndicator,
  ) {}

  /** Liveness: the process answers. */
  @Get()
  @Public()
  @ApiOkResponse({ description: 'the API process is alive' })
  @ApiOperation({ summary: 'Liveness: the API process answers' })
  alive() {
    return { status: 'ok' };
  }

  /**
   * Readiness for load balancers and probes, without a token: 200 or 503 and each dependency's
   * status only. Queue statistics and error messages say too much to strangers: see `ready/details`.
   */
  @Get('ready')
  @Public()
  @ApiOkResponse({ description: 'PostgreSQL and Redis reachable and every queue consumed: `{ status, info: { database: { status }, ... } }`' })
  @ApiServiceUnavailableResponse({ description: 'PostgreSQL or Redis unreachable, or a queue without a worker' })
  @ApiOperation({ summary: 'Readiness: PostgreSQL, Redis and every queue answer (up or down only)' })
  async ready() {
    try {
      return summary(await this.check());
    } catch (e) {
      if (e instanceof ServiceUnavailableException) throw new ServiceUnavailableException(summary(e.getResponse() as HealthCheckResult));
      throw e;
    }
  }

  /** The same check with each queue's workers and job counts: admins only. */
  @Get('ready/details')
  @Roles('admin')
  @ApiBearerAuth()
  @ApiOkResponse({ description: 'PostgreSQL and Redis reachable; queue consumers and job counts listed' })
  @ApiServiceUnavailableResponse({ description: 'PostgreSQL or Redis unreachable' })
  @ApiOperation({ summary: 'Readiness with the workers and job counts of each queue (admins)' })
  details() {
    return this.check();
  }

  private check() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 1500 }),
      () => this.redis.ping('redis'),
      () => this.queues.consumers('queues'),
    ]);
  }
}

/** Only up or down for each dependency. */
function summary(result: HealthCheckResult) {
  const statuses = (part: HealthCheckResult['info']) => Object.fromEntries(Object.entries(part ?? {}).map(([k, v]) => [k, { status: v?.status }]));
  return { status: result.status, info: statuses(result.info), error: statuses(result.error) };
}
