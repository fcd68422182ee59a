import { Controller, Get, Inject, Res, VERSION_NEUTRAL } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthDto } from './health.dto';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import type { RedisClient } from '../queue/redis-connection';
import { DataSource } from 'typeorm';
import { Public } from '../auth/access.decorators';
import { REDIS } from '../redis';

@ApiTags('ops')
@Controller({ path: 'health', version: VERSION_NEUTRAL })
export class HealthController {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    @Inject(REDIS) private readonly redis: RedisClient,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Health of the api, its database and Redis',
    description: "200 `ok`; 200 `degraded` when only Redis is down (requests are served, jobs wait in the outbox); 503 `down` when the database is",
  })
  @ApiOkResponse({ type: HealthDto, description: '`ok`, or `degraded` with Redis down' })
  @ApiServiceUnavailableResponse({ type: HealthDto, description: '`down`: the database does not answer' })
  async health(@Res() reply: FastifyReply): Promise<void> {
    const [database, redis, outbox] = await Promise.all([
      probe(() => this.ds.query('SELECT 1')),
      probe(() => this.redis.ping()),
      this.ds.query(`SELECT count(*)::int AS n FROM job_outbox WHERE relayed_at IS NULL`).then((r: { n: number }[]) => r[0].n, () => null),
    ]);
    const status = database.status === 'down' ? 'down' : redis.status === 'down' ? 'degraded' : 'ok';
    await reply.status(status === 'down' ? 503 : 200).send({ status, database, redis, jobsWaitingForRedis: outbox });
  }
}

async function probe(fn: () => Promise<unknown>): Promise<{ status: 'up' | 'down'; latencyMs: number; error?: string }> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([fn(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout after 2s')), 2000)))]);
    return { status: 'up', latencyMs: Math.round(performance.now() - started) };
  } catch (e) {
    return { status: 'down', latencyMs: Math.round(performance.now() - started), error: (e as Error).message };
  } finally {
    clearTimeout(timer);
  }
}
