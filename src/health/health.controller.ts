import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Public } from '../common/auth/auth.decorators';
import { HEALTH_ROUTE } from '../common/http/api-paths';
import { QueuesHealthIndicator } from './queues.health';
import { RedisHealthIndicator } from './redis.health';

@ApiTags('health')
@Public()
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
  @ApiOkResponse({ description: 'the API process is alive' })
  @ApiOperation({ summary: 'Liveness: the API process answers' })
  alive() {
    return { status: 'ok' };
  }

  /** Readiness: PostgreSQL and Redis answer (503 when not), with each queue's consumers. */
  @Get('ready')
  @HealthCheck()
  @ApiOkResponse({ description: 'PostgreSQL and Redis reachable; queue consumers listed' })
  @ApiServiceUnavailableResponse({ description: 'PostgreSQL or Redis unreachable (service_unavailable); `details` is the result of each check' })
  @ApiOperation({ summary: 'Readiness: PostgreSQL and Redis answer, with the consumers of each queue' })
  ready() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 1500 }),
      () => this.redis.ping('redis'),
      () => this.queues.consumers('queues'),
    ]);
  }
}
