import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ADMIN_ROLES, ApiFileUpload, AuthUser, CurrentUser, JobName, JobQueue, ParseIdPipe, readUpload, Roles, ROLES, ValidationFailedError } from '@app/core';
import { CreateAssessmentDto, CutScoresDto, UpdateItemDto } from './assessments/assessment.dto';
import { AssessmentsService } from './assessments/assessments.service';
import { LiteracyAnalysisService } from './computation/literacy-analysis.service';
import { LiteracyReportFiles } from './reports/literacy-report-files.service';
import { LiteracyReportsService } from './reports/literacy-reports.service';
import { ResultsImportService } from './results/results-import.service';

const CITY_BY = ['office', 'district', 'level'] as const;

@ApiTags('literacy')
@ApiBearerAuth()
@Controller('literacy')
export class LiteracyController {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly importer: ResultsImportService,
    private readonly analysis: LiteracyAnalysisService,
    private readonly reports: LiteracyReportsService,
    private readonly files: LiteracyReportFiles,
    private readonly jobs: JobQueue,
  ) {}

  @Get('areas')
  @Roles(...ROLES)
  areas() {
    return this.assessments.areas();
  }

  @Get('assessments')
  @Roles(...ROLES)
  list() {
    return this.assessments.list();
  }

  @Post('assessments')
  @Roles('city_admin')
  @ApiOperation({ summary: 'An assessment (pilot or main, one grade) with its items, answer keys and cut scores' })
  create(@Body() dto: CreateAssessmentDto, @CurrentUser() user: AuthUser) {
    return this.assessments.create(dto, user);
  }

  @Get('assessments/:id')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The assessment and its items; answer keys only for administrators' })
  async get(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser) {
    const a = await this.assessments.get(id);
    return ADMIN_ROLES.includes(user.role) ? a : { ...a, items: a.items.map(({ key: _, ...item }) => item) };
  }

  @Get('assessments/:id/schools')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Schools with results that you may read, with their number of students' })
  schools(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.reports.schoolsWithResults(id, user);
  }

  @Patch('assessments/:id/items/:itemId')
  @Roles('city_admin')
  @ApiOperation({ summary: 'Drop an item from scoring after review (or restore it); the analysis is recomputed' })
  item(@Param('id', ParseIdPipe) id: number, @Param('itemId') itemId: string, @Body() dto: UpdateItemDto, @CurrentUser() user: AuthUser) {
    return this.assessments.setDropped(id, itemId, dto.dropped, dto.reason, user);
  }

  @Put('assessments/:id/cut-scores')
  @Roles('city_admin')
  cutScores(@Param('id', ParseIdPipe) id: number, @Body() dto: CutScoresDto, @CurrentUser() user: AuthUser) {
    return this.assessments.setCutScores(id, dto.cutScores, user);
  }

  @Post('assessments/:id/results/import')
  @Roles('city_admin', 'district_admin', 'principal')
  @ApiFileUpload('file', 'CSV/XLSX (one row per student, one column per item; UTF-8, BOM or CP949) or QTI 3.0 results XML (.xml, or a .zip of them)')
  @ApiOperation({ summary: 'Import results, all or nothing, for schools you may change; the analysis follows as a job' })
  async import(@Param('id', ParseIdPipe) id: number, @Req() req: FastifyRequest, @CurrentUser() user: AuthUser) {
    const { buffer, filename } = await readUpload(req);
    return this.importer.import(id, buffer, filename, user);
  }

  @Post('assessments/:id/analyse')
  @Roles('city_admin')
  @HttpCode(202)
  async analyse(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser) {
    await this.assessments.get(id);
    return this.assessments.analyseSoon(id, user);
  }

  @Get('assessments/:id/analysis')
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: 'Item and test statistics, review flags, distractors and the Rasch fit' })
  async analysisOf(@Param('id', ParseIdPipe) id: number) {
    await this.assessments.get(id);
    return (await this.analysis.analysis(id)) ?? { computedAt: null };
  }

  @Get('assessments/:id/report')
  @Roles(...ADMIN_ROLES)
  @ApiQuery({ name: 'by', enum: CITY_BY, required: false })
  cityReport(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser, @Query('by') by = 'office') {
    if (!(CITY_BY as readonly string[]).includes(by)) throw new ValidationFailedError('Unknown grouping', [{ field: 'by', reason: `one of ${CITY_BY.join(', ')}` }]);
    return this.reports.cityReport(id, by as (typeof CITY_BY)[number], user);
  }

  @Get('assessments/:id/schools/:schoolId/report')
  @Roles(...ROLES)
  schoolReport(@Param('id', ParseIdPipe) id: number, @Param('schoolId', ParseIdPipe) schoolId: number, @CurrentUser() user: AuthUser) {
    return this.reports.schoolReport(id, schoolId, user);
  }

  @Get('assessments/:id/schools/:schoolId/classes/:classNo/report')
  @Roles(...ROLES)
  classReport(
    @Param('id', ParseIdPipe) id: number,
    @Param('schoolId', ParseIdPipe) schoolId: number,
    @Param('classNo', ParseIdPipe) classNo: number,
    @CurrentUser() user: AuthUser,
  ) {
    return this.reports.classReport(id, schoolId, classNo, user);
  }

  @Get('assessments/:id/students/:studentId/report')
  @Roles(...ROLES)
  studentReport(@Param('id', ParseIdPipe) id: number, @Param('studentId', ParseIdPipe) studentId: number, @CurrentUser() user: AuthUser) {
    return this.reports.student(id, studentId, user);
  }

  @Post('assessments/:id/reports/build')
  @Roles('city_admin')
  @HttpCode(202)
  @ApiOperation({ summary: "Build every school's report workbook and the city's in one job (progress on GET /jobs/:id)" })
  async build(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser) {
    await this.assessments.get(id);
    return this.jobs.enqueue(JobName.LiteracyReports, { requestedBy: user.id, assessmentId: id }, { dedupeKey: String(id) });
  }

  @Get('assessments/:id/reports/files')
  @Roles(...ROLES)
  reportFiles(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.files.list(id, user);
  }

  @Get('assessments/:id/reports/files/:schoolId')
  @Roles(...ROLES)
  @ApiOperation({ summary: "A school's report workbook (schoolId 0: the city's)" })
  async reportFile(@Param('id', ParseIdPipe) id: number, @Param('schoolId') schoolId: string, @CurrentUser() user: AuthUser, @Res() reply: FastifyReply) {
    if (!/^\d{1,10}$/.test(schoolId)) throw new ValidationFailedError('schoolId must be a whole number', [{ field: 'schoolId', reason: 'not a whole number' }]);
    const { meta, content } = await this.files.download(id, Number(schoolId), user);
    await reply
      .header('content-type', meta.contentType)
      .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(meta.filename)}`)
      .send(content);
  }
}
