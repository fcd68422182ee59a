import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, Roles } from '../auth/access.decorators';
import type { AuthUser } from '../auth/role';
import { ApiErrors, ApiJob, JobAcceptedDto } from '../openapi';
import { JobsOverviewDto, JobsOverviewQuery } from './jobs-admin.dto';
import { JobsAdmin } from './jobs-admin.service';

/** The jobs page (작업 현황) of city administrators: see queues and schedules, run a schedule now, retry a failed job. */
@ApiTags('jobs')
@ApiBearerAuth()
@Controller('admin/jobs')
export class JobsAdminController {
  constructor(private readonly admin: JobsAdmin) {}

  @Get()
  @Roles('city_admin')
  @ApiOperation({
    summary: 'Queues with their job counts and failed jobs (newest first), the outbox backlog, and the recurring schedules with their next run',
    description: 'Answers within about 1.5 s when Redis is down: `redis.available` is false, counts, failed jobs and next runs are null, the outbox backlog still shows',
  })
  overview(@Query() q: JobsOverviewQuery): Promise<JobsOverviewDto> {
    return this.admin.overview(q.failedLimit);
  }

  @Post('schedules/:schedulerId/run')
  @Roles('city_admin')
  @HttpCode(202)
  @ApiJob('the schedule\'s job was written to the outbox (and the audit log, `job.run_now`); follow it at GET /api/v1/jobs/{jobId}')
  @ApiOperation({ summary: "Run a recurring schedule's job now (designation term end, survey lifecycle sweep with final aggregation, survey reminders, consent reminders with second-guardian slips)" })
  runNow(@Param('schedulerId') schedulerId: string, @CurrentUser() user: AuthUser): Promise<JobAcceptedDto> {
    return this.admin.runNow(schedulerId, user);
  }

  @Post(':jobId/retry')
  @Roles('city_admin')
  @HttpCode(202)
  @ApiJob('the failed job waits to run again, its attempts counted afresh (audited, `job.retried`); follow it at GET /api/v1/jobs/{jobId}')
  @ApiErrors({ 409: ['JOB_NOT_FAILED'], 503: ['REDIS_UNAVAILABLE'] })
  @ApiOperation({ summary: 'Retry a failed job' })
  retry(@Param('jobId') jobId: string, @CurrentUser() user: AuthUser): Promise<JobAcceptedDto> {
    return this.admin.retry(jobId, user);
  }
}
