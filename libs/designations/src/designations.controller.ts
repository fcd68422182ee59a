import { Body, Controller, Get, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ADMIN_ROLES, ApiErrors, ApiFile, AuditLog, AuditRecordDto, AuthUser, CurrentUser, ParseIdPipe, parseIdText, Public, ROLES, Roles, SchoolScoped, schoolYearOf, Scoped, sendXlsx, ValidationFailedError, XLSX_CONTENT_TYPE } from '@app/core';
import { DesignationExport } from './designation-export';
import { DesignationQuery, EvaluationDto, RevokeDto, SupportDto } from './designation.dto';
import { DesignationsService } from './designations.service';
import { SupportService } from './support.service';
import { DesignationDto, DesignationEvaluationDto, DesignationPageDto, EvaluationResultDto, SupportEntryDto, SupportLedgerEntryDto, SupportReportDto } from './designation-responses.dto';

export const DESIGNATION = 'designation';
const DESIGNATION_HISTORY_TYPES = ['designation_application', 'designation', 'designation_support'];

/** Designations themselves: lists, the public page's data, revocation, evaluation, support. */
@ApiTags('designations')
@ApiBearerAuth()
@Controller('designations')
export class DesignationsController {
  constructor(
    private readonly designations: DesignationsService,
    private readonly support: SupportService,
    private readonly exporter: DesignationExport,
    private readonly audit: AuditLog,
  ) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Designations you may see, filtered by type, level, district office, school year, status' })
  list(@Query() query: DesignationQuery, @CurrentUser() user: AuthUser): Promise<DesignationPageDto> {
    return this.designations.list(user, query);
  }

  @Get('public')
  @Public()
  @ApiOperation({ summary: 'Designated schools now, by type and office (public)' })
  publicList(@Query() query: DesignationQuery): Promise<DesignationPageDto> {
    return this.designations.list(null, { ...query, status: 'active' });
  }

  @Get('export.xlsx')
  @Roles(...ADMIN_ROLES)
  @ApiQuery({ name: 'type', required: false })
  @ApiOperation({ summary: 'Designated schools as XLSX' })
  @ApiFile(XLSX_CONTENT_TYPE, '지정학교_현황.xlsx')
  async exportXlsx(@CurrentUser() user: AuthUser, @Res() reply: FastifyReply, @Query('type') type?: string): Promise<void> {
    await sendXlsx(reply, '지정학교_현황.xlsx', await this.exporter.designated(user, type));
  }

  @Get('support')
  @Roles(...ADMIN_ROLES)
  @ApiQuery({ name: 'schoolId', required: false, type: 'integer' })
  @ApiOperation({ summary: 'The support ledger, newest first' })
  supportLedger(@Query('schoolId') schoolId?: string): Promise<SupportLedgerEntryDto[]> {
    const id = schoolId ? parseIdText(schoolId) : undefined;
    if (schoolId && id === undefined) throw new ValidationFailedError('Invalid schoolId', [{ field: 'schoolId', reason: 'a school id' }]);
    return this.support.list(id);
  }

  @Post('support')
  @Roles('city_admin')
  @ApiOperation({ summary: 'Record budget (KRW) or staff support granted (제5조 ②)' })
  grant(@Body() dto: SupportDto, @CurrentUser() user: AuthUser): Promise<SupportEntryDto> {
    return this.support.grant(dto, user);
  }

  @Get('support/report')
  @Roles(...ADMIN_ROLES)
  @ApiQuery({ name: 'schoolYear', required: false, type: 'integer' })
  @ApiOperation({ summary: 'Support per type, per office, and designated vs. not designated schools' })
  supportReport(@Query('schoolYear') schoolYear?: string): Promise<SupportReportDto> {
    const year = schoolYear === undefined ? schoolYearOf() : Number(schoolYear);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new ValidationFailedError('Invalid schoolYear', [{ field: 'schoolYear', reason: 'a year such as 2026' }]);
    return this.support.report(year);
  }

  @Get('schools/:schoolId/history')
  @Roles(...ROLES)
  @SchoolScoped('schoolId', 'read')
  @ApiOperation({ summary: "A school's designation history: applications, designations, support" })
  schoolHistory(@Param('schoolId', ParseIdPipe) schoolId: number): Promise<AuditRecordDto[]> {
    return this.audit.forSchool(schoolId, { entityTypes: DESIGNATION_HISTORY_TYPES });
  }

  @Get(':id')
  @Roles(...ROLES)
  @Scoped(DESIGNATION, 'id', 'read')
  @ApiOperation({ summary: 'One designation' })
  get(@Param('id', ParseIdPipe) id: number): Promise<DesignationDto> {
    return this.designations.get(id);
  }

  @Post(':id/revoke')
  @Roles('city_admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Revoke an active designation, with the reason' })
  @ApiErrors({ 409: ['INVALID_STATE'] })
  revoke(@Param('id', ParseIdPipe) id: number, @Body() dto: RevokeDto, @CurrentUser() user: AuthUser): Promise<DesignationDto> {
    return this.designations.revoke(id, dto.reason, user);
  }

  @Get(':id/evaluations')
  @Roles(...ROLES)
  @Scoped(DESIGNATION, 'id', 'read')
  @ApiOperation({ summary: "The designation's evaluations, oldest first" })
  evaluations(@Param('id', ParseIdPipe) id: number): Promise<DesignationEvaluationDto[]> {
    return this.designations.evaluations(id);
  }

  @Post(':id/evaluations')
  @Roles('city_admin')
  @ApiOperation({ summary: 'Mid-term or final evaluation; outcome continue, renew (a new linked term), end or revoke' })
  @ApiErrors({ 409: ['INVALID_STATE'] })
  evaluate(@Param('id', ParseIdPipe) id: number, @Body() dto: EvaluationDto, @CurrentUser() user: AuthUser): Promise<EvaluationResultDto> {
    return this.designations.evaluate(id, dto, user);
  }
}
