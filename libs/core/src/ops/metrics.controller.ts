import { Controller, Get, Headers, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../auth/access.decorators';
import { AuthService } from '../auth/auth.service';
import { AppConfig } from '../config';
import { ForbiddenError, NotFoundError, UnauthorizedError } from '../errors';
import { ApiErrors, ApiText } from '../openapi';
import { hasMetricsToken } from './metrics-access';
import { Metrics } from './metrics.service';

@ApiTags('ops')
@Controller({ path: 'metrics', version: VERSION_NEUTRAL })
export class MetricsController {
  constructor(
    private readonly metrics: Metrics,
    private readonly config: AppConfig,
    private readonly auth: AuthService,
  ) {}

  @Get()
  @Public()
  @ApiText('text/plain', 'the metrics in the Prometheus text format')
  @ApiErrors({ 401: ['UNAUTHORIZED', 'INVALID_TOKEN', 'SESSION_ENDED'], 403: ['FORBIDDEN'], 404: ['NOT_FOUND'] })
  @ApiOperation({
    summary: 'Prometheus metrics of this api process',
    description: '`Authorization: Bearer $METRICS_TOKEN`, or a city administrator\'s token. Off (404) when METRICS_TOKEN is not set.',
  })
  async scrape(@Headers('authorization') authorization: string | undefined, @Res() reply: FastifyReply): Promise<void> {
    if (!this.config.metricsToken) throw new NotFoundError('route', 'GET /api/metrics');
    if (!hasMetricsToken(authorization, this.config.metricsToken)) {
      const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
      if (!token) throw new UnauthorizedError('The metrics token or a city administrator\'s token is required');
      const user = await this.auth.authenticate(token);
      if (user.role !== 'city_admin') throw new ForbiddenError('Metrics are for the operators and city administrators');
    }
    await reply.header('content-type', this.metrics.registry.contentType).send(await this.metrics.text());
  }
}
