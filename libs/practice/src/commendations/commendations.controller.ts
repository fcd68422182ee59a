import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiErrors, ApiFile, AuthUser, CurrentUser, ParseIdPipe, PersonalData, recordPersonalData, Roles, sendXlsx, XLSX_CONTENT_TYPE } from '@app/core';
import { CommendationDecisionDto, CommendationExportQuery, CommendationListQuery, NominateDto } from './commendation.dto';
import { CommendationDto } from './commendation-responses.dto';
import { CommendationsService } from './commendations.service';

/** Nominated teachers are the people whose data a nomination holds (schools, clubs and communities are not persons). */
const teachers = (rows: CommendationDto[]) => rows.flatMap((r) => (r.nomineeUserId ? [r.nomineeUserId] : []));

/** 표창 (조례 제10조): nominate, decide, export. */
@ApiTags('commendations')
@ApiBearerAuth()
@Controller('commendations')
export class CommendationsController {
  constructor(private readonly commendations: CommendationsService) {}

  @Post()
  @Roles('principal', 'district_admin', 'city_admin')
  @PersonalData<CommendationDto>({ action: 'change', subject: 'user', ids: (c) => teachers([c.result]), schoolId: (c) => c.result.schoolId })
  @ApiOperation({ summary: 'Nominate a teacher, a school, a club or a learning community of your school (principal) or office, with reason and evidence' })
  @ApiCreatedResponse({ type: CommendationDto })
  @ApiErrors({ 403: ['NOMINEE_OUT_OF_SCOPE'] })
  nominate(@Body() dto: NominateDto, @CurrentUser() user: AuthUser): Promise<CommendationDto> {
    return this.commendations.nominate(dto, user);
  }

  @Get()
  @Roles('principal', 'district_admin', 'city_admin')
  @PersonalData<CommendationDto[]>({ action: 'read', subject: 'user', ids: (c) => teachers(c.result) })
  @ApiOperation({ summary: "Nominations of my school (principal) or office; all for the city" })
  @ApiOkResponse({ type: [CommendationDto] })
  list(@Query() q: CommendationListQuery, @CurrentUser() user: AuthUser): Promise<CommendationDto[]> {
    return this.commendations.list(user, q);
  }

  @Get('export')
  @Roles('city_admin')
  @PersonalData({ action: 'download', subject: 'user', manual: true })
  @ApiOperation({ summary: "The year's commendations as XLSX for the 표창 procedure (awarded, then every nomination)" })
  @ApiFile(XLSX_CONTENT_TYPE, '표창_{year}.xlsx')
  async export(@Query() q: CommendationExportQuery, @CurrentUser() user: AuthUser, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { rows, workbook } = await this.commendations.exportYear(q.year, user);
    await recordPersonalData(req, { ids: teachers(rows) });
    await sendXlsx(reply, `표창_${q.year}.xlsx`, workbook);
  }

  @Get(':id')
  @Roles('principal', 'district_admin', 'city_admin')
  @PersonalData<CommendationDto>({ action: 'read', subject: 'user', ids: (c) => teachers([c.result]), schoolId: (c) => c.result.schoolId })
  @ApiOperation({ summary: 'One nomination' })
  @ApiOkResponse({ type: CommendationDto })
  @ApiErrors({ 403: ['NOMINEE_OUT_OF_SCOPE'] })
  get(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<CommendationDto> {
    return this.commendations.getFor(id, user);
  }

  @Post(':id/decision')
  @Roles('city_admin')
  @HttpCode(200)
  @PersonalData<CommendationDto>({ action: 'change', subject: 'user', ids: (c) => teachers([c.result]), schoolId: (c) => c.result.schoolId })
  @ApiOperation({ summary: "The city's decision (awarded or declined) with its reason; recorded in the audit log" })
  @ApiOkResponse({ type: CommendationDto })
  @ApiErrors({ 409: ['INVALID_STATE'] })
  decide(@Param('id', ParseIdPipe) id: number, @Body() dto: CommendationDecisionDto, @CurrentUser() user: AuthUser): Promise<CommendationDto> {
    return this.commendations.decide(id, dto, user);
  }
}
