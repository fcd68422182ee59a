import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtraModels, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { ApiErrors, ApiJob, AuthUser, CurrentUser, JobAcceptedDto, JobName, JobQueue, ParseIdPipe, Roles, ROLES, ValidationFailedError } from '@app/core';
import { CampaignsService } from '../campaigns/campaigns.service';
import { GroupLevel, SurveyAggregationService } from './survey-aggregation.service';
import { SurveyQuestionFiguresDto, REPORT_LEVELS, SurveyReportDto } from './survey-report.dto';

const LEVELS: readonly GroupLevel[] = REPORT_LEVELS;

@ApiTags('surveys')
@ApiBearerAuth()
@ApiExtraModels(SurveyQuestionFiguresDto)
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
  @ApiJob()
  @ApiOperation({ summary: 'Recompute the snapshot in the background (one job per campaign at a time)' })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE', 'NOT_CAMPAIGN_MANAGER'] })
  async aggregate(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<JobAcceptedDto> {
    await this.campaigns.assertManages(id, user);
    return this.jobs.enqueue(JobName.SurveyAggregate, { requestedBy: user.id, campaignId: id }, { dedupeKey: String(id), rerunIfActive: true });
  }

  @Get('report')
  @Roles(...ROLES)
  @ApiQuery({ name: 'level', enum: LEVELS, required: false })
  @ApiOperation({ summary: 'The snapshot at one level; groups under the threshold (default 5, never below 3) are withheld' })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'], 404: ['NOT_FOUND'] })
  async getReport(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser, @Query('level') level: string = 'city'): Promise<SurveyReportDto> {
    if (!LEVELS.includes(level as GroupLevel)) throw new ValidationFailedError('Unknown level', [{ field: 'level', reason: `one of ${LEVELS.join(', ')}` }]);
    await this.campaigns.get(id, user);
    return this.aggregation.report(id, level as GroupLevel, user);
  }

  @Post('report/export')
  @Roles(...ROLES)
  @HttpCode(202)
  @ApiJob('the XLSX is built in the background; GET /api/v1/jobs/{jobId} gives its download link when done')
  @ApiOperation({ summary: 'The report as XLSX (a sheet per question group), built in the background for what you may see' })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'], 404: ['NOT_FOUND'] })
  async exportReport(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<JobAcceptedDto> {
    await this.campaigns.get(id, user);
    await this.aggregation.report(id, 'city', user);
    return this.jobs.enqueue(JobName.SurveyReportExport, { requestedBy: user.id, campaignId: id }, { dedupeKey: `${id}:${user.id}` });
  }
}
