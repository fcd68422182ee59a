import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiErrors, ApiFile, ApiJob, AuthUser, CurrentUser, datedName, JobAcceptedDto, JobName, JobQueue, ParseIdPipe, Roles, ROLES, sendXlsx, XLSX_CONTENT_TYPE } from '@app/core';
import { SurveyProgress } from '../operations/progress.service';
import { responseRatesWorkbook } from '../operations/response-rates-workbook';
import { CreateCampaignDto, IssueCodesDto, ListCampaignsQuery } from './campaign.dto';
import { CampaignDto, CampaignListDto, CampaignProgressDto, CodeBatchListDto, CodeSheetDto, IssuedCodesDto } from './campaign-responses.dto';
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
  @ApiErrors({ 400: ['NO_TARGET_SCHOOLS'], 403: ['ROLE_NOT_ALLOWED', 'SCHOOL_OUT_OF_SCOPE'], 404: ['NOT_FOUND'] })
  createCampaign(@Body() dto: CreateCampaignDto, @CurrentUser() user: AuthUser): Promise<CampaignDto> {
    return this.campaigns.create(dto, user);
  }

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Campaigns surveying schools in your scope (a principal: their school), with responses counted within that scope' })
  listCampaigns(@Query() q: ListCampaignsQuery, @CurrentUser() user: AuthUser): Promise<CampaignListDto> {
    return this.campaigns.list(user, q.status);
  }

  @Get(':id')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'A campaign, with all its target schools and responses counted' })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'] })
  getCampaign(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<CampaignDto> {
    return this.campaigns.get(id, user);
  }

  @Get(':id/progress')
  @Roles(...RUNNERS)
  @ApiOperation({ summary: 'Live response rates by office and school within your scope, with the schools that are behind' })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'] })
  async campaignProgress(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<CampaignProgressDto> {
    await this.campaigns.get(id, user);
    return this.progressView.progress(id, user);
  }

  @Get(':id/response-rates.xlsx')
  @Roles(...RUNNERS)
  @ApiOperation({ summary: 'The live response rates as XLSX: a row per school within your scope (as GET …/progress), and the offices’ totals' })
  @ApiFile(XLSX_CONTENT_TYPE, '설문_응답률_{campaign title}_{YYYY-MM-DD}.xlsx')
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'] })
  async responseRatesXlsx(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser, @Res() reply: FastifyReply): Promise<void> {
    const campaign = await this.campaigns.get(id, user);
    const progress = await this.progressView.progress(id, user);
    await sendXlsx(reply, datedName(`설문_응답률_${campaign.title}`, `survey-${id}-response-rates`), await responseRatesWorkbook(campaign, progress));
  }

  @Post(':id/remind')
  @Roles(...RUNNERS)
  @HttpCode(202)
  @ApiJob()
  @ApiOperation({ summary: "Remind the principals of schools that are behind (a district admin: their office's); at most once a day per school" })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE', 'NOT_CAMPAIGN_MANAGER'] })
  async remindSchools(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<JobAcceptedDto> {
    await this.campaigns.assertManages(id, user);
    const office = user.role === 'district_admin' ? user.districtOffice! : undefined;
    return this.jobs.enqueue(JobName.SurveyRemind, { requestedBy: user.id, campaignId: id, office }, { dedupeKey: `${id}:${office ?? 'all'}` });
  }

  @Post(':id/schools/:schoolId/codes')
  @Roles(...RUNNERS)
  @ApiOperation({ summary: 'One-time respondent codes for a school, returned once here and printable again from the batch' })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'], 409: ['NO_CODES_FOR_SCHOOL_SURVEY', 'SURVEY_CLOSED'] })
  issueCodes(@Param('id', ParseIdPipe) id: number, @Param('schoolId', ParseIdPipe) schoolId: number, @Body() dto: IssueCodesDto, @CurrentUser() user: AuthUser): Promise<IssuedCodesDto> {
    return this.campaigns.issueCodes(id, schoolId, dto.count, user);
  }

  @Get(':id/schools/:schoolId/code-batches')
  @Roles(...RUNNERS)
  @ApiOperation({ summary: "A school's batches of codes, with how many of each are used" })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'] })
  listCodeBatches(@Param('id', ParseIdPipe) id: number, @Param('schoolId', ParseIdPipe) schoolId: number, @CurrentUser() user: AuthUser): Promise<CodeBatchListDto> {
    return this.campaigns.codeBatches(id, schoolId, user);
  }

  @Get(':id/schools/:schoolId/code-batches/:batchId')
  @Roles(...RUNNERS)
  @ApiOperation({ summary: 'A batch of codes to print (가정통신문·학급 배부용), each marked used or not' })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'] })
  codeSheet(
    @Param('id', ParseIdPipe) id: number,
    @Param('schoolId', ParseIdPipe) schoolId: number,
    @Param('batchId', ParseIdPipe) batchId: number,
    @CurrentUser() user: AuthUser,
  ): Promise<CodeSheetDto> {
    return this.campaigns.codeSheet(id, schoolId, batchId, user);
  }
}
