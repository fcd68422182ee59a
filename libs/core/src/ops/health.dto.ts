import { ApiProperty } from '@nestjs/swagger';

export class ProbeDto {
  @ApiProperty({ enum: ['up', 'down'] })
  status: 'up' | 'down';

  latencyMs: number;

  /** Why the probe failed (down only). */
  error?: string;
}

/** `GET /api/health`: 200 `ok` or `degraded` (Redis down: requests served, jobs wait in the outbox), 503 `down` (no database). */
export class HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded', 'down'] })
  status: 'ok' | 'degraded' | 'down';

  database: ProbeDto;

  redis: ProbeDto;

  /** Jobs committed to the outbox and not yet handed to Redis; null when the database cannot say. */
  jobsWaitingForRedis: number | null;
}
