import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ADMIN_ROLES, ApiErrors, AppConfig, ApiFile, ApiFileUpload, ApiJob, AuthUser, CurrentUser, JobAcceptedDto, JobName, JobQueue, ParseIdPipe, PersonalData, openUpload,
  recordPersonalData, Roles, ROLES, sendDownload, ValidationFailedError, XLSX_CONTENT_TYPE,
} from '@app/core';
import { CreateAssessmentDto, CutScoresDto, UpdateItemDto } from './assessments/assessment.dto';
import {
  LiteracyAssessmentChangeDto, LiteracyAssessmentDto, LiteracyAssessmentListDto, LiteracyAreaDto, LiteracyResultsImportDto, LiteracySchoolsWithResultsDto,
} from './assessments/assessment-responses.dto';
import { AssessmentsService } from './assessments/assessments.service';
import { LiteracyAnalysisDto } from './computation/analysis.dto';
import { LiteracyAnalysisService } from './computation/literacy-analysis.service';
import { CITY_REPORT_BY, LiteracyCityReportDto, LiteracyClassReportDto, LiteracyReportFileListDto, LiteracySchoolReportDto, LiteracyStudentReportDto } from './reports/report-responses.dto';
import { LiteracyReportFiles } from './reports/literacy-report-files.service';
import { LiteracyReportsService } from './reports/literacy-reports.service';
import { ResultsImportService } from './results/results-import.service';

const CITY_BY = CITY_REPORT_BY;

/** Upload errors of the results import beyond the generic ones: the multipart body, the file, its rows. */
const IMPORT_ERRORS = {
  400: ['NOT_MULTIPART', 'FILE_MISSING', 'FILE_EMPTY', 'INVALID_FILE', 'BAD_FILE', 'EMPTY_FILE', 'IMPORT_REJECTED'],
  403: ['ROLE_NOT_ALLOWED', 'SCHOOL_OUT_OF_SCOPE'],
  409: ['RESULTS_DESTROYED'],
  503: ['UPLOADS_BUSY'],
};
/** An assessment whose per-student results the retention schedule destroyed is final (AssessmentsService.assertResultsKept). */
const CLOSED_BY_DESTRUCTION = { 409: ['RESULTS_DESTROYED'] };

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
    private readonly config: AppConfig,
  ) {}

  @Get('areas')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The competency areas items belong to, in their configured order' })
  listAreas(): Promise<LiteracyAreaDto[]> {
    return this.assessments.areas();
  }

  @Get('assessments')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Every assessment, newest school year first, with its numbers of items and results' })
  listAssessments(): Promise<LiteracyAssessmentListDto> {
    return this.assessments.list();
  }

  @Post('assessments')
  @Roles('city_admin')
  @ApiOperation({ summary: 'An assessment (pilot or main, one grade) with its items, answer keys and cut scores' })
  @ApiErrors({ 409: ['DUPLICATE'] })
  createAssessment(@Body() dto: CreateAssessmentDto, @CurrentUser() user: AuthUser): Promise<LiteracyAssessmentDto> {
    return this.assessments.create(dto, user);
  }

  @Get('assessments/:id')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The assessment and its items; answer keys only for administrators' })
  async getAssessment(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<LiteracyAssessmentDto> {
    const a = await this.assessments.get(id);
    return ADMIN_ROLES.includes(user.role) ? a : { ...a, items: a.items.map(({ key: _, ...item }) => item) };
  }

  @Get('assessments/:id/schools')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Schools with results that you may read, with their number of students' })
  listSchools(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<LiteracySchoolsWithResultsDto> {
    return this.reports.schoolsWithResults(id, user);
  }

  @Patch('assessments/:id/items/:itemId')
  @Roles('city_admin')
  @ApiOperation({ summary: 'Drop an item from scoring after review (or restore it); the analysis is recomputed' })
  @ApiErrors(CLOSED_BY_DESTRUCTION)
  setItemDropped(@Param('id', ParseIdPipe) id: number, @Param('itemId') itemId: string, @Body() dto: UpdateItemDto, @CurrentUser() user: AuthUser): Promise<LiteracyAssessmentChangeDto> {
    return this.assessments.setDropped(id, itemId, dto.dropped, dto.reason, user);
  }

  @Put('assessments/:id/cut-scores')
  @Roles('city_admin')
  @ApiOperation({ summary: 'Replace the cut scores; the analysis (levels) is recomputed' })
  @ApiErrors(CLOSED_BY_DESTRUCTION)
  setCutScores(@Param('id', ParseIdPipe) id: number, @Body() dto: CutScoresDto, @CurrentUser() user: AuthUser): Promise<LiteracyAssessmentChangeDto> {
    return this.assessments.setCutScores(id, dto.cutScores, user);
  }

  @Post('assessments/:id/results/import')
  @Roles('city_admin', 'district_admin', 'principal')
  @PersonalData<LiteracyResultsImportDto>({ action: 'change', subject: 'student', count: (c) => c.result.received })
  @ApiFileUpload('file', 'CSV/XLSX (one row per student, one column per item; UTF-8, BOM or CP949) or QTI 3.0 results XML (.xml, or a .zip of them)')
  @ApiOperation({ summary: 'Import results, all or nothing, for schools you may change; the analysis follows as a job' })
  @ApiErrors(IMPORT_ERRORS)
  async importResults(@Param('id', ParseIdPipe) id: number, @Req() req: FastifyRequest, @CurrentUser() user: AuthUser): Promise<LiteracyResultsImportDto> {
    // The route's limit is RESULTS_UPLOAD_LIMIT_MB: a CSV is read as it arrives; the importer holds
    // workbooks and XML, which are read whole, to UPLOAD_LIMIT_MB.
    const upload = await openUpload(req, 'file', this.config.resultsUploadLimitBytes);
    return this.importer.import(id, upload, upload.filename, user);
  }

  @Post('assessments/:id/analyse')
  @Roles('city_admin')
  @HttpCode(202)
  @ApiJob()
  @ApiOperation({ summary: 'Score and analyse all results again (joins a waiting run; follows a running one)' })
  @ApiErrors(CLOSED_BY_DESTRUCTION)
  async analyse(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<JobAcceptedDto> {
    await this.assessments.get(id);
    return this.assessments.analyseSoon(id, user);
  }

  @Get('assessments/:id/analysis')
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: 'Item and test statistics, review flags, distractors and the Rasch fit' })
  async getAnalysis(@Param('id', ParseIdPipe) id: number): Promise<LiteracyAnalysisDto> {
    await this.assessments.get(id);
    return (await this.analysis.analysis(id)) ?? { computedAt: null };
  }

  @Get('assessments/:id/report')
  @Roles(...ADMIN_ROLES)
  @ApiQuery({ name: 'by', enum: CITY_BY, required: false })
  @ApiOperation({ summary: "The city's report by office, district or school level, with the item analysis; groups under 5 students withheld" })
  @ApiErrors({ 403: ['ROLE_NOT_ALLOWED'], 404: ['NOT_ANALYSED'] })
  cityReport(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser, @Query('by') by = 'office'): Promise<LiteracyCityReportDto> {
    if (!(CITY_BY as readonly string[]).includes(by)) throw new ValidationFailedError('Unknown grouping', [{ field: 'by', reason: `one of ${CITY_BY.join(', ')}` }]);
    return this.reports.cityReport(id, by as (typeof CITY_BY)[number], user);
  }

  @Get('assessments/:id/schools/:schoolId/report')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'A school against its office and the city, overall, by area and by class' })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'], 404: ['NOT_ANALYSED', 'NO_RESULTS'] })
  schoolReport(@Param('id', ParseIdPipe) id: number, @Param('schoolId', ParseIdPipe) schoolId: number, @CurrentUser() user: AuthUser): Promise<LiteracySchoolReportDto> {
    return this.reports.schoolReport(id, schoolId, user);
  }

  @Get('assessments/:id/schools/:schoolId/classes/:classNo/report')
  @Roles(...ROLES)
  @PersonalData<LiteracyClassReportDto>({ action: 'read', subject: 'student', ids: (c) => c.result.students.map((s) => s.id), schoolId: (c) => c.result.schoolId })
  @ApiOperation({ summary: "A class: its students' scores and, from 5 students, its distribution and item results" })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'], 404: ['NOT_ANALYSED', 'NO_RESULTS'] })
  classReport(
    @Param('id', ParseIdPipe) id: number,
    @Param('schoolId', ParseIdPipe) schoolId: number,
    @Param('classNo', ParseIdPipe) classNo: number,
    @CurrentUser() user: AuthUser,
  ): Promise<LiteracyClassReportDto> {
    return this.reports.classReport(id, schoolId, classNo, user);
  }

  @Get('assessments/:id/students/:studentId/report')
  @Roles(...ROLES)
  @PersonalData<LiteracyStudentReportDto>({ action: 'read', subject: 'student', ids: (c) => [c.result.student.id], schoolId: (c) => c.result.student.schoolId })
  @ApiOperation({ summary: "A student's result: score, level, ability and areas against the school and the city" })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'], 404: ['NOT_ANALYSED'] })
  studentReport(@Param('id', ParseIdPipe) id: number, @Param('studentId', ParseIdPipe) studentId: number, @CurrentUser() user: AuthUser): Promise<LiteracyStudentReportDto> {
    return this.reports.student(id, studentId, user);
  }

  @Post('assessments/:id/reports/build')
  @Roles('city_admin')
  @HttpCode(202)
  @ApiJob()
  @ApiOperation({ summary: "Build every school's report workbook and the city's in one job (progress on GET /jobs/:id)" })
  async buildReports(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<JobAcceptedDto> {
    await this.assessments.get(id);
    return this.jobs.enqueue(JobName.LiteracyReports, { requestedBy: user.id, assessmentId: id }, { dedupeKey: String(id) });
  }

  @Get('assessments/:id/reports/files')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The built report workbooks you may read (city administrators: also the city\'s, schoolId 0)' })
  listReportFiles(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<LiteracyReportFileListDto> {
    return this.files.list(id, user);
  }

  @Get('assessments/:id/reports/files/:schoolId')
  @Roles(...ROLES)
  @PersonalData({ action: 'download', subject: 'student', manual: true })
  @ApiOperation({ summary: "A school's report workbook (schoolId 0: the city's)" })
  @ApiFile(XLSX_CONTENT_TYPE, 'the report workbook (XLSX)')
  @ApiErrors({ 403: ['ROLE_NOT_ALLOWED', 'SCHOOL_OUT_OF_SCOPE'] })
  async downloadReportFile(
    @Param('id', ParseIdPipe) id: number,
    @Param('schoolId') schoolId: string,
    @CurrentUser() user: AuthUser,
    @Req() req: FastifyRequest,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    if (!/^\d{1,10}$/.test(schoolId)) throw new ValidationFailedError('schoolId must be a whole number', [{ field: 'schoolId', reason: 'not a whole number' }]);
    const { meta, content } = await this.files.download(id, Number(schoolId), user);
    await recordPersonalData(req, { ids: await this.files.studentsIn(id, Number(schoolId)), schoolId: Number(schoolId) || null });
    await sendDownload(reply, meta.filename, meta.contentType, content);
  }
}
