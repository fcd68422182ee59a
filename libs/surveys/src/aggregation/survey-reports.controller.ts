import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, JobName, JobQueue, ParseIdPipe, Roles, ROLES, ValidationFailedError } from '@app/core';
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
  ) {}

  @Post('aggregate')
  @Roles('city_admin', 'district_admin', 'principal')
  @HttpCode(202)
  @ApiOperation({ summary: 'Recompute the snapshot in the background (one job per campaign at a time)' })
  async aggregate(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser) {
    await this.campaigns.assertManages(id, user);
    return this.jobs.enqueue(JobName.SurveyAggregate, { requestedBy: user.id, campaignId: id }, { dedupeKey: String(id), rerunIfActive: true });
  }

  @Get('report')
  @Roles(...ROLES)
  @ApiQuery({ name: 'level', enum: LEVELS, required: false })
  @ApiOperation({ summary: 'The snapshot at one level; groups under the threshold (default 5, never below 3) are withheld' })
  async report(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser, @Query('level') level: string = 'city') {
    if (!LEVELS.includes(level as GroupLevel)) throw new ValidationFailedError('Unknown level', [{ field: 'level', reason: `one of ${LEVELS.join(', ')}` }]);
    await this.campaigns.get(id, user);
    return this.aggregation.report(id, level as GroupLevel, user);
  }

  @Post('report/export')
  @Roles(...ROLES)
  @HttpCode(202)
  @ApiOperation({ summary: 'The report as XLSX (a sheet per question group), built in the background for what you may see' })
  async export(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser) {
    await this.campaigns.get(id, user);
    await this.aggregation.report(id, 'city', user);
    return this.jobs.enqueue(JobName.SurveyReportExport, { requestedBy: user.id, campaignId: id }, { dedupeKey: `${id}:${user.id}` });
  }
}
