import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ADMIN_ROLES, AuthUser, CurrentUser, JobName, JobQueue, ParseIdPipe, Roles, ROLES, ValidationFailedError } from '@app/core';
import { CampaignsService } from '../campaigns/campaigns.service';
import { GroupLevel, SurveyAggregationService } from './survey-aggregation.service';

const LEVELS: GroupLevel[] = ['city', 'office', 'district', 'school'];

@ApiTags('surveys')
@ApiBearerAuth()
@Controller('surveys/campaigns/:id')
export class SurveyReportsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly aggregation: SurveyAggregationService,
    private readonly jobs: JobQueue,
    @InjectDataSource() private readonly ds: DataSource,
  ) {}

  @Post('aggregate')
  @Roles(...ADMIN_ROLES)
  @HttpCode(202)
  @ApiOperation({ summary: 'Recompute the snapshot in the background (one job per campaign at a time)' })
  async aggregate(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser) {
    await this.campaigns.get(id, user);
    return this.jobs.enqueue(JobName.SurveyAggregate, { requestedBy: user.id, campaignId: id }, { dedupeKey: String(id) });
  }

  @Get('report')
  @Roles(...ROLES)
  @ApiQuery({ name: 'level', enum: LEVELS, required: false })
  @ApiOperation({ summary: 'The snapshot at one level; groups under the threshold (default 5, never below 3) are withheld' })
  async report(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser, @Query('level') level: string = 'city') {
    if (!LEVELS.includes(level as GroupLevel)) throw new ValidationFailedError('Unknown level', [{ field: 'level', reason: `one of ${LEVELS.join(', ')}` }]);
    await this.campaigns.get(id, user);
    return this.aggregation.report(id, level as GroupLevel, await this.visibleKeys(user));
  }

  /** City-wide figures are for everyone surveyed; offices, districts and schools follow the school rule. */
  private async visibleKeys(user: AuthUser): Promise<Set<string> | undefined> {
    if (user.role === 'city_admin') return undefined;
    const rows: { id: number; district: string; office: string }[] = await this.ds.query(
      `SELECT s.id, s.district, d.office_code AS office FROM schools s JOIN districts d ON d.name = s.district
       WHERE ${user.role === 'district_admin' ? 'd.office_code = $1' : 's.id = $1'}`,
      [user.role === 'district_admin' ? user.districtOffice : user.schoolId],
    );
    return new Set(['all', ...rows.flatMap((r) => [String(r.id), r.district, r.office])]);
  }
}
