import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, JobName, JobQueue, ParseIdPipe, Roles, ROLES } from '@app/core';
import { SurveyProgress } from '../operations/progress.service';
import { CreateCampaignDto, IssueCodesDto, ListCampaignsQuery } from './campaign.dto';
import { CampaignsService } from './campaigns.service';

const RUNNERS = ['city_admin', 'district_admin', 'principal'] as const;

@ApiTags('surveys')
@ApiBearerAuth()
@Controller('surveys/campaigns')
export class CampaignsController {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly progressView: SurveyProgress,
    private readonly jobs: JobQueue,
  ) {}

  @Post()
  @Roles(...RUNNERS)
  @ApiOperation({ summary: 'A campaign on a frozen template version, to target schools within your scope' })
  create(@Body() dto: CreateCampaignDto, @CurrentUser() user: AuthUser) {
    return this.campaigns.create(dto, user);
  }

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Campaigns surveying schools in your scope (a principal: their school), with responses counted within that scope' })
  list(@Query() q: ListCampaignsQuery, @CurrentUser() user: AuthUser) {
    return this.campaigns.list(user, q.status);
  }

  @Get(':id')
  @Roles(...ROLES)
  get(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.campaigns.get(id, user);
  }

  @Get(':id/progress')
  @Roles(...RUNNERS)
  @ApiOperation({ summary: 'Live response rates by office and school within your scope, with the schools that are behind' })
  async progress(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser) {
    await this.campaigns.get(id, user);
    return this.progressView.progress(id, user);
  }

  @Post(':id/remind')
  @Roles(...RUNNERS)
  @HttpCode(202)
  @ApiOperation({ summary: "Remind the principals of schools that are behind (a district admin: their office's); at most once a day per school" })
  async remind(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser) {
    await this.campaigns.assertManages(id, user);
    const office = user.role === 'district_admin' ? user.districtOffice! : undefined;
    return this.jobs.enqueue(JobName.SurveyRemind, { requestedBy: user.id, campaignId: id, office }, { dedupeKey: `${id}:${office ?? 'all'}` });
  }

  @Post(':id/schools/:schoolId/codes')
  @Roles(...RUNNERS)
  @ApiOperation({ summary: 'One-time respondent codes for a school, returned once here and printable again from the batch' })
  codes(@Param('id', ParseIdPipe) id: number, @Param('schoolId', ParseIdPipe) schoolId: number, @Body() dto: IssueCodesDto, @CurrentUser() user: AuthUser) {
    return this.campaigns.issueCodes(id, schoolId, dto.count, user);
  }

  @Get(':id/schools/:schoolId/code-batches')
  @Roles(...RUNNERS)
  batches(@Param('id', ParseIdPipe) id: number, @Param('schoolId', ParseIdPipe) schoolId: number, @CurrentUser() user: AuthUser) {
    return this.campaigns.codeBatches(id, schoolId, user);
  }

  @Get(':id/schools/:schoolId/code-batches/:batchId')
  @Roles(...RUNNERS)
  @ApiOperation({ summary: 'A batch of codes to print (가정통신문·학급 배부용), each marked used or not' })
  sheet(
    @Param('id', ParseIdPipe) id: number,
    @Param('schoolId', ParseIdPipe) schoolId: number,
    @Param('batchId', ParseIdPipe) batchId: number,
    @CurrentUser() user: AuthUser,
  ) {
    return this.campaigns.codeSheet(id, schoolId, batchId, user);
  }
}
