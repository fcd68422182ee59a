import { Body, Controller, Get, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ADMIN_ROLES, ApiErrors, ApiJob, ApiText, AuthUser, NotFoundError, StoredFiles, CurrentUser, JobAcceptedDto, JobName, JobQueue, ParseIdPipe, ROLES, Roles, ValidationFailedError } from '@app/core';
import { IndicatorValues } from './indicators/indicator-values.service';
import { CreatePlanDto, CreateTaskDto, IndicatorQuery, RevisePlanDto, UpdatePlanDto, UpdateTaskDto, YearlyPlanInputDto } from './plans.dto';
import { IndicatorCatalogueDto, IndicatorTrendListDto, PlanDto, PlanListDto, PlanTaskDto, YearlyPlanDto } from './plan-responses.dto';
import { PlansService } from './plans.service';
import { YearlyPlansService } from './yearly-plans.service';

/** A school year in the path: four digits. */
export function parseYear(text: string): number {
  if (!/^\d{4}$/.test(text)) throw new ValidationFailedError('Invalid year', [{ field: 'year', reason: 'a school year such as 2026' }]);
  return Number(text);
}

/** 조례 제4조: the basic plan, its yearly plans, their tasks and the annual report. */
@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly years: YearlyPlansService,
    private readonly jobs: JobQueue,
    private readonly files: StoredFiles,
  ) {}

  @Get()
  @Roles(...ROLES)
  @ApiOperation({ summary: 'Basic plans, newest period first (principals and teachers: adopted ones only)' })
  @ApiOkResponse({ type: PlanListDto })
  async list(@CurrentUser() user: AuthUser): Promise<PlanListDto> {
    return { items: await this.plans.list(user) };
  }

  @Post()
  @Roles('city_admin')
  @ApiOperation({ summary: 'Draft a basic plan for five school years' })
  @ApiCreatedResponse({ type: PlanDto })
  create(@Body() dto: CreatePlanDto, @CurrentUser() user: AuthUser): Promise<PlanDto> {
    return this.plans.create(dto, user);
  }

  @Get(':id')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'One basic plan with its eight items' })
  @ApiOkResponse({ type: PlanDto })
  get(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<PlanDto> {
    return this.plans.get(id, user);
  }

  @Patch(':id')
  @Roles('city_admin')
  @ApiOperation({ summary: 'Edit a draft; an adopted plan is frozen (409 PLAN_FROZEN: revise it)' })
  @ApiErrors({ 409: ['PLAN_FROZEN'] })
  @ApiOkResponse({ type: PlanDto })
  update(@Param('id', ParseIdPipe) id: number, @Body() dto: UpdatePlanDto, @CurrentUser() user: AuthUser): Promise<PlanDto> {
    return this.plans.update(id, dto, user);
  }

  @Post(':id/adopt')
  @Roles('city_admin')
  @HttpCode(200)
  @ApiOperation({ summary: 'Adopt the plan: items 1–7 written, no overlapping adopted plan; the version it revises is superseded' })
  @ApiErrors({ 400: ['PLAN_INCOMPLETE'], 409: ['PLAN_FROZEN', 'PLAN_PERIOD_OVERLAP'] })
  @ApiOkResponse({ type: PlanDto })
  adopt(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<PlanDto> {
    return this.plans.adopt(id, user);
  }

  @Post(':id/revise')
  @Roles('city_admin')
  @ApiOperation({ summary: 'Revise an adopted plan: a new draft version with its reason' })
  @ApiErrors({ 409: ['PLAN_NOT_ADOPTED', 'INVALID_STATE'] })
  @ApiCreatedResponse({ type: PlanDto, description: 'the new draft version' })
  revise(@Param('id', ParseIdPipe) id: number, @Body() dto: RevisePlanDto, @CurrentUser() user: AuthUser): Promise<PlanDto> {
    return this.plans.revise(id, dto, user);
  }

  @Get(':id/years/:year')
  @Roles(...ROLES)
  @ApiParam({ name: 'year', type: 'integer' })
  @ApiOperation({ summary: 'The yearly plan with its tasks, indicators (target vs actual) and statuses' })
  @ApiOkResponse({ type: YearlyPlanDto })
  getYear(@Param('id', ParseIdPipe) id: number, @Param('year') year: string, @CurrentUser() user: AuthUser): Promise<YearlyPlanDto> {
    return this.years.get(id, parseYear(year), user);
  }

  @Put(':id/years/:year')
  @Roles('city_admin')
  @ApiParam({ name: 'year', type: 'integer' })
  @ApiOperation({ summary: 'Create the yearly plan (or update its title and summary) under the adopted basic plan' })
  @ApiErrors({ 409: ['PLAN_NOT_ADOPTED'] })
  @ApiOkResponse({ type: YearlyPlanDto, description: 'updated' })
  @ApiCreatedResponse({ type: YearlyPlanDto, description: 'created' })
  async putYear(@Param('id', ParseIdPipe) id: number, @Param('year') year: string, @Body() dto: YearlyPlanInputDto, @CurrentUser() user: AuthUser, @Res({ passthrough: true }) reply: FastifyReply): Promise<YearlyPlanDto> {
    const r = await this.years.upsert(id, parseYear(year), dto, user);
    void reply.status(r.created ? 201 : 200);
    return r.plan;
  }

  @Post(':id/years/:year')
  @Roles('city_admin')
  @ApiParam({ name: 'year', type: 'integer' })
  @ApiOperation({ summary: 'The same as PUT: create the yearly plan' })
  @ApiErrors({ 409: ['PLAN_NOT_ADOPTED'] })
  @ApiOkResponse({ type: YearlyPlanDto, description: 'it existed: updated' })
  @ApiCreatedResponse({ type: YearlyPlanDto, description: 'created' })
  async postYear(@Param('id', ParseIdPipe) id: number, @Param('year') year: string, @Body() dto: YearlyPlanInputDto, @CurrentUser() user: AuthUser, @Res({ passthrough: true }) reply: FastifyReply): Promise<YearlyPlanDto> {
    return this.putYear(id, year, dto, user, reply);
  }

  @Post(':id/years/:year/tasks')
  @Roles(...ADMIN_ROLES)
  @ApiParam({ name: 'year', type: 'integer' })
  @ApiOperation({ summary: 'Add a task (district admins: their own office’s tasks only)' })
  @ApiErrors({ 403: ['TASK_OUT_OF_SCOPE'], 409: ['PLAN_NOT_ADOPTED'] })
  @ApiCreatedResponse({ type: PlanTaskDto })
  createTask(@Param('id', ParseIdPipe) id: number, @Param('year') year: string, @Body() dto: CreateTaskDto, @CurrentUser() user: AuthUser): Promise<PlanTaskDto> {
    return this.years.createTask(id, parseYear(year), dto, user);
  }

  @Patch(':id/years/:year/tasks/:taskId')
  @Roles(...ADMIN_ROLES)
  @ApiParam({ name: 'year', type: 'integer' })
  @ApiOperation({ summary: 'Update a task, its budget spent and its indicators (district admins: their own office’s tasks only)' })
  @ApiErrors({ 403: ['TASK_OUT_OF_SCOPE'], 409: ['PLAN_NOT_ADOPTED'] })
  @ApiOkResponse({ type: PlanTaskDto })
  updateTask(@Param('id', ParseIdPipe) id: number, @Param('year') year: string, @Param('taskId', ParseIdPipe) taskId: number, @Body() dto: UpdateTaskDto, @CurrentUser() user: AuthUser): Promise<PlanTaskDto> {
    return this.years.updateTask(id, parseYear(year), taskId, dto, user);
  }

  @Post(':id/years/:year/report')
  @Roles(...ADMIN_ROLES)
  @HttpCode(202)
  @ApiParam({ name: 'year', type: 'integer' })
  @ApiOperation({ summary: 'Build the annual report (연차 보고서) as XLSX and a printable A4 page in the background; repeated while running → the same job' })
  @ApiJob()
  async report(@Param('id', ParseIdPipe) id: number, @Param('year') year: string, @CurrentUser() user: AuthUser): Promise<JobAcceptedDto> {
    const schoolYear = parseYear(year);
    // 404 (or 400 for a year outside the plan) before queueing.
    await this.years.assertExists(id, schoolYear, user);
    // A request made while a run is under way (it may have read the tasks before a change) queues one more run.
    const { jobId, deduplicated, state } = await this.jobs.enqueue(
      JobName.PlanAnnualReport, { requestedBy: user.id, planId: id, schoolYear }, { dedupeKey: `${id}.${schoolYear}.${user.id}`, rerunIfActive: true },
    );
    return { jobId, deduplicated, state, statusUrl: `/api/v1/jobs/${jobId}` };
  }

  @Get(':id/years/:year/report.html')
  @Roles(...ADMIN_ROLES)
  @ApiParam({ name: 'year', type: 'integer' })
  @ApiOperation({ summary: 'The latest annual report built for the year, as a printable A4 page (404 until one is built)' })
  @ApiText('text/html', 'the printable page')
  async reportPage(@Param('id', ParseIdPipe) id: number, @Param('year') year: string, @Res() reply: FastifyReply): Promise<void> {
    const schoolYear = parseYear(year);
    const fileId = await this.years.latestReportPage(id, schoolYear);
    if (!fileId) throw new NotFoundError(`annual report of basic plan ${id} for school year`, schoolYear);
    await reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(await this.files.content(fileId));
  }
}

@ApiTags('plans')
@ApiBearerAuth()
@Controller('indicators')
export class IndicatorsController {
  constructor(private readonly values: IndicatorValues) {}

  @Get()
  @Roles('city_admin', 'district_admin', 'principal')
  @ApiOperation({ summary: "The plan indicators' catalogue with each one's live value, Korean definition and source (city, or one district office; a principal: their school's figures)" })
  @ApiOkResponse({ type: IndicatorCatalogueDto })
  catalogue(@Query() q: IndicatorQuery, @CurrentUser() user: AuthUser): Promise<IndicatorCatalogueDto> {
    if (user.role === 'principal') return this.values.catalogueForSchool(q.year, user.schoolId!);
    return this.values.catalogue(q.year, q.districtOffice ?? null);
  }

  @Get('snapshots')
  @Roles(...ADMIN_ROLES)
  @ApiOperation({ summary: "The year's quarterly snapshots of each indicator (the trend), for the city or one district office" })
  @ApiOkResponse({ type: IndicatorTrendListDto })
  trend(@Query() q: IndicatorQuery): Promise<IndicatorTrendListDto> {
    return this.values.trend(q.year, q.districtOffice ?? null);
  }
}
