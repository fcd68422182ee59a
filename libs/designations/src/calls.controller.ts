import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ADMIN_ROLES, ApiErrors, ApiFile, ApiFileUpload, AttachmentStorage, AuditLog, AuditRecordDto, AuthUser, CurrentUser, ParseIdPipe, readUpload, ROLES, Roles, Scoped, sendDownload, sendXlsx, XLSX_CONTENT_TYPE } from '@app/core';
import { ApplicationsService } from './applications.service';
import { CallsService } from './calls.service';
import { DesignationExport } from './designation-export';
import { ApplicationDto, AssignReviewersDto, CreateCallDto, CreateDesignationTypeDto, DecisionDto, RecuseDto, ScoreDto } from './designation.dto';
import { DesignationsService } from './designations.service';
import {
  DesignationApplicationDto, DesignationCallDto, DesignationCallListItemDto, DesignationTypeDto, RankingRowDto, RecusalDto, ReviewAssignmentDto, ReviewerDto, ReviewerScoresDto,
} from './designation-responses.dto';
import { ReviewService } from './review.service';

export const APPLICATION = 'designation_application';


/** The designation cycle up to the decision: calls, applications, review. */
@ApiTags('designations')
@ApiBearerAuth()
@Controller('designations')
export class CallsController {
  constructor(
    private readonly calls: CallsService,
    private readonly applications: ApplicationsService,
    private readonly review: ReviewService,
    private readonly designations: DesignationsService,
    private readonly exporter: DesignationExport,
    private readonly audit: AuditLog,
  ) {}

  @Get('types')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Designation types (선도학교, 연구학교, and any added)' })
  types(): Promise<DesignationTypeDto[]> {
    return this.calls.types();
  }

  @Post('types')
  @Roles('city_admin')
  @ApiOperation({ summary: 'Add a designation type (e.g. another kind of 중심학교)' })
  @ApiErrors({ 409: ['DUPLICATE'] })
  addType(@Body() dto: CreateDesignationTypeDto, @CurrentUser() user: AuthUser): Promise<DesignationTypeDto> {
    return this.calls.addType(dto, user);
  }

  @Get('calls')
  @Roles(...ROLES)
  @ApiOperation({ summary: "Calls (공모); for a principal, those their school may apply to, with the school's application" })
  listCalls(@CurrentUser() user: AuthUser): Promise<DesignationCallListItemDto[]> {
    return this.calls.list(user);
  }

  @Post('calls')
  @Roles('city_admin')
  @ApiOperation({ summary: 'Open a call: type, term, eligible levels, window, quotas, rubric, required attachments' })
  createCall(@Body() dto: CreateCallDto, @CurrentUser() user: AuthUser): Promise<DesignationCallDto> {
    return this.calls.create(dto, user);
  }

  @Get('calls/:callId')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'One call with its rubric, quotas and counts' })
  getCall(@Param('callId', ParseIdPipe) callId: number): Promise<DesignationCallDto> {
    return this.calls.get(callId);
  }

  @Post('calls/:callId/applications')
  @Roles('principal')
  @ApiOperation({ summary: "Start your school's application (a draft) inside the call's window" })
  @ApiErrors({ 403: ['FORBIDDEN'], 409: ['CALL_NOT_OPEN', 'SCHOOL_NOT_ELIGIBLE', 'ALREADY_DESIGNATED', 'DUPLICATE'] })
  apply(@Param('callId', ParseIdPipe) callId: number, @Body() dto: ApplicationDto, @CurrentUser() user: AuthUser): Promise<DesignationApplicationDto> {
    return this.applications.create(callId, dto, user);
  }

  @Get('calls/:callId/ranking')
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: "Ranking per call and per office, computed in SQL, with the spread between reviewers (the call's reviewers and city admins)" })
  @ApiErrors({ 403: ['NOT_A_REVIEWER'] })
  ranking(@Param('callId', ParseIdPipe) callId: number, @CurrentUser() user: AuthUser): Promise<RankingRowDto[]> {
    return this.review.ranking(callId, user);
  }

  @Get('calls/:callId/ranking.xlsx')
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: 'The ranking as XLSX' })
  @ApiFile(XLSX_CONTENT_TYPE, '심사순위_공모{callId}.xlsx')
  @ApiErrors({ 403: ['NOT_A_REVIEWER'] })
  async rankingXlsx(@Param('callId', ParseIdPipe) callId: number, @CurrentUser() user: AuthUser, @Res() reply: FastifyReply): Promise<void> {
    await sendXlsx(reply, `심사순위_공모${callId}.xlsx`, await this.exporter.ranking(callId, user));
  }

  @Get('calls/:callId/reviewers')
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: "The call's reviewers" })
  reviewers(@Param('callId', ParseIdPipe) callId: number): Promise<ReviewerDto[]> {
    return this.review.reviewers(callId);
  }

  @Post('calls/:callId/reviewers')
  @Roles('city_admin')
  @ApiOperation({ summary: 'Assign reviewers (city or district admins)' })
  assign(@Param('callId', ParseIdPipe) callId: number, @Body() dto: AssignReviewersDto, @CurrentUser() user: AuthUser): Promise<ReviewerDto[]> {
    return this.review.assign(callId, dto.reviewerIds, user);
  }

  @Get('reviews')
  @Roles(...ADMIN_ROLES)
  @ApiQuery({ name: 'callId', required: false })
  @ApiOperation({ summary: 'My review work: submitted applications of the calls I review, and which I may not score' })
  myReviews(@CurrentUser() user: AuthUser): Promise<ReviewAssignmentDto[]> {
    return this.review.assignments(user);
  }

  @Get('applications/:id')
  @Roles(...ROLES)
  @ApiOperation({ summary: "An application: the school's own people, admins in scope, and the call's reviewers" })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'] })
  getApplication(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<DesignationApplicationDto> {
    return this.review.assertMayReadApplication(id, user);
  }

  @Get('applications/:id/history')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Every change to the application: submit, withdraw, recusals, scores, decision' })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'] })
  async applicationHistory(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<AuditRecordDto[]> {
    const app = await this.review.assertMayReadApplication(id, user);
    const entries = await this.audit.forEntity(APPLICATION, id);
    // Scores are for reviewers and city admins only.
    const maySeeScores = await this.review.assertMaySeeScores(app.callId, user).then(() => true, () => false);
    return maySeeScores ? entries : entries.filter((e) => e.action !== 'score' && e.action !== 'recuse');
  }

  @Patch('applications/:id')
  @Roles('principal')
  @Scoped(APPLICATION, 'id', 'write')
  @ApiOperation({ summary: 'Change the plan summary of a draft, inside the call\'s window' })
  @ApiErrors({ 409: ['INVALID_STATE', 'CALL_NOT_OPEN'] })
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: ApplicationDto, @CurrentUser() user: AuthUser): Promise<DesignationApplicationDto> {
    return this.applications.update(id, dto, user);
  }

  @Post('applications/:id/attachments')
  @Roles('principal')
  @Scoped(APPLICATION, 'id', 'write')
  @ApiFileUpload('file', 'PDF, HWP, HWPX, DOCX, XLSX or PPTX')
  @ApiQuery({ name: 'kind', example: 'operating_plan' })
  @ApiOperation({ summary: 'Attach a document of a kind to a draft (type checked by extension and content)' })
  @ApiErrors({ 400: ['FILE_TYPE_NOT_ALLOWED', 'FILE_TYPE_MISMATCH'], 409: ['INVALID_STATE', 'CALL_NOT_OPEN'] })
  async attach(@Param('id', ParseIdPipe) id: number, @Query('kind') kind: string, @Req() req: FastifyRequest, @CurrentUser() user: AuthUser): Promise<DesignationApplicationDto> {
    return this.applications.attach(id, kind ?? '', await readUpload(req), user);
  }

  @Get('applications/:id/attachments/:attachmentId')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Download an attachment' })
  @ApiFile(AttachmentStorage.contentTypes, 'the attached document')
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'] })
  async attachment(@Param('id', ParseIdPipe) id: number, @Param('attachmentId', ParseIdPipe) attachmentId: number, @CurrentUser() user: AuthUser, @Res() reply: FastifyReply): Promise<void> {
    await this.review.assertMayReadApplication(id, user);
    const file = await this.applications.attachment(id, attachmentId);
    await sendDownload(reply, file.filename, file.contentType, file.content);
  }

  @Post('applications/:id/submit')
  @Roles('principal')
  @Scoped(APPLICATION, 'id', 'write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Submit a draft (its required attachments first)' })
  @ApiErrors({ 400: ['ATTACHMENTS_MISSING'], 409: ['INVALID_STATE', 'CALL_NOT_OPEN'] })
  submit(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<DesignationApplicationDto> {
    return this.applications.submit(id, user);
  }

  @Post('applications/:id/withdraw')
  @Roles('principal')
  @Scoped(APPLICATION, 'id', 'write')
  @HttpCode(200)
  @ApiOperation({ summary: 'Withdraw a draft or submitted application, inside the call\'s window' })
  @ApiErrors({ 409: ['INVALID_STATE', 'CALL_NOT_OPEN'] })
  withdraw(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<DesignationApplicationDto> {
    return this.applications.withdraw(id, user);
  }

  @Post('applications/:id/recusal')
  @Roles(...ADMIN_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: 'Declare a conflict of interest: you are excluded from scoring this application' })
  @ApiErrors({ 403: ['NOT_A_REVIEWER'] })
  recuse(@Param('id', ParseIdPipe) id: number, @Body() dto: RecuseDto, @CurrentUser() user: AuthUser): Promise<RecusalDto> {
    return this.review.recuse(id, dto.reason, user);
  }

  @Put('applications/:id/scores')
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: 'Your scores per criterion (assigned, not excluded reviewers only)' })
  @ApiErrors({ 403: ['NOT_A_REVIEWER', 'REVIEWER_EXCLUDED'], 409: ['INVALID_STATE'] })
  score(@Param('id', ParseIdPipe) id: number, @Body() dto: ScoreDto, @CurrentUser() user: AuthUser): Promise<ReviewerScoresDto[]> {
    return this.review.score(id, dto, user);
  }

  @Get('applications/:id/scores')
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: "Every reviewer's scores of the application (the call's reviewers, not excluded, and city admins)" })
  @ApiErrors({ 403: ['NOT_A_REVIEWER', 'REVIEWER_EXCLUDED'] })
  scores(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<ReviewerScoresDto[]> {
    return this.review.scores(id, user);
  }

  @Post('applications/:id/decision')
  @Roles('city_admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Designate or reject, with a reason; quotas hold under concurrent decisions (409 QUOTA_FULL)' })
  @ApiErrors({ 409: ['INVALID_STATE', 'QUOTA_FULL'] })
  decide(@Param('id', ParseIdPipe) id: number, @Body() dto: DecisionDto, @CurrentUser() user: AuthUser): Promise<DesignationApplicationDto> {
    return this.designations.decide(id, dto, user);
  }
}
