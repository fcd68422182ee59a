import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ADMIN_ROLES, ApiErrors, ApiFile, ApiFileUpload, AttachmentStorage, AuthUser, CurrentUser, ParseIdPipe, Public, readUpload, ROLES, Roles, sendDownload } from '@app/core';
import { CaseListQuery, CreateCaseDto, PublicCaseQuery, ReviewCaseDto } from './case.dto';
import { PracticeCaseDto, PracticeCasePageDto, PublicCaseDto, PublicCasePageDto } from './case-responses.dto';
import { CasesService } from './cases.service';

/** 우수사례 (조례 제8조): submit, review, publish, and the public gallery. */
@ApiTags('cases')
@Controller('cases')
export class CasesController {
  constructor(private readonly cases: CasesService) {}

  @Get('public')
  @Public()
  @ApiOperation({ summary: 'The public gallery of published cases (no login): by school level, area and words' })
  @ApiOkResponse({ type: PublicCasePageDto })
  publicList(@Query() q: PublicCaseQuery): Promise<PublicCasePageDto> {
    return this.cases.publicList(q);
  }

  @Get('public/:id')
  @Public()
  @ApiOperation({ summary: 'One published case (no login)' })
  @ApiOkResponse({ type: PublicCaseDto })
  publicGet(@Param('id', ParseIdPipe) id: number): Promise<PublicCaseDto> {
    return this.cases.publicGet(id);
  }

  @Get('public/:id/attachments/:attachmentId')
  @Public()
  @ApiOperation({ summary: 'An attachment of a published case (no login)' })
  @ApiFile(AttachmentStorage.contentTypes, 'the attached document')
  async publicAttachment(@Param('id', ParseIdPipe) id: number, @Param('attachmentId', ParseIdPipe) attachmentId: number, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.cases.attachment(id, attachmentId, null);
    await sendDownload(reply, file.filename, file.contentType, file.content);
  }

  @Post()
  @ApiBearerAuth()
  @Roles('principal', 'district_admin', 'city_admin')
  @ApiOperation({ summary: "Record a case: a principal for their own school (goes to the office's review); an office or the city its own (reviewed already)" })
  @ApiCreatedResponse({ type: PracticeCaseDto })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE', 'FORBIDDEN'] })
  create(@Body() dto: CreateCaseDto, @CurrentUser() user: AuthUser): Promise<PracticeCaseDto> {
    return this.cases.create(dto, user);
  }

  @Get()
  @ApiBearerAuth()
  @Roles(...ROLES)
  @ApiOperation({ summary: "Cases I may see: published ones, and those of my school (principal) or office (district admin); all for the city" })
  @ApiOkResponse({ type: PracticeCasePageDto })
  list(@Query() q: CaseListQuery, @CurrentUser() user: AuthUser): Promise<PracticeCasePageDto> {
    return this.cases.list(user, q);
  }

  @Get(':id')
  @ApiBearerAuth()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'One case' })
  @ApiOkResponse({ type: PracticeCaseDto })
  @ApiErrors({ 403: ['CASE_OUT_OF_SCOPE'] })
  get(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<PracticeCaseDto> {
    return this.cases.getFor(id, user);
  }

  @Post(':id/attachments')
  @ApiBearerAuth()
  @Roles('principal', 'district_admin', 'city_admin')
  @ApiFileUpload('file', 'PDF, HWP, HWPX, DOCX, XLSX or PPTX')
  @ApiOperation({ summary: 'Attach a document to an unpublished case (type checked by extension and content)' })
  @ApiCreatedResponse({ type: PracticeCaseDto })
  @ApiErrors({ 400: ['FILE_TYPE_NOT_ALLOWED', 'FILE_TYPE_MISMATCH'], 403: ['CASE_OUT_OF_SCOPE'], 409: ['INVALID_STATE'] })
  async attach(@Param('id', ParseIdPipe) id: number, @Req() req: FastifyRequest, @CurrentUser() user: AuthUser): Promise<PracticeCaseDto> {
    return this.cases.attach(id, await readUpload(req), user);
  }

  @Get(':id/attachments/:attachmentId')
  @ApiBearerAuth()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Download an attachment of a case I may see' })
  @ApiFile(AttachmentStorage.contentTypes, 'the attached document')
  @ApiErrors({ 403: ['CASE_OUT_OF_SCOPE'] })
  async attachment(@Param('id', ParseIdPipe) id: number, @Param('attachmentId', ParseIdPipe) attachmentId: number, @CurrentUser() user: AuthUser, @Res() reply: FastifyReply): Promise<void> {
    const file = await this.cases.attachment(id, attachmentId, user);
    await sendDownload(reply, file.filename, file.contentType, file.content);
  }

  @Post(':id/review')
  @ApiBearerAuth()
  @Roles(...ADMIN_ROLES)
  @HttpCode(200)
  @ApiOperation({ summary: "The district office's review of a submitted case: approve (for the city to publish) or return to the school" })
  @ApiOkResponse({ type: PracticeCaseDto })
  @ApiErrors({ 403: ['OFFICE_OUT_OF_SCOPE'], 409: ['INVALID_STATE'] })
  review(@Param('id', ParseIdPipe) id: number, @Body() dto: ReviewCaseDto, @CurrentUser() user: AuthUser): Promise<PracticeCaseDto> {
    return this.cases.review(id, dto, user);
  }

  @Post(':id/resubmit')
  @ApiBearerAuth()
  @Roles('principal', 'district_admin', 'city_admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Send a returned case back to review' })
  @ApiOkResponse({ type: PracticeCaseDto })
  @ApiErrors({ 403: ['CASE_OUT_OF_SCOPE'], 409: ['INVALID_STATE'] })
  resubmit(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<PracticeCaseDto> {
    return this.cases.resubmit(id, user);
  }

  @Post(':id/publish')
  @ApiBearerAuth()
  @Roles('city_admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish a reviewed case to the public gallery (the city)' })
  @ApiOkResponse({ type: PracticeCaseDto })
  @ApiErrors({ 409: ['INVALID_STATE'] })
  publish(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<PracticeCaseDto> {
    return this.cases.publish(id, user);
  }
}
