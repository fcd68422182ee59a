import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ApiFileUpload, AuthUser, CurrentUser, ParseIdPipe, Public, readUpload, Roles, ROLES, seoulToday } from '@app/core';
import {
  AiServiceDto, ClassEligibilityQuery, ClassRefDto, ConsentNoticeDto, ConsentRecordDto, GuardianAnswerDto, ImportQuery, LetterDto, LettersQuery, StudentDto,
  StudentEligibilityQuery, WithdrawDto,
} from './consent.dto';
import { Eligibility } from './eligibility/eligibility.service';
import { ConsentLetters } from './letters/letters.service';
import { ConsentImport } from './records/consent-import.service';
import { ConsentRecords } from './records/consent-records.service';
import { Roster } from './records/roster.service';
import { AiServices } from './services/ai-services.service';

const STAFF = ['city_admin', 'district_admin', 'principal', 'teacher'] as const;

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
  ) {}

  @Get('services')
  @Roles(...ROLES)
  listServices() {
    return this.services.list();
  }

  @Post('services')
  @Roles('city_admin')
  createService(@Body() dto: AiServiceDto, @CurrentUser() user: AuthUser) {
    return this.services.create(dto, user);
  }

  @Put('services/:id')
  @Roles('city_admin')
  updateService(@Param('id', ParseIdPipe) id: number, @Body() dto: AiServiceDto, @CurrentUser() user: AuthUser) {
    return this.services.update(id, dto, user);
  }

  @Get('services/:id/notices')
  @Roles(...ROLES)
  notices(@Param('id', ParseIdPipe) id: number) {
    return this.services.notices(id);
  }

  @Post('services/:id/notices')
  @Roles('city_admin')
  @ApiOperation({ summary: 'Publish the next notice version for a school year; consents to earlier versions stop counting' })
  publish(@Param('id', ParseIdPipe) id: number, @Body() dto: ConsentNoticeDto, @CurrentUser() user: AuthUser) {
    return this.services.publishNotice(id, dto, user);
  }

  @Post('students')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Add or update a pseudonymous student on the roster (school-issued id, grade, class, birth year and month)' })
  upsertStudent(@Body() dto: StudentDto, @CurrentUser() user: AuthUser) {
    return this.roster.upsert(dto, user);
  }

  @Get('students/:id/records')
  @Roles(...STAFF)
  @ApiOperation({ summary: "A student's consent history, newest first" })
  history(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.records.history(id, user);
  }

  @Get('classes')
  @Roles(...STAFF)
  classList(@Query() q: ClassRefDto, @CurrentUser() user: AuthUser) {
    return this.roster.classList(q.schoolId, q.grade, q.classNo, user).then((items) => ({ items }));
  }

  @Post('records')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Record a guardian\'s decision (a new record; the history is kept)' })
  record(@Body() dto: ConsentRecordDto, @CurrentUser() user: AuthUser) {
    return this.records.record(dto, user);
  }

  @Post('records/withdraw')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Record a withdrawal of consent, effective from its date' })
  withdraw(@Body() dto: WithdrawDto, @CurrentUser() user: AuthUser) {
    return this.records.withdraw(dto, user);
  }

  @Post('records/import')
  @Roles(...STAFF)
  @ApiFileUpload('file', 'CSV/XLSX: 학생ID, 학년, 반, 생년월, 동의 여부, 보호자 관계, 확인 방법, 확인일')
  @ApiOperation({ summary: 'Import returned slips for a class roster, all or nothing' })
  async importRecords(@Query() q: ImportQuery, @Req() req: FastifyRequest, @CurrentUser() user: AuthUser) {
    const { buffer, filename } = await readUpload(req);
    return this.importer.import(q.schoolId, q.serviceId, buffer, filename, user);
  }

  @Post('letters')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'A home letter (가정통신문) for a class: the notice and a return slip with a one-time link per student' })
  createLetter(@Body() dto: LetterDto, @CurrentUser() user: AuthUser) {
    return this.letters.create(dto, user);
  }

  @Get('letters')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Letters with sent / opened / answered counts, within your scope' })
  tracking(@Query() q: LettersQuery, @CurrentUser() user: AuthUser) {
    return this.letters.tracking(user, q.schoolId);
  }

  @Get('letters/:id')
  @Roles(...STAFF)
  letter(@Param('id', ParseIdPipe) id: number, @CurrentUser() user: AuthUser) {
    return this.letters.printable(id, user);
  }

  @Get('eligibility')
  @Roles(...STAFF)
  @ApiOperation({ summary: 'Whether a student may use a service directly on a day, with every reason; each answer is logged' })
  eligibilityOf(@Query() q: StudentEligibilityQuery, @CurrentUser() user: AuthUser) {
    return this.eligibility.forStudent(q.studentId, q.serviceId, q.date ?? seoulToday(), user);
  }

  @Get('eligibility/class')
  @Roles(...STAFF)
  @ApiOperation({ summary: "A class list of eligibility for a service, before a lesson" })
  classEligibility(@Query() q: ClassEligibilityQuery, @CurrentUser() user: AuthUser) {
    return this.eligibility.forClass(q.schoolId, q.grade, q.classNo, q.serviceId, q.date ?? seoulToday(), user);
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
  open(@Param('token') token: string) {
    return this.letters.open(token);
  }

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: "The guardian's answer; the link works once and expires" })
  answer(@Param('token') token: string, @Body() dto: GuardianAnswerDto) {
    return this.letters.answer(token, dto.decision, dto.guardianRelation, dto.guardianName);
  }
}
