import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ApiErrors, ApiFile, ApiFileUpload, AuthUser, CurrentUser, ParseIdPipe, PersonalData, Public, readUpload, recordPersonalData, Roles, ROLES, sendXlsx, seoulToday, XLSX_CONTENT_TYPE,
} from '@app/core';
import {
  AiServiceDto, ClassEligibilityQuery, ClassRefDto, ConsentNoticeDto, ConsentRecordDto, GuardianAnswerDto, ImportQuery, LetterDto, LettersQuery, StudentDto,
  StudentEligibilityQuery, WithdrawDto,
} from './consent.dto';
import {
  AiServiceListDto, AiServiceViewDto, ClassEligibilityDto, ClassRosterDto, ConsentHistoryDto, ConsentLetterDto, ConsentNoticeListDto, ConsentNoticeViewDto,
  ConsentRecordViewDto, GuardianAnswerResultDto, GuardianLetterDto, LetterTrackingListDto, RosterStudentDto, SlipImportResultDto, StudentEligibilityDto,
} from './consent-responses.dto';
import { classEligibilityFileName, classEligibilityWorkbook } from './eligibility/class-eligibility-export';
import { Eligibility } from './eligibility/eligibility.service';
import { ConsentLetters } from './letters/letters.service';
import { ConsentImport } from './records/consent-import.service';
import { ConsentRecords } from './records/consent-records.service';
import { Roster } from './records/roster.service';
import { ConsentOverviewDto, ConsentOverviewQuery } from './overview/consent-overview.dto';
import { ConsentOverview } from './overview/consent-overview.service';
import { AiServices } from './services/ai-services.service';

const STAFF = ['city_admin', 'district_admin', 'principal', 'teacher'] as const;

/** The students a letter's slips are for (the slips name them by the school's code). */
const letterStudents = (c: { result: ConsentLetterDto; sql: (q: string, p: unknown[]) => Promise<{ id: number }[]> }) =>
  c.sql(`SELECT DISTINCT student_id AS id FROM consent_slips WHERE letter_id = $1`, [c.result.id]).then((rows) => rows.map((r) => r.id));

/** The school of the one student a record or decision is about. */
const schoolOf = (c: { result: { studentId: number }; sql: (q: string, p: unknown[]) => Promise<{ schoolId: number }[]> }) =>
  c.sql(`SELECT school_id AS "schoolId" FROM students WHERE id = $1`, [c.result.studentId]).then(([row]) => row?.schoolId ?? null);

/** A school named in the body or query: 404 when it does not exist, 403 outside the caller's scope. */
const SCHOOL_ERRORS = { 403: ['SCHOOL_OUT_OF_SCOPE'], 404: ['NOT_FOUND'] };

@ApiTags('consent')
@ApiBearerAuth()
@Controller('consent')
export class ConsentController {
  constructor(
    private readonly services: AiServices,
    private readonly roster: Roster,
    private readonly records: ConsentRecords,
    private readonly importer: ConsentImport,
    private readonly letters: ConsentLetters,
    private readonly eligibility: Eligibility,
    private readonly overviews: ConsentOverview,
  ) {}

  @Get('services')
  @Roles(...ROLES)
  @ApiOperation({ summary: 'The registry of generative-AI services, with their age rules' })
  listServices(): Promise<AiServiceListDto> {
    return this.services.list();
  }

  @Post('services')
  @Roles('city_admin')
  @ApiOperation({ summary: 'Register a service' })
  @ApiErrors({ 409: ['DUPLICATE'] })
  createService(@Body() dto: AiServiceDto, @CurrentUser() user: AuthUser): Promise<AiServiceViewDto> {
    return this.services.create(dto, user);
  }

  @Put('services/:id')
  @Roles('city_admin')
  @ApiOperation({ summary: "Change a service's rules (or stop it: active false)" })
  @ApiErrors({ 409: ['DUPLICATE'] })
  updateService(@Param('id', ParseIdPipe) id: number, @Body() dto: AiServiceDto, @CurrentUser() user: AuthUser): Promise<AiServiceViewDto> {
    return this.services.update(id, dto, user);
  }

  @Get('services/:id/notices')
  @Roles(...ROLES)
  @ApiOperation({ summary: "A service's consent notices, every version of every school year" })
  listNotices(@Param('id', ParseIdPipe) id: number): Promise<ConsentNoticeListDto> {
    return this.services.notices(id);
  }

  @Post('services/:id/notices')
  @Roles('city_admin')
  @ApiOperation({ summary: 'Publish the next notice version for a school year; consents to earlier versions stop counting' })
  publishNotice(@Param('id', ParseIdPipe) id: number, @Body() dto: ConsentNoticeDto, @CurrentUser() user: AuthUser): Promise<ConsentNoticeViewDto> {
    return this.services.publishNotice(id, dto, user);
  }

  @Post('students')
  @Roles(...STAFF)
  @PersonalData<RosterStudentDto>({ action: 'change', subject: 'student', ids: (c) => [c.result.id], schoolId: (c) => c.result.schoolId })
  @ApiOperation({ summary: 'Add or update a pseudonymous student on the roster (school-issued id, grade, class, birth year and month)' })
  @ApiErrors(SCHOOL_ERRORS)
  upsertStudent(@Body() dto: StudentDto, @CurrentUser() user: AuthUser): Promise<RosterStudentDto> {
    return this.roster.upsert(dto, user);
  }

  @Get('students/:id/records')
  @Roles(...STAFF)
  @PersonalData<ConsentHistoryDto>({ action: 'read', subject: 'student', ids: (c) => [c.result.student.id], schoolId: (c) => c.result.student.schoolId })
  @ApiOperation({ summary: "A student's consent history, newest first" })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'] })
  studentRecords(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<ConsentHistoryDto> {
    return this.records.history(id, user);
  }

  @Get('classes')
  @Roles(...STAFF)
  @PersonalData<ClassRosterDto>({ action: 'read', subject: 'student', ids: (c) => c.result.items.map((i) => i.id), schoolId: (c) => Number(c.query.schoolId) })
  @ApiOperation({ summary: "A class's students on the roster" })
  @ApiErrors(SCHOOL_ERRORS)
  classRoster(@Query() q: ClassRefDto, @CurrentUser() user: AuthUser): Promise<ClassRosterDto> {
    return this.roster.classList(q.schoolId, q.grade, q.classNo, user).then((items) => ({ items }));
  }

  @Post('records')
  @Roles(...STAFF)
  @PersonalData<ConsentRecordViewDto>({ action: 'change', subject: 'student', ids: (c) => [c.result.studentId], schoolId: (c) => schoolOf(c) })
  @ApiOperation({ summary: 'Record a guardian\'s decision (a new record; the history is kept)' })
  @ApiErrors({ 400: ['NO_NOTICE'], ...SCHOOL_ERRORS })
  recordDecision(@Body() dto: ConsentRecordDto, @CurrentUser() user: AuthUser): Promise<ConsentRecordViewDto> {
    return this.records.record(dto, user);
  }

  @Post('records/withdraw')
  @Roles(...STAFF)
  @PersonalData<ConsentRecordViewDto>({ action: 'change', subject: 'student', ids: (c) => [c.result.studentId], schoolId: (c) => schoolOf(c) })
  @ApiOperation({ summary: 'Record a withdrawal of consent, effective from its date' })
  @ApiErrors({ ...SCHOOL_ERRORS, 409: ['NOTHING_TO_WITHDRAW'] })
  recordWithdrawal(@Body() dto: WithdrawDto, @CurrentUser() user: AuthUser): Promise<ConsentRecordViewDto> {
    return this.records.withdraw(dto, user);
  }

  @Post('records/import')
  @Roles(...STAFF)
  @PersonalData<SlipImportResultDto>({ action: 'change', subject: 'student', count: (c) => c.result.received, schoolId: (c) => Number(c.query.schoolId) })
  @ApiFileUpload('file', 'CSV/XLSX: 학생ID, 학년, 반, 생년월, 동의 여부, 보호자 관계, 확인 방법, 확인일')
  @ApiOperation({ summary: 'Import returned slips for a class roster, all or nothing' })
  @ApiErrors({
    400: ['NOT_MULTIPART', 'FILE_MISSING', 'FILE_EMPTY', 'INVALID_FILE', 'EMPTY_FILE', 'IMPORT_REJECTED'],
    ...SCHOOL_ERRORS,
    503: ['UPLOADS_BUSY'],
  })
  async importSlips(@Query() q: ImportQuery, @Req() req: FastifyRequest, @CurrentUser() user: AuthUser): Promise<SlipImportResultDto> {
    const { buffer, filename } = await readUpload(req);
    return this.importer.import(q.schoolId, q.serviceId, buffer, filename, user);
  }

  @Post('letters')
  @Roles(...STAFF)
  @PersonalData<ConsentLetterDto>({ action: 'change', subject: 'student', ids: letterStudents, schoolId: (c) => c.result.schoolId })
  @ApiOperation({ summary: 'A home letter (가정통신문) for a class: the notice and a return slip with a one-time link per student' })
  @ApiErrors({ 400: ['EMPTY_CLASS', 'NO_NOTICE'], ...SCHOOL_ERRORS })
  createLetter(@Body() dto: LetterDto, @CurrentUser() user: AuthUser): Promise<ConsentLetterDto> {
    return this.letters.create(dto, user);
  }

  @Get('letters')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Letters with sent / opened / answered counts, within your scope' })
  @ApiErrors(SCHOOL_ERRORS)
  listLetters(@Query() q: LettersQuery, @CurrentUser() user: AuthUser): Promise<LetterTrackingListDto> {
    return this.letters.tracking(user, q.schoolId);
  }

  @Get('letters/:id')
  @Roles(...STAFF)
  @PersonalData<ConsentLetterDto>({ action: 'print', subject: 'student', ids: letterStudents, schoolId: (c) => c.result.schoolId })
  @ApiOperation({ summary: 'A home letter to print: the notice and every return slip with its one-time link' })
  @ApiErrors({ 403: ['SCHOOL_OUT_OF_SCOPE'] })
  getLetter(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser): Promise<ConsentLetterDto> {
    return this.letters.printable(id, user);
  }

  @Get('eligibility')
  @Roles(...STAFF)
  @PersonalData<StudentEligibilityDto>({ action: 'read', subject: 'student', ids: (c) => [c.result.studentId], schoolId: (c) => schoolOf(c) })
  @ApiOperation({ summary: 'Whether a student may use a service directly on a day, with every reason; each answer is logged' })
  @ApiErrors(SCHOOL_ERRORS)
  studentEligibility(@Query() q: StudentEligibilityQuery, @CurrentUser() user: AuthUser): Promise<StudentEligibilityDto> {
    return this.eligibility.forStudent(q.studentId, q.serviceId, q.date ?? seoulToday(), user);
  }

  @Get('eligibility/class')
  @Roles(...STAFF)
  @PersonalData<ClassEligibilityDto>({ action: 'read', subject: 'student', ids: (c) => c.result.items.map((i) => i.studentId), schoolId: (c) => c.result.schoolId })
  @ApiOperation({ summary: "A class list of eligibility for a service, before a lesson" })
  @ApiErrors(SCHOOL_ERRORS)
  classEligibility(@Query() q: ClassEligibilityQuery, @CurrentUser() user: AuthUser): Promise<ClassEligibilityDto> {
    return this.eligibility.forClass(q.schoolId, q.grade, q.classNo, q.serviceId, q.date ?? seoulToday(), user);
  }

  @Get('eligibility/class.xlsx')
  @Roles(...STAFF)
  @PersonalData({ action: 'download', subject: 'student', manual: true })
  @ApiOperation({ summary: 'The same class list as XLSX (pseudonymous student ids, each with the reasons that fail); each answer is logged' })
  @ApiFile(XLSX_CONTENT_TYPE, 'AI_이용_가능_명단_{school}_{grade}학년_{class}반_{service}_{date}.xlsx')
  @ApiErrors(SCHOOL_ERRORS)
  async classEligibilityXlsx(@Query() q: ClassEligibilityQuery, @CurrentUser() user: AuthUser, @Req() req: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const sheet = await this.eligibility.forClassSheet(q.schoolId, q.grade, q.classNo, q.serviceId, q.date ?? seoulToday(), user);
    await recordPersonalData(req, { ids: sheet.items.map((i) => i.studentId), schoolId: q.schoolId });
    await sendXlsx(reply, classEligibilityFileName(sheet), await classEligibilityWorkbook(sheet));
  }

  @Get('overview')
  @Roles(...STAFF)
  @ApiOperation({
    summary: '동의 현황: per district office, district, school or class, the students on the roster, how many may use the service on the day, and the guardians\' answers',
    description: 'City administrators see every school, district administrators their office\'s, principals and teachers their own school. Drill down with office, district and schoolId.',
  })
  @ApiErrors(SCHOOL_ERRORS)
  overview(@Query() q: ConsentOverviewQuery, @CurrentUser() user: AuthUser): Promise<ConsentOverviewDto> {
    return this.overviews.overview(q, q.date ?? seoulToday(), user, { lagTolerant: true });
  }
}

/** Guardians have no account: the one-time link on the slip is the credential. */
@ApiTags('consent')
@Controller('consent/respond/:token')
export class GuardianController {
  constructor(private readonly letters: ConsentLetters) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The notice behind a one-time link (marks the slip opened)' })
  @ApiErrors({ 404: ['NOT_FOUND'], 409: ['LINK_EXPIRED'], 429: ['TOO_MANY_REQUESTS'] })
  openGuardianLink(@Param('token') token: string, @Req() req: FastifyRequest): Promise<GuardianLetterDto> {
    return this.letters.guarded(req.ip, () => this.letters.open(token));
  }

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: "The guardian's answer; the link works once and expires" })
  @ApiErrors({ 404: ['NOT_FOUND'], 409: ['LINK_USED', 'LINK_EXPIRED'], 429: ['TOO_MANY_REQUESTS'] })
  answerGuardianLink(@Param('token') token: string, @Body() dto: GuardianAnswerDto, @Req() req: FastifyRequest): Promise<GuardianAnswerResultDto> {
    return this.letters.guarded(req.ip, () => this.letters.answer(token, dto.decision, dto.guardianRelation, dto.guardianName));
  }
}
