import { Body, Controller, Get, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ADMIN_ROLES, ApiErrors, ApiFile, ApiFileUpload, AuthUser, CurrentUser, datedName, NotFoundError, ParseIdPipe, PersonalData, readUpload, recordPersonalData, ROLES, Roles,
  sendXlsx, ValidationFailedError, XLSX_CONTENT_TYPE,
} from '@app/core';
import { DUPLICATE_POLICIES, DuplicatePolicy, CompletionImportService } from './completions/completion-import.service';
import { CreateCourseDto, PathwayDto } from './courses/course.dto';
import { CoursesService } from './courses/courses.service';
import { participantsWorkbook } from './records/participants-export';
import { ParticipantFilter, TrainingRecordsService } from './records/training-records.service';
import { TRAINING_LEVELS, TrainingLevel } from './training-terms';
import { CompletionImportResultDto, CourseDto, ParticipantPageDto, PathwayViewDto, TrainingRecordDto, TrainingStatsDto } from './training-responses.dto';

const intOrUndefined = (v: string | undefined, field: string): number | undefined => {
  if (v === undefined || v === '') return undefined;
  if (!/^\d{1,9}$/.test(v)) throw new ValidationFailedError(`${field} must be a whole number`, [{ field, reason: `got '${v}'` }]);
  return Number(v);
};

/** The participants list's filters from the query string, for the list and its export alike. */
const participantFilter = (q?: string, schoolId?: string): ParticipantFilter => ({ search: q?.slice(0, 100), schoolId: intOrUndefined(schoolId, 'schoolId') });

const LIST_MANAGERS = ['city_admin', 'district_admin', 'principal'] as const;

@ApiTags('training')
@ApiBearerAuth()
@Controller('training')
export class TrainingController {
  constructor(
    private readonly courses: CoursesService,
    private readonly importer: CompletionImportService,
    private readonly records: TrainingRecordsService,
  ) {}

  @Get('courses')
  @Roles(...ROLES)
  @ApiQuery({ name: 'schoolYear', required: false, type: 'integer' })
  @ApiQuery({ name: 'level', required: false, enum: TRAINING_LEVELS })
  @ApiOperation({ summary: 'Courses, newest school year first' })
  listCourses(@Query('schoolYear') schoolYear?: string, @Query('level') level?: string): Promise<CourseDto[]> {
    if (level && !TRAINING_LEVELS.includes(level as TrainingLevel)) throw new ValidationFailedError('Unknown level', [{ field: 'level', reason: `one of ${TRAINING_LEVELS.join(', ')}` }]);
    return this.courses.list({ schoolYear: intOrUndefined(schoolYear, 'schoolYear'), level });
  }

  @Post('courses')
  @Roles('city_admin')
  @ApiOperation({ summary: 'Add a course with its sessions and badge texts' })
  @ApiErrors({ 409: ['DUPLICATE'] })
  createCourse(@Body() dto: CreateCourseDto, @CurrentUser() user: AuthUser): Promise<CourseDto> {
    return this.courses.create(dto, user);
  }

  @Get('courses/:id')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'One course with its sessions' })
  getCourse(@Param('id', ParseIdPipe) id: number): Promise<CourseDto> {
    return this.courses.get(id);
  }

  @Get('pathways')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The courses each level requires' })
  pathways(): Promise<PathwayViewDto[]> {
    return this.courses.pathways();
  }

  @Put('pathways/:level')
  @Roles('city_admin')
  @ApiOperation({ summary: "Set the courses a level requires; completing them all earns the level's badge" })
  setPathway(@Param('level') level: string, @Body() dto: PathwayDto, @CurrentUser() user: AuthUser): Promise<PathwayViewDto[]> {
    if (!TRAINING_LEVELS.includes(level as TrainingLevel)) throw new NotFoundError('level', level);
    return this.courses.setPathway(level as TrainingLevel, dto, user);
  }

  @Post('completions/import')
  @Roles('city_admin')
  @PersonalData<CompletionImportResultDto>({ action: 'change', subject: 'training_participant', count: (c) => c.result.received })
  @ApiFileUpload()
  @ApiQuery({ name: 'duplicates', enum: DUPLICATE_POLICIES, required: false, description: 'same person + course + session again: skip (default), replace, or reject the file' })
  @ApiOperation({ summary: 'Import completions (CSV/XLSX, UTF-8/BOM/CP949); all or nothing; badges follow in a background job' })
  async importCompletions(@Req() req: FastifyRequest, @CurrentUser() user: AuthUser, @Query('duplicates') duplicates = 'skip'): Promise<CompletionImportResultDto> {
    if (!DUPLICATE_POLICIES.includes(duplicates as DuplicatePolicy)) {
      throw new ValidationFailedError('Unknown duplicate policy', [{ field: 'duplicates', reason: `one of ${DUPLICATE_POLICIES.join(', ')}` }]);
    }
    const { buffer, filename } = await readUpload(req);
    return this.importer.import(buffer, filename, duplicates as DuplicatePolicy, user);
  }

  @Get('me')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'My training record: courses, hours per level and year, badges, the next level' })
  @ApiErrors({ 404: ['NOT_FOUND'] })
  async me(@CurrentUser() user: AuthUser): Promise<TrainingRecordDto> {
    return this.records.record(await this.records.myParticipant(user));
  }

  @Get('participants')
  @Roles(...LIST_MANAGERS)
  @PersonalData<ParticipantPageDto>({ action: 'read', subject: 'training_participant', ids: (c) => c.result.items.map((p) => p.id) })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'schoolId', required: false, type: 'integer' })
  @ApiQuery({ name: 'page', required: false, type: 'integer' })
  @ApiQuery({ name: 'pageSize', required: false, type: 'integer' })
  participants(@CurrentUser() user: AuthUser, @Query('q') q?: string, @Query('schoolId') schoolId?: string, @Query('page') page?: string, @Query('pageSize') pageSize?: string): Promise<ParticipantPageDto> {
    return this.records.participants(user, {
      ...participantFilter(q, schoolId),
      page: intOrUndefined(page, 'page') || 1,
      pageSize: Math.min(intOrUndefined(pageSize, 'pageSize') || 50, 500),
    });
  }

  @Get('participants/export.xlsx')
  @Roles(...LIST_MANAGERS)
  @PersonalData({ action: 'download', subject: 'training_participant', manual: true })
  @ApiQuery({ name: 'q', required: false })
  @ApiQuery({ name: 'schoolId', required: false, type: 'integer' })
  @ApiOperation({ summary: 'The participants list as XLSX, with the same filters: every matching person you may see, not one page' })
  @ApiFile(XLSX_CONTENT_TYPE, '연수_참여자_{YYYY-MM-DD}.xlsx')
  @ApiErrors({ 422: ['EXPORT_TOO_LARGE'] })
  async participantsExport(@CurrentUser() user: AuthUser, @Req() req: FastifyRequest, @Res() reply: FastifyReply, @Query('q') q?: string, @Query('schoolId') schoolId?: string): Promise<void> {
    const rows = await this.records.allParticipants(user, participantFilter(q, schoolId));
    await recordPersonalData(req, { ids: rows.map((r) => r.id) });
    await sendXlsx(reply, datedName('연수_참여자', 'training-participants'), await participantsWorkbook(rows));
  }

  @Get('participants/:id')
  @Roles(...ROLES)
  @PersonalData<TrainingRecordDto>({
    action: 'read',
    subject: 'training_participant',
    ids: (c) => [c.result.participant.id],
    schoolId: (c) => c.result.participant.schoolId,
    // A teacher opening their own record reads their own data.
    self: (c) => c.result.participant.userId === c.user.id,
  })
  @ApiOperation({ summary: "A person's training record (teachers: their own only)" })
  @ApiErrors({ 403: ['PARTICIPANT_OUT_OF_SCOPE'] })
  async participant(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<TrainingRecordDto> {
    return this.records.record(await this.records.participantFor(user, id));
  }

  @Get('stats')
  @Roles(...ADMIN_ROLES)
  @ApiQuery({ name: 'schoolYear', required: false, type: 'integer' })
  @ApiOperation({ summary: 'Participants and hours by level, mode, office and school; share of teachers per level' })
  stats(@CurrentUser() user: AuthUser, @Query('schoolYear') schoolYear?: string): Promise<TrainingStatsDto> {
    return this.records.stats(user, intOrUndefined(schoolYear, 'schoolYear'));
  }
}
